package io.seiswork.render.section;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
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
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
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
    private Rendered shown;
    private Image image;

    /** An empty view; set {@link #sliceProperty()} to show something. */
    public SliceView() {
        getChildren().add(canvas);
        slice.addListener((o, a, b) -> request());
        colorMap.addListener((o, a, b) -> request());
        clipFraction.addListener((o, a, b) -> request());
        title.addListener((o, a, b) -> redraw());
        unit.addListener((o, a, b) -> redraw());
        exaggeration.addListener((o, a, b) -> redraw());
        ExaggerationMenu.attach(this, exaggeration);
        setPrefSize(480, 360);
    }

    /** The slice shown (null: an empty frame). */
    public ObjectProperty<Slice> sliceProperty() {
        return slice;
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

    /** The aspect label drawn under the plot, "VE 1:1" (empty while nothing is shown). */
    public String aspectLabel() {
        return shown == null ? "" : frame.aspectLabel();
    }

    /** The slice on screen (coloured and drawn), or null. */
    public Slice shown() {
        return shown == null ? null : shown.slice();
    }

    /** Canvas x of across value {@code a} (metres). */
    public double xOf(double a) {
        return frame.x(a);
    }

    /** Canvas y of down value {@code d} (metres). */
    public double yOf(double d) {
        return frame.y(d);
    }

    private void request() {
        Slice s = slice.get();
        if (s == null) {
            // Supersede a picture still being coloured, and take the last one down: a new run's
            // view must not show the previous run's wavefield under its own title.
            loader.submit(List.of(), r -> { }, e -> { });
            shown = null;
            image = null;
            redraw();
            return;
        }
        ColorMap map = colorMap.get();
        double fraction = clipFraction.get();
        loader.submit(List.of(() -> {
            double max = 0;
            for (float v : s.values()) {
                max = Math.max(max, Math.abs(v));
            }
            double c = max > 0 ? max * fraction : 1;
            return Rendered.of(s, new Clip(-c, c), map);
        }), r -> {
            shown = r;
            image = r.toImage();
            redraw();
        }, e -> { });
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

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
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
        frame.setAspect(exaggeration.get().factor(), "VE");
        frame.drawImage(g, image, a0, a1, d0, d1);
        frame.drawColorBar(g, shown.map(), shown.clip(), unit.get());
        frame.drawAxes(g, title.get(), shown.slice().orientation() == io.seiswork.core.volume.SliceOrientation.CROSSLINE
                ? "y (m)" : "x (m)", map ? "y (m)" : "z (m)");
    }
}
