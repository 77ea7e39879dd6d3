package io.seiswork.render.section;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.ErrorLabel;
import io.seiswork.render.plot.PlotFrame;
import io.seiswork.render.plot.Ticks;
import io.seiswork.render.plot.VerticalExaggeration;
import io.seiswork.render.task.LatestOnly;
import io.seiswork.render.task.RenderExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;

/**
 * A 2D section of a volume (inline, crossline or depth slice) with axes in metres, a colour bar,
 * zoom (mouse wheel, about the pointer) and pan (drag). Set the orientation, the slice index
 * (level-0 samples), the colour map and the clip percentile through the properties; the view
 * reads the slice on {@link RenderExecutor}'s threads, shows a coarse pyramid level first, then
 * the coarsest level that covers its device pixels ({@link Refinement}: finer as the user zooms
 * in), and drops requests superseded by newer ones, stopping their reads between bricks
 * ({@link LatestOnly#submitCancellable}). It reads nothing until it is laid out and
 * {@link #activeProperty active} (a tab not shown reads when first shown). It holds display
 * state only: the volume is read, never copied.
 *
 * <p>Inline and crossline sections are drawn with depth (or time) increasing downward; a depth
 * slice is a map, drawn with y (crossline, north) increasing upward and x to the right, so that
 * it reads as a plan view does and as the 3D view from above (its ticks, readout, zoom, pan and
 * overlays follow: {@link PlotFrame#setDownUpward}).
 */
public final class SectionView extends Region {

    /** "pressure (Pa)": the quantity and, in brackets, its unit (read on every pointer move). */
    private static final java.util.regex.Pattern QUANTITY_AND_UNIT = java.util.regex.Pattern.compile("(.+?)\\s*\\((.+)\\)");

    private VolumeSource volume;
    private final Canvas canvas = new Canvas();
    private final PlotFrame frame = new PlotFrame();
    private final LatestOnly<Rendered> loader = new LatestOnly<>(RenderExecutor.shared(), Platform::runLater);
    private final ObjectProperty<SliceOrientation> orientation = new SimpleObjectProperty<>(this, "orientation");
    private final IntegerProperty sliceIndex = new SimpleIntegerProperty(this, "sliceIndex");
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.GRAY);
    private final DoubleProperty clipPercent = new SimpleDoubleProperty(this, "clipPercent", 99);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final ObjectProperty<VerticalExaggeration> exaggeration = new SimpleObjectProperty<>(this,
            "verticalExaggeration", VerticalExaggeration.TRUE);
    private final ObjectProperty<SectionOverlay> overlay = new SimpleObjectProperty<>(this, "overlay");
    private final ReadOnlyIntegerWrapper displayedLevel = new ReadOnlyIntegerWrapper(this, "displayedLevel", -1);
    private final ReadOnlyBooleanWrapper refined = new ReadOnlyBooleanWrapper(this, "refined");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    /** Whether what the properties ask for has changed since the last request was submitted. */
    private boolean stale = true;
    /** The last level of the request in flight or shown: a finer one is read when zooming in needs it. */
    private int targetLevel = Integer.MAX_VALUE;
    private final ReadOnlyStringWrapper pointerReadout = new ReadOnlyStringWrapper(this, "pointerReadout", "");
    /** The error reading the volume, whole, wrapped over the top of the plot. */
    private final ErrorLabel errorLabel = new ErrorLabel("sectionError", this::requestLayout);
    private Rendered shown;
    private Image image;
    private double centreAcross = 0.5;
    private double centreDown = 0.5;
    private double dragX;
    private double dragY;

    /** A view of {@code volume}, starting at the middle inline. */
    public SectionView(VolumeSource volume) {
        this.volume = volume;
        getChildren().addAll(canvas, errorLabel);
        orientation.set(SliceOrientation.INLINE);
        sliceIndex.set(volume.axes(0).y().count() / 2);
        orientation.addListener((o, a, b) -> {
            sliceIndex.set(Math.min(sliceIndex.get(), volume.axes(0).normal(b).count() - 1));
            resetZoom();
            request();
        });
        sliceIndex.addListener((o, a, b) -> request());
        colorMap.addListener((o, a, b) -> request());
        clipPercent.addListener((o, a, b) -> request());
        zoom.addListener((o, a, b) -> redraw());
        active.addListener((o, a, b) -> load());
        overlay.addListener((o, a, b) -> redraw());
        exaggeration.addListener((o, a, b) -> redraw());
        setOnScroll(e -> {
            double f = e.getDeltaY() > 0 ? 1.25 : 1 / 1.25;
            zoomAbout(e.getX(), e.getY(), f);
        });
        setOnMouseMoved(e -> pointerReadout.set(describeAt(e.getX(), e.getY())));
        setOnMouseExited(e -> pointerReadout.set(""));
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                var p = frame.plot();
                centreAcross -= (e.getX() - dragX) / p.getWidth() / zoom.get();
                // The picture follows the pointer: on a map (y upward) a drag down shows larger y.
                double down = (e.getY() - dragY) / p.getHeight() / zoom.get();
                centreDown += frame.downUpward() ? down : -down;
                dragX = e.getX();
                dragY = e.getY();
                redraw();
            }
        });
        setPrefSize(640, 420);
        request();
    }

    /**
     * Shows {@code next} in place of the volume shown, on the same axes (the image of a migration
     * after one more shot): the plane, zoom, colour map and clip stay. Call on the JavaFX thread.
     *
     * @throws IllegalArgumentException when {@code next} has other axes
     */
    public void showVolume(VolumeSource next) {
        if (!next.axes(0).equals(volume.axes(0))) {
            throw new IllegalArgumentException(next.name() + " has other axes than " + volume.name());
        }
        volume = next;
        request();
    }

    /**
     * Whether the view reads its slice (true by default): false while it is not on screen, a tab
     * not shown, so that opening a window reads only what is seen. What changes meanwhile (slice,
     * colour map, clip) is read once it is true again.
     */
    public BooleanProperty activeProperty() {
        return active;
    }

    /**
     * Whether the latest request's last level is on screen: the picture is as fine as this view
     * will read it at its size and zoom (the moment a snapshot is worth taking).
     */
    public ReadOnlyBooleanProperty refinedProperty() {
        return refined.getReadOnlyProperty();
    }

    /** Which plane is shown. */
    public ObjectProperty<SliceOrientation> orientationProperty() {
        return orientation;
    }

    /** Index of the plane along its normal axis, in level-0 samples (kept in range when the orientation changes). */
    public IntegerProperty sliceIndexProperty() {
        return sliceIndex;
    }

    /** The colour map. */
    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /**
     * The clip percentile (for example 99): symmetric about zero for diverging and grey maps of
     * amplitudes, between the tail quantiles for {@link ColorMap#VIRIDIS} (velocities).
     */
    public DoubleProperty clipPercentProperty() {
        return clipPercent;
    }

    /**
     * Vertical exaggeration of inline and crossline sections whose depth is in metres
     * ({@link VerticalExaggeration#TRUE} by default: the section letterboxed in its true shape).
     * A depth slice is a map, always drawn 1:1 unless this is {@link VerticalExaggeration#FILL};
     * a section in time has no true shape and always fills its pane.
     */
    public ObjectProperty<VerticalExaggeration> verticalExaggerationProperty() {
        return exaggeration;
    }

    /** What the plot says until its first picture is read: a big model's slice takes seconds. */
    public static final String READING = "Reading the slice...";

    /** Whether the plot says {@link #READING} (no picture yet, none failed). */
    public boolean reading() {
        return shown == null && errorLabel.errorProperty().get().isEmpty();
    }

    /**
     * {@link #READING} over the empty plot, on a white box so that markers drawn over it (the
     * survey's) cannot hide it: a white plot with no colour bar otherwise looks broken.
     */
    private void drawReading(javafx.scene.canvas.GraphicsContext g) {
        var p = frame.plot();
        double cx = p.getMinX() + p.getWidth() / 2;
        double cy = p.getMinY() + p.getHeight() / 2;
        g.save();
        g.setFill(javafx.scene.paint.Color.rgb(255, 255, 255, 0.9));
        g.fillRect(cx - 90, cy - 14, 180, 28);
        g.setFill(javafx.scene.paint.Color.DIMGRAY);
        g.setFont(javafx.scene.text.Font.font(14));
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        g.fillText(READING, cx, cy);
        g.restore();
    }

    /** The aspect label drawn under the plot: "VE 1:1", "map 1:1", "" for a section in time. */
    public String aspectLabel() {
        return frame.aspectLabel();
    }

    /** Drawn over the section, in data coordinates, every time it is drawn (null: nothing). */
    public ObjectProperty<SectionOverlay> overlayProperty() {
        return overlay;
    }

    /** Magnification: 1 shows the whole slice; the mouse wheel multiplies it by 1.25 about the pointer. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /**
     * Pyramid level of the latest request's slice on screen: −1 until its first (coarse) step
     * arrives (the previous picture stays up meanwhile), then the preview's level, then the level
     * that covers the view's pixels ({@link #refinedProperty}; 0 for a slice smaller than the view).
     */
    public ReadOnlyIntegerProperty displayedLevelProperty() {
        return displayedLevel.getReadOnlyProperty();
    }

    /**
     * Where the mouse is and the value there, "x 1250 m, z 430 m: 2200 m/s" (the sample of the
     * slice on screen nearest the pointer), or "" when it is not over the picture.
     */
    public ReadOnlyStringProperty pointerReadoutProperty() {
        return pointerReadout.getReadOnlyProperty();
    }

    /**
     * What {@link #pointerReadoutProperty} says for canvas pixel (x, y): the place in the axes' units
     * and the shown slice's value nearest it; "" outside the picture or before one is shown.
     */
    public String describeAt(double x, double y) {
        Rendered r = shown;
        if (r == null || !frame.plot().contains(x, y)) {
            return "";
        }
        Slice s = r.slice();
        double a = frame.acrossAt(x);
        double d = frame.downAt(y);
        int ia = (int) Math.round((a - s.across().first()) / s.across().delta());
        int id = (int) Math.round((d - s.down().first()) / s.down().delta());
        if (ia < 0 || id < 0 || ia >= s.across().count() || id >= s.down().count()) {
            return "";
        }
        SliceOrientation o = s.orientation();
        String acrossAxis = o == SliceOrientation.CROSSLINE ? "y" : "x";
        String downAxis = o == SliceOrientation.DEPTH ? "y" : "z";
        String downUnit = o == SliceOrientation.DEPTH ? "m" : volume.zUnit();
        float v = s.values()[id * s.across().count() + ia];
        return String.format(java.util.Locale.ROOT, "%s %s m, %s %s %s: %s", acrossAxis,
                Ticks.label(s.across().value(ia)), downAxis, Ticks.label(s.down().value(id)), downUnit,
                valueWithUnit(Ticks.value(v), volume.valueUnit())).strip();
    }

    /**
     * A value with its volume's unit as one reads it: "velocity 2500 m/s" for the unit
     * "velocity (m/s)" (a quantity with its unit in brackets), "1 amplitude" for a bare name.
     */
    static String valueWithUnit(String value, String unit) {
        java.util.regex.Matcher m = QUANTITY_AND_UNIT.matcher(unit.strip());
        return m.matches() ? m.group(1) + " " + value + " " + m.group(2) : (value + " " + unit).strip();
    }

    /** The last error reading the volume, or "" (also shown in the view, whole, wrapped over the plot). */
    public ReadOnlyStringProperty errorProperty() {
        return errorLabel.errorProperty();
    }

    /** Canvas x of across value {@code a} (metres): for overlays and tests. */
    public double xOf(double a) {
        return frame.x(a);
    }

    /**
     * Canvas y of down value {@code d} (metres or seconds; y in metres on a depth slice, which
     * grows upward): for overlays and tests.
     */
    public double yOf(double d) {
        return frame.y(d);
    }

    /** Shows the whole slice again. */
    public void resetZoom() {
        centreAcross = 0.5;
        centreDown = 0.5;
        zoom.set(1);
    }

    /**
     * Multiplies the zoom by {@code factor} keeping the data point under canvas pixel (x, y) in
     * place, as the mouse wheel does; the zoom never goes below 1 (the whole slice).
     */
    public void zoomAbout(double x, double y, double factor) {
        double fa = (frame.acrossAt(x) - extentStart(across())) / extent(across());
        double fd = (frame.downAt(y) - extentStart(down())) / extent(down());
        double z = Math.max(1, zoom.get() * factor);
        double ratio = zoom.get() / z;
        centreAcross = fa + (centreAcross - fa) * ratio;
        centreDown = fd + (centreDown - fd) * ratio;
        zoom.set(z);
    }

    private Sampling across() {
        return volume.axes(0).across(drawnOrientation());
    }

    private Sampling down() {
        return volume.axes(0).down(drawnOrientation());
    }

    /**
     * The orientation of the picture on screen: the shown slice's, which stays up until the first
     * step of a newly asked orientation arrives, else the one asked for. The frame (flipped for a
     * map or not, its window, aspect and axes) follows the picture, never a plane not yet read.
     */
    private SliceOrientation drawnOrientation() {
        return shown != null ? shown.slice().orientation() : orientation.get();
    }

    private static double extentStart(Sampling s) {
        return s.first() - s.delta() / 2;
    }

    private static double extent(Sampling s) {
        return s.count() * s.delta();
    }

    /**
     * Marks the slice to be read again; the read is submitted at the next layout, once the view has
     * a size (its pixels choose the level) and is {@link #activeProperty active}, so that several
     * changes in one event (orientation, then index) cost one read.
     */
    private void request() {
        stale = true;
        displayedLevel.set(-1);
        refined.set(false);
        requestLayout();
    }

    /**
     * Submits a read when the view is active and laid out, and either the slice asked for changed
     * or the picture now spans more device pixels (a larger view, zoomed in, more exaggerated)
     * than the level asked covers. The plot is the letterboxed rectangle the whole slice is drawn
     * in at zoom 1, so its pixels times the zoom and the screen's output scale are the slice's.
     */
    private void load() {
        if (!active.get() || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        SliceOrientation o = orientation.get();
        var p = frame.plot();
        double outX = getScene() == null || getScene().getWindow() == null ? 1 : getScene().getWindow().getOutputScaleX();
        double outY = getScene() == null || getScene().getWindow() == null ? 1 : getScene().getWindow().getOutputScaleY();
        double z = zoom.get();
        List<Integer> levels = Refinement.levels(volume, o, p.getWidth() * z * outX, p.getHeight() * z * outY);
        int need = levels.getLast();
        if (!stale && need >= targetLevel) {
            return;
        }
        // Zooming in on the slice on screen needs only the finer level: the picture stays meanwhile.
        submit(stale ? levels : List.of(need));
        stale = false;
        targetLevel = need;
        refined.set(false);
    }

    private void submit(List<Integer> levels) {
        SliceOrientation o = orientation.get();
        int index0 = sliceIndex.get();
        ColorMap map = colorMap.get();
        double pct = clipPercent.get();
        VolumeSource v = volume;
        List<Function<BooleanSupplier, Rendered>> steps = new ArrayList<>();
        for (int level : levels) {
            steps.add(superseded -> {
                Clip clip = Clip.percentile(v.histogram(), pct, map != ColorMap.VIRIDIS);
                return Rendered.of(v.slice(o, Refinement.indexAt(v, o, index0, level), level, superseded), clip, map);
            });
        }
        loader.submitCancellable(steps, this::show, e -> {
            errorLabel.show(e);
            redraw();
        });
    }

    private void show(Rendered r) {
        shown = r;
        image = r.image();
        errorLabel.clear();
        displayedLevel.set(r.slice().level());
        refined.set(r.slice().level() == targetLevel);
        redraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
        errorLabel.placeOver(frame.plot(), getWidth());
    }

    private void redraw() {
        var g = canvas.getGraphicsContext2D();
        frame.setSize(canvas.getWidth(), canvas.getHeight());
        SliceOrientation o = drawnOrientation();
        frame.setDownUpward(o == SliceOrientation.DEPTH);
        Sampling a = across();
        Sampling d = down();
        double z = zoom.get();
        double wa = extent(a) / z;
        double wd = extent(d) / z;
        double ca = extentStart(a) + centreAcross * extent(a);
        double cd = extentStart(d) + centreDown * extent(d);
        frame.setWindow(ca - wa / 2, ca + wa / 2, cd - wd / 2, cd + wd / 2);
        frame.setColorBarClip(shown == null ? null : shown.clip());
        setAspect();
        if (shown == null) {
            frame.drawImage(g, null, 0, 1, 0, 1);
        } else {
            Sampling sa = shown.slice().across();
            Sampling sd = shown.slice().down();
            frame.drawImage(g, image, extentStart(sa), extentStart(sa) + extent(sa), extentStart(sd),
                    extentStart(sd) + extent(sd));
            frame.drawColorBar(g, shown.map(), shown.clip(), volume.valueUnit());
        }
        SectionOverlay extra = overlay.get();
        if (extra != null) {
            var p = frame.plot();
            g.save();
            g.beginPath();
            g.rect(p.getMinX(), p.getMinY(), p.getWidth(), p.getHeight());
            g.clip();
            extra.draw(g, this, o, drawnPosition());
            g.restore();
        }
        frame.drawAxes(g, title(),
                (o == SliceOrientation.CROSSLINE ? "y" : "x") + " (m)",
                o == SliceOrientation.DEPTH ? "y (m)" : "z (" + volume.zUnit() + ")");
        if (shown == null && errorLabel.errorProperty().get().isEmpty()) {
            drawReading(g);
        }
        // The picture's size on screen may have grown (view, zoom, exaggeration, the new plane's shape).
        load();
    }

    /**
     * Where the picture on screen lies along its normal axis: the slice index asked for, or while
     * the last orientation's slice is still up, that slice's place.
     */
    private double drawnPosition() {
        SliceOrientation o = drawnOrientation();
        if (shown != null && o != orientation.get()) {
            Slice s = shown.slice();
            return volume.axes(s.level()).normal(o).value(s.index());
        }
        return volume.axes(0).normal(o).value(sliceIndex.get());
    }

    /** The frame's aspect for the orientation drawn: see {@link #verticalExaggerationProperty}. */
    private void setAspect() {
        VerticalExaggeration ve = exaggeration.get();
        if (drawnOrientation() == SliceOrientation.DEPTH) {
            frame.setAspect(ve.fills() ? 0 : 1, "map");
        } else if ("m".equals(volume.zUnit())) {
            frame.setAspect(ve.factor(), "VE");
        } else {
            frame.setAspect(0, null);
        }
    }

    /**
     * "Inline y = 1125 m (index 90)", "Time slice z = 1 s (index 250)", with the preview level
     * while one is shown; "Inline 122 (y = 274.96 m)" when the volume has the survey's line
     * numbers ({@link io.seiswork.core.volume.VolumeSource#segyGrid}).
     */
    public String title() {
        SliceOrientation o = orientation.get();
        VolumeAxes ax = volume.axes(0);
        String axis = switch (o) {
            case INLINE -> "y";
            case CROSSLINE -> "x";
            case DEPTH -> "z";
        };
        String unit = o == SliceOrientation.DEPTH ? volume.zUnit() : "m";
        int level = displayedLevel.get();
        String preview = level > 0 && !refined.get() ? "  (preview, level " + level + ")" : "";
        io.seiswork.core.volume.SegyGrid grid = volume.segyGrid();
        if (grid != null && o != SliceOrientation.DEPTH) {
            // The survey's own line number first, the position (to the centimetre) after it.
            int i = sliceIndex.get();
            return "%s %d (%s = %s m)%s".formatted(PlaneName.slice(o, volume.zUnit()),
                    o == SliceOrientation.INLINE ? grid.inline(i) : grid.crossline(i), axis,
                    String.format(java.util.Locale.ROOT, "%.2f", ax.normal(o).value(i)), preview);
        }
        return "%s %s = %s %s (index %d)%s".formatted(PlaneName.slice(o, volume.zUnit()), axis,
                Ticks.label(ax.normal(o).value(sliceIndex.get())), unit, sliceIndex.get(), preview);
    }
}
