package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.nio.FloatBuffer;

/**
 * The cells of the user's grid within {@code radius} cells of a face, as contiguous runs of the
 * padded array: what boundary saving stores each step. A stencil of that radius centred on any
 * cell outside the ring reads only user-grid cells, so re-imposing the ring each step shields
 * the reconstruction from the absorbing layer, which cannot be run backwards.
 */
final class BoundaryRing {

    private final int[] start;
    private final int[] length;
    private final int cells;

    /**
     * @param grid the propagator's padded grid
     * @param radius stencil radius in cells
     */
    BoundaryRing(PaddedGrid grid, int radius) {
        Grid g = grid.user();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int maxRuns = 2 * nx * ny;
        int[] s = new int[maxRuns];
        int[] l = new int[maxRuns];
        int runs = 0;
        int total = 0;
        for (int iy = 0; iy < ny; iy++) {
            boolean yEdge = !g.is2d() && (iy < radius || iy >= ny - radius);
            for (int ix = 0; ix < nx; ix++) {
                int base = grid.userIndex(ix, iy, 0);
                if (yEdge || ix < radius || ix >= nx - radius || nz <= 2 * radius) {
                    s[runs] = base;
                    l[runs++] = nz;
                    total += nz;
                } else {
                    s[runs] = base;
                    l[runs++] = radius;
                    s[runs] = base + nz - radius;
                    l[runs++] = radius;
                    total += 2 * radius;
                }
            }
        }
        this.start = java.util.Arrays.copyOf(s, runs);
        this.length = java.util.Arrays.copyOf(l, runs);
        this.cells = total;
    }

    /** Number of cells in the ring (the floats one saved level holds). */
    int cells() {
        return cells;
    }

    /** Copies the ring of {@code field} (padded) into {@code frame} (absolute, from index 0). */
    void save(float[] field, FloatBuffer frame) {
        int pos = 0;
        for (int i = 0; i < start.length; i++) {
            frame.put(pos, field, start[i], length[i]);
            pos += length[i];
        }
    }

    /** Writes {@code frame} (absolute, from index 0) back onto the ring of {@code field} (padded). */
    void restore(FloatBuffer frame, float[] field) {
        int pos = 0;
        for (int i = 0; i < start.length; i++) {
            frame.get(pos, field, start[i], length[i]);
            pos += length[i];
        }
    }
}
