package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * What the fields that compute or read a window's columns share: the grid, the range found when
 * the field was made, and the window's checks and array; each kind fills the columns its own way
 * ({@link #fill}).
 */
abstract class ColumnVelocityField implements VelocityField {

    private final Grid grid;
    private final float min;
    private final float max;

    /**
     * @param min the smallest velocity over the whole grid, m/s
     * @param max the largest, m/s
     */
    ColumnVelocityField(Grid grid, float min, float max) {
        this.grid = grid;
        this.min = min;
        this.max = max;
    }

    @Override
    public final Grid grid() {
        return grid;
    }

    @Override
    public final float min() {
        return min;
    }

    @Override
    public final float max() {
        return max;
    }

    @Override
    public final VelocityModel window(int x0, int y0, Grid window) {
        VelocityField.requireWindow(grid, x0, y0, window);
        float[] out = new float[window.points()];
        fill(x0, y0, window, out);
        return new VelocityModel(window, out);
    }

    /**
     * Puts the velocities of the window's columns into {@code out}, in the window's
     * {@link Grid#index} order (the window already checked to lie inside the grid).
     */
    abstract void fill(int x0, int y0, Grid window, float[] out);
}
