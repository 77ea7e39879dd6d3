package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * Smooths a velocity model with a separable Gaussian, the usual way to derive a migration
 * velocity from a detailed model: it keeps the travel times (long wavelengths) and removes the
 * sharp contrasts that would otherwise make the migration see reflectors twice. The slowness
 * (1/v) is smoothed rather than the velocity, because travel time is linear in slowness.
 *
 * <p>Each node's value is the Gaussian-weighted mean of the slowness of the nodes of the grid
 * within 3 standard deviations of it: at the model's edges the weights of the nodes that exist
 * are normalised to 1 (no values are invented beyond the edge). So however wide the Gaussian,
 * no node reads more than the whole grid: the reach along an axis is capped at the grid's
 * extent, the work at that of a Gaussian as wide as the grid, and the memory does not grow with
 * the length. Wider and wider Gaussians tend to the mean slowness of the whole model, which a
 * Gaussian much wider than the model gives to within its own flatness over the model
 * (1 - exp(-extent² / 2σ²)).
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

    /**
     * Convolves every line along {@code axis} (0 = x, 1 = y, 2 = z) with a Gaussian normalised
     * over the nodes of the line it reaches.
     */
    private static void smoothAxis(float[] a, Grid g, int axis, double sigmaCells) {
        int n = switch (axis) {
            case 0 -> g.nx();
            case 1 -> g.ny();
            default -> g.nz();
        };
        // Nodes further apart than the line is long never meet: the reach is capped at n - 1.
        int radius = Math.min(radiusCells(sigmaCells), n - 1);
        if (radius < 1) {
            return;
        }
        double[] w = new double[radius + 1];
        for (int k = 0; k <= radius; k++) {
            w[k] = Math.exp(-0.5 * k * k / (sigmaCells * sigmaCells));
        }
        int stride = switch (axis) {
            case 0 -> g.nz();
            case 1 -> g.nx() * g.nz();
            default -> 1;
        };
        // The sum of the weights each node's window holds (fewer near the ends), added in the
        // order every output adds its terms: from the first node of its window to the last.
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = Math.max(0, i - radius), hi = Math.min(n - 1, i + radius); j <= hi; j++) {
                sum += w[Math.abs(j - i)];
            }
            norm[i] = sum;
        }
        double[] line = new double[n];
        int lines = g.points() / n;
        for (int l = 0; l < lines; l++) {
            int start = lineStart(g, axis, l);
            for (int i = 0; i < n; i++) {
                line[i] = a[start + i * stride];
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                int lo = Math.max(0, i - radius);
                int hi = Math.min(n - 1, i + radius);
                for (int j = lo; j < i; j++) {
                    sum += w[i - j] * line[j];
                }
                for (int j = i; j <= hi; j++) {
                    sum += w[j - i] * line[j];
                }
                a[start + i * stride] = (float) (sum / norm[i]);
            }
        }
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
