package io.seiswork.core.segy;

import java.util.Locale;

/**
 * How float samples fare when written in an integer sample format, which rounds to nearest and
 * saturates at the type's range ({@link SampleCodec}): counts the non-zero samples that round to
 * 0, the finite samples that saturate, the infinite ones (written as the range's ends) and the
 * NaNs (written as 0), and keeps the data's range (its true one, beyond the format's and infinite
 * ones included), so that a conversion can say what it lost instead of silently writing zeros.
 * Feed it the samples exactly as they are written (after any scaling). Not thread-safe.
 */
public final class IntegerFit {

    /**
     * Above this fraction of the non-zero samples rounded to 0, {@link #lossy()} says the format
     * loses the data: a few quiet samples becoming 0 is what quantising does, most of them is not.
     */
    public static final double ROUNDED_TO_ZERO_LIMIT = 0.01;

    /**
     * Above this RMS rounding error, as a fraction of the data's RMS (1 %, a signal-to-noise
     * ratio of 40 dB), {@link #lossy()} says the format has too few levels for the data: samples
     * of 1.2 .. 5.2 written as int8 without a scale become 1 .. 5, about 10 %, with none of them 0.
     */
    public static final double ROUNDING_ERROR_LIMIT = 0.01;

    private final SampleFormat format;
    private final long lo;
    private final long hi;
    private long samples;
    private long nonZero;
    private long roundedToZero;
    private long saturated;
    /** ±infinity samples, written as the format's largest or smallest value (not in {@link #saturated}). */
    private long plusInfinite;
    private long minusInfinite;
    private long notANumber;
    /** Samples within the format's range, those the rounding error is measured on. */
    private long inRange;
    /** Sum of squares of the in-range samples, and of what rounding changed in them. */
    private double signalSquares;
    private double errorSquares;
    /** Sum of squares of the finite samples beyond the range, and of what clipping changed in them. */
    private double clippedSquares;
    private double clipErrorSquares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /**
     * @param format the integer format the samples are written in
     * @throws IllegalArgumentException when {@code format} is a float format
     */
    public IntegerFit(SampleFormat format) {
        if (!format.isInteger()) {
            throw new IllegalArgumentException(format.shortName() + " is not an integer format");
        }
        this.format = format;
        this.lo = format.integerMin();
        this.hi = format.integerMax();
    }

    /**
     * The factor that maps the largest magnitude {@code maxAbs} of the data onto the largest value
     * {@code format} holds (32767 for int16, 127 for int8, the largest float below 2^31 for int32,
     * so that no scaled sample saturates); 1 when {@code maxAbs} is 0 or not finite.
     */
    public static double autoScale(SampleFormat format, double maxAbs) {
        if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
            return 1;
        }
        double top = format.integerMax();
        float f = (float) top;
        double target = f > top ? Math.nextDown(f) : f;
        return target / maxAbs;
    }

    /** Counts {@code s[0..n)}. */
    public void add(float[] s, int n) {
        for (int i = 0; i < n; i++) {
            float v = s[i];
            samples++;
            if (Float.isNaN(v)) {
                notANumber++;
                continue;
            }
            if (v != 0) {
                nonZero++;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (Float.isInfinite(v)) {
                if (v > 0) {
                    plusInfinite++;
                } else {
                    minusInfinite++;
                }
                continue;
            }
            long r = Math.round((double) v);
            if (r > hi || r < lo) {
                saturated++;
                double c = (r > hi ? hi : lo) - (double) v;
                clippedSquares += (double) v * v;
                clipErrorSquares += c * c;
                continue;
            }
            if (r == 0 && v != 0) {
                roundedToZero++;
            }
            inRange++;
            double e = r - (double) v;
            signalSquares += (double) v * v;
            errorSquares += e * e;
        }
    }

    /** The format the samples are written in. */
    public SampleFormat format() {
        return format;
    }

    /** Samples counted. */
    public long samples() {
        return samples;
    }

    /** Samples other than 0 and NaN. */
    public long nonZero() {
        return nonZero;
    }

    /** Non-zero samples written as 0 (|value| &lt; 0.5, or exactly −0.5). */
    public long roundedToZero() {
        return roundedToZero;
    }

    /** Finite samples beyond the format's range, written as its smallest or largest value. */
    public long saturated() {
        return saturated;
    }

    /** Infinite samples, written as the format's largest (+infinity) or smallest (−infinity) value. */
    public long infinite() {
        return plusInfinite + minusInfinite;
    }

    /** NaN samples, written as 0. */
    public long notANumber() {
        return notANumber;
    }

    /** Smallest sample (−infinity when there was one), or NaN when there was none but NaNs. */
    public double min() {
        return samples - notANumber > 0 && min <= max ? min : Double.NaN;
    }

    /** Largest sample (+infinity when there was one), or NaN when there was none but NaNs. */
    public double max() {
        return samples - notANumber > 0 && min <= max ? max : Double.NaN;
    }

    /** Samples within the format's range, neither saturated, infinite nor NaN: what {@link #roundingError()} measures. */
    public long inRange() {
        return inRange;
    }

    /**
     * RMS of what rounding changed in the samples within the format's range, as a fraction of
     * their RMS; 0 when they are all 0 or none is within the range ({@link #inRange()}).
     */
    public double roundingError() {
        return signalSquares > 0 ? Math.sqrt(errorSquares / signalSquares) : 0;
    }

    /**
     * RMS of what was written minus the data, over every finite sample (the clipped ones
     * included, their error what clipping took off), as a fraction of their RMS: what a sample
     * saturated at int8's 127 lost, which {@link #roundingError()} leaves out (f3.sgy's samples of
     * ±1e4 written as int8 lose 96 % of their RMS with a rounding error of 0). 0 when every finite sample is 0.
     */
    public double error() {
        double signal = signalSquares + clippedSquares;
        return signal > 0 ? Math.sqrt((errorSquares + clipErrorSquares) / signal) : 0;
    }

    /**
     * Whether the format lost the data: any sample saturated or infinite, or
     * {@link #roundingLossy()}.
     */
    public boolean lossy() {
        return saturated > 0 || infinite() > 0 || roundingLossy();
    }

    /**
     * Whether the format lost the data for its infinite samples alone, nothing saturated and
     * the rounding within its limits: no scale factor helps then (an integer format has no
     * infinity), only a float format does.
     */
    public boolean lossyForInfinitiesAlone() {
        return infinite() > 0 && saturated == 0 && !roundingLossy();
    }

    /**
     * Whether the rounding alone lost the data: more than {@link #ROUNDED_TO_ZERO_LIMIT} of the
     * non-zero samples became 0, or the rounding error is above {@link #ROUNDING_ERROR_LIMIT} of
     * the data's RMS.
     */
    public boolean roundingLossy() {
        return roundedToZero > ROUNDED_TO_ZERO_LIMIT * nonZero || roundingError() > ROUNDING_ERROR_LIMIT;
    }

    /**
     * What happened, in one clause: "160,400 of 160,401 samples rounded to 0, 0 saturated at
     * int16's -32768..32767, rounding error 100 % of the data's RMS; the data's range is
     * -0.0266..0.0283" (plus the infinite samples, "1 infinite written as 32767", and the NaNs
     * when there were any). When samples saturated, the error said is clipping's and rounding's
     * together ({@link #error()}: "24,175 saturated at int8's -128..127, rounding and clipping
     * error 96 % of the data's RMS"), since the rounding error of the samples left within the
     * range alone read 0 % of data that had lost most of itself; when no sample is within the
     * range ({@link #inRange()}), "no sample within the range to round".
     */
    public String summary() {
        return summary("the data's range");
    }

    /** As {@link #summary()}, with {@code rangeName} for "the data's range" (say "the scaled data's range"). */
    public String summary(String rangeName) {
        String infinities = infinite() == 0 ? "" : String.format(Locale.ROOT, ", %,d infinite written as %s", infinite(),
                minusInfinite == 0 ? Long.toString(hi) : plusInfinite == 0 ? Long.toString(lo) : lo + " or " + hi);
        String nan = notANumber > 0 ? String.format(Locale.ROOT, ", %,d NaN written as 0", notANumber) : "";
        String none = "no sample within the range to round";
        String rounding = saturated > 0 ? "rounding and clipping error " + percent(error()) + " of the data's RMS"
                + (inRange == 0 ? " (" + none + ")" : "")
                : inRange > 0 ? "rounding error " + percent(roundingError()) + " of the data's RMS" : none;
        return String.format(Locale.ROOT, "%,d of %,d samples rounded to 0, %,d saturated at %s's %d..%d%s%s, %s;"
                + " %s is %s..%s", roundedToZero, samples, saturated, format.shortName(), lo, hi, infinities, nan,
                rounding, rangeName, number(min()), number(max()));
    }

    private static String percent(double fraction) {
        double p = 100 * fraction;
        return p == 0 ? "0 %" : String.format(Locale.ROOT, p >= 10 ? "%.0f %%" : p >= 1 ? "%.1f %%" : "%.2g %%", p);
    }

    private static String number(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.4g", v);
    }
}
