package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.util.stream.IntStream;

/**
 * Smooths a velocity model with a separable Gaussian, the usual way to derive a migration
 * velocity from a detailed model: it keeps the travel times (long wavelengths) and removes the
 * sharp contrasts that would otherwise make the migration see reflectors twice. The slowness
 * (1/v) is smoothed rather than the velocity, because travel time is linear in slowness.
 *
 * <p>Each node's value is the Gaussian-weighted mean of the slowness of the nodes within 3
 * standard deviations of it, the model's edge values repeated outward where that reaches beyond
 * the grid (the clamp rule: a linear trend is not pulled inward at the top and bottom, as weights
 * renormalised over the nodes that exist, a mirror of the model at its edge, would pull it). The
 * reach is capped at the grid all the same: when the Gaussian reaches beyond the whole line, the
 * weight of every offset beyond an edge is added onto the edge node at once, from precomputed
 * tail sums of the Gaussian, so a node costs min(2r + 1, n) multiply-adds whatever the length,
 * and the memory does not grow with it. Wider and wider Gaussians tend to the clamp rule's limit:
 * along each axis the mean of the line's two end values, so the mean slowness of the model's
 * corners. For a reach shorter than the line the values are bit for bit those of the plain
 * clamped convolution Seiswork used before. Lines are smoothed in parallel (the common fork-join
 * pool); each line's arithmetic is the same on any number of threads, and so are the results.
 */
public final class VelocitySmoother {

    private VelocitySmoother() {
    }

    /**
     * Returns a smoothed copy.
     *
     * @param lengthM standard deviation of the Gaussian in metres; 0 returns a copy
     */
    public static VelocityModel gaussian(VelocityModel model, double lengthM) {
        Grid g = model.grid();
        float[] s = new float[g.points()];
        float[] v = model.values();
        for (int i = 0; i < s.length; i++) {
            s[i] = 1f / v[i];
        }
        if (lengthM > 0) {
            smoothAxis(s, g, 2, lengthM / g.dz());
            smoothAxis(s, g, 0, lengthM / g.dx());
            if (!g.is2d()) {
                smoothAxis(s, g, 1, lengthM / g.dy());
            }
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = 1f / s[i];
        }
        return new VelocityModel(g, s);
    }

    /**
     * How many cells on each side of a node its smoothed value reads along an axis of spacing
     * {@code spacingM} metres: the Gaussian of {@code lengthM} metres is cut at 3 standard
     * deviations (at most {@link Integer#MAX_VALUE}; a caller clips it to its grid). A window
     * smoothed with this many cells of its neighbours around it (clipped to the grid) equals the
     * whole model smoothed, there.
     */
    public static int haloCells(double lengthM, double spacingM) {
        return radiusCells(lengthM / spacingM);
    }

    private static int radiusCells(double sigmaCells) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.ceil(3 * sigmaCells)));
    }

    /** Lines smoothed per parallel task: consecutive lines, so that threads rarely share a cache line. */
    private static final int LINES_PER_TASK = 64;

    /** Beyond this many terms a Gaussian's far tail is summed by Euler-Maclaurin rather than term by term. */
    private static final long DIRECT_TAIL_TERMS = 1 << 20;

    /**
     * Convolves every line along {@code axis} (0 = x, 1 = y, 2 = z) with a normalised Gaussian of
     * {@code sigmaCells} cells cut at 3 of them, the line's end values repeated outward.
     */
    private static void smoothAxis(float[] a, Grid g, int axis, double sigmaCells) {
        int radius = radiusCells(sigmaCells);
        if (radius < 1) {
            return;
        }
        int n = switch (axis) {
            case 0 -> g.nx();
            case 1 -> g.ny();
            default -> g.nz();
        };
        int stride = switch (axis) {
            case 0 -> g.nz();
            case 1 -> g.nx() * g.nz();
            default -> 1;
        };
        LineKernel kernel = radius < n ? clamped(radius, sigmaCells) : folded(n, radius, sigmaCells);
        int lines = g.points() / n;
        int tasks = (lines + LINES_PER_TASK - 1) / LINES_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            double[] line = new double[n];
            for (int l = t * LINES_PER_TASK, end = Math.min(lines, l + LINES_PER_TASK); l < end; l++) {
                int start = lineStart(g, axis, l);
                for (int i = 0; i < n; i++) {
                    line[i] = a[start + i * stride];
                }
                kernel.apply(line, a, start, stride);
            }
        });
    }

    /** Smooths one line (read into {@code line}) and writes it to {@code out} from {@code start} by {@code stride}. */
    @FunctionalInterface
    private interface LineKernel {
        void apply(double[] line, float[] out, int start, int stride);
    }

    /** The Gaussian's weights 0..{@code last}: exp(-k² / 2σ²). */
    private static double[] weights(int last, double sigmaCells) {
        double[] w = new double[last + 1];
        for (int k = 0; k <= last; k++) {
            w[k] = Math.exp(-0.5 * k * k / (sigmaCells * sigmaCells));
        }
        return w;
    }

    /**
     * A reach shorter than the line: the 2r + 1 taps added in order, the index clamped to the
     * line near its ends (the arithmetic of Seiswork's first smoother, kept bit for bit).
     */
    private static LineKernel clamped(int radius, double sigmaCells) {
        double[] w = weights(radius, sigmaCells);
        // The taps k = -radius..radius and their sum, added in that order as every output adds them.
        double[] taps = new double[2 * radius + 1];
        double sumOfTaps = 0;
        for (int k = -radius; k <= radius; k++) {
            taps[k + radius] = w[Math.abs(k)];
            sumOfTaps += taps[k + radius];
        }
        double norm = sumOfTaps;
        return (line, out, start, stride) -> {
            int n = line.length;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                if (i >= radius && i + radius < n) {
                    for (int k = 0, j = i - radius; k < taps.length; k++, j++) {
                        sum += taps[k] * line[j];
                    }
                } else {
                    for (int k = -radius; k <= radius; k++) {
                        sum += taps[k + radius] * line[Math.clamp(i + k, 0, n - 1)];
                    }
                }
                out[start + i * stride] = (float) (sum / norm);
            }
        };
    }

    /**
     * A reach of at least the line's length n: every node reads the whole line, and the offsets
     * beyond an edge, which the clamp rule gives that edge's value, make one term, the edge value
     * times the sum of their weights (tail sums {@code tail[m]} = Σ_{k=m..r} w(k)).
     */
    private static LineKernel folded(int n, int radius, double sigmaCells) {
        double[] w = weights(n - 1, sigmaCells);
        double[] tail = new double[n + 1];
        tail[n] = gaussianSum(n, radius, sigmaCells);
        for (int m = n - 1; m >= 1; m--) {
            tail[m] = tail[m + 1] + w[m];
        }
        double norm = w[0] + 2 * tail[1];
        return (line, out, start, stride) -> {
            for (int i = 0; i < n; i++) {
                double sum = tail[i + 1] * line[0];
                for (int j = 0; j < i; j++) {
                    sum += w[i - j] * line[j];
                }
                for (int j = i; j < n; j++) {
                    sum += w[j - i] * line[j];
                }
                sum += tail[n - i] * line[n - 1];
                out[start + i * stride] = (float) (sum / norm);
            }
        };
    }

    /**
     * Σ_{k=a..b} exp(-k² / 2σ²) for 0 <= a <= b: term by term (smallest first) up to
     * {@value #DIRECT_TAIL_TERMS} terms, else {@link #gaussianSumEulerMaclaurin}, whose error is
     * far below a double's rounding for the σ of some 10^5 cells and more that such a reach needs.
     */
    static double gaussianSum(long a, long b, double sigmaCells) {
        if (b - a < DIRECT_TAIL_TERMS) {
            double sum = 0;
            for (long k = b; k >= a; k--) {
                sum += Math.exp(-0.5 * k * k / (sigmaCells * sigmaCells));
            }
            return sum;
        }
        return gaussianSumEulerMaclaurin(a, b, sigmaCells);
    }

    /**
     * Σ_{k=a..b} f(k), f(x) = exp(-x² / 2σ²), by Euler-Maclaurin: the integral of f from a to b
     * + (f(a) + f(b)) / 2 + (f'(b) - f'(a)) / 12 - (f'''(b) - f'''(a)) / 720; the next term is of
     * order σ^-5.
     */
    static double gaussianSumEulerMaclaurin(long a, long b, double sigmaCells) {
        double s2 = sigmaCells * sigmaCells;
        double root2s = Math.sqrt(2) * sigmaCells;
        double integral = sigmaCells * Math.sqrt(Math.PI / 2) * (erf(b / root2s) - erf(a / root2s));
        double da = a;
        double db = b;
        double fa = Math.exp(-0.5 * da * da / s2);
        double fb = Math.exp(-0.5 * db * db / s2);
        double d1a = -da / s2 * fa;
        double d1b = -db / s2 * fb;
        double d3a = fa * (3 * da / (s2 * s2) - da * da * da / (s2 * s2 * s2));
        double d3b = fb * (3 * db / (s2 * s2) - db * db * db / (s2 * s2 * s2));
        return integral + (fa + fb) / 2 + (d1b - d1a) / 12 - (d3b - d3a) / 720;
    }

    /**
     * The error function for x >= 0, to a double's precision where the Gaussian's cut lies (3σ / √2
     * = 2.13): (2 / √π) e^(-x²) Σ_n x (2x²)^n / (2n + 1)!!, a series of positive terms.
     */
    static double erf(double x) {
        if (x > 6) {
            return 1;  // within 1e-17 of it
        }
        double term = x;
        double sum = x;
        for (int k = 0; term > 1e-18 * sum; k++) {
            term *= 2 * x * x / (2 * k + 3);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    /** Flat index of the first node of line {@code l} along {@code axis}. */
    private static int lineStart(Grid g, int axis, int l) {
        return switch (axis) {
            case 0 -> (l / g.nz()) * g.nx() * g.nz() + l % g.nz();           // l over (y, z)
            case 1 -> l;                                                       // l over (x, z)
            default -> l * g.nz();                                             // l over (y, x)
        };
    }
}
