package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.wavelet.Wavelet;

/**
 * Closed-form solutions of {@code (1/v²) ∂²p/∂t² − ∇²p = f(t) δ(x − xs)} in a homogeneous
 * medium at rest before t = 0 (f(t) = 0 for t < 0), independent of the engine.
 */
final class AnalyticGreen {

    private AnalyticGreen() {
    }

    /** 3D: p(r, t) = f(t − r/v) / (4π r). */
    static double p3d(Wavelet f, double rM, double vMps, double tS) {
        double tau = tS - rM / vMps;
        return tau < 0 ? 0 : f.amplitude(tau) / (4 * Math.PI * rM);
    }

    /**
     * 2D: p(r, t) = (1/2π) ∫ f(t − τ) H(τ − r/v) / √(τ² − r²/v²) dτ. With τ = (r/v) cosh u the
     * integrable singularity disappears: p = (1/2π) ∫₀^U f(t − (r/v) cosh u) du, U = acosh(t v / r).
     * Composite Simpson rule with a step fine enough for the wavelet.
     */
    static double p2d(Wavelet f, double rM, double vMps, double tS) {
        double t0 = rM / vMps;
        if (tS <= t0) {
            return 0;
        }
        double upper = acosh(tS / t0);
        // dτ/du = t0 sinh u ≤ t; resolve the wavelet's highest frequency with ~200 points per period.
        int n = (int) Math.ceil(upper * tS * f.highestFrequencyHz() * 200) + 200;
        n += n % 2;
        double h = upper / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double uu = i * h;
            double tau = tS - t0 * Math.cosh(uu);
            double val = tau < 0 ? 0 : f.amplitude(tau);
            double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * val;
        }
        return sum * h / 3 / (2 * Math.PI);
    }

    /** A trace of {@link #p2d} or {@link #p3d} on {@code timeS}. */
    static float[] trace(boolean threeD, Wavelet f, double rM, double vMps, Sampling timeS) {
        float[] out = new float[timeS.count()];
        for (int i = 0; i < out.length; i++) {
            double t = timeS.value(i);
            out[i] = (float) (threeD ? p3d(f, rM, vMps, t) : p2d(f, rM, vMps, t));
        }
        return out;
    }

    private static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }
}
