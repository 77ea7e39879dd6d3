package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * A built-in model ({@link BuiltinModels}) as a field: each window is evaluated at its columns'
 * places in the job's grid, so it holds nothing but the model's definition and equals the model
 * built whole, cropped, bit for bit. Its values lie between 1500 and 4500 m/s by construction, so
 * it needs no check. Its range is found when the field is made, in O(columns · log nz) for
 * {@code salt3d} and O(nx) for {@code layered} (about a second for 25 million columns).
 */
public final class BuiltinVelocityField extends ColumnVelocityField {

    private final String name;
    private final BuiltinModels.Columns model;

    /**
     * @param name a name of {@link BuiltinModels#NAMES}
     * @param grid the job's grid, whose extent the model is fitted to
     * @throws IllegalArgumentException when the name is not a built-in model's
     */
    public BuiltinVelocityField(String name, Grid grid) {
        this(name, grid, BuiltinModels.columns(name, grid));
    }

    private BuiltinVelocityField(String name, Grid grid, BuiltinModels.Columns model) {
        this(name, grid, model, model.range());
    }

    /** @param range the model's {min, max}, found once (the salt body's takes a pass over its columns) */
    private BuiltinVelocityField(String name, Grid grid, BuiltinModels.Columns model, float[] range) {
        super(grid, range[0], range[1]);
        this.name = name;
        this.model = model;
    }

    /** The model's name, as written in a spec. */
    public String name() {
        return name;
    }

    @Override
    void fill(int x0, int y0, Grid window, float[] out) {
        for (int iy = 0; iy < window.ny(); iy++) {
            for (int ix = 0; ix < window.nx(); ix++) {
                model.fill(x0 + ix, y0 + iy, out, window.index(ix, iy, 0));
            }
        }
    }
}
