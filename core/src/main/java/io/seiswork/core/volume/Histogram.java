package io.seiswork.core.volume;

import java.util.Arrays;

/**
 * Counts of sample values in equal bins over [min, max]: stored in the {@code .swv} header so a
 * viewer can clip by percentile without reading the volume. Quantiles come from the
 * {@link LogHistogram} beside it when there is one (files written since it was added; accurate to
 * about 1 % relative however heavy the tails), else from the equal bins, whose width on an image
 * with a few huge values can exceed the clip it is asked for.
 *
 * @param min lower edge of the first bin (the smallest value)
 * @param max upper edge of the last bin (the largest value)
 * @param counts samples per bin; bin {@code i} covers [min + i·w, min + (i+1)·w), w = (max − min) / bins
 * @param magnitudes the same samples in logarithmic bins of |value|, or null (an older file)
 */
public record Histogram(double min, double max, long[] counts, LogHistogram magnitudes) {

    /** Equal bins alone, as files written before {@link LogHistogram} hold. */
    public Histogram(double min, double max, long[] counts) {
        this(min, max, counts, null);
    }

    public Histogram {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("histogram range must be finite with max >= min, got [" + min
                    + ", " + max + "]");
        }
        if (counts.length == 0 || Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("histogram needs at least one bin and no negative counts");
        }
        counts = counts.clone();
    }

    /** Total number of samples counted. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** A copy of the bin counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /**
     * The value below which {@code fraction} of the samples lie (0 gives min, 1 gives max),
     * interpolated linearly inside the bin where the cumulative count crosses it: a logarithmic
     * bin of {@link #magnitudes} when there are any (at most 1/64 of the value wide), else an
     * equal bin.
     */
    public double quantile(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        if (magnitudes != null && magnitudes.total() > 0) {
            return Math.clamp(magnitudes.quantile(fraction), min, max);
        }
        long total = total();
        if (total == 0 || max == min) {
            return min;
        }
        double target = fraction * total;
        double width = (max - min) / counts.length;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= target) {
                return min + (i + (target - below) / counts[i]) * width;
            }
            below += counts[i];
        }
        return max;
    }

    /**
     * The symmetric clip for amplitudes at {@code percent} (for example 99): the larger magnitude
     * of the (100 − p)/2 % and the 100 − (100 − p)/2 % quantiles, so that red and blue of a seismic
     * colour map stay balanced around zero.
     */
    public double symmetricClip(double percent) {
        double tail = (100 - percent) / 200;
        return Math.max(Math.abs(quantile(tail)), Math.abs(quantile(1 - tail)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.min == min && h.max == max && Arrays.equals(h.counts, counts)
                && java.util.Objects.equals(h.magnitudes, magnitudes);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(min) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + min + ", " + max + ", " + counts.length + " bins, " + total() + " samples"
                + (magnitudes == null ? "" : ", " + magnitudes.toString()) + "]";
    }
}
