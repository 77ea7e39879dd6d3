package io.seiswork.render.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
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

/** A slice handed in whole (a wavefield while a shot runs): drawn where its axes say, latest wins. */
@ExtendWith(ApplicationExtension.class)
class SliceViewTest {

    private static final int NX = 60;
    private static final int NZ = 40;

    private SliceView view;

    @Start
    void start(Stage stage) {
        view = new SliceView();
        stage.setScene(new Scene(view, 640, 480));
        stage.show();
    }

    /** A slice of zeros with one positive sample at (ix, iz) and a negative one far from it. */
    private static Slice spike(int ix, int iz) {
        float[] v = new float[NX * NZ];
        v[iz * NX + ix] = 1f;
        v[5 * NX + 5] = -1f;
        return new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(NX, 10, 0), new Sampling(NZ, 10, 0), v);
    }

    @Test
    void thePositiveSpikeIsDarkRedWhereTheAxesSay(FxRobot robot) throws Exception {
        Slice s = spike(40, 30);
        robot.interact(() -> view.sliceProperty().set(s));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == s);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = view.snapshot(null, null));
        int argb = img[0].getPixelReader().getArgb((int) Math.round(view.xOf(400)), (int) Math.round(view.yOf(300)));
        int r = (argb >> 16) & 0xff;
        int b = argb & 0xff;
        assertTrue(r > 100 && b < 60, "spike at x 400 m, z 300 m is red, got " + Integer.toHexString(argb));
        int zero = img[0].getPixelReader().getArgb((int) Math.round(view.xOf(200)), (int) Math.round(view.yOf(200)));
        assertTrue((zero & 0xff) > 240 && ((zero >> 8) & 0xff) > 240, "zero is white, got " + Integer.toHexString(zero));
    }

    @Test
    void theLatestSliceWins(FxRobot robot) throws Exception {
        Slice last = spike(10, 10);
        robot.interact(() -> {
            for (int k = 0; k < 20; k++) {
                view.sliceProperty().set(spike(20 + k, 20));
            }
            view.sliceProperty().set(last);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == last);
        assertSame(last, view.shown());
        assertEquals(NX, view.shown().across().count());
    }

    /**
     * A wavefield of amplitudes around 5e-5 (pressure in a small model): its colour bar reads
     * "5.343e-05" and "-5.343e-05" whole, the margin widened for them (86 px would cut the
     * last one to "-5.343e-0"), even when the section fills the pane.
     */
    @Test
    void colourBarLabelsInScientificNotationAreWhole(FxRobot robot) throws Exception {
        float[] v = new float[NX * NZ];
        v[30 * NX + 40] = 5.343e-5f;
        v[5 * NX + 5] = -5.343e-5f;
        Slice s = new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(NX, 10, 0), new Sampling(NZ, 10, 0), v);
        robot.interact(() -> {
            view.verticalExaggerationProperty().set(VerticalExaggeration.FILL);
            view.sliceProperty().set(s);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == s);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            io.seiswork.render.FxTestSupport.assertTheRightEdgeIsBlank(io.seiswork.render.FxTestSupport.snapshot(view));
        } finally {
            robot.interact(() -> view.verticalExaggerationProperty().set(VerticalExaggeration.TRUE));
        }
    }

    /**
     * A 4000 × 2000 m wavefield in an 800 × 800 pane is drawn in its true shape, twice as wide as
     * tall and labelled "VE 1:1"; vertical exaggeration 2 makes it square; fill fills the pane.
     */
    @Test
    void aSectionKeepsItsTrueShapeUntilExaggerated(FxRobot robot) throws Exception {
        Slice s = new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(401, 10, 0), new Sampling(201, 10, 0),
                new float[401 * 201]);
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(800);
            view.getScene().getWindow().setHeight(800);
            view.sliceProperty().set(s);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == s);
        WaitForAsyncUtils.waitForFxEvents();
        double[] size = new double[2];
        robot.interact(() -> {
            size[0] = view.xOf(4000) - view.xOf(0);
            size[1] = view.yOf(2000) - view.yOf(0);
        });
        assertEquals(size[0] / 2, size[1], 1, "4000 x 2000 m drawn 2:1, got " + size[0] + " x " + size[1]);
        assertEquals("VE 1:1", view.aspectLabel());
        robot.interact(() -> view.verticalExaggerationProperty().set(new VerticalExaggeration(2)));
        robot.interact(() -> {
            size[0] = view.xOf(4000) - view.xOf(0);
            size[1] = view.yOf(2000) - view.yOf(0);
        });
        assertEquals(size[0], size[1], 1, "VE 2 draws it square");
        assertEquals("VE 2:1", view.aspectLabel());
        robot.interact(() -> view.verticalExaggerationProperty().set(VerticalExaggeration.FILL));
        robot.interact(() -> size[1] = view.yOf(2000) - view.yOf(0));
        assertTrue(size[1] > size[0], "fill stretches it to the pane's height");
    }

    /**
     * A new run clears the view (slice null): the last picture comes down at once, one still being
     * coloured never arrives, and the empty pane draws no axes (no 0–1 m ticks in the left margin).
     */
    @Test
    void clearingTheSliceTakesThePictureDownWithoutAxes(FxRobot robot) throws Exception {
        Slice s = spike(40, 30);
        robot.interact(() -> view.sliceProperty().set(s));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == s);
        double x = view.xOf(400);
        double y = view.yOf(300);
        robot.interact(() -> {
            view.sliceProperty().set(null);
            view.sliceProperty().set(spike(10, 10));  // in flight when the next run starts...
            view.sliceProperty().set(null);
        });
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, view.shown(), "nothing shown after the clear");
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = view.snapshot(null, null));
        var pixels = img[0].getPixelReader();
        assertEquals(0xffffffff, pixels.getArgb((int) Math.round(x), (int) Math.round(y)), "the spike is gone");
        for (int px = 0; px < 60; px++) {
            for (int py = 0; py < (int) img[0].getHeight(); py++) {
                assertEquals(0xffffffff, pixels.getArgb(px, py), "no axis labels in the left margin at " + px + ", " + py);
            }
        }
    }

    /**
     * The title is a row above the plot and the colour bar's label sits over its bar below it:
     * with the longest title a migration gives and a long label, at a wide and a narrow width
     * (480 and 260 px: half a laptop's Run tab and less), the two never meet, both lie inside the
     * view, the label above the plot, and the title is cut short rather than overrun.
     */
    @Test
    void theTitleNeverRunsIntoTheColourBarsLabel(FxRobot robot) throws Exception {
        String title = "Shot 12, receiver wavefield (backward) at t = 1.080 s, section through the source";
        Slice s = spike(40, 30);
        robot.interact(() -> {
            view.titleProperty().set(title);
            view.unitProperty().set("pressure");
            view.sliceProperty().set(s);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == s);
        try {
            checkLabelsApart(robot, title);
        } finally {
            // The test classes share one stage: leave it as wide as the scene asked for.
            robot.interact(() -> view.getScene().getWindow().setWidth(640));
        }
    }

    private void checkLabelsApart(FxRobot robot, String title) {
        for (double width : new double[] {480, 260}) {
            robot.interact(() -> view.getScene().getWindow().setWidth(width));
            WaitForAsyncUtils.waitForFxEvents();
            var t = view.titleLabel().getBoundsInParent();
            var u = view.colorBarLabel().getBoundsInParent();
            String where = width + " px: title " + t + ", label " + u;
            assertTrue(view.titleLabel().isVisible() && view.colorBarLabel().isVisible(), where);
            assertTrue(t.getWidth() > 0 && u.getWidth() > 0 && t.getHeight() > 0 && u.getHeight() > 0, where);
            assertTrue(!t.intersects(u), "no overlap at " + where);
            assertTrue(t.getMinX() >= 0 && t.getMaxX() <= view.getWidth() && u.getMinX() >= 0 && u.getMaxX() <= view.getWidth(),
                    "inside the view at " + where);
            assertTrue(u.getMaxY() <= view.yOf(0) + 1, "the label above the plot at " + where);
            assertTrue(t.getMaxY() <= u.getMinY(), "the title's row above the label at " + where);
        }
        assertEquals(title, view.titleLabel().getTooltip().getText(), "the whole title in the tooltip");
    }

    /**
     * A live wavefield's title goes up with its picture: while the next snapshot is being coloured
     * the title still names the one on screen (it used to say "Shot 3, t = 0.021 s" at once, over
     * shot 2's field), then both change together; a colour change keeps the title.
     */
    @Test
    void theTitleChangesWithThePictureNotBefore(FxRobot robot) throws Exception {
        Slice shot2 = spike(40, 30);
        Slice shot3 = spike(10, 10);
        robot.interact(() -> view.show(shot2, "Shot 2 at t = 0.400 s"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == shot2);
        String[] seen = new String[2];
        Slice[] onScreen = new Slice[1];
        boolean[] latest = new boolean[1];
        robot.interact(() -> {
            seen[0] = view.titleProperty().get();
            view.show(shot3, "Shot 3 at t = 0.021 s");
            // Still the JavaFX thread: shot 3 cannot have been coloured yet.
            seen[1] = view.titleProperty().get();
            onScreen[0] = view.shown();
            latest[0] = view.isShowingLatest();
        });
        assertEquals("Shot 2 at t = 0.400 s", seen[0]);
        assertSame(shot2, onScreen[0]);
        assertEquals("Shot 2 at t = 0.400 s", seen[1], "the title of the picture on screen until shot 3's is");
        assertTrue(!latest[0], "shot 3 is still being coloured");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == shot3);
        robot.interact(() -> seen[0] = view.titleProperty().get());
        assertEquals("Shot 3 at t = 0.021 s", seen[0]);
        robot.interact(() -> view.colorMapProperty().set(io.seiswork.render.color.ColorMap.GRAY));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.isShowingLatest());
        robot.interact(() -> seen[0] = view.titleProperty().get());
        assertEquals("Shot 3 at t = 0.021 s", seen[0]);
    }

    /**
     * A slice whose colouring fails lets the next one in: the view counts it as done (a live
     * wavefield waits for that before handing in its next snapshot, and froze for the rest of the
     * run), keeps its last picture and says why over the plot, until a slice is coloured again.
     */
    @Test
    void aFailedColouringSaysWhyAndLetsTheNextSliceIn(FxRobot robot) throws Exception {
        Slice good = spike(40, 30);
        robot.interact(() -> view.sliceProperty().set(good));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == good);
        Slice bad = spike(10, 10);
        robot.interact(() -> {
            view.setColouring((s, clip, map) -> {
                throw new IllegalStateException("no room for the picture");
            });
            view.sliceProperty().set(bad);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !view.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.isShowingLatest(), "a failed slice does not hold the next one back");
        assertEquals("cannot colour the slice: no room for the picture", view.errorProperty().get());
        assertSame(good, view.shown(), "the last picture stays");
        var label = (javafx.scene.control.Label) view.lookup("#sliceError");
        assertTrue(label.isVisible() && label.getText().endsWith("no room for the picture"), label.getText());

        Slice next = spike(20, 20);
        robot.interact(() -> {
            view.setColouring(Rendered::of);
            view.sliceProperty().set(next);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == next);
        assertEquals("", view.errorProperty().get(), "cleared once a slice is coloured again");
        assertTrue(view.isShowingLatest());
    }
}
