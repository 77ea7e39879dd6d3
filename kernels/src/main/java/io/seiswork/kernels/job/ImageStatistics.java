package io.seiswork.kernels.job;

/**
 * The least and largest value and the root mean square of a finished image, gathered column by
 * column as it is written (the run report's {@code image} figures), so no pass of its own reads
 * an image that may be far larger than memory. Sums in double, in the image's order.
 */
public final class ImageStatistics {

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sumOfSquares;
    private long count;

    /** Takes in {@code values[0 .. n)}. */
    public void add(float[] values, int n) {
        for (int i = 0; i < n; i++) {
            float v = values[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
            sumOfSquares += (double) v * v;
        }
        count += n;
    }

    /** The least value seen (+∞ before any). */
    public double min() {
        return min;
    }

    /** The largest value seen (−∞ before any). */
    public double max() {
        return max;
    }

    /** The root mean square of the values seen (NaN before any). */
    public double rms() {
        return Math.sqrt(sumOfSquares / count);
    }

    /** How many values were seen (nodes). */
    public long count() {
        return count;
    }
}
