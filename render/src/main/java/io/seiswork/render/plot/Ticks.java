package io.seiswork.render.plot;

import java.util.ArrayList;
import java.util.List;

/** "Nice" tick values (1, 2 or 5 × 10^k apart) for an axis range, about {@code target} of them. */
public final class Ticks {

    private Ticks() {
    }

    /** Tick values within [min, max], ascending. */
    public static List<Double> of(double min, double max, int target) {
        List<Double> out = new ArrayList<>();
        if (!(max > min) || target < 1) {
            return out;
        }
        double step = step((max - min) / target);
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** The nice step nearest above {@code raw}. */
    static double step(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** A data value to four significant digits, without trailing zeros: 2200, 0.02183, -1.5e-05. */
    public static String value(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** An axis tick label without trailing zeros: "1250", "0.5", "-12.5" (four decimals at most). */
    public static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
