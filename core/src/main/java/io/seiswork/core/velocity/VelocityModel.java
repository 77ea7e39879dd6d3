package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * P-wave velocity in m/s at every node of a {@link Grid}, stored flat with z contiguous
 * ({@link Grid#index(int, int, int)}).
 *
 * <p>The array is shared, not copied: engines read it in their hot loops. Callers must not change
 * it after handing it over.
 */
public final class VelocityModel {

    private final Grid grid;
    private final float[] vMps;

    /**
     * @param grid the grid the values belong to
     * @param vMps velocities in m/s, {@code grid.points()} of them
     * @throws IllegalArgumentException if the sizes differ
     */
    public VelocityModel(Grid grid, float[] vMps) {
        if (vMps.length != grid.points()) {
            throw new IllegalArgumentException("velocity has " + vMps.length + " values but the grid has "
                    + grid.points() + " nodes (" + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + ")");
        }
        this.grid = grid;
        this.vMps = vMps;
    }

    /** A model of constant velocity {@code vMps} m/s. */
    public static VelocityModel constant(Grid grid, float vMps) {
        float[] v = new float[grid.points()];
        java.util.Arrays.fill(v, vMps);
        return new VelocityModel(grid, v);
    }

    public Grid grid() {
        return grid;
    }

    /** The velocities in m/s, z contiguous (the live array, not a copy). */
    public float[] values() {
        return vMps;
    }

    /** Velocity in m/s at node (ix, iy, iz). */
    public float at(int ix, int iy, int iz) {
        return vMps[grid.index(ix, iy, iz)];
    }

    /** Smallest velocity in m/s. */
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : vMps) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Largest velocity in m/s. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : vMps) {
            m = Math.max(m, v);
        }
        return m;
    }
}
