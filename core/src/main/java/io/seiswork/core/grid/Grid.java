package io.seiswork.core.grid;

/**
 * The physical model grid: {@code nx × ny × nz} nodes spaced {@code dx, dy, dz} metres, the first
 * node at the origin, z growing downward. {@code ny = 1} means a 2D model in the x–z plane.
 *
 * <p>Arrays over the grid are flat {@code float[]} with z contiguous, then x, then y: the node
 * {@code (ix, iy, iz)} lives at {@link #index(int, int, int)}. Keeping z innermost matches the
 * stencil loops of the engines and the sample order of SEG-Y traces (one trace per (x, y) column).
 *
 * <p>Two sizes of grid meet here. A grid that one shot is computed on (the job's grid, or the
 * shot's window under a migration aperture) lives in Java arrays, so it holds at most
 * {@link #MAX_POINTS} nodes and is indexed with {@code int}s ({@link #points()}, {@link #index}).
 * A survey's job grid may be far larger (a 100 GB image is 25 billion nodes): it is held in files,
 * counted with {@link #nodes()} and addressed with {@link #offset}, both {@code long}; asking such
 * a grid for {@link #points()} fails rather than overflowing.
 *
 * @param nx nodes along x (at least 1)
 * @param ny nodes along y (1 for 2D)
 * @param nz nodes along z (depth)
 * @param dx spacing along x in metres
 * @param dy spacing along y in metres (ignored in 2D)
 * @param dz spacing along z in metres
 */
public record Grid(int nx, int ny, int nz, double dx, double dy, double dz) {

    /** The most nodes a grid held in one flat Java array can have: the limit of a computed shot. */
    public static final long MAX_POINTS = Integer.MAX_VALUE - 16L;

    /**
     * The most nodes any grid may have, 2⁴⁰ (4 TiB of floats): beyond any survey, and small
     * enough that byte offsets into files of the grid never overflow a {@code long}.
     */
    public static final long MAX_NODES = 1L << 40;

    public Grid {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid sizes must be >= 1, got " + nx + " x " + ny + " x " + nz);
        }
        if (!(dx > 0) || !(dy > 0) || !(dz > 0)
                || !Double.isFinite(dx) || !Double.isFinite(dy) || !Double.isFinite(dz)) {
            throw new IllegalArgumentException("grid spacings must be > 0, got " + dx + ", " + dy + ", " + dz);
        }
        // Each size is below 2^31, so nx · ny fits a long exactly; the product with nz is checked.
        long nodes;
        try {
            nodes = Math.multiplyExact((long) nx * ny, (long) nz);
        } catch (ArithmeticException e) {
            nodes = Long.MAX_VALUE;
        }
        if (nodes > MAX_NODES) {
            throw new IllegalArgumentException("grid of " + nx + " x " + ny + " x " + nz + " nodes exceeds the most a"
                    + " grid may have, 2^40 = " + MAX_NODES + " nodes");
        }
    }

    /** A 2D grid (ny = 1) with equal spacing {@code h} metres along x and z. */
    public static Grid of2d(int nx, int nz, double h) {
        return new Grid(nx, 1, nz, h, h, h);
    }

    /** A 3D grid with equal spacing {@code h} metres on all axes. */
    public static Grid of3d(int nx, int ny, int nz, double h) {
        return new Grid(nx, ny, nz, h, h, h);
    }

    /** True when the model is a 2D x–z section ({@code ny == 1}). */
    public boolean is2d() {
        return ny == 1;
    }

    /** Number of spatial dimensions the wave propagates in: 2 or 3. */
    public int dimensions() {
        return is2d() ? 2 : 3;
    }

    /** Total number of nodes, as a {@code long}: valid for every grid. */
    public long nodes() {
        return (long) nx * ny * nz;
    }

    /** Whether the grid fits one flat Java array ({@link #MAX_POINTS}), so that {@link #points()} may be asked. */
    public boolean fitsInArray() {
        return nodes() <= MAX_POINTS;
    }

    /**
     * Total number of nodes, the length of a flat array over the grid.
     *
     * @throws IllegalStateException when the grid does not fit one array ({@link #fitsInArray()})
     */
    public int points() {
        if (!fitsInArray()) {
            throw new IllegalStateException("grid of " + nodes() + " nodes (" + nx + " x " + ny + " x " + nz
                    + ") does not fit one array of at most " + MAX_POINTS + " values");
        }
        return nx * ny * nz;
    }

    /** Flat index of node (ix, iy, iz): z contiguous, then x, then y. Only for grids that {@link #fitsInArray()}. */
    public int index(int ix, int iy, int iz) {
        return (iy * nx + ix) * nz + iz;
    }

    /** Flat position of node (ix, iy, iz) in the order of {@link #index}, as a {@code long}: valid for every grid. */
    public long offset(int ix, int iy, int iz) {
        return ((long) iy * nx + ix) * nz + iz;
    }

    /** The x axis in metres. */
    public Sampling xAxis() {
        return new Sampling(nx, dx, 0);
    }

    /** The y axis in metres. */
    public Sampling yAxis() {
        return new Sampling(ny, dy, 0);
    }

    /** The z (depth) axis in metres. */
    public Sampling zAxis() {
        return new Sampling(nz, dz, 0);
    }

    /** Smallest spacing among the axes the wave propagates along, in metres. */
    public double minSpacing() {
        return is2d() ? Math.min(dx, dz) : Math.min(dx, Math.min(dy, dz));
    }

    /** Whether a point (metres) lies inside the grid; y is ignored in 2D. */
    public boolean contains(double x, double y, double z) {
        return xAxis().contains(x) && zAxis().contains(z) && (is2d() || yAxis().contains(y));
    }
}
