package io.seiswork.core.volume;

import io.seiswork.core.grid.Sampling;

/**
 * One 2D slice of a volume at one pyramid level: plain samples plus the two axes, which is all a
 * view needs to draw it (it knows nothing of where the samples came from).
 *
 * @param orientation which plane
 * @param level pyramid level the samples come from (0 = full resolution)
 * @param index index of the plane along its normal axis, in samples of that level
 * @param across axis of the columns (see {@link SliceOrientation})
 * @param down axis of the rows
 * @param values samples row by row: {@code values[row * across.count() + column]}
 */
public record Slice(SliceOrientation orientation, int level, int index, Sampling across, Sampling down,
        float[] values) {

    public Slice {
        long n = (long) across.count() * down.count();
        if (values.length != n) {
            throw new IllegalArgumentException("a " + across.count() + " x " + down.count() + " slice needs "
                    + n + " values, got " + values.length);
        }
    }

    /** Number of columns. */
    public int width() {
        return across.count();
    }

    /** Number of rows. */
    public int height() {
        return down.count();
    }

    /** The sample at {@code row}, {@code column}. */
    public float value(int row, int column) {
        return values[row * across.count() + column];
    }
}
