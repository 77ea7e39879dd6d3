package io.seiswork.render.section;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.ErrorLabel;
import io.seiswork.render.plot.ExaggerationMenu;
import io.seiswork.render.plot.PlotFrame;
import io.seiswork.render.plot.VerticalExaggeration;
import io.seiswork.render.task.LatestOnly;
import io.seiswork.render.task.RenderExecutor;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * One slice handed in whole (not read from a volume), for pictures that change as a computation
 * goes on, such as a wavefield while a shot runs: a colour raster with axes in metres and a
 * colour bar, clipped symmetrically at a fraction of the slice's largest |value|. A new slice
 * replaces the old as soon as it is coloured, on {@link RenderExecutor}'s threads; slices that
 * arrive faster than they are coloured are skipped, so the JavaFX thread only draws.
 *
 * <p>The title is a row of its own above the plot ({@link #titleLabel()}, cut with "…" when the
 * pane is narrower than it, the whole title its tooltip) and the colour bar's label sits over
 * its bar, below that row: a long title ("Shot 2, receiver wavefield (backward) at t = 1.080 s,
 * section through the source") can never run into the label, at any width.
 */
public final class SliceView extends Region {

    private final Canvas canvas = new Canvas();
    private final PlotFrame frame = new PlotFrame();
    private final LatestOnly<Rendered> loader = new LatestOnly<>(RenderExecutor.shared(), Platform::runLater);
    private final ObjectProperty<Slice> slice = new SimpleObjectProperty<>(this, "slice");
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.SEISMIC);
    private final DoubleProperty clipFraction = new SimpleDoubleProperty(this, "clipFraction", 0.5);
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty unit = new SimpleStringProperty(this, "unit", "");
    private final ObjectProperty<VerticalExaggeration> exaggeration = new SimpleObjectProperty<>(this,
            "verticalExaggeration", VerticalExaggeration.TRUE);
    /** The title, a row above the plot. */
    private final Label titleLabel = new Label();
    /** The colour bar's label, over the bar. */
    private final Label unitLabel = new Label();
    /** Why the latest slice could not be coloured, whole, wrapped over the top of the plot. */
    private final ErrorLabel errorLabel = new ErrorLabel("sliceError", this::requestLayout);
    /** How a slice is coloured ({@link Rendered#of}; tests put in one that fails). */
    private Colouring colouring = Rendered::of;
    /**
     * The slice whose colouring failed (null: none): it counts as done, so that a caller waiting
     * for {@link #isShowingLatest()} to hand in the next slice (a live wavefield) is not held for good.
     */
    private Slice failed;
    private Rendered shown;
    private Image image;
    /**
     * The title that goes with the slice set by {@link #show(Slice, String)}, put up when its
     * picture is (null: the title is set on its own, through {@link #titleProperty}).
     */
    private String titleOfSlice;
    /** The slice {@link #titleOfSlice} goes with. */
    private Slice titledSlice;

    /** Gap between the title row and the canvas, and around the labels, pixels. */
    private static final double GAP = 4;

    /** An empty view; set {@link #sliceProperty()} to show something. */
    public SliceView() {
        titleLabel.getStyleClass().add("slice-title");
        titleLabel.setFont(Font.font(12));
        titleLabel.setTextOverrun(OverrunStyle.ELLIPSIS);
        titleLabel.setMinWidth(0);
        titleLabel.textProperty().bind(title);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(title);
        titleLabel.setTooltip(tip);
        unitLabel.getStyleClass().add("colorbar-label");
        unitLabel.setFont(Font.font(11));
        unitLabel.textProperty().bind(unit);
        unitLabel.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(canvas, titleLabel, unitLabel, errorLabel);
        setStyle("-fx-background-color: white");  // the title's row as the plot's, in a saved picture too
        slice.addListener((o, a, b) -> request());
        colorMap.addListener((o, a, b) -> request());
        clipFraction.addListener((o, a, b) -> request());
        title.addListener((o, a, b) -> redraw());
        unit.addListener((o, a, b) -> requestLayout());
        exaggeration.addListener((o, a, b) -> redraw());
        ExaggerationMenu.attach(this, exaggeration);
        setPrefSize(480, 360);
    }

    /** The slice shown (null: an empty frame). */
    public ObjectProperty<Slice> sliceProperty() {
        return slice;
    }

    /**
     * Shows {@code s} under {@code title}, the title put up with the picture once it is coloured,
     * not before: a live wavefield must never stand under the next snapshot's title ("Shot 3 at
     * t = 0.021 s" over shot 2's field at 0.4 s) while the next one is still being coloured.
     */
    public void show(Slice s, String title) {
        titleOfSlice = title;
        titledSlice = s;
        if (slice.get() == s) {
            this.title.set(title);
        } else {
            slice.set(s);
        }
    }

    /**
     * Whether the slice set is the one on screen (false while it is still being coloured); true
     * too when its colouring failed, the view then saying why ({@link #errorProperty()}).
     */
    public boolean isShowingLatest() {
        Slice s = slice.get();
        return s == null || shown != null && shown.slice() == s || failed == s;
    }

    /** Why the latest slice could not be coloured, or "" (also shown in the view, wrapped over the plot). */
    public ReadOnlyStringProperty errorProperty() {
        return errorLabel.errorProperty();
    }

    /** How a slice is coloured: a seam for tests, which put in one that fails. */
    @FunctionalInterface
    interface Colouring {
        /** {@code s} coloured by {@code map} within {@code clip}. */
        Rendered of(Slice s, Clip clip, ColorMap map);
    }

    /** Colours the slices set from now on with {@code c} (tests: one that fails). */
    void setColouring(Colouring c) {
        colouring = c;
    }

    /** The colour map (seismic by default: pressure is signed). */
    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /** Clip as a fraction of the slice's largest |value| (0.5 by default). */
    public DoubleProperty clipFractionProperty() {
        return clipFraction;
    }

    /** The title above the plot. */
    public StringProperty titleProperty() {
        return title;
    }

    /** The colour bar's label. */
    public StringProperty unitProperty() {
        return unit;
    }

    /**
     * Vertical exaggeration of the section (both axes are metres): {@link VerticalExaggeration#TRUE}
     * by default, the slice letterboxed in its true shape; also chosen from the view's right-click menu.
     */
    public ObjectProperty<VerticalExaggeration> verticalExaggerationProperty() {
        return exaggeration;
    }

    /** The title's row above the plot (for layout checks). */
    public Label titleLabel() {
        return titleLabel;
    }

    /** The colour bar's label, placed over its bar (for layout checks). */
    public Label colorBarLabel() {
        return unitLabel;
    }

    /** The aspect label drawn under the plot, "VE 1:1" (empty while nothing is shown). */
    public String aspectLabel() {
        return shown == null ? "" : frame.aspectLabel();
    }

    /** The slice on screen (coloured and drawn), or null. */
    public Slice shown() {
        return shown == null ? null : shown.slice();
    }

    /** The across values labelled under the plot, in metres (empty while nothing is shown; for layout checks). */
    public List<Double> acrossTicks() {
        return shown == null ? List.of() : frame.acrossTicks();
    }

    /** The view's x of across value {@code a} (metres). */
    public double xOf(double a) {
        return canvas.getLayoutX() + frame.x(a);
    }

    /** The view's y of down value {@code d} (metres). */
    public double yOf(double d) {
        return canvas.getLayoutY() + frame.y(d);
    }

    private void request() {
        Slice s = slice.get();
        if (s == null) {
            // Supersede a picture still being coloured, and take the last one down: a new run's
            // view must not show the previous run's wavefield under its own title.
            loader.submit(List.of(), r -> { }, e -> { });
            shown = null;
            image = null;
            failed = null;
            errorLabel.clear();
            requestLayout();
            redraw();
            return;
        }
        ColorMap map = colorMap.get();
        double fraction = clipFraction.get();
        String titled = s == titledSlice ? titleOfSlice : null;
        Colouring colour = colouring;
        loader.submit(List.of(() -> {
            double max = 0;
            for (float v : s.values()) {
                max = Math.max(max, Math.abs(v));
            }
            double c = max > 0 ? max * fraction : 1;
            return colour.of(s, new Clip(-c, c), map);
        }), r -> {
            boolean first = shown == null;
            shown = r;
            image = r.image();
            failed = null;
            errorLabel.clear();
            if (titled != null) {
                title.set(titled);  // redraws
            }
            if (first) {
                requestLayout();  // the title's row appears
            }
            redraw();
        }, e -> {
            // The last picture stays, with why this one is missing; the next slice is let in.
            failed = s;
            errorLabel.show("cannot colour the slice: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        });
    }

    /**
     * Nothing to show: the title (what the view waits for) centred on white, with no axes, which
     * would claim a 0–1 m extent the view does not have.
     */
    private void drawEmpty(GraphicsContext g) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFill(Color.GRAY);
        g.setFont(Font.font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(title.get().isBlank() ? "no picture yet" : title.get(), w / 2, h / 2);
    }

    /**
     * The title's row across the top (only while a slice is shown: an empty view says its title
     * in its middle), the canvas under it, and the colour bar's label over the bar, right-aligned
     * at the view's edge when it is wider than the margin.
     */
    @Override
    protected void layoutChildren() {
        double w = getWidth();
        boolean titled = shown != null;
        titleLabel.setVisible(titled);
        double th = titled ? Math.ceil(titleLabel.prefHeight(-1)) : 0;
        titleLabel.resizeRelocate(GAP, GAP / 2, Math.max(0, w - 2 * GAP), th);
        double top = titled ? th + GAP : 0;
        canvas.setLayoutX(0);
        canvas.setLayoutY(top);
        canvas.setWidth(w);
        canvas.setHeight(Math.max(0, getHeight() - top));
        redraw();
        unitLabel.setVisible(titled);
        if (titled) {
            var p = frame.plot();
            double uw = Math.ceil(unitLabel.prefWidth(-1));
            double uh = Math.ceil(unitLabel.prefHeight(-1));
            double x = Math.max(0, Math.min(frame.colorBarX(), w - GAP - uw));
            unitLabel.resizeRelocate(x, top + Math.max(0, p.getMinY() - GAP / 2 - uh), uw, uh);
        }
        Rectangle2D plot = titled ? frame.plot() : new Rectangle2D(0, 0, Math.max(1, w), Math.max(1, canvas.getHeight()));
        errorLabel.placeOver(new Rectangle2D(plot.getMinX(), top + plot.getMinY(), plot.getWidth(), plot.getHeight()),
                w);
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        frame.setSize(canvas.getWidth(), canvas.getHeight());
        if (shown == null) {
            drawEmpty(g);
            return;
        }
        Sampling a = shown.slice().across();
        Sampling d = shown.slice().down();
        double a0 = a.first() - a.delta() / 2;
        double a1 = a.last() + a.delta() / 2;
        double d0 = d.first() - d.delta() / 2;
        double d1 = d.last() + d.delta() / 2;
        // A depth slice is a map: y (north) upward, as in SectionView; sections keep z downward.
        boolean map = shown.slice().orientation() == io.seiswork.core.volume.SliceOrientation.DEPTH;
        frame.setDownUpward(map);
        frame.setWindow(a0, a1, d0, d1);
        frame.setColorBarClip(shown.clip());
        frame.setAspect(exaggeration.get().factor(), "VE");
        frame.drawImage(g, image, a0, a1, d0, d1);
        frame.drawColorBar(g, shown.map(), shown.clip(), null);  // its label is a node: see layoutChildren
        frame.drawAxes(g, null, shown.slice().orientation() == io.seiswork.core.volume.SliceOrientation.CROSSLINE
                ? "y (m)" : "x (m)", map ? "y (m)" : "z (m)");
    }
}
