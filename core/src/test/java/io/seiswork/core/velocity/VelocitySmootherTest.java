package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import org.junit.jupiter.api.Test;

/** {@link VelocitySmoother} against a plain clamped convolution on explicitly padded lines. */
class VelocitySmootherTest {

    private static final Grid G2 = new Grid(41, 1, 23, 10, 10, 8);
    private static final Grid G3 = new Grid(29, 25, 13, 10, 12, 8);

    /**
     * The clamp rule spelt out: slowness smoothed along z, x, then y (3D), each line padded with r
     * copies of its end values on each side (length n + 2r), convolved with the 2r + 1 taps of the
     * Gaussian cut at r = ceil(3σ), divided by their sum, rounded to float after each axis.
     */
    static VelocityModel bruteForceClamp(VelocityModel m, double lengthM) {
        Grid g = m.grid();
        float[] s = new float[g.points()];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1f / m.values()[i];
        }
        axis(s, g, 2, lengthM / g.dz());
        axis(s, g, 0, lengthM / g.dx());
        if (!g.is2d()) {
            axis(s, g, 1, lengthM / g.dy());
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = 1f / s[i];
        }
        return new VelocityModel(g, s);
    }

    private static void axis(float[] s, Grid g, int axis, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        if (r < 1) {
            return;
        }
        double[] taps = new double[2 * r + 1];
        double norm = 0;
        for (int k = -r; k <= r; k++) {
            taps[k + r] = Math.exp(-0.5 * k * k / (sigma * sigma));
            norm += taps[k + r];
        }
        int n = axis == 0 ? g.nx() : axis == 1 ? g.ny() : g.nz();
        int[] other = axis == 0 ? new int[] {g.ny(), g.nz()} : axis == 1 ? new int[] {g.nx(), g.nz()}
                : new int[] {g.nx(), g.ny()};
        double[] padded = new double[n + 2 * r];
        for (int p = 0; p < other[0]; p++) {
            for (int q = 0; q < other[1]; q++) {
                int[] at = new int[n];
                for (int i = 0; i < n; i++) {
                    at[i] = switch (axis) {
                        case 0 -> g.index(i, p, q);
                        case 1 -> g.index(p, i, q);
                        default -> g.index(p, q, i);
                    };
                }
                for (int j = 0; j < padded.length; j++) {
                    padded[j] = s[at[Math.clamp(j - r, 0, n - 1)]];
                }
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int k = 0; k < taps.length; k++) {
                        sum += taps[k] * padded[i + k];
                    }
                    s[at[i]] = (float) (sum / norm);
                }
            }
        }
    }

    /** Reaches shorter than every line: bit for bit the padded convolution (the old smoother's values). */
    @Test
    void aReachShorterThanTheLinesIsThePaddedConvolutionBitForBit() {
        for (double length : new double[] {5, 12, 22, 30}) {
            VelocityModel m3 = FieldWindows.random(G3, 11, 1400, 4600);
            FieldWindows.assertSameBits(bruteForceClamp(m3, length), VelocitySmoother.gaussian(m3, length), "3D " + length);
            VelocityModel m2 = FieldWindows.random(G2, 12, 1400, 4600);
            FieldWindows.assertSameBits(bruteForceClamp(m2, length), VelocitySmoother.gaussian(m2, length), "2D " + length);
        }
    }

    /** Reaches beyond the line (some axes or all): the fold onto the edge nodes is the padded convolution, to rounding. */
    @Test
    void aReachBeyondTheLineIsThePaddedConvolution() {
        for (double length : new double[] {40, 70, 150, 400, 2000}) {
            for (Grid g : new Grid[] {G2, G3}) {
                VelocityModel m = FieldWindows.random(g, 13, 1400, 4600);
                float[] expected = bruteForceClamp(m, length).values();
                float[] actual = VelocitySmoother.gaussian(m, length).values();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2e-6 * expected[i], "length " + length + " node " + i);
                }
            }
        }
    }

    /**
     * v = 1500 + 0.6 z on 10 m cells smoothed by 150 m: at the top and bottom the clamp rule keeps
     * the trend's end values near (1534 and 2663 m/s against 1500 and 2700), where weights
     * renormalised over the existing nodes (a mirror) pulled them 0.8 σ inward (1568 and 2629).
     */
    @Test
    void aLinearTrendIsNotPulledInwardAtTheEdges() {
        Grid g = Grid.of2d(3, 201, 10);
        float[] v = new float[g.points()];
        for (int ix = 0; ix < g.nx(); ix++) {
            for (int iz = 0; iz < g.nz(); iz++) {
                v[g.index(ix, 0, iz)] = (float) (1500 + 0.6 * 10 * iz);
            }
        }
        VelocityModel m = new VelocityModel(g, v);
        VelocityModel s = VelocitySmoother.gaussian(m, 150);
        FieldWindows.assertSameBits(bruteForceClamp(m, 150), s, "the clamp rule");
        assertEquals(1534, s.at(1, 0, 0), 1);
        assertEquals(2663, s.at(1, 0, 200), 1);
        assertEquals(2096.2, s.at(1, 0, 100), 0.1, "the middle: 2100 m/s less the slowness average's bias");
    }

    /**
     * A Gaussian far wider than the model tends to the clamp rule's limit: along each axis the
     * mean of the line's two end values, so the mean slowness of the model's corners.
     */
    @Test
    void aHugeGaussianTendsToTheMeanSlownessOfTheCorners() {
        for (Grid g : new Grid[] {G2, G3}) {
            VelocityModel m = FieldWindows.random(g, 9, 1400, 4600);
            double corners = 0;
            int count = 0;
            for (int ix : new int[] {0, g.nx() - 1}) {
                for (int iy : g.is2d() ? new int[] {0} : new int[] {0, g.ny() - 1}) {
                    for (int iz : new int[] {0, g.nz() - 1}) {
                        corners += 1.0 / m.at(ix, iy, iz);
                        count++;
                    }
                }
            }
            double limit = count / corners;
            long start = System.nanoTime();
            VelocityModel s = VelocitySmoother.gaussian(m, 1e9);
            assertTrue(System.nanoTime() - start < 5e9, "bounded time");
            assertEquals(limit, s.min(), 1e-4 * limit);
            assertEquals(limit, s.max(), 1e-4 * limit);
        }
    }

    /** The far tail's sum by Euler-Maclaurin is the term-by-term sum, to a double's rounding. */
    @Test
    void theFarTailSumIsTheTermByTermSum() {
        for (double sigma : new double[] {1e4, 5e5, 4e6}) {
            long b = (long) Math.ceil(3 * sigma);
            for (long a : new long[] {1, 100, 5000}) {
                double direct = 0;
                for (long k = b; k >= a; k--) {
                    direct += Math.exp(-0.5 * k * k / (sigma * sigma));
                }
                assertEquals(direct, VelocitySmoother.gaussianSumEulerMaclaurin(a, b, sigma), 1e-11 * direct,
                        "sigma " + sigma + " from " + a);
            }
        }
        assertEquals(0.8427007929497149, VelocitySmoother.erf(1), 1e-15);
        assertEquals(0.9973002039367398, VelocitySmoother.erf(3 / Math.sqrt(2)), 1e-15);
    }
}
