package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;

/**
 * Walks a window's values in their own order ({@link Grid#index}, z fastest) and hands them on in
 * runs that are contiguous in the job's grid, each with its node offset there ({@link Grid#offset},
 * a {@code long}: the job's grid may be far larger than one array): how a shot's partial image,
 * computed on its window, is added into the stack. The window's columns are whole z columns of the
 * job's grid, so a run is at most one column; a window as wide as the grid (the whole grid among
 * them) is one contiguous run.
 */
final class WindowPlacement {

    /** Receives one run: {@code n} window values from {@code src[from ..]} for nodes {@code at ..} of the job's grid. */
    @FunctionalInterface
    interface Run {
        void add(long at, float[] src, int from, int n);
    }

    private final int nz;
    private final int windowNx;
    private final int columns;
    private final int x0;
    private final int y0;
    private final long fullNx;
    private final boolean contiguous;
    private int column;
    private int iz;
    private long base;

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
        this.contiguous = w.nx() == full.nx();
        restart();
    }

    /** Back to the window's first value. */
    void restart() {
        column = 0;
        iz = 0;
        base = columnBase(0);
    }

    /** Hands the next {@code n} window values in order, {@code src[from ..]}, to {@code to} in runs. */
    void addNext(float[] src, int from, int n, Run to) {
        if (contiguous) {
            to.add(base, src, from, n);
            base += n;
            return;
        }
        while (n > 0) {
            int m = Math.min(n, nz - iz);
            to.add(base + iz, src, from, m);
            from += m;
            n -= m;
            iz += m;
            if (iz == nz) {
                iz = 0;
                if (++column < columns) {
                    base = columnBase(column);
                }
            }
        }
    }

    private long columnBase(int c) {
        int ix = c % windowNx;
        int iy = c / windowNx;
        return ((long) (y0 + iy) * fullNx + (x0 + ix)) * nz;
    }
}
