package io.seiswork.core.volume;

/**
 * Builds a {@link Histogram} in one streaming pass without knowing the range in advance.
 *
 * <p>Values are first counted in 65,536 bins keyed by the top 16 bits of their IEEE float
 * representation (sign, exponent and 7 mantissa bits: a relative resolution of 1/128 at every
 * magnitude); {@link #build(int)} then spreads those counts over equal bins between the smallest
 * and largest value seen, placing each fine bin's count at its centre value, and gathers pairs of
 * them into the {@link LogHistogram}'s 64 bins to an octave. Memory is fixed (512 KiB) whatever
 * the volume size. Non-finite values are not counted.
 */
public final class HistogramBuilder {

    private final long[] fine = new long[1 << 16];
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Counts {@code values[from .. from + length)}. */
    public void add(float[] values, int from, int length) {
        float lo = (float) min;
        float hi = (float) max;
        for (int i = from; i < from + length; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                fine[Float.floatToRawIntBits(v) >>> 16]++;
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
        }
        min = lo;
        max = hi;
    }

    /** Smallest finite value seen (+∞ when none). */
    public double min() {
        return min;
    }

    /** Largest finite value seen (−∞ when none). */
    public double max() {
        return max;
    }

    /**
     * The histogram in {@code bins} equal bins over [min, max], with its {@link LogHistogram}
     * ([0, 0] and none when nothing was counted).
     */
    public Histogram build(int bins) {
        long[] counts = new long[bins];
        if (min > max) {
            return new Histogram(0, 0, counts);
        }
        double width = (max - min) / bins;
        for (int key = 0; key < fine.length; key++) {
            if (fine[key] == 0) {
                continue;
            }
            double centre = Float.intBitsToFloat((key << 16) | 0x8000);
            double v = Math.clamp(centre, min, max);
            int bin = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((v - min) / width));
            counts[bin] += fine[key];
        }
        return new Histogram(min, max, counts, magnitudes());
    }

    /** The fine counts gathered into logarithmic bins over the top octaves of |value|. */
    private LogHistogram magnitudes() {
        int top = LogHistogram.key((float) Math.max(Math.abs(min), Math.abs(max)));
        // Whole octaves: the top one's bins up to the largest, then OCTAVES − 1 below it.
        int perOctave = LogHistogram.BINS_PER_OCTAVE;
        int first = Math.max(0, top / perOctave * perOctave - (LogHistogram.OCTAVES - 1) * perOctave);
        long[] negative = new long[top - first + 1];
        long[] positive = new long[negative.length];
        long negativeSmall = 0;
        long positiveSmall = 0;
        for (int key = 0; key < fine.length; key++) {
            if (fine[key] == 0) {
                continue;
            }
            boolean minus = key >>> 15 != 0;
            int k = (key & 0x7FFF) >>> (15 - LogHistogram.KEY_BITS);  // drop the 7th mantissa bit
            if (k < first) {
                if (minus) {
                    negativeSmall += fine[key];
                } else {
                    positiveSmall += fine[key];
                }
            } else {
                (minus ? negative : positive)[k - first] += fine[key];
            }
        }
        return new LogHistogram(first, negativeSmall, negative, positiveSmall, positive);
    }
}
