package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.util.function.LongUnaryOperator;

/**
 * The smallest and largest velocity (m/s) of a field and its values that are not positive and
 * finite, gathered while the values stream past once (a file read when the field is opened), so
 * that a field never needs its whole model in memory to know its range or to be checked.
 *
 * <p>The first bad node is the one earliest in {@link Grid#offset} order, whatever order the values
 * arrive in. Not thread-safe: one scan per pass.
 */
final class VelocityScan {

    private final Grid grid;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long bad;
    private long firstBadOffset = Long.MAX_VALUE;
    private float firstBadValue;

    VelocityScan(Grid grid) {
        this.grid = grid;
    }

    /** Adds {@code count} values from {@code v[from]} lying at consecutive offsets from {@code firstOffset} (a column). */
    void addRun(float[] v, int from, int count, long firstOffset) {
        float lo = min;
        float hi = max;
        for (int i = 0; i < count; i++) {
            float x = v[from + i];
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (!(x > 0 && x < Float.POSITIVE_INFINITY)) {
                addBad(x, firstOffset + i, 1);
            }
        }
        min = lo;
        max = hi;
    }

    /**
     * Adds {@code v[0 .. count)}, stored at consecutive positions from {@code firstPosition} of a
     * file whose order is not the grid's; {@code nodeOffset} maps a position to its node's
     * {@link Grid#offset}, asked only for bad values.
     */
    void addStored(float[] v, int count, long firstPosition, LongUnaryOperator nodeOffset) {
        float lo = min;
        float hi = max;
        for (int i = 0; i < count; i++) {
            float x = v[i];
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (!(x > 0 && x < Float.POSITIVE_INFINITY)) {
                addBad(x, nodeOffset.applyAsLong(firstPosition + i), 1);
            }
        }
        min = lo;
        max = hi;
    }

    /** Adds a column of values repeated in every one of the grid's columns (a velocity that varies with depth only). */
    void addEveryColumn(float[] column) {
        long columns = (long) grid.nx() * grid.ny();
        for (int iz = 0; iz < column.length; iz++) {
            float x = column[iz];
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (!(x > 0 && x < Float.POSITIVE_INFINITY)) {
                addBad(x, iz, columns);
            }
        }
    }

    private void addBad(float v, long offset, long count) {
        bad += count;
        if (offset < firstBadOffset) {
            firstBadOffset = offset;
            firstBadValue = v;
        }
    }

    /** Smallest value seen, m/s. */
    float min() {
        return min;
    }

    /** Largest value seen, m/s. */
    float max() {
        return max;
    }

    /**
     * @throws InvalidVelocityException when any value seen is not positive and finite
     */
    void requireValid() {
        if (bad > 0) {
            throw new InvalidVelocityException(grid, bad, firstBadOffset, firstBadValue, min, max);
        }
    }
}
