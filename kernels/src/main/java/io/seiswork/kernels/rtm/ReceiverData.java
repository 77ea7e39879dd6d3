package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;

/**
 * What the receiver propagation injects: each recorded trace brought from its own time axis to the
 * propagator's time levels (levels 0 .. nt, {@link TraceUpsampler}) and, for migration, the
 * imaging filter {@code −∂/∂t} applied, in 2D and 3D alike (see {@link ReceiverWavefield} for
 * why: it makes the image of a positive reflection coefficient a positive, zero-phase peak). One
 * definition, {@link ReceiverLevels}, for the CPU's {@link ReceiverWavefield} (level by level as
 * it steps back) and the GPU's {@link CudaShotMigrator} (every level here, uploaded level-major),
 * so both inject the same floats.
 */
public final class ReceiverData {

    private ReceiverData() {
    }

    /**
     * @param trace recorded samples on {@code axis}
     * @param axis the trace's time axis in seconds
     * @param dtS internal step in seconds
     * @param steps nt: levels 0 .. nt are returned
     * @param migration return {@code −∂d/∂t} (per second), the data a migration injects, instead
     *     of d (the exact adjoint of modelling)
     */
    public static float[] levels(float[] trace, Sampling axis, double dtS, int steps, boolean migration) {
        ReceiverLevels levels = new ReceiverLevels(trace, axis, dtS, steps, migration);
        float[] out = new float[steps + 1];
        for (int l = steps; l >= 0; l--) {
            out[l] = levels.next();
        }
        return out;
    }

    /**
     * All receivers' data, level-major: (nt + 1) rows of one value per receiver, row l at level l,
     * so that the values one injection needs are contiguous (the GPU's layout).
     *
     * @param traces recorded traces on {@code axis}, one per receiver
     * @param axis output time axis in seconds
     * @param dtS internal step in seconds
     * @param steps nt
     * @param migration inject {@code −∂d/∂t} (a migration) instead of d
     */
    public static float[] levelMajor(float[][] traces, Sampling axis, double dtS, int steps, boolean migration) {
        return levelMajor(traces, sameAxis(traces.length, axis), dtS, steps, migration);
    }

    /**
     * As {@link #levelMajor(float[][], Sampling, double, int, boolean)}, each trace on its own axis.
     *
     * @param axes the time axis of each trace, in seconds
     */
    public static float[] levelMajor(float[][] traces, Sampling[] axes, double dtS, int steps, boolean migration) {
        int receivers = traces.length;
        float[] out = new float[Math.multiplyExact(steps + 1, receivers)];
        for (int r = 0; r < receivers; r++) {
            float[] d = levels(traces[r], axes[r], dtS, steps, migration);
            for (int l = 0; l <= steps; l++) {
                out[l * receivers + r] = d[l];
            }
        }
        return out;
    }

    /** {@code count} times {@code axis}: traces all on one axis. */
    public static Sampling[] sameAxis(int count, Sampling axis) {
        Sampling[] axes = new Sampling[count];
        java.util.Arrays.fill(axes, axis);
        return axes;
    }
}
