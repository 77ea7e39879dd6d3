package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;

/**
 * Walks a window's values in their own order ({@link Grid#index}, z fastest) and gives, for each,
 * its index in the job's grid: how a shot's partial image, computed on its window, is added into
 * the stack. The window's columns are whole z columns of the job's grid, so the walk jumps only
 * between columns; for a window that is the whole grid every index maps to itself.
 */
final class WindowPlacement {

    private final int nz;
    private final int windowNx;
    private final int columns;
    private final int x0;
    private final int y0;
    private final int fullNx;
    private final boolean identity;
    private int column;
    private int iz;
    private int base;

    /**
     * @throws IllegalArgumentException when the window does not lie inside {@code full}
     */
    WindowPlacement(ShotWindow window, Grid full) {
        window.requireInside(full);
        Grid w = window.grid();
        this.nz = w.nz();
        this.windowNx = w.nx();
        this.columns = w.nx() * w.ny();
        this.x0 = window.x0();
        this.y0 = window.y0();
        this.fullNx = full.nx();
        this.identity = window.isWhole(full);
        restart();
    }

    /** Back to the window's first value. */
    void restart() {
        column = 0;
        iz = 0;
        base = columnBase(0);
    }

    /** The job-grid index of the next window value in order. */
    int next() {
        int i = base + iz;
        if (++iz == nz) {
            iz = 0;
            if (++column < columns) {
                base = columnBase(column);
            }
        }
        return i;
    }

    /** Adds {@code n} window values from {@code src[from..]}, the next in order, into {@code dst}. */
    void addNext(float[] src, int from, int n, float[] dst) {
        for (int k = 0; k < n; k++) {
            dst[next()] += src[from + k];
        }
    }

    boolean identity() {
        return identity;
    }

    private int columnBase(int c) {
        int ix = c % windowNx;
        int iy = c / windowNx;
        return ((y0 + iy) * fullNx + (x0 + ix)) * nz;
    }
}
