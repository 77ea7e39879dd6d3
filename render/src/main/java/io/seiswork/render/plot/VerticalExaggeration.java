package io.seiswork.render.plot;

import java.util.List;
import java.util.Locale;

/**
 * How a section's vertical axis is scaled against its horizontal one when both are in metres: the
 * ratio of pixels per vertical metre to pixels per horizontal metre. 1 is the true shape (a
 * 4000 × 2000 m model drawn twice as wide as tall); 2 stretches depth twice; {@link #FILL} lets
 * the section fill its pane whatever the shape, as axes in different units (distance and time)
 * always do.
 *
 * @param factor the exaggeration, &gt; 0; 0 for {@link #FILL}
 */
public record VerticalExaggeration(double factor) {

    /** Equal metres per pixel on both axes. */
    public static final VerticalExaggeration TRUE = new VerticalExaggeration(1);
    /** No fixed ratio: the section fills its pane. */
    public static final VerticalExaggeration FILL = new VerticalExaggeration(0);
    /** What the viewers offer, in order. */
    public static final List<VerticalExaggeration> CHOICES = List.of(TRUE, new VerticalExaggeration(2),
            new VerticalExaggeration(5), FILL);

    public VerticalExaggeration {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("vertical exaggeration must be a finite number >= 0, got " + factor);
        }
    }

    /**
     * Widest a section may be drawn against its height, width : height, before
     * {@link #forSection} exaggerates it: a 3:1 section in a ~950 × 600 px plot is ~320 px tall.
     */
    public static final double WIDEST_DEFAULT = 3;

    /**
     * The default exaggeration of a section {@code widthMetres} wide and {@code depthMetres} deep:
     * {@link #TRUE} when its true shape is at most {@value #WIDEST_DEFAULT}:1, else the smallest of
     * 2, 5, 10, 20, 50, … that brings it there. A 100 km × 5 km 2D line drawn 1:1 is a 20:1 strip
     * ~48 px tall with a single depth tick; at 10:1 it is 2:1 and fills a sensible part of the plot.
     */
    public static VerticalExaggeration forSection(double widthMetres, double depthMetres) {
        if (!(widthMetres > 0) || !(depthMetres > 0) || widthMetres <= WIDEST_DEFAULT * depthMetres) {
            return TRUE;
        }
        double need = widthMetres / (WIDEST_DEFAULT * depthMetres);
        for (double decade = 1; ; decade *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                double f = step * decade;
                if (f >= need && f > 1) {
                    return new VerticalExaggeration(f);
                }
            }
        }
    }

    /** Whether the section fills its pane (no fixed ratio). */
    public boolean fills() {
        return factor == 0;
    }

    /** "VE 2:1" for an exaggeration of 2 (to three significant digits: "VE 1.43:1"). */
    public static String label(double factor) {
        return "VE " + ratio(factor);
    }

    private static String ratio(double factor) {
        String f = String.format(Locale.ROOT, "%.3g", factor);
        if (f.contains(".") && !f.contains("e")) {
            f = f.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return f + ":1";
    }

    /** As the choosers list it: "1:1 (true)", "2:1", "fill". */
    @Override
    public String toString() {
        return fills() ? "fill" : factor == 1 ? "1:1 (true)" : ratio(factor);
    }
}
