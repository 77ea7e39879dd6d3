package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.CubicConvolution;

/**
 * Traces brought from their own time axis (the output axis for modelled data, the file's for
 * recorded data) straight to the propagator's time levels {@code n · dt} for injection at the
 * receivers, without a trip through any other interval. Where the trace's interval is at least
 * dt (the usual case) the levels are interpolated: four-point cubic convolution (Keys,
 * a = −0.5), exact where a level falls on a sample (the output interval is a whole number of
 * steps). Where it is finer, the levels would alias: they are taken through the anti-alias
 * low-pass of {@link LowPassResampler}. Zero before the first sample and after the last.
 */
public final class TraceUpsampler {

    private TraceUpsampler() {
    }

    /**
     * @param trace samples on {@code axis}
     * @param axis the trace's time axis in seconds
     * @param dtS internal step in seconds
     * @param levels number of levels wanted (0 .. levels − 1)
     */
    public static float[] toLevels(float[] trace, Sampling axis, double dtS, int levels) {
        return sampler(trace, axis, dtS).levels(levels);
    }

    /**
     * The trace at any level, evaluated when asked ({@link LevelSampler}): the same floats as
     * {@link #toLevels}, which is this at every level.
     *
     * @param trace samples on {@code axis} (kept, not copied)
     * @param axis the trace's time axis in seconds
     * @param dtS internal step in seconds
     */
    static LevelSampler sampler(float[] trace, Sampling axis, double dtS) {
        if (axis.delta() < dtS * (1 - 1e-9)) {
            return LowPassResampler.sampler(trace, axis, dtS);
        }
        return l -> interpolated(trace, axis, dtS, l);
    }

    /** Cubic convolution at level {@code l}: the sample itself where the level falls on one. */
    private static float interpolated(float[] trace, Sampling axis, double dtS, int l) {
        int n = trace.length;
        double f = axis.fractionalIndex(l * dtS);
        if (f < -1e-9 || f > n - 1 + 1e-9) {
            return 0;
        }
        int i = (int) Math.floor(f + 1e-9);
        double t = f - i;
        if (t < 1e-9) {
            return trace[Math.min(i, n - 1)];
        }
        double sum = 0;
        for (int k = -1; k <= 2; k++) {
            int j = i + k;
            if (j >= 0 && j < n) {
                sum += trace[j] * CubicConvolution.weight(t - k);
            }
        }
        return (float) sum;
    }
}
