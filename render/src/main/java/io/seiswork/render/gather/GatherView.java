package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.ErrorLabel;
import io.seiswork.render.plot.PlotFrame;
import io.seiswork.render.plot.Ticks;
import io.seiswork.render.section.Rendered;
import io.seiswork.render.task.LatestOnly;
import io.seiswork.render.task.RenderExecutor;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A shot gather: time down, traces across, drawn as variable density (a colour raster with a
 * colour bar) or as wiggles (positive lobes filled). The gather is plain arrays ({@link Gather});
 * the view keeps only display state (style, colour map, a gain, the clip as a percentile of the
 * gained |amplitudes|, wiggle gain). Gain, clip, colouring and wiggle deflections are computed on
 * {@link RenderExecutor}'s threads, reduced there to the plot's device pixels (a raster of at most
 * twice them, {@link GatherRaster}; at most a wiggle every 2 px and two vertices a pixel row,
 * {@link WiggleTraces}), so the JavaFX thread's drawing is bounded by the plot, not by the gather;
 * a larger plot (a resize) computes them again, through the same latest-only queue.
 */
public final class GatherView extends Region {

    private final Canvas canvas = new Canvas();
    private final PlotFrame frame = new PlotFrame();
    private final LatestOnly<Prepared> loader = new LatestOnly<>(RenderExecutor.shared(), Platform::runLater);
    private final ObjectProperty<Gather> gather = new SimpleObjectProperty<>(this, "gather");
    private final ObjectProperty<GatherStyle> style = new SimpleObjectProperty<>(this, "style", GatherStyle.VARIABLE_DENSITY);
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.GRAY);
    private final DoubleProperty clipPercent = new SimpleDoubleProperty(this, "clipPercent", 99);
    private final ObjectProperty<GatherGain> amplitudeGain = new SimpleObjectProperty<>(this, "amplitudeGain",
            GatherGain.NONE);
    private final DoubleProperty gain = new SimpleDoubleProperty(this, "gain", 1.5);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyStringWrapper pointerReadout = new ReadOnlyStringWrapper(this, "pointerReadout", "");
    /** What a worker prepares: a coloured raster (its image filled) or wiggle deflections, and the clip used. */
    private record Prepared(Rendered raster, WiggleTraces wiggles, double clip) {
    }

    /**
     * What a request reduces the gather to, from the plot's device pixels: raster columns and rows
     * ({@link GatherRaster}) or wiggle traces and pixel rows ({@link WiggleTraces}).
     */
    private record Reduction(GatherStyle style, int across, int down) {
    }

    /**
     * The gained gather and its clip last computed: a change of style, colour map or wiggle gain
     * reuses them rather than gaining and sorting the gather again. Written by the render threads.
     */
    private record Gained(Gather source, GatherGain gain, Gather gained, double percent, double clip) {
    }

    private volatile Gained lastGained;
    /** Why the gather could not be drawn, whole, wrapped over the top of the plot. */
    private final ErrorLabel errorLabel = new ErrorLabel("gatherError", this::requestLayout);
    private Rendered raster;
    private Image image;
    private WiggleTraces wiggles;
    private double clip;
    /** The reduction of the latest request (null: none made, the plot has no pixels yet). */
    private Reduction requested;
    /**
     * The gather chosen could not be read ({@link #showError}): no request is made, whatever
     * changes, until another gather is set, so that the last one's picture never comes back under
     * the failed shot's number.
     */
    private boolean failed;

    /** A view of {@code g}. */
    public GatherView(Gather g) {
        getChildren().addAll(canvas, errorLabel);
        gather.set(g);
        gather.addListener((o, a, b) -> {
            failed = false;
            request();
        });
        style.addListener((o, a, b) -> request());
        colorMap.addListener((o, a, b) -> request());
        clipPercent.addListener((o, a, b) -> request());
        amplitudeGain.addListener((o, a, b) -> request());
        gain.addListener((o, a, b) -> request());
        setPrefSize(640, 420);
        setOnMouseMoved(e -> pointerReadout.set(describeAt(e.getX(), e.getY())));
        setOnMouseExited(e -> pointerReadout.set(""));
        request();
    }

    /**
     * The trace and time under the pointer and the sample there, "receiver 12, t 0.532 s:
     * 0.01234" (the nearest sample; "no sample" where the trace has none, before its delay or
     * after its end), or "" when it is not over the gather: for reading arrival times and
     * amplitudes off the screen.
     */
    public ReadOnlyStringProperty pointerReadoutProperty() {
        return pointerReadout.getReadOnlyProperty();
    }

    /** What {@link #pointerReadoutProperty} says for canvas pixel (x, y). */
    public String describeAt(double x, double y) {
        Gather g = gather.get();
        if (g == null || failed || !frame.plot().contains(x, y)) {
            return "";
        }
        Sampling tr = g.traces();
        Sampling t = g.time();
        int k = (int) Math.round((frame.acrossAt(x) - tr.first()) / tr.delta());
        int i = (int) Math.round((frame.downAt(y) - t.first()) / t.delta());
        if (k < 0 || i < 0 || k >= tr.count() || i >= t.count()) {
            return "";
        }
        float v = g.value(k, i);
        return String.format(java.util.Locale.ROOT, "%s %s, t %s s: %s", g.tracesLabel(), Ticks.label(tr.value(k)),
                Ticks.label(t.value(i)), Float.isNaN(v) ? "no sample" : Ticks.value(v));
    }

    /** The gather shown. */
    public ObjectProperty<Gather> gatherProperty() {
        return gather;
    }

    /** Variable density or wiggle. */
    public ObjectProperty<GatherStyle> gatherStyleProperty() {
        return style;
    }

    /** Colour map of the variable-density display. */
    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /**
     * Clip at this percentile of the (gained) gather's |amplitudes|, 99 by default: the direct wave,
     * the strongest 1 %, saturates and reflections get the colour range ({@link GatherClip}).
     */
    public DoubleProperty clipPercentProperty() {
        return clipPercent;
    }

    /** Gain applied before the clip (none by default; t² lifts late reflections). */
    public ObjectProperty<GatherGain> amplitudeGainProperty() {
        return amplitudeGain;
    }

    /**
     * The clip on screen, in (gained) amplitude: the colour bar's ends, the wiggles' full swing;
     * NaN when the gather has no finite sample.
     */
    public double clip() {
        return clip;
    }

    /** Wiggle gain: at gain 1 an amplitude at the clip deflects half the spacing of the traces drawn (see {@link WiggleTraces}). */
    public DoubleProperty gainProperty() {
        return gain;
    }

    /** Whether the current style and settings are on screen (false while a request is computing). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Canvas x of trace-axis value {@code a}. */
    public double xOf(double a) {
        return frame.x(a);
    }

    /** Canvas y of time {@code t} in seconds. */
    public double yOf(double t) {
        return frame.y(t);
    }

    private void request() {
        if (failed) {
            // The error stands until another gather is set: no picture of the last one.
            return;
        }
        Gather g = gather.get();
        GatherStyle s = style.get();
        ColorMap map = colorMap.get();
        double percent = clipPercent.get();
        GatherGain amplitude = amplitudeGain.get();
        double k = gain.get();
        ready.set(false);
        errorLabel.clear();
        Reduction to = reductionFor(s);
        requested = to;
        if (to == null) {
            // Not laid out yet: the first layout asks again. Drop any request still computing.
            loader.submit(List.of(), r -> { }, e -> { });
            return;
        }
        loader.submit(List.of(() -> {
            Gained m = gained(g, amplitude, percent);
            Gather gained = m.gained();
            double c = m.clip();
            if (s == GatherStyle.WIGGLE) {
                return new Prepared(null, WiggleTraces.of(gained, c, k, to.across(), to.down()), c);
            }
            Slice slice = GatherRaster.slice(gained, to.across(), to.down());
            // NaN (no sample) comes out transparent (Rasterizer): the plot's white shows. No
            // finite sample: no scale to invent, the frame says so in place of the colour bar.
            Rendered r = Rendered.of(slice, Double.isNaN(c) ? Clip.UNMEASURED : new Clip(-c, c), map);
            return new Prepared(r, null, c);
        }), r -> {
            clip = r.clip();
            wiggles = r.wiggles();
            raster = r.raster();
            image = raster == null ? null : raster.image();
            ready.set(true);
            redraw();
        }, e -> {
            errorLabel.show(e);
            redraw();
        });
    }

    /**
     * What a request in style {@code s} reduces the gather to at the plot's present size in device
     * pixels, or null while the plot has none.
     */
    private Reduction reductionFor(GatherStyle s) {
        Gather g = gather.get();
        var p = frame.plot();
        var window = getScene() == null ? null : getScene().getWindow();
        double w = p.getWidth() * (window == null ? 1 : window.getOutputScaleX());
        double h = p.getHeight() * (window == null ? 1 : window.getOutputScaleY());
        if (w < 1 || h < 1) {
            return null;
        }
        int n = g.traces().count();
        int nt = g.time().count();
        return s == GatherStyle.WIGGLE
                ? new Reduction(s, WiggleTraces.tracesFor(n, w), WiggleTraces.rowsFor(nt, h))
                : new Reduction(s, GatherRaster.columnsFor(n, w), GatherRaster.rowsFor(nt, h));
    }

    /**
     * Whether the plot's present size needs another reduction than the latest request's: wiggles
     * whenever the traces or rows they are reduced to change; a raster when the plot has outgrown
     * it, or it is more than twice what the plot now needs (a small jitter of the margin, the
     * colour bar's labels, asks nothing).
     */
    private boolean needsAnotherReduction() {
        if (failed) {
            return false;
        }
        Reduction now = reductionFor(style.get());
        Reduction was = requested;
        if (now == null) {
            return false;
        }
        if (was == null || was.style() != now.style() || now.style() == GatherStyle.WIGGLE) {
            return !now.equals(was);
        }
        return now.across() > was.across() || now.down() > was.down() || was.across() > 2 * now.across()
                || was.down() > 2 * now.down();
    }

    /** The wiggles on screen, null in variable density (tests: what the JavaFX thread draws). */
    WiggleTraces shownWiggles() {
        return wiggles;
    }

    /** The raster image on screen, null in wiggle style (tests: its size and that it came filled). */
    Image shownImage() {
        return image;
    }

    /**
     * Shows {@code message} over the plot in place of the gather, whose picture is taken away: the
     * gather chosen could not be read (a shot of a file cut short under the viewer), and the last
     * one's picture must not stand under the new shot's number. A request still computing is
     * dropped, and a resize or a change of style, clip or gain draws nothing until the next gather
     * is set, which clears the error. Call on the JavaFX thread.
     */
    public void showError(String message) {
        failed = true;
        loader.submit(List.of(), r -> { }, e -> { });
        requested = null;
        pointerReadout.set("");
        raster = null;
        image = null;
        wiggles = null;
        ready.set(false);
        errorLabel.show(message);
        redraw();
    }

    /** The gained gather last computed (tests: a style change must not make another). */
    Gather lastGainedGather() {
        Gained m = lastGained;
        return m == null ? null : m.gained();
    }

    /** {@code g} with {@code amplitude} applied and its clip at {@code percent}, reused when they are the last ones. */
    private Gained gained(Gather g, GatherGain amplitude, double percent) {
        Gained m = lastGained;
        if (m == null || m.source() != g || m.gain() != amplitude) {
            Gather gained = amplitude.apply(g);
            m = new Gained(g, amplitude, gained, percent, GatherClip.percentile(gained, percent));
        } else if (m.percent() != percent) {
            m = new Gained(g, amplitude, m.gained(), percent, GatherClip.percentile(m.gained(), percent));
        } else {
            return m;
        }
        lastGained = m;
        return m;
    }

    /** The last error preparing the gather, or "" (also shown in the view, whole, wrapped over the plot). */
    public ReadOnlyStringProperty errorProperty() {
        return errorLabel.errorProperty();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
        errorLabel.placeOver(frame.plot(), getWidth());
        if (needsAnotherReduction()) {
            request();
        }
    }

    private void redraw() {
        Gather g = gather.get();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        frame.setSize(canvas.getWidth(), canvas.getHeight());
        Sampling tr = g.traces();
        Sampling t = g.time();
        double a0 = tr.first() - tr.delta() / 2;
        double a1 = tr.last() + tr.delta() / 2;
        double t0 = t.first() - t.delta() / 2;
        double t1 = t.last() + t.delta() / 2;
        frame.setWindow(a0, a1, t0, t1);
        frame.setColorBarClip(raster == null ? null : raster.clip());
        frame.drawImage(gc, image, a0, a1, t0, t1);
        if (wiggles != null) {
            drawWiggles(gc, g);
            if (Double.isNaN(clip)) {
                frame.drawNoFiniteSamples(gc);
            }
        }
        if (raster != null) {
            frame.drawColorBar(gc, raster.map(), raster.clip(),
                    amplitudeGain.get() == GatherGain.NONE ? "amplitude" : "amplitude × " + amplitudeGain.get());
        }
        String clipped = Double.isNaN(clip) ? "no finite samples" : "clip " + Ticks.value(clip) + " ("
                + Ticks.value(clipPercent.get()) + " %" + (amplitudeGain.get() == GatherGain.NONE ? ""
                : ", gain " + amplitudeGain.get()) + ")";
        frame.drawAxes(gc, failed ? "Shot gather not read" : "Shot gather, " + tr.count() + " traces, " + clipped,
                g.tracesLabel(), "time (s)");
    }

    /** The reduced wiggles: per trace, each run of vertices its positive lobes filled, then its line. */
    private void drawWiggles(GraphicsContext gc, Gather g) {
        Sampling tr = g.traces();
        var p = frame.plot();
        gc.save();
        gc.beginPath();
        gc.rect(p.getMinX(), p.getMinY(), p.getWidth(), p.getHeight());
        gc.clip();
        double spacing = frame.x(tr.first() + wiggles.spacing()) - frame.x(tr.first());
        gc.setLineWidth(0.7);
        gc.setFill(Color.BLACK);
        gc.setStroke(Color.BLACK);
        for (WiggleTraces.Wiggle w : wiggles.traces()) {
            double axis = frame.x(w.axis());
            double[] d = w.deflection();
            double[] xs = new double[d.length + 2];
            double[] ys = new double[d.length + 2];
            // Each run of vertices (a NaN vertex between runs: no samples there).
            for (int from = 0; from < d.length; ) {
                int to = from;
                while (to < d.length && !Double.isNaN(d[to])) {
                    to++;
                }
                if (to > from) {
                    drawWiggle(gc, axis, spacing, w, from, to, xs, ys);
                }
                from = to + 1;
            }
        }
        gc.restore();
    }

    /** Vertices {@code from} .. {@code to - 1} of one wiggle: positive lobes filled, the line. */
    private void drawWiggle(GraphicsContext gc, double axis, double spacing, WiggleTraces.Wiggle w, int from, int to,
            double[] xs, double[] ys) {
        double[] d = w.deflection();
        double[] t = w.time();
        int n = to - from;
        for (int i = 0; i < n; i++) {
            xs[i] = axis + Math.max(0, d[from + i]) * spacing;
            ys[i] = frame.y(t[from + i]);
        }
        xs[n] = axis;
        ys[n] = ys[n - 1];
        xs[n + 1] = axis;
        ys[n + 1] = ys[0];
        gc.fillPolygon(xs, ys, n + 2);
        for (int i = 0; i < n; i++) {
            xs[i] = axis + d[from + i] * spacing;
        }
        gc.strokePolyline(xs, ys, n);
    }
}
