package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * A built-in model ({@link BuiltinModels}) as a field: each window is evaluated at its columns'
 * places in the job's grid, so it holds nothing but the model's definition and equals the model
 * built whole, cropped, bit for bit. Its values lie between 1500 and 4500 m/s by construction, so
 * it needs no check. Its range is found when the field is made, in O(columns · log nz) for
 * {@code salt3d} and O(nx) for {@code layered} (about a second for 25 million columns).
 */
public final class BuiltinVelocityField implements VelocityField {

    private final String name;
    private final Grid grid;
    private final BuiltinModels.Columns model;
    private final float min;
    private final float max;

    /**
     * @param name a name of {@link BuiltinModels#NAMES}
     * @param grid the job's grid, whose extent the model is fitted to
     * @throws IllegalArgumentException when the name is not a built-in model's
     */
    public BuiltinVelocityField(String name, Grid grid) {
        this.name = name;
        this.grid = grid;
        this.model = BuiltinModels.columns(name, grid);
        float[] range = model.range();
        this.min = range[0];
        this.max = range[1];
    }

    /** The model's name, as written in a spec. */
    public String name() {
        return name;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public float min() {
        return min;
    }

    @Override
    public float max() {
        return max;
    }

    @Override
    public VelocityModel window(int x0, int y0, Grid window) {
        VelocityField.requireWindow(grid, x0, y0, window);
        float[] out = new float[window.points()];
        for (int iy = 0; iy < window.ny(); iy++) {
            for (int ix = 0; ix < window.nx(); ix++) {
                model.fill(x0 + ix, y0 + iy, out, window.index(ix, iy, 0));
            }
        }
        return new VelocityModel(window, out);
    }
}
