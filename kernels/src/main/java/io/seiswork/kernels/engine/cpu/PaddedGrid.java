package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Grid;

/**
 * Index space of the propagator's arrays: the user's grid, an absorbing layer of {@code width}
 * cells on each absorbing side, and outside that a halo of {@code radius} cells that stays zero
 * so the stencil never needs a bounds test. With a free surface the top has no absorbing layer;
 * its halo holds the antisymmetric mirror image of the field instead.
 *
 * <p>Along z the compute region is rounded up to a multiple of {@value #Z_ALIGN} cells by an
 * extension of the model between the user's bottom row and the bottom layer.
 *
 * <p>Layout as {@link Grid}: flat index {@code (iy · nx + ix) · nz + iz}, z contiguous. In 2D
 * {@code ny = 1} and there is neither layer nor halo along y. Cells that are updated each step
 * (the "compute region") are all cells but the outer halo.
 */
public final class PaddedGrid {

    /**
     * The compute region's z length is rounded up to a multiple of this many cells (the widest
     * float vector, AVX-512), so vector loops need no scalar tail. The extra cells sit between
     * the user's grid and the bottom absorbing layer and continue the bottom velocity: they only
     * move the bottom boundary a little further away.
     */
    public static final int Z_ALIGN = 16;

    private final Grid user;
    private final int width;
    private final int radius;
    private final boolean freeSurface;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int offX;
    private final int offY;
    private final int offZ;

    /**
     * @param user the user's grid
     * @param width absorbing-layer width in cells
     * @param radius stencil radius in cells
     * @param freeSurface whether the top is a free surface (no layer there)
     */
    public PaddedGrid(Grid user, int width, int radius, boolean freeSurface) {
        this.user = user;
        this.width = width;
        this.radius = radius;
        this.freeSurface = freeSurface;
        this.offX = width + radius;
        this.offY = user.is2d() ? 0 : width + radius;
        this.offZ = freeSurface ? radius : width + radius;
        this.nx = user.nx() + 2 * offX;
        this.ny = user.ny() + 2 * offY;
        int compute = offZ - radius + user.nz() + width;
        int aligned = (compute + Z_ALIGN - 1) / Z_ALIGN * Z_ALIGN;
        this.nz = radius + aligned + radius;
        if ((long) nx * ny * nz > Grid.MAX_POINTS) {
            throw new IllegalArgumentException("grid with absorbing layers has " + ((long) nx * ny * nz)
                    + " points, more than a Java array holds (" + Grid.MAX_POINTS + ")");
        }
    }

    /** The user's grid (the physical model). */
    public Grid user() {
        return user;
    }

    /** Absorbing-layer width in cells. */
    public int width() {
        return width;
    }

    /** Stencil radius in cells (the zero halo). */
    public int radius() {
        return radius;
    }

    /** Whether the top is a free surface (mirror halo, no layer). */
    public boolean freeSurface() {
        return freeSurface;
    }

    /** Whether the model is 2D (ny = 1). */
    public boolean is2d() {
        return user.is2d();
    }

    /** Padded size along x, cells. */
    public int nx() {
        return nx;
    }

    /** Padded size along y, cells (1 in 2D). */
    public int ny() {
        return ny;
    }

    /** Padded size along z, cells. */
    public int nz() {
        return nz;
    }

    /** Padded x index of user node ix = 0. */
    public int offX() {
        return offX;
    }

    /** Padded y index of user node iy = 0 (0 in 2D). */
    public int offY() {
        return offY;
    }

    /** Padded z index of user node iz = 0 (the free surface when there is one). */
    public int offZ() {
        return offZ;
    }

    /** Number of cells of each padded array. */
    public int points() {
        return nx * ny * nz;
    }

    /** First y index of the compute region (0 in 2D). */
    public int y0() {
        return user.is2d() ? 0 : radius;
    }

    /** End (exclusive) y index of the compute region (1 in 2D). */
    public int y1() {
        return user.is2d() ? 1 : ny - radius;
    }

    /** Number of cells updated per step: the compute region. */
    public long computedPoints() {
        return (long) (y1() - y0()) * (nx - 2 * radius) * (nz - 2 * radius);
    }

    /** Flat index of padded cell (ix, iy, iz). */
    public int index(int ix, int iy, int iz) {
        return (iy * nx + ix) * nz + iz;
    }

    /** Flat index of the padded cell that holds user node (ix, iy, iz). */
    public int userIndex(int ix, int iy, int iz) {
        return index(ix + offX, iy + offY, iz + offZ);
    }

    /**
     * A padded copy of a user array: the layer and halo cells take the value of the nearest user
     * node (so the absorbing layer continues the edge velocity).
     */
    public float[] extend(float[] userValues) {
        float[] out = new float[points()];
        int ux = user.nx();
        int uy = user.ny();
        int uz = user.nz();
        for (int iy = 0; iy < ny; iy++) {
            int sy = clamp(iy - offY, uy);
            for (int ix = 0; ix < nx; ix++) {
                int sx = clamp(ix - offX, ux);
                int src = (sy * ux + sx) * uz;
                int dst = index(ix, iy, 0);
                for (int iz = 0; iz < nz; iz++) {
                    out[dst + iz] = userValues[src + clamp(iz - offZ, uz)];
                }
            }
        }
        return out;
    }

    /** The user-grid part of a padded array, as a new user-sized array. */
    public float[] crop(float[] padded) {
        float[] out = new float[user.points()];
        for (int iy = 0; iy < user.ny(); iy++) {
            for (int ix = 0; ix < user.nx(); ix++) {
                System.arraycopy(padded, userIndex(ix, iy, 0), out, user.index(ix, iy, 0), user.nz());
            }
        }
        return out;
    }

    /**
     * Copies the user-grid part of a padded array into {@code out} (user-sized), allocating
     * nothing: the per-step form of {@link #crop} for snapshots.
     */
    public void cropInto(float[] padded, float[] out) {
        for (int iy = 0; iy < user.ny(); iy++) {
            for (int ix = 0; ix < user.nx(); ix++) {
                System.arraycopy(padded, userIndex(ix, iy, 0), out, user.index(ix, iy, 0), user.nz());
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
