package io.seiswork.app.desktop;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.VerticalExaggeration;
import io.seiswork.render.section.PlaneName;
import io.seiswork.render.section.SectionView;
import io.seiswork.render.volume3d.SliceViewer3D;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * One volume on screen: the 3D slice viewer and the three sections (inline, crossline, depth) in
 * tabs, with one colour map and one clip for all of them. Holds only display state: every read
 * and every picture is computed off the JavaFX thread by the views themselves.
 */
public final class VolumeWindow extends BorderPane {

    /** The window's designed size, pixels: a snapshot's whatever the screen (xvfb-run's is 640 x 480). */
    static final WindowSize SIZE = new WindowSize(1100, 800);

    /** The window's size on the screen of {@code owner} (null: the primary screen), at least 640 x 480. JavaFX thread. */
    static WindowSize sizeOn(Window owner) {
        return WindowSize.onScreenOf(owner, SIZE.width(), SIZE.height(), 640, 480);
    }

    /** Clip percentile the window starts with for amplitudes (symmetric about zero); 100 for velocities. */
    public static final double DEFAULT_CLIP_PERCENT = 99;

    private final TabPane tabs = new TabPane();
    private final ComboBox<ColorMap> colorMap = new ComboBox<>();
    private final Spinner<Double> clip = new Spinner<>(50.0, 100.0, DEFAULT_CLIP_PERCENT, 0.5);
    private final ComboBox<VerticalExaggeration> exaggeration = new ComboBox<>();
    /** "VE" in depth, "Shape" in time (where there is no vertical exaggeration to speak of). */
    private final Label shapeLabel;
    private final Map<SliceOrientation, SectionView> sections = new EnumMap<>(SliceOrientation.class);
    private final SliceViewer3D viewer3d;
    private final Label name;
    private final Button savePicture = new Button("Save picture...");
    private final Label saved = new Label();
    private final Label cursor = new Label();
    private VolumeSource volume;
    /** What {@link #setOverlay} gave (the survey's markers), drawn while {@link #showOverlay} is ticked. */
    private io.seiswork.render.section.SectionOverlay overlay;
    private final javafx.scene.control.CheckBox showOverlay = new javafx.scene.control.CheckBox("Sources/receivers");
    /** Where Save picture starts, when the volume's own folder is not the place (see {@link #pictureFolder}). */
    private Path pictureFolder;

    /**
     * @param volume the volume to show (not closed by the window)
     * @param initial colour map to start with (SEISMIC for images, VIRIDIS for velocities)
     */
    public VolumeWindow(VolumeSource volume, ColorMap initial) {
        this.volume = volume;
        if (isVelocity(volume)) {
            // A velocity's range is what the user reads off the colour bar (the facts give its min
            // and max): clipping its fastest 1 % would end the bar short of both.
            clip.getValueFactory().setValue(100.0);
        }
        colorMap.getItems().setAll(ColorMap.values());
        colorMap.setValue(initial);
        colorMap.setId("colorMap");
        clip.setId("clipPercent");
        clip.setEditable(true);
        clip.setPrefWidth(90);
        VerticalExaggeration initialVe = defaultExaggeration(volume);
        exaggeration.getItems().setAll(VerticalExaggeration.CHOICES);
        if (!exaggeration.getItems().contains(initialVe)) {
            exaggeration.getItems().add(exaggeration.getItems().size() - 1, initialVe);  // before "fill"
        }
        exaggeration.setValue(initialVe);
        exaggeration.setId("verticalExaggeration");
        exaggeration.setTooltip(new Tooltip("Vertical exaggeration of the sections in metres: 1:1 draws them in "
                + "their true shape, 'fill' stretches them to the pane (sections in time always fill)"));
        shapeLabel = new Label("VE");
        if (!"m".equals(volume.zUnit())) {
            timeShapes();
        }

        // A 2D volume (one inline, as 2D modelling and migration write) is its inline section:
        // the 3D view, the crossline (one trace) and the depth slice (one row) say nothing more.
        boolean twoD = volume.axes(0).y().count() == 1;
        if (twoD) {
            viewer3d = null;
            SectionView view = section(volume, SliceOrientation.INLINE);
            tabs.getTabs().add(loadWhenShown(tab(title(SliceOrientation.INLINE), view), view));
        } else if (Platform.isSupported(ConditionalFeature.SCENE3D)) {
            viewer3d = new SliceViewer3D(volume, false);
            viewer3d.colorMapProperty().bindBidirectional(colorMap.valueProperty());
            viewer3d.clipPercentProperty().bind(clip.valueProperty());
            Tab tab3d = tab("3D", viewer3d);
            viewer3d.activeProperty().bind(tab3d.selectedProperty());  // reads once its tab is shown
            tabs.getTabs().add(tab3d);
        } else {
            viewer3d = null;
            tabs.getTabs().add(tab("3D", no3dView()));
        }
        for (SliceOrientation o : twoD ? new SliceOrientation[0] : SliceOrientation.values()) {
            SectionView view = section(volume, o);
            tabs.getTabs().add(loadWhenShown(tab(title(o), sectionWithSlider(view, volume.axes(0).normal(o).count())),
                    view));
        }
        if (viewer3d == null && !twoD) {
            tabs.getSelectionModel().select(1);  // open on a view that draws: the inline section
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("views");

        name = new Label(volume.name());
        name.setId("volumeName");
        savePicture.setId("savePicture");
        savePicture.setTooltip(new Tooltip("Write the view on screen (with its axes and colour bar) to a PNG file"));
        savePicture.setOnAction(e -> choosePictureFile());
        saved.setId("pictureSaved");
        showOverlay.setId("showOverlay");
        showOverlay.setSelected(true);
        showOverlay.setVisible(false);
        showOverlay.setManaged(false);
        showOverlay.setTooltip(new Tooltip("Draw the survey's sources (red) and receivers (white) over the sections;"
                + " untick to see the model under a dense spread"));
        showOverlay.selectedProperty().addListener((o, a, b) -> applyOverlay());
        cursor.setId("cursorValue");
        setTop(toolBar());
        setCenter(tabs);
        setBottom(statusLine());
    }

    /**
     * The vertical exaggeration the window starts with: from the shape of the widest section
     * ({@link VerticalExaggeration#forSection}), so that a long 2D line is not a thin strip; 1:1
     * stays in the chooser. Sections in time always fill, so their window starts at 1:1.
     */
    static VerticalExaggeration defaultExaggeration(VolumeSource v) {
        if (!"m".equals(v.zUnit())) {
            return VerticalExaggeration.TRUE;
        }
        var a = v.axes(0);
        double width = Math.max(a.x().count() * a.x().delta(), a.y().count() * a.y().delta());
        return VerticalExaggeration.forSection(width, a.z().count() * a.z().delta());
    }

    /**
     * The chooser of a volume in time: seconds against metres have no true ratio, so "1:1 (true)"
     * and "2:1" would claim one. Sections in time fill the pane whatever is chosen; the choice left
     * is the time slices' (maps, x and y both metres): drawn 1:1, or stretched to fill too.
     */
    private void timeShapes() {
        shapeLabel.setText("Shape");
        exaggeration.getItems().setAll(VerticalExaggeration.TRUE, VerticalExaggeration.FILL);
        exaggeration.setValue(VerticalExaggeration.TRUE);
        exaggeration.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(VerticalExaggeration v) {
                return v == null ? "" : v.fills() ? "fill the pane" : "maps 1:1";
            }

            @Override
            public VerticalExaggeration fromString(String s) {
                return "fill the pane".equals(s) ? VerticalExaggeration.FILL : VerticalExaggeration.TRUE;
            }
        });
        exaggeration.setTooltip(new Tooltip("The volume is in time: sections (time against metres) have no true"
                + " shape and always fill the pane. Time slices are maps in metres: 'maps 1:1' draws them in their"
                + " true shape, 'fill the pane' stretches them too."));
    }

    /**
     * {@code tab} with {@code view} reading only while the tab is shown: a window opens reading
     * the selected view's slice alone, not a level-0 depth slice in a tab nobody looks at.
     */
    private static Tab loadWhenShown(Tab tab, SectionView view) {
        view.activeProperty().bind(tab.selectedProperty());
        return tab;
    }

    /** The clip percentile every view uses. */
    double clipPercent() {
        return clip.getValue();
    }

    /** Whether {@code v}'s samples are velocities (m/s), not amplitudes. */
    static boolean isVelocity(VolumeSource v) {
        return v.valueUnit() != null && v.valueUnit().contains("m/s");
    }

    /**
     * The controls, each kept at its preferred width; the volume's name takes what is left and is
     * cut with an ellipsis first, so a narrow window never squeezes a control to "Cli...".
     */
    private HBox toolBar() {
        HBox bar = new HBox(8, new Label("Colour map"), colorMap, new Label("Clip %"), clip, shapeLabel,
                exaggeration, showOverlay, savePicture, name);
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n != name && n instanceof javafx.scene.layout.Region r) {
                r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        name.setMinWidth(0);
        name.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        name.setTooltip(new Tooltip());
        name.getTooltip().textProperty().bind(name.textProperty());
        HBox.setHgrow(name, Priority.ALWAYS);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        return bar;
    }

    /**
     * The pointer readout and the picture messages on a line of their own under the views: they
     * change as the pointer moves, so they must not take width from (or push) the controls.
     */
    private HBox statusLine() {
        cursor.setMinWidth(0);
        saved.setMinWidth(0);
        HBox.setHgrow(cursor, Priority.ALWAYS);
        cursor.setMaxWidth(Double.MAX_VALUE);
        HBox line = new HBox(12, cursor, saved);
        line.setId("volumeStatus");
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 8, 2, 8));
        // One text line high whether or not anything is said, so the views do not jump.
        line.setMinHeight(22);
        line.setPrefHeight(22);
        return line;
    }

    private SectionView section(VolumeSource volume, SliceOrientation o) {
        SectionView view = new SectionView(volume);
        view.orientationProperty().set(o);
        view.sliceIndexProperty().set(volume.axes(0).normal(o).count() / 2);
        view.colorMapProperty().bindBidirectional(colorMap.valueProperty());
        view.clipPercentProperty().bind(clip.valueProperty());
        view.verticalExaggerationProperty().bind(exaggeration.valueProperty());
        view.pointerReadoutProperty().addListener((obs, was, now) -> cursor.setText(now));
        sections.put(o, view);
        return view;
    }

    private static BorderPane sectionWithSlider(SectionView view, int count) {
        Slider slider = new Slider(0, Math.max(0, count - 1), view.sliceIndexProperty().get());
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((o, a, b) -> view.sliceIndexProperty().set((int) Math.round(b.doubleValue())));
        Label index = new Label();
        index.textProperty().bind(view.sliceIndexProperty().asString());
        HBox controls = new HBox(8, new Label("Index"), slider, index);
        HBox.setHgrow(slider, Priority.ALWAYS);
        controls.setPadding(new Insets(4, 8, 4, 8));
        BorderPane p = new BorderPane(view);
        p.setBottom(controls);
        return p;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(title.toLowerCase(Locale.ROOT));
        return t;
    }

    /** A section's tab: "Inline", "Crossline", "Depth" (or "Time" for z in seconds). */
    private String title(SliceOrientation o) {
        return PlaneName.of(o, volume.zUnit());
    }

    /**
     * Whether every view on screen shows its slice as finely as it will read it (call on the
     * JavaFX thread): the moment a snapshot is worth taking. Sections in tabs not shown read
     * nothing ({@link SectionView#activeProperty}, {@link SliceViewer3D#activeProperty}) and do not count.
     */
    public boolean refined() {
        boolean sectionsDone = sections.values().stream()
                .allMatch(v -> !v.activeProperty().get() || v.refinedProperty().get());
        boolean threeDDone = viewer3d == null || !viewer3d.activeProperty().get() || java.util.Arrays.stream(SliceOrientation.values())
                .allMatch(o -> viewer3d.displayedLevelProperty(o).get()
                        == io.seiswork.render.section.Refinement.textureLevels(volume, o).getLast());
        return sectionsDone && threeDDone;
    }

    /**
     * Why a view could not draw its slice (call on the JavaFX thread): the first view's error on
     * one line, as "Inline: unexpected end of file ...", or "" while no view has one. A snapshot taken now
     * would show a wrong or missing picture.
     */
    public String viewError() {
        for (Map.Entry<SliceOrientation, SectionView> e : sections.entrySet()) {
            String why = e.getValue().errorProperty().get();
            if (!why.isEmpty()) {
                return title(e.getKey()) + ": " + why;
            }
        }
        if (viewer3d != null && !viewer3d.errorProperty().get().isEmpty()) {
            return "3D view: " + viewer3d.errorProperty().get().replace("\n", "; ");
        }
        return "";
    }

    /**
     * Shows {@code next} in every view in place of the volume shown, when it has the same axes (a
     * migration's image after one more shot): the slices, camera, colour map and clip stay. Call
     * on the JavaFX thread.
     *
     * @return false, changing nothing, when {@code next} has other axes (a new window is wanted)
     */
    public boolean showVolume(VolumeSource next) {
        if (!next.axes(0).equals(volume.axes(0))) {
            return false;
        }
        volume = next;
        name.setText(next.name());
        sections.values().forEach(v -> v.showVolume(next));
        if (viewer3d != null) {
            viewer3d.showVolume(next);
        }
        return true;
    }

    /** Save picture: a PNG file the user picks, then {@link #savePicture}. */
    private void choosePictureFile() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        PictureSaver.choose(tab == null ? tabs : tab.getContent(), pictureName(), pictureFolder(), saved);
    }

    /**
     * Where Save picture starts: the folder set ({@link #setPictureFolder}: a run's output folder),
     * else the folder of the volume's file (a written image, beside its run's other files), else
     * null (the dialog's own choice).
     */
    public Path pictureFolder() {
        return pictureFolder != null ? pictureFolder : folderOf(volume.name());
    }

    /** Where Save picture starts for a volume that is not a file in its run's folder (a model, the image so far). */
    public void setPictureFolder(Path folder) {
        pictureFolder = folder;
    }

    /** The folder of a volume named by its file's path ("runs/x/image.swv"); null for other names. */
    static Path folderOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || !(lower.endsWith(".swv") || lower.endsWith(".sgy") || lower.endsWith(".segy"))) {
            return null;
        }
        try {
            return Path.of(name).toAbsolutePath().getParent();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * The name Save picture suggests, without ".png": the volume (a file's name without its
     * extension), the view and, for a section of a volume with more than one, its index:
     * "image-inline-120", "image-3d", "layered-2d-rtm-velocity-inline".
     */
    String pictureName() {
        String name = volume.name();
        if (folderOf(name) != null) {
            String file = Path.of(name).getFileName().toString();
            name = file.substring(0, file.lastIndexOf('.'));
        }
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        StringBuilder out = new StringBuilder(name);
        if (tab != null) {
            out.append('-').append(tab.getText().toLowerCase(Locale.ROOT));
            for (Map.Entry<SliceOrientation, SectionView> e : sections.entrySet()) {
                if (title(e.getKey()).equals(tab.getText()) && volume.axes(0).normal(e.getKey()).count() > 1) {
                    out.append('-').append(e.getValue().sliceIndexProperty().get());
                }
            }
        }
        return fileName(out.toString());
    }

    /**
     * Writes the view on screen (the selected tab: a section with its axes and colour bar, or the
     * 3D view) to {@code file} as PNG ({@link PictureSaver}); the status line says when it is
     * done, or why not. Call on the JavaFX thread.
     *
     * @return done when the file is written (failed with the reason when it could not be)
     */
    public CompletableFuture<Path> savePicture(Path file) {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return PictureSaver.save(tab == null ? tabs : tab.getContent(), file, saved);
    }

    /** {@code text} as a file name: letters, digits, '.', '-' and '_' kept, anything else '-'. */
    static String fileName(String text) {
        return PictureSaver.fileName(text);
    }

    /** The volume shown. */
    public VolumeSource volume() {
        return volume;
    }

    /** Draws {@code overlay} over every section (null: nothing), for example the survey over a model. */
    public void setOverlay(io.seiswork.render.section.SectionOverlay overlay) {
        this.overlay = overlay;
        showOverlay.setVisible(overlay != null);
        showOverlay.setManaged(overlay != null);
        applyOverlay();
    }

    private void applyOverlay() {
        for (SectionView v : sections.values()) {
            v.overlayProperty().set(showOverlay.isSelected() ? overlay : null);
        }
    }

    /** The "Sources/receivers" check box: hides the survey's markers to see the model under them. */
    public javafx.scene.control.CheckBox overlayToggle() {
        return showOverlay;
    }

    /** The section view of one orientation (a 2D volume has only the inline one; null for the others). */
    public SectionView section(SliceOrientation o) {
        return sections.get(o);
    }

    /** The 3D viewer, or null where JavaFX 3D is not supported. */
    public SliceViewer3D viewer3d() {
        return viewer3d;
    }

    /** The tabs: "3D", then the inline, crossline and depth sections; a 2D volume's inline section alone. */
    public TabPane tabs() {
        return tabs;
    }

    /** The vertical exaggeration shared by every section. */
    public ComboBox<VerticalExaggeration> exaggerationChooser() {
        return exaggeration;
    }

    /** The colour map shared by every view. */
    public ComboBox<ColorMap> colorMapChooser() {
        return colorMap;
    }

    /** Width the note of a missing 3D view wraps at, pixels: a readable line, whole at the laptop layout. */
    static final double NOTE_WIDTH = 520;

    /** What the 3D tab says where the display offers no 3D: wrapped whole, never cut to "...". */
    static Label no3dView() {
        Label why = new Label("The 3D view needs a graphics pipeline this display does not offer "
                + "(JavaFX reports no SCENE3D support); the Inline, Crossline and Depth tabs beside this one work.");
        why.setId("no3dView");
        why.setWrapText(true);
        why.setMaxWidth(NOTE_WIDTH);
        why.setPadding(new Insets(20));
        return why;
    }
}
