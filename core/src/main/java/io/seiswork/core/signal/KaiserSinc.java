package io.seiswork.core.signal;

/**
 * The Kaiser-windowed sinc, the one band-limited kernel Seiswork uses: Hicks' (2002) point
 * spreads in space ({@code PointSpread}) and the anti-alias low-pass that brings finely sampled
 * recorded traces to the propagator's coarser time step ({@code LowPassResampler}).
 *
 * <p>The Kaiser window {@code I0(β √(1 − q²)) / I0(β)} for |q| < 1 trades main-lobe width against
 * side-lobe height through β alone (Kaiser 1974): β ≈ 0.1102 (A − 8.7) gives A dB of stop-band
 * attenuation for a windowed-sinc filter.
 */
public final class KaiserSinc {

    private KaiserSinc() {
    }

    /** The normalised sinc, sin(πx) / (πx), 1 at x = 0 (x dimensionless). */
    public static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Kaiser window of parameter {@code beta} at {@code q} half-widths from its centre; 0 for |q| ≥ 1. */
    public static double window(double q, double beta) {
        if (Math.abs(q) >= 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(1 - q * q)) / besselI0(beta);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (to 1e-17 relative). */
    public static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 100; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
