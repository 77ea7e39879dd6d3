package io.seiswork.kernels.rtm;

import io.seiswork.kernels.engine.cpu.Propagator;

/**
 * The source wavefield of one shot, recorded while it is propagated forward and handed back, on
 * the user's grid, in decreasing time order while the receiver wavefield runs backwards.
 *
 * <p>Levels are the propagator's time levels (level n at time n·dt); the forward run reports
 * levels 1 .. nt, the imaging asks for multiples of the imaging interval from the largest down.
 */
sealed interface SourceWavefield extends AutoCloseable permits SnapshotWavefield, BoundaryWavefield, DiskWavefield {

    /**
     * Called after every forward step with the propagator at {@code level}.
     *
     * @param forward the source propagation, its current field at {@code level}
     * @param level 1 .. nt
     */
    void record(Propagator forward, int level);

    /**
     * The source field at {@code level}, on the user's grid (z contiguous), or on the
     * propagator's padded grid when {@link #padded()}. Levels must be asked for in strictly
     * decreasing order; the array is reused and valid until the next call.
     */
    float[] at(int level);

    /**
     * Whether {@link #at} returns padded arrays (the propagator's own field: no crop buffer)
     * rather than user-grid ones.
     */
    default boolean padded() {
        return false;
    }

    /** Frees what the strategy holds (scratch files, I/O threads). */
    @Override
    void close();
}
