package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;

/**
 * What the receiver propagation injects: each recorded trace brought from the output axis to the
 * propagator's time levels (levels 0 .. nt, {@link TraceUpsampler}) and, in 2D, differentiated
 * in time (see {@link ReceiverWavefield} for why). One definition for the CPU's
 * {@link ReceiverWavefield} and the GPU's {@link CudaShotMigrator}, so both inject the same
 * floats.
 */
public final class ReceiverData {

    private ReceiverData() {
    }

    /**
     * @param trace recorded samples on {@code axis}
     * @param axis output time axis in seconds
     * @param dtS internal step in seconds
     * @param steps nt: levels 0 .. nt are returned
     * @param differentiate return {@code ∂d/∂t} (per second) instead of d
     */
    public static float[] levels(float[] trace, Sampling axis, double dtS, int steps, boolean differentiate) {
        float[] d = TraceUpsampler.toLevels(trace, axis, dtS, steps + 1);
        return differentiate ? derivative(d, dtS) : d;
    }

    /**
     * All receivers' data, level-major: (nt + 1) rows of one value per receiver, row l at level l,
     * so that the values one injection needs are contiguous (the GPU's layout).
     *
     * @param traces recorded traces on {@code axis}, one per receiver
     * @param axis output time axis in seconds
     * @param dtS internal step in seconds
     * @param steps nt
     * @param differentiate inject {@code ∂d/∂t} (2D)
     */
    public static float[] levelMajor(float[][] traces, Sampling axis, double dtS, int steps, boolean differentiate) {
        int receivers = traces.length;
        float[] out = new float[Math.multiplyExact(steps + 1, receivers)];
        for (int r = 0; r < receivers; r++) {
            float[] d = levels(traces[r], axis, dtS, steps, differentiate);
            for (int l = 0; l <= steps; l++) {
                out[l * receivers + r] = d[l];
            }
        }
        return out;
    }

    /** Centred difference {@code (d[n+1] − d[n−1]) / 2dt}, one-sided at the ends, per second. */
    private static float[] derivative(float[] d, double dtS) {
        float[] out = new float[d.length];
        int n = d.length;
        for (int i = 0; i < n; i++) {
            float next = d[Math.min(n - 1, i + 1)];
            float prev = d[Math.max(0, i - 1)];
            int span = Math.min(n - 1, i + 1) - Math.max(0, i - 1);
            out[i] = span == 0 ? 0 : (float) ((next - prev) / (span * dtS));
        }
        return out;
    }
}
