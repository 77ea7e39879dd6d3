package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * A velocity model holds values that are not positive and finite (m/s), which no wave equation can
 * use. The message counts them and names the first bad node in {@link Grid#offset} order (z
 * fastest, then x, then y), the same wording the job resolver has always used, so a user sees the
 * same report whether the model is held in memory or read window by window.
 */
public final class InvalidVelocityException extends IllegalArgumentException {

    private final long badNodes;
    private final int ix;
    private final int iy;
    private final int iz;
    private final float valueMps;
    private final float minValue;
    private final float maxValue;

    /**
     * @param grid the grid of the model
     * @param badNodes how many nodes hold a bad value
     * @param firstOffset the {@link Grid#offset} of the first bad node
     * @param valueMps the value there, m/s
     * @param minValue the smallest value of the whole model (NaN when any is NaN)
     * @param maxValue the largest value of the whole model (NaN when any is NaN)
     */
    InvalidVelocityException(Grid grid, long badNodes, long firstOffset, float valueMps, float minValue,
            float maxValue) {
        super(badNodes + " of " + grid.nodes() + " velocities are not positive and finite; first at node (ix "
                + ix(grid, firstOffset) + ", iy " + iy(grid, firstOffset) + ", iz " + firstOffset % grid.nz() + "): "
                + valueMps + " m/s");
        this.badNodes = badNodes;
        this.ix = ix(grid, firstOffset);
        this.iy = iy(grid, firstOffset);
        this.iz = (int) (firstOffset % grid.nz());
        this.valueMps = valueMps;
        this.minValue = minValue;
        this.maxValue = maxValue;
    }

    /** The smallest value of the whole model, bad ones included (NaN when any value is NaN). */
    public float minValue() {
        return minValue;
    }

    /** The largest value of the whole model, bad ones included (NaN when any value is NaN). */
    public float maxValue() {
        return maxValue;
    }

    private static int ix(Grid g, long offset) {
        return (int) ((offset / g.nz()) % g.nx());
    }

    private static int iy(Grid g, long offset) {
        return (int) (offset / ((long) g.nz() * g.nx()));
    }

    /** How many nodes hold a value that is not positive and finite. */
    public long badNodes() {
        return badNodes;
    }

    /** The first bad node, as {ix, iy, iz}. */
    public int[] firstNode() {
        return new int[] {ix, iy, iz};
    }

    /** The value at the first bad node, m/s. */
    public float firstValueMps() {
        return valueMps;
    }
}
