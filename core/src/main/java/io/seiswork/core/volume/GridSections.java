package io.seiswork.core.volume;

import io.seiswork.core.grid.Grid;

/** Sections of arrays laid out on a {@link Grid} ({@code (iy · nx + ix) · nz + iz}), as slices for the views. */
public final class GridSections {

    private GridSections() {
    }

    /**
     * The inline (x across, z down, in metres) at y index {@code iy} of {@code values}, copied.
     *
     * @throws IllegalArgumentException when {@code values} does not cover the grid or iy is outside it
     */
    public static Slice inline(Grid g, float[] values, int iy) {
        if (values.length != g.points()) {
            throw new IllegalArgumentException("an array of " + values.length + " values for a grid of " + g.points());
        }
        if (iy < 0 || iy >= g.ny()) {
            throw new IllegalArgumentException("inline index " + iy + " outside 0 .. " + (g.ny() - 1));
        }
        int nx = g.nx();
        int nz = g.nz();
        float[] rows = new float[nx * nz];
        for (int ix = 0; ix < nx; ix++) {
            int col = g.index(ix, iy, 0);
            for (int iz = 0; iz < nz; iz++) {
                rows[iz * nx + ix] = values[col + iz];
            }
        }
        return new Slice(SliceOrientation.INLINE, 0, iy, g.xAxis(), g.zAxis(), rows);
    }
}
