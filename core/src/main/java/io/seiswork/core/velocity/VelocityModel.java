package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * P-wave velocity in m/s at every node of a {@link Grid}, stored flat with z contiguous
 * ({@link Grid#index(int, int, int)}).
 *
 * <p>The array is shared, not copied: engines read it in their hot loops. Callers must not change
 * it after handing it over. As a {@link VelocityField}, its windows are copies of its columns.
 */
public final class VelocityModel implements VelocityField {

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

    @Override
    public Grid grid() {
        return grid;
    }

    /** This model itself when the window is its whole grid; otherwise a copy of the window's columns. */
    @Override
    public VelocityModel window(int x0, int y0, Grid window) {
        if (x0 == 0 && y0 == 0 && window.equals(grid)) {
            return this;
        }
        VelocityField.requireWindow(grid, x0, y0, window);
        float[] out = new float[window.points()];
        int nz = window.nz();
        for (int iy = 0; iy < window.ny(); iy++) {
            for (int ix = 0; ix < window.nx(); ix++) {
                System.arraycopy(vMps, grid.index(x0 + ix, y0 + iy, 0), out, window.index(ix, iy, 0), nz);
            }
        }
        return new VelocityModel(window, out);
    }

    @Override
    public VelocityModel whole() {
        return this;
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
    @Override
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : vMps) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Largest velocity in m/s. */
    @Override
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : vMps) {
            m = Math.max(m, v);
        }
        return m;
    }
}
