package io.seiswork.render.section;

import static io.seiswork.render.FxTestSupport.NZ;
import static io.seiswork.render.FxTestSupport.brightestRow;
import static io.seiswork.render.FxTestSupport.rowBrightness;
import static io.seiswork.render.FxTestSupport.snapshot;
import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.FxTestSupport;
import io.seiswork.render.color.ColorMap;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
public class SectionViewTest {

    @TempDir
    static Path dir;

    private SectionView view;
    private VolumeSource volume;
    private final SyntheticVolume synthetic = FxTestSupport.synthetic();

    @Start
    void start(Stage stage) {
        Path file = dir.resolve("synthetic.swv");
        try (SwvWriter w = SwvWriter.create(file, FxTestSupport.axes(), SwvWriteOptions.defaults().withBrickSize(32))) {
            synthetic.writeTo(w);
        }
        volume = SwvReader.open(file);
        view = new SectionView(volume);
        stage.setScene(new Scene(view, 640, 480));
        stage.show();
    }

    @AfterEach
    void close() {
        volume.close();
    }

    private Image refined() {
        waitUntil(() -> view.displayedLevelProperty().get() == 0);
        return snapshot(view);
    }

    private int reflectorRow() {
        return (int) Math.floor(view.yOf(synthetic.brightIndex() * 4.0));
    }

    /**
     * An image of amplitudes around 1e-5 (a migration's), filling the pane: the colour bar's
     * labels in scientific notation are drawn whole, the right margin widened for them.
     */
    @Test
    void colourBarLabelsInScientificNotationAreWhole(FxRobot robot) {
        float[] values = synthetic.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] *= -5.343e-5f;
        }
        var small = new io.seiswork.core.volume.ArrayVolume("small", FxTestSupport.axes(), values, "m", "amplitude", 64);
        robot.interact(() -> {
            view.verticalExaggerationProperty().set(io.seiswork.render.plot.VerticalExaggeration.FILL);
            view.showVolume(small);
        });
        FxTestSupport.assertTheRightEdgeIsBlank(refined());
    }

    @Test
    void inlineShowsTheBrightReflectorAtItsDepth(FxRobot robot) {
        Image img = refined();
        int left = (int) view.xOf(0) + 2;
        int right = (int) view.xOf(950) - 2;
        int found = brightestRow(img, (int) view.yOf(0) + 1, (int) view.yOf((NZ - 1) * 4.0), left, right);
        double sampleRows = view.yOf(4) - view.yOf(0);
        assertEquals(view.yOf(synthetic.brightIndex() * 4.0), found, sampleRows + 1, "brightest row is the reflector at z = " + synthetic.brightIndex() * 4 + " m");
        assertTrue(rowBrightness(img, found, left, right) > 240, "the reflector is clipped white in grey");
    }

    @Test
    void movingToTheReflectorsDepthSliceTurnsItWhite(FxRobot robot) {
        refined();
        robot.interact(() -> {
            view.orientationProperty().set(SliceOrientation.DEPTH);
            view.sliceIndexProperty().set(synthetic.brightIndex());
        });
        Image at = refined();
        int mid = (int) view.yOf(320);
        double onReflector = rowBrightness(at, mid, (int) view.xOf(0) + 2, (int) view.xOf(950) - 2);

        robot.interact(() -> view.sliceIndexProperty().set(NZ - 5));
        Image below = refined();
        double underneath = rowBrightness(below, mid, (int) view.xOf(0) + 2, (int) view.xOf(950) - 2);

        assertTrue(onReflector > 240, "depth slice through the reflector is white, got " + onReflector);
        assertEquals(128, underneath, 6, "depth slice through silence is the grey of zero");
    }

    @Test
    void seismicColourMapPaintsThePositiveReflectorRed(FxRobot robot) {
        refined();
        robot.interact(() -> view.colorMapProperty().set(ColorMap.SEISMIC));
        Image img = refined();
        int argb = img.getPixelReader().getArgb((int) view.xOf(480), reflectorRow());
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        assertTrue(r > 100 && g < 60 && b < 60, "reflector pixel is dark red, got " + Integer.toHexString(argb));
        int quiet = img.getPixelReader().getArgb((int) view.xOf(480), (int) view.yOf(NZ * 4 - 20));
        assertTrue(((quiet >> 8) & 0xff) > 240 && (quiet & 0xff) > 240, "zero is white, got " + Integer.toHexString(quiet));
    }

    @Test
    void zoomAboutTheReflectorKeepsItInPlaceAndDoublesTheScale(FxRobot robot) {
        refined();
        double z = synthetic.brightIndex() * 4.0;
        double row = view.yOf(z);
        double before = view.yOf(z) - view.yOf(z - 200);
        robot.interact(() -> view.zoomAbout(view.xOf(480), row, 2));
        Image img = snapshot(view);
        assertEquals(2.0, view.zoomProperty().get(), 1e-12);
        assertEquals(2 * before, view.yOf(z) - view.yOf(z - 200), 1e-6, "twice the pixels per metre");
        assertEquals(row, view.yOf(z), 1e-6, "the point under the pointer stays put");
        int left = (int) view.xOf(240) + 2;
        int right = (int) view.xOf(720) - 2;
        int found = brightestRow(img, (int) view.yOf(z - 200), (int) view.yOf(z + 40), left, right);
        assertEquals(row, found, view.yOf(4) - view.yOf(0) + 1, "reflector drawn where the zoomed axis says");
    }

    /**
     * An overlay is drawn in data coordinates over the picture, follows the zoom, and is clipped
     * to the plot area (nothing over the axes).
     */
    @Test
    void anOverlayIsDrawnInDataCoordinatesAndClippedToThePlot(FxRobot robot) {
        refined();
        double[] seenSlice = {Double.NaN};
        robot.interact(() -> view.overlayProperty().set((g, v, o, slice) -> {
            seenSlice[0] = slice;
            g.setFill(javafx.scene.paint.Color.rgb(0, 255, 0));
            g.fillRect(v.xOf(480) - 3, v.yOf(200) - 3, 6, 6);
            g.fillRect(v.xOf(-5000) - 3, v.yOf(200) - 3, 6, 6);  // far left: outside the plot
        }));
        Image img = snapshot(view);
        int argb = img.getPixelReader().getArgb((int) view.xOf(480), (int) view.yOf(200));
        assertEquals(0xff00ff00, argb, "marker at (480 m, 200 m), got " + Integer.toHexString(argb));
        int margin = img.getPixelReader().getArgb(3, (int) view.yOf(200));
        assertTrue(((margin >> 8) & 0xff) < 250 || ((margin >> 16) & 0xff) > 5, "the margin stays unpainted");
        assertEquals(FxTestSupport.axes().y().value(view.sliceIndexProperty().get()), seenSlice[0], 1e-9);
        robot.interact(() -> view.zoomAbout(view.xOf(480), view.yOf(200), 2));
        Image zoomed = snapshot(view);
        assertEquals(0xff00ff00, zoomed.getPixelReader().getArgb((int) view.xOf(480), (int) view.yOf(200)),
                "the marker follows the zoom");
    }

    @Test
    void coarsePreviewIsReadBeforeFullResolution(FxRobot robot) {
        refined();
        java.util.List<Integer> levels = new java.util.concurrent.CopyOnWriteArrayList<>();
        VolumeSource recording = new InterceptingSource(volume, (o, level) -> levels.add(level));
        robot.interact(() -> view.getScene().setRoot(new SectionView(recording)));  // it reads once laid out
        waitUntil(() -> levels.size() == 2);
        assertEquals(java.util.List.of(1, 0), levels, "level 1 (150 samples deep) first, then level 0");
    }

    @Test
    void lowerClipPercentileBrightensWeakReflectors(FxRobot robot) {
        Image at99 = refined();
        int row = (int) Math.floor(view.yOf(Math.round(synthetic.reflectorDepth(0, 0, 32)) * 4.0));
        int left = (int) view.xOf(0) + 2;
        int right = (int) view.xOf(950) - 2;
        double before = FxTestSupport.maxRowBrightness(at99, row - 3, row + 4, left, right);
        robot.interact(() -> view.clipPercentProperty().set(90));
        double after = FxTestSupport.maxRowBrightness(refined(), row - 3, row + 4, left, right);
        assertTrue(after > before + 20, "shallow reflector brighter at a 90 % clip: " + before + " -> " + after);
    }

    @Test
    void mouseWheelZoomsAndDragPans(FxRobot robot) {
        refined();
        double cx = view.xOf(480);
        double cy = view.yOf(300);
        robot.interact(() -> view.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                cx, cy, cx, cy, false, false, false, false, false, false, 0, 40, 0, 40,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        assertEquals(1.25, view.zoomProperty().get(), 1e-12, "one wheel notch up zooms in by 1.25");
        assertEquals(cy, view.yOf(300), 1e-6, "about the pointer");
        double x = view.xOf(480);
        robot.drag(view, javafx.scene.input.MouseButton.PRIMARY).dropBy(60, 0);
        assertEquals(x + 60, view.xOf(480), 2.0, "dragging 60 px right moves the picture 60 px right");
    }

    /**
     * A section in metres keeps its true shape (960 m across, 1200 m deep: taller than wide),
     * and a depth slice is a map at 1:1; a section in time has no true shape and fills the pane.
     */
    @Test
    void sectionsInMetresKeepTheirShapeAndSectionsInTimeFill(FxRobot robot) {
        refined();
        double across = view.xOf(960) - view.xOf(0);
        double down = view.yOf(1200) - view.yOf(0);
        assertEquals(across * 1200 / 960, down, 1, "equal metres per pixel");
        assertEquals("VE 1:1", view.aspectLabel());
        robot.interact(() -> view.orientationProperty().set(SliceOrientation.DEPTH));
        refined();
        assertEquals(view.xOf(640) - view.xOf(0), Math.abs(view.yOf(640) - view.yOf(0)), 1, "a map at 1:1");
        assertEquals("map 1:1", view.aspectLabel());

        SectionView[] timed = new SectionView[1];
        robot.interact(() -> {
            timed[0] = new SectionView(new io.seiswork.core.volume.ArrayVolume("timed", FxTestSupport.axes(),
                    synthetic.toArray(), "s", "amplitude", 64));
            view.getScene().setRoot(timed[0]);
        });
        waitUntil(() -> timed[0].displayedLevelProperty().get() == 0);
        double plotHeight = timed[0].getScene().getHeight() - io.seiswork.render.plot.PlotFrame.TOP
                - io.seiswork.render.plot.PlotFrame.BOTTOM;
        assertEquals(plotHeight, timed[0].yOf(1200) - timed[0].yOf(0), 1, "a section in time fills the height");
        assertEquals("", timed[0].aspectLabel(), "and claims no exaggeration");
    }

    /**
     * A depth slice is a map: y (north) grows upward. A strip of ones along the south edge
     * (y 0 – 70 m) is drawn white along the bottom of the plot, the north grey (the rows
     * flipped, not the data); a spike at (700 m, 500 m) is picked there and drawn there, its
     * mirror image grey; the pixel just inside the plot's bottom-left corner reads y 0 and the
     * top-left one y 630 m; a drag down moves the map down.
     */
    @Test
    void aDepthSliceIsAMapWithYIncreasingUpward(FxRobot robot) {
        int nx = FxTestSupport.NX;
        int ny = FxTestSupport.NY;
        float[] values = new float[nx * ny * NZ];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < nx; x++) {
                for (int z = 0; z < NZ; z++) {
                    values[(y * nx + x) * NZ + z] = 1;
                }
            }
        }
        values[(50 * nx + 70) * NZ + 10] = 1;
        SectionView[] shown = new SectionView[1];
        robot.interact(() -> {
            shown[0] = new SectionView(new io.seiswork.core.volume.ArrayVolume("map", FxTestSupport.axes(), values, "m",
                    "amplitude", 64));
            shown[0].orientationProperty().set(SliceOrientation.DEPTH);
            shown[0].sliceIndexProperty().set(10);
            view.getScene().setRoot(shown[0]);
        });
        SectionView map = shown[0];
        waitUntil(() -> map.displayedLevelProperty().get() == 0);
        Image img = snapshot(map);
        assertTrue(map.yOf(0) > map.yOf(630), "y grows upward: y 0 at " + map.yOf(0) + ", y 630 m at " + map.yOf(630));
        int left = (int) map.xOf(0) + 2;
        int right = (int) map.xOf(950) - 2;
        assertTrue(rowBrightness(img, (int) map.yOf(30), left, right) > 240, "the southern strip white at the bottom");
        assertEquals(128, rowBrightness(img, (int) map.yOf(600), left, right), 6, "the north the grey of zero, at the top");
        assertTrue(map.yOf(30) > map.yOf(600));

        assertEquals("x 700 m, y 500 m: 1 amplitude", map.describeAt(map.xOf(700), map.yOf(500)));
        int spike = img.getPixelReader().getArgb((int) map.xOf(700), (int) map.yOf(500));
        assertTrue((spike & 0xff) > 240, "the spike drawn where it is picked, got " + Integer.toHexString(spike));
        int mirror = img.getPixelReader().getArgb((int) map.xOf(700), (int) map.yOf(130));
        assertEquals(128, mirror & 0xff, 6, "not at its mirror image (y 130 m)");
        double x0 = map.xOf(-5);  // the picture's edges: half a cell outside the first and last samples
        assertEquals("x 0 m, y 0 m: 1 amplitude", map.describeAt(x0 + 2, map.yOf(-5) - 2));
        assertEquals("x 0 m, y 630 m: 0 amplitude", map.describeAt(x0 + 2, map.yOf(635) + 2));

        robot.interact(() -> map.zoomAbout(map.xOf(480), map.yOf(320), 2));
        double y = map.yOf(320);
        robot.drag(map, javafx.scene.input.MouseButton.PRIMARY).dropBy(0, 40);
        assertEquals(y + 40, map.yOf(320), 2.0, "dragging 40 px down moves the map 40 px down");
        assertEquals("map 1:1", map.aspectLabel());
    }

    /**
     * A volume that cannot be read: its error, a long path and reason, is shown whole, wrapped
     * over the plot, not cut with "…" as the title is before the colour bar's label.
     */
    @Test
    void aReadErrorIsShownWhole(FxRobot robot) {
        String path = "/data/surveys/" + "north-sea-block-15-".repeat(8) + "final/image.swv";
        String message = "cannot read brick (3, 7, 12) of " + path + ": unexpected end of file after 524288 of 1048576 bytes";
        SectionView[] shown = new SectionView[1];
        robot.interact(() -> {
            shown[0] = new SectionView(new InterceptingSource(FxTestSupport.inMemory(), (o, level) -> {
                throw new java.io.UncheckedIOException(message, new java.io.EOFException());
            }));
            view.getScene().setRoot(shown[0]);
        });
        SectionView broken = shown[0];
        waitUntil(() -> !broken.errorProperty().get().isEmpty());
        assertEquals(message, broken.errorProperty().get());
        javafx.scene.control.Label label = (javafx.scene.control.Label) broken.lookup("#sectionError");
        assertTrue(label.isVisible());
        assertEquals("error: " + message, label.getText());
        // What the label draws: the whole text, wrapped onto lines inside the view, no ellipsis.
        javafx.scene.text.Text drawn = (javafx.scene.text.Text) label.lookup(".text");
        assertEquals("error: " + message, drawn.getText());
        assertTrue(label.getBoundsInParent().getMaxX() <= broken.getWidth(), label.getBoundsInParent().toString());
        assertTrue(label.getHeight() > 2 * label.getFont().getSize(), "wrapped onto more than one line");
        Image img = snapshot(broken);
        assertTrue(img.getWidth() > 0);
    }

    /**
     * Turning to a depth slice that takes a while to read: the inline still on screen keeps its
     * frame (z downward, "VE"), not flipped as a map under the inline's picture, until the map
     * arrives; then y grows upward.
     */
    @Test
    void theFrameFollowsThePictureOnScreenWhileTheNextPlaneIsRead(FxRobot robot) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SectionView[] made = new SectionView[1];
        robot.interact(() -> {
            made[0] = new SectionView(new InterceptingSource(FxTestSupport.inMemory(), (o, level) -> {
                if (o == SliceOrientation.DEPTH) {
                    try {
                        release.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            view.getScene().setRoot(made[0]);
        });
        SectionView section = made[0];
        try {
            waitUntil(() -> section.displayedLevelProperty().get() == 0);
            robot.interact(() -> section.zoomAbout(section.xOf(480), section.yOf(600), 2));
            // The zoom goes back to 1 with the new orientation: the view is drawn again before the map is read.
            robot.interact(() -> section.orientationProperty().set(SliceOrientation.DEPTH));
            robot.interact(section::requestLayout);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(-1, section.displayedLevelProperty().get(), "the depth slice is still being read");
            assertTrue(section.yOf(0) < section.yOf(400), "the inline's z still downward: " + section.yOf(0) + ", "
                    + section.yOf(400));
            assertEquals("VE 1:1", section.aspectLabel());
            assertTrue(section.describeAt(section.xOf(480), section.yOf(600)).startsWith("x 480 m, z 600 m: "),
                    section.describeAt(section.xOf(480), section.yOf(600)));
        } finally {
            release.countDown();
        }
        waitUntil(() -> section.displayedLevelProperty().get() == 0);
        assertTrue(section.yOf(0) > section.yOf(400), "the map's y upward");
        assertEquals("map 1:1", section.aspectLabel());
    }

    /** Delegates to a volume, calling {@code before} with the orientation and level of each slice before it is read. */
    public record InterceptingSource(VolumeSource inner, java.util.function.BiConsumer<SliceOrientation, Integer> before)
            implements VolumeSource {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int levels() {
            return inner.levels();
        }

        @Override
        public io.seiswork.core.volume.VolumeAxes axes(int level) {
            return inner.axes(level);
        }

        @Override
        public io.seiswork.core.volume.Histogram histogram() {
            return inner.histogram();
        }

        @Override
        public String zUnit() {
            return inner.zUnit();
        }

        @Override
        public String valueUnit() {
            return inner.valueUnit();
        }

        @Override
        public io.seiswork.core.volume.Slice slice(SliceOrientation o, int index, int level) {
            before.accept(o, level);
            return inner.slice(o, index, level);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** The readout names the quantity before its value and puts the unit after it. */
    @Test
    void theReadoutReadsQuantityValueUnit() {
        assertEquals("velocity 2500 m/s", SectionView.valueWithUnit("2500", "velocity (m/s)"));
        assertEquals("1 amplitude", SectionView.valueWithUnit("1", "amplitude"));
        assertEquals("0.5", SectionView.valueWithUnit("0.5", ""));
    }
}
