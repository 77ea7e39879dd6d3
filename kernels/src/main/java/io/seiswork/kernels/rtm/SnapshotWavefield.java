package io.seiswork.kernels.rtm;

import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.Propagator;

/**
 * {@link WavefieldStrategy#MEMORY}: the source field cropped to the user's grid every
 * {@code interval} levels, all kept in memory ({@code nt / interval} user-grid arrays, allocated up
 * front).
 */
final class SnapshotWavefield implements SourceWavefield {

    private final PaddedGrid grid;
    private final int interval;
    private final float[][] snapshots;

    /**
     * @param grid the propagator's padded grid
     * @param interval levels between snapshots
     * @param steps nt, the last level
     */
    SnapshotWavefield(PaddedGrid grid, int interval, int steps) {
        this.grid = grid;
        this.interval = interval;
        this.snapshots = new float[steps / interval][grid.user().points()];
    }

    @Override
    public void record(Propagator forward, int level) {
        if (level % interval == 0) {
            grid.cropInto(forward.current(), snapshots[level / interval - 1]);
        }
    }

    @Override
    public float[] at(int level) {
        return snapshots[level / interval - 1];
    }

    @Override
    public void close() {
        // nothing beyond the heap
    }
}
