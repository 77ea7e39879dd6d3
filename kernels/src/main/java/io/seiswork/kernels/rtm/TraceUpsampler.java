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
        if (axis.delta() < dtS * (1 - 1e-9)) {
            return LowPassResampler.toLevels(trace, axis, dtS, levels);
        }
        float[] out = new float[levels];
        int n = trace.length;
        for (int l = 0; l < levels; l++) {
            double f = axis.fractionalIndex(l * dtS);
            if (f < -1e-9 || f > n - 1 + 1e-9) {
                continue;
            }
            int i = (int) Math.floor(f + 1e-9);
            double t = f - i;
            if (t < 1e-9) {
                out[l] = trace[Math.min(i, n - 1)];
                continue;
            }
            double sum = 0;
            for (int k = -1; k <= 2; k++) {
                int j = i + k;
                if (j >= 0 && j < n) {
                    sum += trace[j] * CubicConvolution.weight(t - k);
                }
            }
            out[l] = (float) sum;
        }
        return out;
    }

}
