package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.VerticalExaggeration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The viewer window on a small in-memory volume with one bright horizontal reflector. */
@ExtendWith(ApplicationExtension.class)
class VolumeWindowTest {

    private static final int NX = 40;
    private static final int NY = 30;
    private static final int NZ = 50;
    private static final int REFLECTOR = 20;

    private VolumeWindow window;

    @Start
    void start(Stage stage) {
        float[] v = new float[NX * NY * NZ];
        for (int c = 0; c < NX * NY; c++) {
            v[c * NZ + REFLECTOR] = 1f;
        }
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 5, 0));
        window = new VolumeWindow(new ArrayVolume("test", axes, v, "m", "amplitude", 8), ColorMap.GRAY);
        stage.setScene(new Scene(window, 800, 600));
        stage.show();
    }

    /**
     * Where the display offers no 3D, the 3D tab's note is whole, wrapped (never cut to "..."): at
     * 400 px in lines within that width, and in a wide window no wider than a readable line.
     */
    @Test
    void theNoteOfAMissing3dViewWrapsWhole(FxRobot robot) {
        for (double width : new double[] {400, 1200}) {
            javafx.scene.control.Label[] note = new javafx.scene.control.Label[1];
            robot.interact(() -> {
                note[0] = VolumeWindow.no3dView();
                javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(note[0]);
                new Scene(box, width, 400);
                box.applyCss();
                box.layout();
            });
            javafx.scene.control.Label n = note[0];
            assertFalse(n.isTextTruncated(), "at " + width + " px: " + n.getText());
            assertTrue(n.getWidth() <= Math.min(width, VolumeWindow.NOTE_WIDTH), "at " + width + " px: " + n.getWidth());
            double line = n.getFont().getSize() * 1.5;
            assertTrue(n.getHeight() - 40 > 2 * line, "at " + width + " px in lines: " + n.getHeight() + " px high");
        }
    }

    /**
     * Save picture suggests a short name (the volume, the view, a section's index) and, for a
     * written image, its run's folder; a volume that is no file takes the folder it is given.
     */
    @Test
    void savePictureSuggestsTheRunsFolderAndAShortName(FxRobot robot) {
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        assertEquals("test-inline-" + NY / 2, window.pictureName());
        assertEquals(null, window.pictureFolder(), "no file, no folder of its own");
        java.nio.file.Path runs = java.nio.file.Path.of("runs", "layered-2d-rtm").toAbsolutePath();
        robot.interact(() -> window.setPictureFolder(runs));
        assertEquals(runs, window.pictureFolder());

        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 5, 0));
        VolumeWindow[] image = new VolumeWindow[1];
        robot.interact(() -> image[0] = new VolumeWindow(new ArrayVolume("runs/layered-2d-rtm/image.swv", axes,
                new float[NX * NY * NZ], "m", "amplitude", 8), ColorMap.SEISMIC));
        assertEquals(runs, image[0].pictureFolder(), "beside the image");
        robot.interact(() -> image[0].tabs().getSelectionModel().select(0));
        assertEquals("image-3d", image[0].pictureName());
        robot.interact(() -> {
            image[0].tabs().getSelectionModel().select(3);
            image[0].section(SliceOrientation.DEPTH).sliceIndexProperty().set(12);
        });
        assertEquals("image-depth-12", image[0].pictureName());
    }

    @Test
    void showsTheThreeSectionsAndThe3dTab(FxRobot robot) {
        assertEquals(4, window.tabs().getTabs().size());
        assertEquals("3D", window.tabs().getTabs().get(0).getText());
        assertEquals("Inline", window.tabs().getTabs().get(1).getText());
        assertEquals(NY / 2, window.section(SliceOrientation.INLINE).sliceIndexProperty().get());
        assertEquals(NZ / 2, window.section(SliceOrientation.DEPTH).sliceIndexProperty().get());
    }

    @Test
    void inlineSectionDrawsTheReflectorAsItsBrightestRow(FxRobot robot) throws Exception {
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        var view = window.section(SliceOrientation.INLINE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.displayedLevelProperty().get() == 0);
        double y = view.yOf(REFLECTOR * 5.0);
        double x = view.xOf(NX * 10 / 2.0);
        WritableImage img = new WritableImage((int) view.getWidth(), (int) view.getHeight());
        robot.interact(() -> view.snapshot(null, img));
        double onReflector = img.getPixelReader().getColor((int) x, (int) Math.round(y)).getBrightness();
        double above = img.getPixelReader().getColor((int) x, (int) Math.round(view.yOf(10 * 5.0))).getBrightness();
        // Grey with a clip symmetric about zero: the unit reflector is white, silence mid-grey.
        assertTrue(onReflector > 0.95, "reflector brightness " + onReflector);
        assertEquals(0.5, above, 0.05, "background brightness");
    }

    @Test
    void oneColourMapDrivesEveryView(FxRobot robot) {
        robot.interact(() -> window.colorMapChooser().setValue(ColorMap.VIRIDIS));
        for (SliceOrientation o : SliceOrientation.values()) {
            assertEquals(ColorMap.VIRIDIS, window.section(o).colorMapProperty().get(), o.name());
        }
        // A view's own control (the 3D viewer has one) moves the shared choice too.
        robot.interact(() -> window.section(SliceOrientation.DEPTH).colorMapProperty().set(ColorMap.SEISMIC));
        assertEquals(ColorMap.SEISMIC, window.colorMapChooser().getValue());
        assertEquals(ColorMap.SEISMIC, window.section(SliceOrientation.INLINE).colorMapProperty().get());
    }

    @Test
    void sliderMovesTheSection(FxRobot robot) {
        var view = window.section(SliceOrientation.CROSSLINE);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(2);
            javafx.scene.control.Slider slider = (javafx.scene.control.Slider) robot.lookup(".slider").queryAll().stream()
                    .filter(n -> n.isVisible() && n.getScene() != null && n.localToScene(0, 0).getX() >= 0
                            && ((javafx.scene.control.Slider) n).getMax() == NX - 1)
                    .findFirst().orElseThrow();
            slider.setValue(7);
        });
        assertEquals(7, view.sliceIndexProperty().get());
    }

    /**
     * A migration's image after one more shot takes the old one's place in the same window: the
     * section drawn from the new values, at the slice and with the colour map the user chose; a
     * volume on other axes is refused, the window unchanged.
     */
    @Test
    void anotherVolumeOnTheSameAxesIsShownInPlace(FxRobot robot) throws Exception {
        var view = window.section(SliceOrientation.INLINE);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(1);
            view.sliceIndexProperty().set(7);
            window.colorMapChooser().setValue(ColorMap.GRAY);
        });
        float[] v = new float[NX * NY * NZ];
        int deeper = 35;
        for (int c = 0; c < NX * NY; c++) {
            v[c * NZ + deeper] = 1f;
        }
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 5, 0));
        boolean[] taken = new boolean[1];
        robot.interact(() -> taken[0] = window.showVolume(new ArrayVolume("after shot 2", axes, v, "m", "amplitude", 8)));
        assertTrue(taken[0]);
        assertEquals("after shot 2", window.volume().name());
        assertEquals("after shot 2", robot.lookup("#volumeName").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals(7, view.sliceIndexProperty().get(), "the slice stays");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.displayedLevelProperty().get() == 0);
        WritableImage img = new WritableImage((int) view.getWidth(), (int) view.getHeight());
        robot.interact(() -> view.snapshot(null, img));
        double x = view.xOf(NX * 10 / 2.0);
        assertTrue(img.getPixelReader().getColor((int) x, (int) Math.round(view.yOf(deeper * 5.0))).getBrightness() > 0.95,
                "the new reflector drawn");
        assertEquals(0.5, img.getPixelReader().getColor((int) x, (int) Math.round(view.yOf(REFLECTOR * 5.0))).getBrightness(),
                0.05, "the old one gone");

        VolumeAxes other = new VolumeAxes(new Sampling(NX + 1, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 5, 0));
        robot.interact(() -> taken[0] = window.showVolume(new ArrayVolume("other", other, new float[(NX + 1) * NY * NZ],
                "m", "amplitude", 8)));
        assertFalse(taken[0]);
        assertEquals("after shot 2", window.volume().name());
    }

    /**
     * Save picture writes the view on screen to a PNG file (read back at the section view's size);
     * a folder that is not there is said in the bar, and the future fails.
     */
    @Test
    void savePictureWritesTheViewOnScreen(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var view = window.section(SliceOrientation.INLINE);
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.displayedLevelProperty().get() == 0);
        java.nio.file.Path png = dir.resolve("inline.png");
        java.util.concurrent.CompletableFuture<java.nio.file.Path>[] done = new java.util.concurrent.CompletableFuture[1];
        robot.interact(() -> done[0] = window.savePicture(png));
        assertEquals(png, done[0].get(30, TimeUnit.SECONDS));
        java.awt.image.BufferedImage read = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(read.getWidth() >= (int) view.getWidth() && read.getHeight() >= (int) view.getHeight() - 1,
                read.getWidth() + " x " + read.getHeight());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("saved " + png, robot.lookup("#pictureSaved").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("test-Inline", VolumeWindow.fileName("test Inline"));

        java.nio.file.Path nowhere = dir.resolve("missing/inline.png");
        robot.interact(() -> done[0] = window.savePicture(nowhere));
        try {
            done[0].get(30, TimeUnit.SECONDS);
            throw new AssertionError("written into a folder that does not exist");
        } catch (java.util.concurrent.ExecutionException expected) {
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#pictureSaved").queryAs(javafx.scene.control.Label.class).getText()
                    .startsWith("cannot save " + nowhere));
        }
    }

    /**
     * The pointer over a section reads out where it is and the value there: on the reflector
     * (z = 100 m) the unit value, above it 0, outside the picture nothing; the window's bar shows it.
     */
    @Test
    void thePointerReadsOutPlaceAndValue(FxRobot robot) throws Exception {
        var view = window.section(SliceOrientation.INLINE);
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.displayedLevelProperty().get() == 0);
        String[] said = new String[3];
        robot.interact(() -> {
            said[0] = view.describeAt(view.xOf(200), view.yOf(REFLECTOR * 5.0));
            said[1] = view.describeAt(view.xOf(200), view.yOf(50));
            said[2] = view.describeAt(1, 1);
        });
        assertEquals("x 200 m, z 100 m: 1 amplitude", said[0]);
        assertEquals("x 200 m, z 50 m: 0 amplitude", said[1]);
        assertEquals("", said[2], "outside the picture");
        robot.interact(() -> {
            javafx.geometry.Point2D at = view.localToScene(view.xOf(200), view.yOf(REFLECTOR * 5.0));  // events carry scene places
            view.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_MOVED, at.getX(), at.getY(),
                    0, 0, javafx.scene.input.MouseButton.NONE, 0, false, false, false, false, false, false, false, false,
                    false, false, null));
        });
        assertEquals("x 200 m, z 100 m: 1 amplitude",
                robot.lookup("#cursorValue").queryAs(javafx.scene.control.Label.class).getText());
    }

    /** A 2D volume (one inline), as the README's demo migration writes: its section alone, drawn. */
    @Test
    void a2dVolumeOpensOnItsSection(FxRobot robot) throws Exception {
        float[] v = new float[NX * NZ];
        for (int x = 0; x < NX; x++) {
            v[x * NZ + REFLECTOR] = 1f;
        }
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(1, 10, 0), new Sampling(NZ, 5, 0));
        VolumeWindow[] holder = new VolumeWindow[1];
        robot.interact(() -> {
            holder[0] = new VolumeWindow(new ArrayVolume("2d", axes, v, "m", "amplitude", 8), ColorMap.GRAY);
            window.getScene().setRoot(holder[0]);
        });
        VolumeWindow flat = holder[0];
        assertEquals(1, flat.tabs().getTabs().size());
        assertEquals("Inline", flat.tabs().getTabs().get(0).getText());
        assertEquals(null, flat.viewer3d());
        assertEquals(null, flat.section(SliceOrientation.DEPTH));
        var view = flat.section(SliceOrientation.INLINE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, flat::refined);
        WritableImage img = new WritableImage((int) view.getWidth(), (int) view.getHeight());
        robot.interact(() -> view.snapshot(null, img));
        double onReflector = img.getPixelReader().getColor((int) view.xOf(NX * 10 / 2.0),
                (int) Math.round(view.yOf(REFLECTOR * 5.0))).getBrightness();
        assertTrue(onReflector > 0.95, "reflector brightness " + onReflector);
    }

    /**
     * A velocity model opens with its clip at 100 %: its colour bar spans the model's whole range,
     * the facts' min and max, where an image's clip starts at 99 %.
     */
    @Test
    void aVelocityOpensUnclippedAndAnImageAt99(FxRobot robot) throws Exception {
        float[] v = new float[NX * NZ];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1500 + i % 3200;
        }
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(1, 10, 0), new Sampling(NZ, 5, 0));
        VolumeWindow[] holder = new VolumeWindow[2];
        robot.interact(() -> {
            holder[0] = new VolumeWindow(new ArrayVolume("vp", axes, v, "m", "velocity (m/s)", 8), ColorMap.VIRIDIS);
            holder[1] = new VolumeWindow(new ArrayVolume("image", axes, v, "m", "amplitude", 8), ColorMap.SEISMIC);
        });
        assertEquals(100.0, holder[0].clipPercent(), 0);
        assertEquals(VolumeWindow.DEFAULT_CLIP_PERCENT, holder[1].clipPercent(), 0);
    }

    /**
     * At 640 px wide, with a long volume name and a long readout, every control keeps its whole
     * text (none squeezed to "Cli..."), the name is what gets cut, and the readout sits on its own
     * line under the views, where it cannot push the controls.
     */
    @Test
    void theBarKeepsItsControlsWholeInANarrowWindow(FxRobot robot) {
        robot.interact(() -> {
            window.getScene().getWindow().setWidth(640);
            window.showVolume(window.volume());
            robot.lookup("#cursorValue").queryAs(javafx.scene.control.Label.class)
                    .setText("x 1250 m, y 3375 m, z 430 m: 0.0001234 image amplitude");
            robot.lookup("#volumeName").queryAs(javafx.scene.control.Label.class)
                    .setText("salt3d image after 12 of 24 shots, written to runs/salt3d-rtm/image.swv");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            javafx.scene.layout.HBox bar = (javafx.scene.layout.HBox) window.getTop();
            for (javafx.scene.Node n : bar.getChildren()) {
                javafx.scene.layout.Region r = (javafx.scene.layout.Region) n;
                if (!"volumeName".equals(r.getId()) && r.isManaged()) {  // (no survey: no Sources/receivers box)
                    assertTrue(r.getWidth() >= r.prefWidth(-1) - 0.5, r + " squeezed to " + r.getWidth() + " of "
                            + r.prefWidth(-1));
                }
            }
            javafx.scene.control.Label name = robot.lookup("#volumeName").queryAs(javafx.scene.control.Label.class);
            assertTrue(name.getWidth() < name.prefWidth(-1), "the name is the one cut");
            javafx.scene.control.Label cursor = robot.lookup("#cursorValue").queryAs(javafx.scene.control.Label.class);
            double cursorTop = cursor.localToScene(0, 0).getY();
            double tabsBottom = window.tabs().localToScene(0, window.tabs().getHeight()).getY();
            assertTrue(cursorTop >= tabsBottom - 0.5, "the readout is under the views: " + cursorTop + " vs " + tabsBottom);
            assertTrue(window.getWidth() <= 640.5, "nothing widens the window: " + window.getWidth());
        });
    }

    /** One vertical exaggeration for every section; depth-in-metres sections start at 1:1. */
    @Test
    void oneExaggerationDrivesEverySection(FxRobot robot) throws Exception {
        var view = window.section(SliceOrientation.INLINE);
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.displayedLevelProperty().get() == 0);
        double[] size = new double[2];
        robot.interact(() -> {
            size[0] = view.xOf(NX * 10) - view.xOf(0);
            size[1] = view.yOf(NZ * 5) - view.yOf(0);
        });
        assertEquals(size[0] * (NZ * 5.0) / (NX * 10.0), size[1], 1, "400 x 250 m in its true shape");
        assertEquals("VE 1:1", view.aspectLabel());
        robot.interact(() -> window.exaggerationChooser().setValue(VerticalExaggeration.CHOICES.get(1)));
        robot.interact(() -> {
            size[0] = view.xOf(NX * 10) - view.xOf(0);
            size[1] = view.yOf(NZ * 5) - view.yOf(0);
        });
        assertEquals(size[0] * 2 * (NZ * 5.0) / (NX * 10.0), size[1], 1, "VE 2 doubles depth");
        assertEquals(VerticalExaggeration.CHOICES.get(1),
                window.section(SliceOrientation.CROSSLINE).verticalExaggerationProperty().get());
        assertEquals("seismic", ColorMap.SEISMIC.toString(), "colour maps listed as the command line spells them");
    }

    /**
     * A volume in time offers no "1:1 (true)" nor "2:1" (seconds against metres have no true
     * ratio): the chooser, named "Shape", offers the time slices' display, maps 1:1 or filling.
     */
    @Test
    void aTimeVolumeOffersDisplayShapesNotATrueRatio(FxRobot robot) throws Exception {
        VolumeAxes axes = new VolumeAxes(new Sampling(16, 25, 0), new Sampling(8, 25, 0), new Sampling(100, 0.004, 0));
        VolumeWindow[] made = new VolumeWindow[1];
        String[] shown = new String[3];
        robot.interact(() -> {
            made[0] = new VolumeWindow(new ArrayVolume("f3", axes, new float[16 * 8 * 100], "s", "amplitude", 100),
                    ColorMap.GRAY);
            window.getScene().setRoot(made[0]);
            var chooser = made[0].exaggerationChooser();
            shown[0] = chooser.getItems().stream().map(v -> chooser.getConverter().toString(v)).toList().toString();
            shown[1] = chooser.getConverter().toString(chooser.getValue());
            shown[2] = robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                    .map(javafx.scene.control.Label::getText).filter(t -> t.equals("VE") || t.equals("Shape"))
                    .findFirst().orElse("none");
        });
        assertEquals("[maps 1:1, fill the pane]", shown[0]);
        assertEquals("maps 1:1", shown[1]);
        assertEquals("Shape", shown[2]);
        var view = made[0].section(SliceOrientation.INLINE);
        robot.interact(() -> made[0].tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.refinedProperty().get());
        assertEquals("", view.aspectLabel(), "a section in time fills, no VE claimed");
    }

    /**
     * A long 2D line (100 km x 5 km) opens at 10:1, not as a 1:1 strip some 48 px tall: the
     * chooser and the label under the plot say so, and 1:1 can still be chosen.
     */
    @Test
    void aLong2dLineOpensExaggeratedSoItFillsTheView(FxRobot robot) throws Exception {
        VolumeAxes axes = new VolumeAxes(new Sampling(800, 125, 0), new Sampling(1, 125, 0), new Sampling(100, 50, 0));
        VolumeWindow[] made = new VolumeWindow[1];
        robot.interact(() -> {
            made[0] = new VolumeWindow(new ArrayVolume("line2d", axes, new float[800 * 100], "m", "amplitude", 8),
                    ColorMap.GRAY);
            window.getScene().setRoot(made[0]);
        });
        VolumeWindow line = made[0];
        assertEquals(new VerticalExaggeration(10), line.exaggerationChooser().getValue());
        assertTrue(line.exaggerationChooser().getItems().contains(VerticalExaggeration.TRUE), "1:1 selectable");
        var view = line.section(SliceOrientation.INLINE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.refinedProperty().get());
        assertEquals("VE 10:1", view.aspectLabel());
        double tall = view.yOf(5000) - view.yOf(0);
        double wide = view.xOf(100_000) - view.xOf(0);
        assertEquals(2, wide / tall, 0.05, "drawn 2:1");
        robot.interact(() -> line.exaggerationChooser().setValue(VerticalExaggeration.TRUE));
        assertEquals("VE 1:1", view.aspectLabel());
        assertEquals(VerticalExaggeration.TRUE, VolumeWindow.defaultExaggeration(window.volume()),
                "a 400 x 250 m section keeps its true shape");
    }

    /**
     * Opening the window reads the slice of the tab shown only; the others read when first shown
     * (a level-0 depth slice in a hidden tab cost the review's 119.5 GiB volume 5.8 GiB at open).
     */
    @Test
    void hiddenTabsReadWhenFirstShown(FxRobot robot) throws Exception {
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 5, 0));
        java.util.Map<SliceOrientation, java.util.concurrent.atomic.AtomicInteger> reads = new java.util.EnumMap<>(
                SliceOrientation.class);
        for (SliceOrientation o : SliceOrientation.values()) {
            reads.put(o, new java.util.concurrent.atomic.AtomicInteger());
        }
        ArrayVolume inner = new ArrayVolume("counted", axes, new float[NX * NY * NZ], "m", "amplitude", 8);
        io.seiswork.core.volume.VolumeSource counted = new io.seiswork.core.volume.VolumeSource() {
            @Override public String name() { return inner.name(); }
            @Override public int levels() { return inner.levels(); }
            @Override public VolumeAxes axes(int level) { return inner.axes(level); }
            @Override public io.seiswork.core.volume.Histogram histogram() { return inner.histogram(); }
            @Override public String zUnit() { return inner.zUnit(); }
            @Override public String valueUnit() { return inner.valueUnit(); }
            @Override public void close() { }
            @Override public io.seiswork.core.volume.Slice slice(SliceOrientation o, int index, int level) {
                reads.get(o).incrementAndGet();
                return inner.slice(o, index, level);
            }
        };
        VolumeWindow[] made = new VolumeWindow[1];
        robot.interact(() -> {
            made[0] = new VolumeWindow(counted, ColorMap.GRAY);
            window.getScene().setRoot(made[0]);
        });
        VolumeWindow w = made[0];
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.refined());
        var depth = w.section(SliceOrientation.DEPTH);
        assertEquals(-1, depth.displayedLevelProperty().get(), "the depth tab, not shown, has read nothing");
        assertFalse(depth.activeProperty().get());
        if (w.viewer3d() == null) {
            // Without 3D the window opens on the inline: the crossline and depth were never read.
            assertEquals(0, reads.get(SliceOrientation.DEPTH).get(), "depth slices read");
            assertEquals(0, reads.get(SliceOrientation.CROSSLINE).get(), "crosslines read");
            assertTrue(reads.get(SliceOrientation.INLINE).get() > 0);
        }
        if (w.viewer3d() != null) {
            assertTrue(w.viewer3d().activeProperty().get(), "the 3D tab the window opens on reads");
        }
        robot.interact(() -> w.tabs().getSelectionModel().select(w.tabs().getTabs().size() - 1));
        if (w.viewer3d() != null) {
            // Hidden, the 3D view waits as a section tab does (SliceViewer3DActiveTest: nothing read).
            assertFalse(w.viewer3d().activeProperty().get(), "the 3D view, its tab hidden, is inactive");
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> depth.refinedProperty().get());
        assertEquals(0, depth.displayedLevelProperty().get());
        if (w.viewer3d() == null) {
            assertTrue(reads.get(SliceOrientation.DEPTH).get() > 0, "read once shown");
            assertEquals(0, reads.get(SliceOrientation.CROSSLINE).get(), "the crossline tab still not shown");
        }
    }
}
