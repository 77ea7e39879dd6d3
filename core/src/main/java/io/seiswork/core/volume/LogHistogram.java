package io.seiswork.core.volume;

import java.util.Arrays;

/**
 * Counts of sample values in bins {@value #BINS_PER_OCTAVE} to an octave of |value|, negative and
 * positive values apart: stored in the {@code .swv} header beside the linear {@link Histogram} so
 * that a percentile clip of a heavy-tailed image (an RTM image, a few huge values) is accurate to
 * a bin's relative width, where 256 equal bins over [min, max] put nearly every sample in the
 * few central bins.
 *
 * <p>A bin is keyed by the top {@value #KEY_BITS} bits of |value|'s IEEE float representation
 * below the sign (8 exponent bits and 6 mantissa bits): key k covers the magnitudes
 * [{@link #lowerEdge lowerEdge(k)}, lowerEdge(k + 1)), at most 1/64 (1.6 %) of its lower edge
 * wide. Only the {@value #OCTAVES} octaves up to the largest magnitude are kept
 * ({@code firstKey} is the lowest); smaller magnitudes, zeros included, are counted in
 * {@code negativeSmall} and {@code positiveSmall} (those values are below float resolution
 * relative to the largest, and the bound keeps the header within its 64 KiB).
 *
 * @param firstKey key of the lowest kept bin (both signs)
 * @param negativeSmall count of negative values (−0 included) with |value| below lowerEdge(firstKey)
 * @param negative counts of negative values by magnitude, bin i holding key firstKey + i
 * @param positiveSmall count of values ≥ +0 below lowerEdge(firstKey)
 * @param positive counts of positive values, as {@code negative}
 */
public record LogHistogram(int firstKey, long negativeSmall, long[] negative, long positiveSmall, long[] positive) {

    /** Bins to an octave of |value|. */
    public static final int BINS_PER_OCTAVE = 64;
    /** Bits of a key: 8 exponent and 6 mantissa bits of a float. */
    public static final int KEY_BITS = 14;
    /** Octaves kept below the largest magnitude: float resolution. */
    public static final int OCTAVES = 24;
    /** Keys of finite magnitudes are below this (the key of +∞). */
    static final int END_KEY = Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> (31 - KEY_BITS);

    public LogHistogram {
        if (firstKey < 0 || negative.length != positive.length || firstKey + negative.length > END_KEY
                || negative.length > OCTAVES * BINS_PER_OCTAVE) {
            throw new IllegalArgumentException("log histogram bins must be of keys within 0.." + (END_KEY - 1)
                    + ", at most " + OCTAVES * BINS_PER_OCTAVE + " of them and as many of each sign, got "
                    + negative.length + " and " + positive.length + " from key " + firstKey);
        }
        if (negativeSmall < 0 || positiveSmall < 0 || Arrays.stream(negative).anyMatch(c -> c < 0)
                || Arrays.stream(positive).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("log histogram counts must be >= 0");
        }
        negative = negative.clone();
        positive = positive.clone();
    }

    /** Key of the bin of |v|. */
    static int key(float v) {
        return (Float.floatToRawIntBits(v) & 0x7FFF_FFFF) >>> (31 - KEY_BITS);
    }

    /** Smallest magnitude of the bin keyed {@code key}. */
    public static double lowerEdge(int key) {
        return Float.intBitsToFloat(key << (31 - KEY_BITS));
    }

    /** Total number of samples counted. */
    public long total() {
        return negativeSmall + positiveSmall + Arrays.stream(negative).sum() + Arrays.stream(positive).sum();
    }

    @Override
    public long[] negative() {
        return negative.clone();
    }

    @Override
    public long[] positive() {
        return positive.clone();
    }

    /**
     * The value below which {@code fraction} of the samples lie, interpolated linearly in the bin
     * where the cumulative count crosses it; NaN when nothing was counted. Values run from the
     * most negative bin up through the small ones to the most positive.
     */
    public double quantile(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double target = fraction * total;
        double small = lowerEdge(firstKey);
        long below = 0;
        for (int i = negative.length - 1; i >= 0; i--) {
            long c = negative[i];
            if (c > 0 && below + c >= target) {
                return -lowerEdge(firstKey + i + 1) + (target - below) / c * (lowerEdge(firstKey + i + 1)
                        - lowerEdge(firstKey + i));
            }
            below += c;
        }
        if (negativeSmall > 0 && below + negativeSmall >= target) {
            return -small + (target - below) / negativeSmall * small;
        }
        below += negativeSmall;
        if (positiveSmall > 0 && below + positiveSmall >= target) {
            return (target - below) / positiveSmall * small;
        }
        below += positiveSmall;
        for (int i = 0; i < positive.length; i++) {
            long c = positive[i];
            if (c > 0 && below + c >= target) {
                return lowerEdge(firstKey + i) + (target - below) / c * (lowerEdge(firstKey + i + 1)
                        - lowerEdge(firstKey + i));
            }
            below += c;
        }
        return lowerEdge(firstKey + positive.length);  // not reached: the target is at most the total
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogHistogram h && h.firstKey == firstKey && h.negativeSmall == negativeSmall
                && h.positiveSmall == positiveSmall && Arrays.equals(h.negative, negative)
                && Arrays.equals(h.positive, positive);
    }

    @Override
    public int hashCode() {
        return (firstKey * 31 + Arrays.hashCode(negative)) * 31 + Arrays.hashCode(positive);
    }

    @Override
    public String toString() {
        return "LogHistogram[keys " + firstKey + ".." + (firstKey + negative.length - 1) + ", " + total() + " samples]";
    }
}
