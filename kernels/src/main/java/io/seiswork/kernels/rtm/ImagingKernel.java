package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.WorkerPool;

/**
 * The zero-lag cross-correlation imaging condition of one level, in parallel over the user's
 * columns: {@code I += w S R} and {@code U += w S²}, with S the source field (user grid, or
 * padded when the strategy hands out its propagator's own field), R the receiver field (padded)
 * and w = dt · interval so that the sums approximate time integrals whatever the interval.
 * Padded fields are cropped on the fly, so no user-grid copy is needed. Nothing is allocated per
 * call.
 */
final class ImagingKernel {

    private final PaddedGrid grid;
    private final WorkerPool pool;
    private final float[] image;
    private final float[] illumination;
    private final int columns;
    private final int chunks;
    private final WorkerPool.Task task = this::run;
    private float[] source;
    private float[] receiver;
    private boolean sourcePadded;
    private float weight;

    /**
     * @param grid the receiver propagator's padded grid
     * @param pool threads to run on
     * @param image user-grid accumulator of S·R
     * @param illumination user-grid accumulator of S²
     */
    ImagingKernel(PaddedGrid grid, WorkerPool pool, float[] image, float[] illumination) {
        this.grid = grid;
        this.pool = pool;
        this.image = image;
        this.illumination = illumination;
        this.columns = grid.user().nx() * grid.user().ny();
        this.chunks = pool.chunks((long) columns * grid.user().nz(), columns);
    }

    /**
     * Adds one level.
     *
     * @param sourceField source field, on the user grid or (when {@code padded}) the padded one
     * @param padded whether {@code sourceField} is on the padded grid
     * @param receiverPadded receiver field on the padded grid
     * @param w weight in seconds (dt times the imaging interval)
     */
    void accumulate(float[] sourceField, boolean padded, float[] receiverPadded, float w) {
        this.source = sourceField;
        this.sourcePadded = padded;
        this.receiver = receiverPadded;
        this.weight = w;
        pool.run(chunks, task);
        this.source = null;
        this.receiver = null;
    }

    private void run(int chunk, int chunkCount, int member) {
        Grid g = grid.user();
        int nx = g.nx();
        int nz = g.nz();
        int c0 = (int) ((long) columns * chunk / chunkCount);
        int c1 = (int) ((long) columns * (chunk + 1) / chunkCount);
        float[] s = source;
        float[] r = receiver;
        float w = weight;
        boolean sp = sourcePadded;
        for (int c = c0; c < c1; c++) {
            int iy = c / nx;
            int ix = c - iy * nx;
            int u = g.index(ix, iy, 0);
            int p = grid.userIndex(ix, iy, 0);
            int q = sp ? p : u;
            for (int iz = 0; iz < nz; iz++) {
                float sv = s[q + iz];
                image[u + iz] += w * sv * r[p + iz];
                illumination[u + iz] += w * sv * sv;
            }
        }
    }
}
