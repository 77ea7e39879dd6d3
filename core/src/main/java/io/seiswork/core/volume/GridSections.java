package io.seiswork.core.volume;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;

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
        return inline(values, g.index(0, iy, 0), g.nz(), 0, g.xAxis(), g.zAxis(), iy);
    }

    /**
     * The x-z section of a plane of columns stored z-contiguous ({@code values[first + x · stride
     * + z]}), as rows by depth: the one transposition behind every inline a view draws, from a
     * user grid or from a padded wavefield (whose first user cell is offset by the layers).
     *
     * @param first index of the first column's top (array depth 0)
     * @param stride floats from one column to the next (the array's depth)
     * @param zOffset index of the section's first depth sample within a column
     * @param x the section's x axis (its count is the number of columns)
     * @param z the section's depth axis (its count is the number of rows)
     * @param iy the section's y index, recorded in the slice
     */
    public static Slice inline(float[] values, int first, int stride, int zOffset, Sampling x, Sampling z, int iy) {
        int nx = x.count();
        int nz = z.count();
        float[] rows = new float[nx * nz];
        for (int ix = 0; ix < nx; ix++) {
            int col = first + ix * stride + zOffset;
            for (int iz = 0; iz < nz; iz++) {
                rows[iz * nx + ix] = values[col + iz];
            }
        }
        return new Slice(SliceOrientation.INLINE, 0, iy, x, z, rows);
    }
}
