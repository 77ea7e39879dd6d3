package io.seiswork.core.time;

/**
 * The four-point cubic convolution kernel of Keys (1981) with a = −0.5 (Catmull–Rom): third-order
 * accurate, exact on the samples, and the one interpolation Seiswork uses between time axes
 * (engine levels to output samples, recorded samples back to engine levels for migration).
 */
public final class CubicConvolution {

    private CubicConvolution() {
    }

    /** The kernel's weight at distance {@code x} samples (zero beyond two samples). */
    public static double weight(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return (1.5 * a - 2.5) * a * a + 1;
        }
        if (a < 2) {
            return ((-0.5 * a + 2.5) * a - 4) * a + 2;
        }
        return 0;
    }

    /**
     * The weights of samples {@code i − 1, i, i + 1, i + 2} for a point at {@code i + f},
     * {@code 0 <= f < 1}, written into {@code w[0..3]}.
     */
    public static void weights(double f, double[] w) {
        w[0] = ((-0.5 * f + 1.0) * f - 0.5) * f;
        w[1] = (1.5 * f - 2.5) * f * f + 1.0;
        w[2] = ((-1.5 * f + 2.0) * f + 0.5) * f;
        w[3] = (0.5 * f - 0.5) * f * f;
    }
}
