package io.seiswork.kernels.engine;

import io.seiswork.core.grid.Sampling;

/**
 * The result of modelling one shot: one pressure trace per receiver, in the receivers' order,
 * sampled on {@code timeS}.
 *
 * @param traces {@code traces[receiver][sample]}, pressure in the units of the physics convention
 *     (source term f(t) δ(x − xs))
 * @param timeS output time axis in seconds
 * @param stats cost of the run
 */
public record ShotRecord(float[][] traces, Sampling timeS, RunStats stats) {

    /** Number of receivers. */
    public int receivers() {
        return traces.length;
    }

    /** The trace of receiver {@code r} (the live array). */
    public float[] trace(int r) {
        return traces[r];
    }
}
