package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.signal.KaiserSinc;

/**
 * Brings a trace sampled finer than the propagator's step to the levels {@code n · dt} without
 * aliasing: taking every k-th sample, or interpolating at the levels, would fold the energy
 * between the level's Nyquist {@code f_N = 1 / (2 dt)} and the data's own into the band. Each level
 * is instead the convolution of the samples with a low-pass kernel evaluated at its time,
 *
 * <pre>  out(t) = Σ_j d_j · Δ · h(t − t_j),   h(τ) = 2 f_c sinc(2 f_c τ) · w(τ / T)</pre>
 *
 * (Δ the data's interval in seconds, w the Kaiser window of half-length T), which filters and
 * resamples in one pass, for any ratio of the two intervals.
 *
 * <p>Design (Kaiser 1974): pass band up to 0.8 f_N (ripple 1e-4), stop band from f_N (80 dB down),
 * so the cut-off f_c = 0.9 f_N, β = 0.1102 (80 − 8.7) = 7.857 and the kernel's length
 * (80 − 8) / (2.285 · 2π · 0.2 f_N), about 50 dt. The wavelet's band lies well inside the pass
 * band: the grid's points-per-wavelength check keeps f_max ≤ v_min / (4 h), and dt, at most 0.8 of
 * the CFL limit, gives a Nyquist frequency 1 / (2 dt) of at least v_max / (2 h), twice that.
 * Energy between 0.8 and 1.2 f_N folds into the transition band only, above the pass band.
 *
 * <p>The kernel is tabulated once in units of dt (1024 points a step, linear interpolation:
 * relative error about 1e-6); a level costs about 50 dt / Δ multiply-adds. Samples before 0 s are
 * left out (the medium is at rest before the shot), and the trace counts as 0 beyond its ends.
 */
public final class LowPassResampler {

    /** Pass-band edge as a fraction of the levels' Nyquist frequency. */
    static final double PASS = 0.8;
    /** Stop-band edge as a fraction of the levels' Nyquist frequency. */
    static final double STOP = 1.0;
    /** Stop-band attenuation in dB. */
    static final double ATTENUATION_DB = 80;

    /** Cut-off in cycles per dt: the middle of the transition band, (0.8 + 1.0) / 2 · 1/2. */
    private static final double CUTOFF = (PASS + STOP) / 4;
    private static final double BETA = 0.1102 * (ATTENUATION_DB - 8.7);
    /** Half-length of the kernel in steps dt: half of Kaiser's length for a transition of 0.2 f_N = 0.1 / dt. */
    private static final double HALF_LENGTH = (ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * (STOP - PASS) / 2) / 2;
    private static final int PER_STEP = 1024;
    /** h(u · dt) · dt for u = i / PER_STEP, i = 0 .. HALF_LENGTH · PER_STEP + 1 (even kernel: u ≥ 0 only). */
    private static final double[] TABLE = table();

    private LowPassResampler() {
    }

    /**
     * @param trace samples on {@code axis}
     * @param axis the trace's time axis in seconds, its interval finer than {@code dtS}
     * @param dtS the propagator's step in seconds
     * @param levels number of levels wanted (0 .. levels − 1)
     * @return the trace low-passed below the levels' Nyquist frequency, at the levels
     */
    public static float[] toLevels(float[] trace, Sampling axis, double dtS, int levels) {
        return sampler(trace, axis, dtS).levels(levels);
    }

    /**
     * The low-passed trace at any level, evaluated when asked ({@link LevelSampler}): the same
     * floats as {@link #toLevels}, which is this at every level. About 50 dt / Δ multiply-adds a
     * level.
     *
     * @param trace samples on {@code axis} (kept, not copied)
     * @param axis the trace's time axis in seconds, its interval finer than {@code dtS}
     * @param dtS the propagator's step in seconds
     */
    static LevelSampler sampler(float[] trace, Sampling axis, double dtS) {
        if (!(axis.delta() < dtS)) {
            throw new IllegalArgumentException("the trace's interval " + axis.delta() + " s is not finer than the step "
                    + dtS + " s: interpolate instead (TraceUpsampler)");
        }
        int n = trace.length;
        double ratio = axis.delta() / dtS;
        double reach = HALF_LENGTH * dtS;
        // The first sample at or after 0 s.
        int start = Math.max(0, (int) Math.ceil(axis.fractionalIndex(0) - 1e-9));
        return l -> {
            double t = l * dtS;
            int lo = Math.max(start, (int) Math.ceil(axis.fractionalIndex(t - reach)));
            int hi = Math.min(n - 1, (int) Math.floor(axis.fractionalIndex(t + reach)));
            double sum = 0;
            for (int j = lo; j <= hi; j++) {
                sum += trace[j] * kernel(Math.abs(t - axis.value(j)) / dtS);
            }
            return (float) (sum * ratio);
        };
    }

    /** h(u · dt) · dt, u ≥ 0 in steps; 0 beyond the kernel's half-length. */
    static double kernel(double u) {
        double x = u * PER_STEP;
        int i = (int) x;
        if (i >= TABLE.length - 1) {
            return 0;
        }
        double f = x - i;
        return TABLE[i] + f * (TABLE[i + 1] - TABLE[i]);
    }

    /** The kernel evaluated directly (no table): 2 f_c sinc(2 f_c u) w(u / T), per step dt. */
    static double exactKernel(double u) {
        return 2 * CUTOFF * KaiserSinc.sinc(2 * CUTOFF * u) * KaiserSinc.window(u / HALF_LENGTH, BETA);
    }

    private static double[] table() {
        double[] t = new double[(int) Math.ceil(HALF_LENGTH * PER_STEP) + 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = exactKernel((double) i / PER_STEP);
        }
        return t;
    }
}
