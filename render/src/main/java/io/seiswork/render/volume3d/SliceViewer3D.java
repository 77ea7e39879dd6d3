package io.seiswork.render.volume3d;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.ErrorLabel;
import io.seiswork.render.plot.PlotFrame;
import io.seiswork.render.section.PlaneName;
import io.seiswork.render.section.Refinement;
import io.seiswork.render.section.Rendered;
import io.seiswork.render.task.LatestOnly;
import io.seiswork.render.task.RenderExecutor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The three-slice 3D viewer geophysicists know (after Mines JTK's ImagePanelGroup): an inline, a
 * crossline and a depth slice of a volume as textured planes inside the volume's bounding box,
 * with tick labels in metres. Drag to rotate, right- or middle-drag to pan, wheel to zoom; the
 * sliders below (or the index properties) move the slices, the combo box picks the colour map.
 * Slices are read and coloured on {@link RenderExecutor}'s threads, a coarse pyramid level first;
 * a slice request superseded by a newer one for the same plane is cancelled. A plane moves to its
 * new index when the new picture arrives (never showing an old picture at a new place); when its
 * read fails the plane is hidden and the error is shown over the view ({@link #errorProperty}).
 * While not {@link #activeProperty active} (its tab not shown) it reads nothing: what it was
 * asked for meanwhile is read when it becomes active, as a section tab's is.
 *
 * <p>Needs {@code ConditionalFeature.SCENE3D} (a GPU pipeline, or Mesa under Xvfb with
 * {@code -Dprism.order=es2 -Dprism.forceGPU=true}); without it the planes are not drawn.
 */
public final class SliceViewer3D extends BorderPane {

    /** Scene units the longest volume side spans. */
    private static final double WORLD_SIZE = 400;
    private static final double CAMERA_DISTANCE = 1150;

    private VolumeSource volume;
    private final VolumeAxes axes;
    private final Map<SliceOrientation, SlicePlane> planes = new EnumMap<>(SliceOrientation.class);
    private final Map<SliceOrientation, LatestOnly<Rendered>> loaders = new EnumMap<>(SliceOrientation.class);
    private final Map<SliceOrientation, IntegerProperty> indices = new EnumMap<>(SliceOrientation.class);
    private final Map<SliceOrientation, ReadOnlyIntegerWrapper> levels = new EnumMap<>(SliceOrientation.class);
    /** Each plane's last read error (absent: its latest picture arrived). */
    private final Map<SliceOrientation, String> planeErrors = new EnumMap<>(SliceOrientation.class);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** Whether the latest picture's clip is a stand-in: the volume has no finite sample. */
    private boolean noFiniteSamples;
    /** The error, or the note of a volume without finite samples, over the top of the view. */
    private final Label message = new Label();
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.GRAY);
    private final DoubleProperty clipPercent = new SimpleDoubleProperty(this, "clipPercent", 99);
    private final BooleanProperty active;
    /** Planes asked for while inactive, read when it becomes active. */
    private final EnumSet<SliceOrientation> pending = EnumSet.noneOf(SliceOrientation.class);
    private final Rotate pitch = new Rotate(-28, Rotate.X_AXIS);
    private final Rotate yaw = new Rotate(-35, Rotate.Y_AXIS);
    private final Translate pan = new Translate();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene subScene;
    private double dragX;
    private double dragY;

    /** A viewer of {@code volume} with the three slices in the middle of the volume, reading them now. */
    public SliceViewer3D(VolumeSource volume) {
        this(volume, true);
    }

    /**
     * A viewer of {@code volume} with the three slices in the middle of the volume, read at once
     * when {@code active}, else when it is first made {@link #activeProperty active} (a 3D tab
     * the window does not open on).
     */
    public SliceViewer3D(VolumeSource volume, boolean active) {
        this.volume = volume;
        this.active = new SimpleBooleanProperty(this, "active", active);
        this.axes = volume.axes(0);
        double extent = Math.max(SlicePlane.end(axes.x()) - SlicePlane.start(axes.x()),
                Math.max(SlicePlane.end(axes.y()) - SlicePlane.start(axes.y()),
                        SlicePlane.end(axes.z()) - SlicePlane.start(axes.z())));
        double scale = WORLD_SIZE / extent;
        Group content = new Group();
        for (SliceOrientation o : SliceOrientation.values()) {
            SlicePlane p = new SlicePlane(o, axes);
            planes.put(o, p);
            content.getChildren().add(p.node());
            loaders.put(o, new LatestOnly<>(RenderExecutor.shared(), Platform::runLater));
            levels.put(o, new ReadOnlyIntegerWrapper(this, "displayedLevel" + o, -1));
            IntegerProperty index = new SimpleIntegerProperty(this, "index" + o, axes.normal(o).count() / 2);
            indices.put(o, index);
            index.addListener((obs, a, b) -> request(o));
        }
        content.getChildren().add(new BoundingBox3D(axes, volume.zUnit(), 1 / scale).node());
        Group world = new Group(content);
        world.getTransforms().addAll(pan, pitch, yaw, new Scale(scale, scale, scale), new Translate(
                -(SlicePlane.start(axes.x()) + SlicePlane.end(axes.x())) / 2,
                -(SlicePlane.start(axes.z()) + SlicePlane.end(axes.z())) / 2,
                -(SlicePlane.start(axes.y()) + SlicePlane.end(axes.y())) / 2));
        Group root3d = new Group(world, new AmbientLight(Color.WHITE));
        camera.setNearClip(1);
        camera.setFarClip(20000);
        camera.setFieldOfView(30);
        camera.setTranslateZ(-CAMERA_DISTANCE);
        subScene = new SubScene(root3d, 640, 480, true, SceneAntialiasing.BALANCED);
        subScene.setFill(Color.rgb(235, 238, 242));
        subScene.setCamera(camera);
        subScene.setId("viewer3d");
        Pane holder = new Pane(subScene, message());
        holder.setMinSize(0, 0);
        subScene.widthProperty().bind(holder.widthProperty());
        subScene.heightProperty().bind(holder.heightProperty());
        setCenter(holder);
        setBottom(controls());
        installMouse(holder);
        colorMap.addListener((o, a, b) -> requestAll());
        clipPercent.addListener((o, a, b) -> requestAll());
        this.active.addListener((o, a, b) -> {
            if (b) {
                List<SliceOrientation> asked = List.copyOf(pending);
                pending.clear();
                asked.forEach(this::request);
            }
        });
        setPrefSize(800, 640);
        requestAll();
    }

    /** The message label: whole, wrapped to the view's width, dark red on a light box like a section's. */
    private Label message() {
        message.setId("viewer3dMessage");
        ErrorLabel.styleAsError(message);
        message.setLayoutX(8);
        message.setLayoutY(8);
        message.setVisible(false);
        message.prefWidthProperty().bind(subScene.widthProperty().subtract(16).map(w -> Math.max(80, w.doubleValue())));
        return message;
    }

    private GridPane controls() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        g.setPadding(new Insets(6));
        int row = 0;
        for (SliceOrientation o : SliceOrientation.values()) {
            int n = axes.normal(o).count();
            Slider s = new Slider(0, n - 1, indices.get(o).get());
            s.setId(o.name().toLowerCase(java.util.Locale.ROOT) + "-slider");
            s.setBlockIncrement(1);
            s.setMajorTickUnit(Math.max(1, n / 4.0));
            s.valueProperty().addListener((obs, a, b) -> indices.get(o).set((int) Math.round(b.doubleValue())));
            indices.get(o).addListener((obs, a, b) -> s.setValue(b.intValue()));
            Label value = new Label();
            value.textProperty().bind(indices.get(o).asString("%d"));
            g.addRow(row++, new Label(PlaneName.of(o, volume.zUnit())), s, value);
            GridPane.setHgrow(s, Priority.ALWAYS);
        }
        // No colour-map chooser here: the window around the viewer has one for all its views.
        return g;
    }

    private void installMouse(Pane holder) {
        holder.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        holder.setOnMouseDragged(e -> {
            double dx = e.getX() - dragX;
            double dy = e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            if (e.getButton() == MouseButton.PRIMARY) {
                yaw.setAngle(yaw.getAngle() - dx * 0.4);
                pitch.setAngle(Math.clamp(pitch.getAngle() + dy * 0.4, -89, 89));
            } else {
                double perPixel = -camera.getTranslateZ() / CAMERA_DISTANCE;
                pan.setX(pan.getX() + dx * perPixel);
                pan.setY(pan.getY() + dy * perPixel);
            }
        });
        holder.setOnScroll(e -> camera.setTranslateZ(Math.clamp(
                camera.getTranslateZ() * (e.getDeltaY() > 0 ? 1 / 1.15 : 1.15), -10 * CAMERA_DISTANCE, -WORLD_SIZE / 4)));
    }

    /**
     * Shows {@code next} in place of the volume shown, on the same axes (the image of a migration
     * after one more shot): the slices' places, the camera, colour map and clip stay. Call on the
     * JavaFX thread.
     *
     * @throws IllegalArgumentException when {@code next} has other axes
     */
    public void showVolume(VolumeSource next) {
        if (!next.axes(0).equals(axes)) {
            throw new IllegalArgumentException(next.name() + " has other axes than " + volume.name());
        }
        volume = next;
        requestAll();
    }

    /**
     * Whether the viewer reads its planes (bound to its tab being shown): while false, index,
     * colour map, clip and volume changes are remembered and read when it turns true.
     */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Level-0 index of the slice of orientation {@code o} along its normal. */
    public IntegerProperty indexProperty(SliceOrientation o) {
        return indices.get(o);
    }

    /** The colour map of all three slices. */
    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /** Clip percentile (symmetric about zero except for {@link ColorMap#VIRIDIS}). */
    public DoubleProperty clipPercentProperty() {
        return clipPercent;
    }

    /**
     * Pyramid level on screen of the latest request for the plane of orientation {@code o}: −1
     * until its first (coarse) step arrives, 0 once fully refined.
     */
    public ReadOnlyIntegerProperty displayedLevelProperty(SliceOrientation o) {
        return levels.get(o).getReadOnlyProperty();
    }

    /**
     * The last error reading a plane's slice (the reason, with the planes it hit when not all:
     * "Inline: unexpected end of file ..."), "" while every plane's latest picture arrived. Also
     * shown over the view, whole, wrapped.
     */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Rotation about the vertical axis in degrees. */
    public DoubleProperty yawProperty() {
        return yaw.angleProperty();
    }

    /** Rotation about the horizontal axis in degrees (negative looks down onto the volume). */
    public DoubleProperty pitchProperty() {
        return pitch.angleProperty();
    }

    /** The 3D sub-scene (for snapshots). */
    public SubScene subScene() {
        return subScene;
    }

    private void requestAll() {
        for (SliceOrientation o : SliceOrientation.values()) {
            request(o);
        }
    }

    private void request(SliceOrientation o) {
        if (!active.get()) {
            pending.add(o);
            return;
        }
        int index0 = indices.get(o).get();
        ColorMap map = colorMap.get();
        double pct = clipPercent.get();
        VolumeSource v = volume;
        levels.get(o).set(-1);
        List<Function<BooleanSupplier, Rendered>> steps = new ArrayList<>();
        // No finer than a texture holds (Refinement.MAX_TEXTURE); a superseded read stops between bricks.
        for (int level : Refinement.textureLevels(v, o)) {
            steps.add(superseded -> Rendered.of(v.slice(o, Refinement.indexAt(v, o, index0, level), level, superseded),
                    Clip.percentile(v.histogram(), pct, map != ColorMap.VIRIDIS), map));
        }
        loaders.get(o).submitCancellable(steps, r -> {
            SlicePlane plane = planes.get(o);
            plane.moveTo(index0);
            plane.setImage(r.image());
            plane.node().setVisible(true);
            levels.get(o).set(r.slice().level());
            noFiniteSamples = !r.clip().measured();
            planeErrors.remove(o);
            showMessage();
        }, e -> {
            // Blank, not the last picture left standing: that one is of another index (or map).
            planes.get(o).node().setVisible(false);
            levels.get(o).set(-1);
            planeErrors.put(o, e.getMessage() == null ? e.toString() : e.getMessage());
            showMessage();
        });
    }

    /**
     * Updates {@link #errorProperty} and the label over the view: the distinct reasons, each with
     * the planes it hit unless it hit all three (a truncated file fails them all alike).
     */
    private void showMessage() {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        planeErrors.forEach((o, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(
                PlaneName.of(o, volume.zUnit())));
        List<String> lines = new ArrayList<>();
        byReason.forEach((why, where) -> lines.add(
                where.size() == SliceOrientation.values().length ? why : String.join(", ", where) + ": " + why));
        error.set(String.join("\n", lines));
        String text = !error.get().isEmpty() ? "error: " + error.get() : noFiniteSamples ? PlotFrame.NO_FINITE_SAMPLES : "";
        message.setText(text);
        message.setVisible(!text.isEmpty());
    }
}
