package io.seiswork.render.plot;

import java.util.ArrayList;
import java.util.List;

/** "Nice" tick values (1, 2 or 5 × 10^k apart) for an axis range, about {@code target} of them. */
public final class Ticks {

    private Ticks() {
    }

    /** The most finer nice steps {@link #atLeastTwo} takes: 5 → 2 → 1 → 0.5 → 0.2 → 0.1 → 0.05, a hundredth. */
    private static final int MOST_FINER = 6;

    /** The most values one axis gets, however small the step against its range's magnitude. */
    private static final int MOST_VALUES = 1000;

    /**
     * Tick values within [min, max], ascending, at the nice step nearest above the range over
     * {@code target}: possibly a single one (the 3D box's z edge asks for as many as fit there, one
     * on a thin slab). None for an empty, zero or non-finite range.
     */
    public static List<Double> of(double min, double max, int target) {
        if (!usable(min, max) || target < 1) {
            return new ArrayList<>();
        }
        return values(min, max, step((max - min) / target));
    }

    /**
     * As {@link #of}, but at least two wherever that can be, so that a plot's axis always has a
     * scale. The nice step nearest above the range over {@code target} can leave a single tick: a
     * 4,000 m section drawn from cell edge to cell edge, -5 to 4005 m, in a plot with room for 2
     * ticks gets a step of 5,000 m and "0" alone, no far-end value and no horizontal scale (the Run
     * tab's live wavefield at 1024 px). The next finer nice steps are taken then until two fit
     * (here 2,000 m: 0, 2000, 4000), {@value #MOST_FINER} at most: enough for any range whose ends
     * differ by more than their rounding (a range a few ulps wide, zoomed in without limit, may
     * get fewer, and at once).
     */
    public static List<Double> atLeastTwo(double min, double max, int target) {
        if (!usable(min, max) || target < 1) {
            return new ArrayList<>();
        }
        double step = step((max - min) / target);
        List<Double> out = values(min, max, step);
        for (int i = 0; i < MOST_FINER && out.size() < 2; i++) {
            step = finer(step);
            out = values(min, max, step);
        }
        return out;
    }

    /** A range with ticks to find: finite, not empty, its width finite. */
    private static boolean usable(double min, double max) {
        return Double.isFinite(min) && Double.isFinite(max) && max > min && Double.isFinite(max - min);
    }

    /**
     * The multiples of {@code step} within [min, max], ascending ({@value #MOST_VALUES} at most);
     * none where the step is too small to move a value of the range's magnitude.
     */
    private static List<Double> values(double min, double max, double step) {
        List<Double> out = new ArrayList<>();
        double first = Math.ceil(min / step) * step;
        if (!(step > 0) || !Double.isFinite(first) || first + step == first) {
            return out;
        }
        for (double v = first; v <= max + step * 1e-9 && out.size() < MOST_VALUES; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** The nice step below {@code step} (itself 1, 2 or 5 × 10^k): 5 → 2, 2 → 1, 1 → 0.5. */
    static double finer(double step) {
        double p = Math.pow(10, Math.floor(Math.log10(step)));
        long m = Math.round(step / p);
        return m >= 5 ? 2 * p : m >= 2 ? p : p / 2;
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
