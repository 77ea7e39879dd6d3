package io.seiswork.core.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A figure rounded to a few significant digits for a message or a view: a size in GiB, an
 * aperture in metres, a velocity range in m/s. Units are the caller's; only the digits change.
 * One copy, so that the spec's messages, the survey's summary and the desktop's project summary
 * write the same figure alike.
 */
public final class SignificantDigits {

    /** The magnitudes {@link #plainOrScientific} writes in plain decimals: from 1e-3 up to, not including, 1e7. */
    private static final double PLAIN_MIN = 1e-3;
    private static final double PLAIN_MAX = 1e7;

    private SignificantDigits() {
    }

    /**
     * {@code v} to {@code digits} significant digits, rounded half up from its exact binary value
     * (so 0.15, a little below 0.15 in binary, rounds to 0.1 at one digit).
     *
     * @throws NumberFormatException when {@code v} is not finite
     */
    public static BigDecimal round(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits));
    }

    /**
     * {@code v} to {@code digits} significant digits ({@link #round}) as a double, for a figure
     * that stays a number (a rate in a JSON report); 0, NaN and the infinities as they are.
     */
    public static double rounded(double v, int digits) {
        return v == 0 || !Double.isFinite(v) ? v : round(v, digits).doubleValue();
    }

    /**
     * {@code v} to {@code digits} significant digits ({@link #round}), without trailing zeros, in
     * plain decimals: (14.0, 4) reads "14", (4.0 / 3, 4) "1.333", (0.004, 4) "0.004".
     *
     * @throws NumberFormatException when {@code v} is not finite
     */
    public static String plain(double v, int digits) {
        return round(v, digits).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code v} as {@code %.<digits>g} writes it, in plain decimals without trailing zeros where
     * that is short (0 and magnitudes from 1e-3 below 1e7: "1.5", "2200") and as {@code %g} writes
     * it where not: in scientific notation ("8.978e-41", "1.000e+09"), save from 1e-4 below 1e-3,
     * where {@code %g} itself writes plain decimals with its trailing zeros ("0.0009990"); "NaN"
     * and "Infinity" as they are. For figures
     * that may be anything, such as a velocity file's values read with the wrong byte order.
     * Rounded as {@code %g} rounds, half up from the shortest decimal that reads back as {@code v},
     * not from its exact binary value as {@link #plain}: 1.0005 reads "1.001" here and "1" there.
     */
    public static String plainOrScientific(double v, int digits) {
        String g = String.format(Locale.ROOT, "%." + digits + "g", v);
        if (v == 0 || (Math.abs(v) >= PLAIN_MIN && Math.abs(v) < PLAIN_MAX)) {
            return new BigDecimal(g).stripTrailingZeros().toPlainString();
        }
        return g;
    }
}
