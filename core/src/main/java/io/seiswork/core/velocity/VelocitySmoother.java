package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * Smooths a velocity model with a separable Gaussian, the usual way to derive a migration
 * velocity from a detailed model: it keeps the travel times (long wavelengths) and removes the
 * sharp contrasts that would otherwise make the migration see reflectors twice. The slowness
 * (1/v) is smoothed rather than the velocity, because travel time is linear in slowness.
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
     * deviations. A window smoothed with this many cells of its neighbours around it (clipped to
     * the grid) equals the whole model smoothed, there.
     */
    public static int haloCells(double lengthM, double spacingM) {
        return radiusCells(lengthM / spacingM);
    }

    private static int radiusCells(double sigmaCells) {
        return Math.max(0, (int) Math.ceil(3 * sigmaCells));
    }

    /** Convolves every line along {@code axis} (0 = x, 1 = y, 2 = z) with a normalised Gaussian. */
    private static void smoothAxis(float[] a, Grid g, int axis, double sigmaCells) {
        int radius = radiusCells(sigmaCells);
        if (radius < 1) {
            return;
        }
        double[] w = new double[radius + 1];
        for (int k = 0; k <= radius; k++) {
            w[k] = Math.exp(-0.5 * k * k / (sigmaCells * sigmaCells));
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
        // The taps k = -radius..radius and their sum, added in that order as every output adds them.
        double[] taps = new double[2 * radius + 1];
        double norm = 0;
        for (int k = -radius; k <= radius; k++) {
            taps[k + radius] = w[Math.abs(k)];
            norm += taps[k + radius];
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
                if (i >= radius && i + radius < n) {
                    for (int k = 0, j = i - radius; k < taps.length; k++, j++) {
                        sum += taps[k] * line[j];
                    }
                } else {
                    for (int k = -radius; k <= radius; k++) {
                        sum += taps[k + radius] * line[Math.clamp(i + k, 0, n - 1)];
                    }
                }
                a[start + i * stride] = (float) (sum / norm);
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
