package io.seiswork.render.plot;

import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The frame of a 2D plot drawn on a canvas: a plot rectangle inside fixed margins, a visible data
 * window (horizontal "across" values left to right, vertical "down" values top to bottom, like a
 * seismic section, or bottom to top, like north on a map: {@link #setDownUpward}), the mapping
 * between the two, tick marks with labels, axis titles and a colour
 * bar on the right. Holds display state only; used on the JavaFX thread.
 */
public final class PlotFrame {

    /** Margins in pixels: left (down-axis labels), top (title), right (colour bar), bottom (across labels). */
    public static final double LEFT = 64;
    /** Top margin in pixels. */
    public static final double TOP = 26;
    /**
     * Right margin in pixels, at least: the colour bar and its labels; labels wider than it leaves
     * room for widen it ({@link #setColorBarClip}).
     */
    public static final double RIGHT = 86;
    /** Gap between the plot and the colour bar, pixels. */
    private static final double BAR_GAP = 14;
    /** Width of the colour bar, pixels. */
    private static final double BAR_WIDTH = 16;
    /** Gap between the colour bar and its labels, pixels. */
    private static final double LABEL_GAP = 4;
    /** Room kept right of the widest label, pixels. */
    private static final double EDGE = 6;
    /** Bottom margin in pixels. */
    public static final double BOTTOM = 40;

    private static final Font FONT = Font.font(11);
    /** Pixels at least between two tick labels along their axis. */
    static final double TICK_LABEL_SPACE = 6;
    private double width;
    private double height;
    private double across0;
    private double across1;
    private double down0;
    private double down1;
    private double exaggeration;
    private String aspectName;
    private boolean downUpward;
    /** The right margin in pixels: {@link #RIGHT}, or what the colour bar's labels need. */
    private double right = RIGHT;
    /** The clip {@link #right} was measured for (null: none). */
    private Clip marginClip;
    /**
     * Canvas x where the colour bar's label starts, as last drawn in the top margin (infinite
     * when none is): the title drawn after it stops short of it.
     */
    private double unitLeft = Double.POSITIVE_INFINITY;

    /** Sets the canvas size in pixels. */
    public void setSize(double w, double h) {
        width = w;
        height = h;
    }

    /**
     * Whether the vertical axis's values increase upward, as y (north) on a map or a depth slice,
     * rather than downward, as depth or time on a section (false, the default). The window's
     * {@code d0} is then at the plot's bottom, the ticks, the readout ({@link #downAt}) and
     * {@link #drawImage} (its first row at the bottom) follow.
     */
    public void setDownUpward(boolean upward) {
        downUpward = upward;
    }

    /** Whether the vertical axis's values increase upward ({@link #setDownUpward}). */
    public boolean downUpward() {
        return downUpward;
    }

    /**
     * Sets the visible data window: across values [a0, a1] left to right, down values [d0, d1] top
     * to bottom (bottom to top when {@link #setDownUpward upward}).
     */
    public void setWindow(double a0, double a1, double d0, double d1) {
        across0 = a0;
        across1 = a1;
        down0 = d0;
        down1 = d1;
    }

    /**
     * How the plot keeps its shape. With {@code exaggeration} &gt; 0 the plot rectangle is the
     * largest one inside the margins whose pixels per down unit are {@code exaggeration} times
     * its pixels per across unit (1: the true shape of a section in metres), centred, so the pane
     * letterboxes it; 0 fills the area whatever the window's shape. {@code name} labels the ratio
     * under the plot ("VE" gives "VE 1:1"; for 0 the ratio the fill happens to give); null draws
     * no label, for axes in different units (time against distance), which have no true ratio.
     */
    public void setAspect(double exaggeration, String name) {
        this.exaggeration = exaggeration > 0 ? exaggeration : 0;
        this.aspectName = name;
    }

    /**
     * Reserves the right margin the colour bar's labels for {@code clip} need ({@link #colorBarLabels},
     * measured in the frame's font; {@link #RIGHT} at least), so that "-5.343e-05" is drawn whole;
     * null for a plot without a colour bar. Call before drawing: the plot rectangle depends on it.
     */
    public void setColorBarClip(Clip clip) {
        if (java.util.Objects.equals(clip, marginClip) && right >= RIGHT) {
            return;  // measured for this clip already (views call this at every redraw)
        }
        marginClip = clip;
        double labels = 0;
        if (clip != null && clip.measured()) {
            for (String l : colorBarLabels(clip)) {
                labels = Math.max(labels, textWidth(l));
            }
        }
        right = Math.max(RIGHT, Math.ceil(BAR_GAP + BAR_WIDTH + LABEL_GAP + labels + EDGE));
    }

    /** The right margin in pixels: the colour bar and its labels ({@link #setColorBarClip}). */
    public double rightMargin() {
        return right;
    }

    /** The plot rectangle in canvas pixels (letterboxed inside the margins at a fixed aspect). */
    public Rectangle2D plot() {
        double w = Math.max(1, width - LEFT - right);
        double h = Math.max(1, height - TOP - BOTTOM);
        double wa = Math.abs(across1 - across0);
        double wd = Math.abs(down1 - down0);
        if (exaggeration > 0 && wa > 0 && wd > 0) {
            double perAcross = Math.min(w / wa, h / (exaggeration * wd));
            double pw = Math.max(1, perAcross * wa);
            double ph = Math.max(1, perAcross * exaggeration * wd);
            return new Rectangle2D(LEFT + (w - pw) / 2, TOP + (h - ph) / 2, pw, ph);
        }
        return new Rectangle2D(LEFT, TOP, w, h);
    }

    /** The vertical exaggeration on screen: pixels per down unit over pixels per across unit. */
    public double shownExaggeration() {
        Rectangle2D p = plot();
        return (p.getHeight() / Math.abs(down1 - down0)) / (p.getWidth() / Math.abs(across1 - across0));
    }

    /** The aspect label under the plot ("VE 1:1", "VE 1.43:1 (fill)"), or "" when none is drawn. */
    public String aspectLabel() {
        if (aspectName == null) {
            return "";
        }
        String ratio = VerticalExaggeration.label(exaggeration > 0 ? exaggeration : shownExaggeration())
                .substring("VE ".length());
        return aspectName + " " + ratio + (exaggeration > 0 ? "" : " (fill)");
    }

    /** Canvas x of across value {@code a}. */
    public double x(double a) {
        Rectangle2D p = plot();
        return p.getMinX() + (a - across0) / (across1 - across0) * p.getWidth();
    }

    /** Canvas y of down value {@code d}. */
    public double y(double d) {
        Rectangle2D p = plot();
        double f = (d - down0) / (down1 - down0);
        return downUpward ? p.getMaxY() - f * p.getHeight() : p.getMinY() + f * p.getHeight();
    }

    /** Across value at canvas x. */
    public double acrossAt(double x) {
        Rectangle2D p = plot();
        return across0 + (x - p.getMinX()) / p.getWidth() * (across1 - across0);
    }

    /** Down value at canvas y. */
    public double downAt(double y) {
        Rectangle2D p = plot();
        double f = downUpward ? (p.getMaxY() - y) / p.getHeight() : (y - p.getMinY()) / p.getHeight();
        return down0 + f * (down1 - down0);
    }

    /**
     * Clears the canvas and draws {@code image} covering data extent [a0, a1] × [d0, d1], clipped
     * to the plot: its first row at d0, at the top, or at the bottom when the axis is
     * {@link #setDownUpward upward} (the image mirrored on the canvas, the pixels unchanged).
     */
    public void drawImage(GraphicsContext g, Image image, double a0, double a1, double d0, double d1) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        unitLeft = Double.POSITIVE_INFINITY;  // a new picture: its colour bar, if any, comes next
        if (image == null) {
            return;
        }
        Rectangle2D p = plot();
        g.save();
        g.beginPath();
        g.rect(p.getMinX(), p.getMinY(), p.getWidth(), p.getHeight());
        g.clip();
        g.setImageSmoothing(false);
        if (downUpward) {
            // Row 0 at y(d0), the bottom: mirror about y(d0) and draw downward from there.
            g.translate(0, y(d0));
            g.scale(1, -1);
            g.drawImage(image, x(a0), 0, x(a1) - x(a0), y(d0) - y(d1));
        } else {
            g.drawImage(image, x(a0), y(d0), x(a1) - x(a0), y(d1) - y(d0));
        }
        g.restore();
    }

    /**
     * Draws the plot border, ticks, tick labels, axis titles and the title (null: none, the view
     * shows its own). The title shares the top margin with the colour bar's label, drawn before it
     * ({@link #drawColorBar}): it is cut with "…" where it would come within 8 px of the label.
     */
    public void drawAxes(GraphicsContext g, String title, String acrossTitle, String downTitle) {
        Rectangle2D p = plot();
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeRect(p.getMinX() - 0.5, p.getMinY() - 0.5, p.getWidth() + 1, p.getHeight() + 1);
        g.setFill(Color.BLACK);
        g.setFont(FONT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double v : acrossTicks()) {
            double x = Math.round(x(v)) + 0.5;
            g.strokeLine(x, p.getMaxY(), x, p.getMaxY() + 5);
            g.fillText(Ticks.label(v), x, p.getMaxY() + 7);
        }
        g.fillText(acrossTitle, p.getMinX() + p.getWidth() / 2, p.getMaxY() + 22);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v : downTicks()) {
            double y = Math.round(y(v)) + 0.5;
            g.strokeLine(p.getMinX() - 5, y, p.getMinX(), y);
            g.fillText(Ticks.label(v), p.getMinX() - 7, y);
        }
        String aspect = aspectLabel();
        if (!aspect.isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(aspect, Math.max(4, p.getMinX() - LEFT + 4), p.getMaxY() + 22);
        }
        g.save();
        g.translate(Math.max(12, p.getMinX() - LEFT + 12), p.getMinY() + p.getHeight() / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(downTitle, 0, 0);
        g.restore();
        if (title != null) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(fit(title, unitLeft - 8 - p.getMinX()), p.getMinX(), Math.max(6, p.getMinY() - TOP + 6));
        }
    }

    /**
     * The across values {@link #drawAxes} marks and labels under the plot, ascending: about one a
     * 90 px of plot width, two at least (both ends of a narrow plot's scale, {@link
     * Ticks#atLeastTwo}), and only those whose labels do not touch ({@link #apart}).
     */
    public List<Double> acrossTicks() {
        List<Double> ticks = Ticks.atLeastTwo(Math.min(across0, across1), Math.max(across0, across1),
                Math.max(2, (int) (plot().getWidth() / 90)));
        return apart(ticks, this::x, v -> textWidth(Ticks.label(v)));
    }

    /** The down values {@link #drawAxes} marks and labels left of the plot: about one a 60 px of height, two at least, apart. */
    public List<Double> downTicks() {
        List<Double> ticks = Ticks.atLeastTwo(Math.min(down0, down1), Math.max(down0, down1),
                Math.max(2, (int) (plot().getHeight() / 60)));
        double line = textHeight();
        return apart(ticks, this::y, v -> line);
    }

    /**
     * The evenly spaced {@code ticks} whose labels, centred at {@code at} pixels and {@code size}
     * pixels long along the axis, keep {@value #TICK_LABEL_SPACE} px between them: all of them, or
     * every second, third... where that keeps both ends, or the two ends alone, or the first alone.
     * The finer steps that give a narrow plot (under 180 px: room for 2) two ticks can give it five,
     * "0" to "4000" 25 px apart and overlapping.
     */
    static List<Double> apart(List<Double> ticks, DoubleUnaryOperator at, DoubleUnaryOperator size) {
        int n = ticks.size();
        for (int every = 1; every < n; every++) {
            if ((n - 1) % every != 0) {
                continue;
            }
            List<Double> kept = new ArrayList<>();
            for (int i = 0; i < n; i += every) {
                kept.add(ticks.get(i));
            }
            if (labelsApart(kept, at, size)) {
                return kept;
            }
        }
        return n == 0 ? ticks : List.of(ticks.getFirst());
    }

    private static boolean labelsApart(List<Double> ticks, DoubleUnaryOperator at, DoubleUnaryOperator size) {
        for (int i = 1; i < ticks.size(); i++) {
            double a = ticks.get(i - 1);
            double b = ticks.get(i);
            double room = (size.applyAsDouble(a) + size.applyAsDouble(b)) / 2 + TICK_LABEL_SPACE;
            if (Math.abs(at.applyAsDouble(b) - at.applyAsDouble(a)) < room) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as drawn in the frame's font, cut with "…" to at most {@code room} pixels wide. */
    static String fit(String text, double room) {
        if (textWidth(text) <= room) {
            return text;
        }
        // The longest cut that fits, found in a few measurements (the width grows with the length)
        // rather than one per character on every redraw.
        String best = "";
        int lo = 1;
        int hi = text.length() - 1;
        while (lo <= hi) {
            int n = (lo + hi) >>> 1;
            String cut = text.substring(0, n).stripTrailing() + "\u2026";
            if (textWidth(cut) <= room) {
                best = cut;
                lo = n + 1;
            } else {
                hi = n - 1;
            }
        }
        return best;
    }

    /** Height of a line of tick labels in pixels in the frame's font. */
    static double textHeight() {
        javafx.scene.text.Text t = new javafx.scene.text.Text("0");
        t.setFont(FONT);
        return t.getLayoutBounds().getHeight();
    }

    /** Width of {@code text} in pixels in the frame's font. */
    static double textWidth(String text) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(FONT);
        return t.getLayoutBounds().getWidth();
    }

    /** Canvas x of the colour bar's left edge (its label is placed from there). */
    public double colorBarX() {
        return plot().getMaxX() + BAR_GAP;
    }

    /**
     * Draws a vertical colour bar for {@code map} over {@code clip} in the right margin, labelled
     * in {@code unit} above it (null: no label, the view places its own). The margin is the one
     * {@link #setColorBarClip} reserved for the clip's labels. An {@linkplain Clip#measured
     * unmeasured} clip has no scale to show: no bar then, {@link #NO_FINITE_SAMPLES} over the plot.
     */
    public void drawColorBar(GraphicsContext g, ColorMap map, Clip clip, String unit) {
        Rectangle2D p = plot();
        if (!clip.measured()) {
            drawNoFiniteSamples(g, p);
            return;
        }
        double x = colorBarX();
        double w = BAR_WIDTH;
        int steps = (int) Math.max(1, p.getHeight());
        for (int i = 0; i < steps; i++) {
            int argb = map.argb(1 - (i + 0.5) / steps);
            g.setFill(Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff));
            g.fillRect(x, p.getMinY() + i * p.getHeight() / steps, w, p.getHeight() / steps + 1);
        }
        g.setStroke(Color.BLACK);
        g.strokeRect(x - 0.5, p.getMinY() - 0.5, w + 1, p.getHeight() + 1);
        g.setFill(Color.BLACK);
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        List<String> labels = colorBarLabels(clip);
        g.fillText(labels.get(0), x + w + LABEL_GAP, p.getMinY() + 4);
        g.fillText(labels.get(1), x + w + LABEL_GAP, p.getMinY() + p.getHeight() / 2);
        g.fillText(labels.get(2), x + w + LABEL_GAP, p.getMaxY() - 4);
        // Right-aligned at the canvas edge: a long unit ("image amplitude") runs left over the top
        // margin instead of being cut off at the window's edge.
        if (unit == null) {
            unitLeft = Double.POSITIVE_INFINITY;
            return;
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        double right = Math.min(width - 4, p.getMaxX() + this.right - 4);
        g.fillText(unit, right, p.getMinY() - 4);
        unitLeft = unit.isEmpty() ? Double.POSITIVE_INFINITY : right - textWidth(unit);
    }

    /** What the plot says in place of a colour bar when the volume has no finite sample to scale one by. */
    public static final String NO_FINITE_SAMPLES = "no finite samples: NaN or Inf everywhere";

    /**
     * {@link #NO_FINITE_SAMPLES} across the middle of the plot, for a view with no colour bar to
     * put it in place of (a gather's wiggles).
     */
    public void drawNoFiniteSamples(GraphicsContext g) {
        drawNoFiniteSamples(g, plot());
    }

    /**
     * In place of a made-up scale, {@link #NO_FINITE_SAMPLES} across the middle of the plot (whose
     * pixels are all blank), on a white box so an overlay's lines do not hide it.
     */
    private void drawNoFiniteSamples(GraphicsContext g, Rectangle2D p) {
        unitLeft = Double.POSITIVE_INFINITY;
        String note = fit(NO_FINITE_SAMPLES, p.getWidth() - 12);
        double w = textWidth(note);
        double cx = p.getMinX() + p.getWidth() / 2;
        double cy = p.getMinY() + p.getHeight() / 2;
        g.setFill(Color.WHITE);
        g.fillRect(cx - w / 2 - 4, cy - 10, w + 8, 20);
        g.setFill(Color.rgb(0x8b, 0, 0));
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(note, cx, cy);
    }

    /**
     * The colour bar's labels, top to bottom: the clip's high end, its middle and its low end, each
     * to four significant digits ({@link Ticks#value}), so that an image of amplitudes around 1e-7
     * reads "1.234e-07" rather than "0" (a fixed number of decimals rounds small amplitudes away).
     */
    public static List<String> colorBarLabels(Clip clip) {
        double mid = (clip.low() + clip.high()) / 2;
        // A symmetric clip's middle is zero; rounding error must not print it as "-1.7e-23".
        if (Math.abs(mid) < 1e-9 * (clip.high() - clip.low())) {
            mid = 0;
        }
        return List.of(Ticks.value(clip.high()), Ticks.value(mid), Ticks.value(clip.low()));
    }
}
