package io.seiswork.core.spec;

import io.seiswork.core.text.SignificantDigits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The few ways the spec's messages round a figure other than {@link Problems#num(double)}: to
 * significant digits (sizes, extents; {@link SignificantDigits} for figures written elsewhere too),
 * to decimals (times), and down (an upper limit a user may type back). One copy, so that the reader's and the resolver's messages round alike. Figures
 * keep their unit (metres, seconds, m/s): only their digits change.
 */
final class Figures {

    private Figures() {
    }

    /** {@code v} to 3 significant digits, for figures in messages; 0 and non-finite values as they are. */
    static double round3(double v) {
        return SignificantDigits.rounded(v, 3);
    }

    /** {@code v} rounded to {@code digits} decimals (half up), written as {@link Problems#num(double)}, without a trailing ".0". */
    static String decimals(double v, int digits) {
        return Problems.num(new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros().doubleValue());
    }

    /**
     * {@code limit} to 6 significant digits, rounded down: a user who types the figure a message
     * gives as an upper limit has a value the check accepts (rounding to nearest could show a
     * figure just above the limit, refused again).
     */
    static String atMost(double limit) {
        if (!Double.isFinite(limit) || limit <= 0) {
            return Problems.num(limit);
        }
        double shown = new BigDecimal(limit).round(new MathContext(6, RoundingMode.FLOOR)).doubleValue();
        return Problems.num(shown);
    }

    /** {@code v} as {@code %.6g} writes it (6 significant digits, trailing zeros kept): a step in seconds. */
    static String sixDigits(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
