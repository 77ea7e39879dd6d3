package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * {@link WavefieldStrategy#DISK}: the snapshots of {@link SnapshotWavefield} written to a scratch
 * file in a directory the caller chooses, for models whose snapshots do not fit in memory.
 *
 * <p>The I/O is {@link SpillFile}'s: asynchronous and double-buffered on one background thread,
 * each snapshot (user grid, z fastest) cropped straight into a direct buffer and written while
 * the propagator computes the next {@code interval} steps; during imaging the next-older
 * snapshot is read ahead while the current one is used. The floats read back are the floats
 * written, so the image equals the in-memory strategy's exactly. Heap: one user-grid array (the
 * snapshot handed to the imaging). The file is deleted on {@link #close()}; nothing is
 * allocated per snapshot.
 */
final class DiskWavefield implements SourceWavefield {

    private final PaddedGrid grid;
    private final int interval;
    private final SpillFile spill;
    private final float[] user;

    /**
     * @param grid the propagator's padded grid
     * @param interval levels between snapshots
     * @param scratchDir directory for the scratch file (created if needed)
     */
    DiskWavefield(PaddedGrid grid, int interval, Path scratchDir) {
        this.grid = grid;
        this.interval = interval;
        this.user = new float[grid.user().points()];
        this.spill = new SpillFile(scratchDir, ".snapshots", user.length, 2);
    }

    /** The scratch file (deleted on close). */
    Path file() {
        return spill.file();
    }

    @Override
    public void record(Propagator forward, int level) {
        if (level % interval != 0) {
            return;
        }
        FloatBuffer out = spill.beginWrite(level / interval - 1);
        float[] padded = forward.current();
        Grid g = grid.user();
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                out.put(g.index(ix, iy, 0), padded, grid.userIndex(ix, iy, 0), g.nz());
            }
        }
        spill.endWrite();
    }

    @Override
    public float[] at(int level) {
        spill.read(level / interval - 1).get(0, user, 0, user.length);
        return user;
    }

    @Override
    public void close() {
        spill.close();
    }
}
