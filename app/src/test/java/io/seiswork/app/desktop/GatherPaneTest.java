package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.render.gather.GatherGain;
import io.seiswork.render.gather.GatherStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The gathers' display controls on a small 2D line: 24 receivers every 10 m, shots at x 100 m and
 * 150 m, then 19 more (shot s at x 50 + 50 s m, its direct wave s high) to arrow through.
 */
@ExtendWith(ApplicationExtension.class)
class GatherPaneTest {

    private static final int SHOTS = 21;

    @TempDir
    static Path dir;

    private GatherPaneFixture gathers;

    @Start
    void start(Stage stage) {
        Path shots = GatherPaneFixture.writeShots(dir.resolve("shots-" + System.nanoTime() + ".sgy"),
                new Sampling(100, 0.004, 0), SHOTS, 24, s -> 50.0 + 50 * s, (s, r, trace) -> {
                    trace[10] = s <= 2 ? 100f : s;  // the direct wave: strong and early; from shot 3, the shot's number
                    trace[80] = 1f;    // a reflection
                });
        gathers = new GatherPaneFixture(shots, stage);
    }

    @AfterEach
    void close() {
        gathers.close();
    }

    @Test
    void theGatherStartsAtA99PercentClipWithEveryControlWhole(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.readyProperty().get());
        assertEquals(99, view.clipPercentProperty().get(), 0);
        // 2 of 100 samples a trace are non-zero: the 99th percentile is the reflection's 1, not the direct wave's 100.
        assertEquals(1, view.clip(), 1e-6, "the direct wave no longer sets the clip");
        robot.interact(() -> gathers.pane.controls().forEach(n -> {
            var r = (javafx.scene.layout.Region) n;
            assertTrue(r.getWidth() >= r.prefWidth(-1) - 0.5, r.getId() + " squeezed");
        }));
    }

    /**
     * At 800 px, narrower than the controls in one row, every control and Save picture lies whole
     * in the pane, above the gather (wrapped onto a second row; no scroll bar over them), and Save
     * picture suggests the shot's name in the gathers' folder.
     */
    @Test
    void everyControlLiesWholeAboveTheGatherWhenNarrow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> gathers.pane.view().readyProperty().get());
        robot.interact(() -> {
            double width = gathers.pane.getWidth();
            double gatherTop = gathers.pane.view().localToScene(gathers.pane.view().getLayoutBounds()).getMinY();
            List<javafx.scene.Node> all = new ArrayList<>(gathers.pane.controls());
            all.add(gathers.pane.lookup("#saveGatherPicture"));
            for (javafx.scene.Node n : all) {
                var b = n.localToScene(n.getLayoutBounds());
                assertTrue(b.getMinX() >= 0 && b.getMaxX() <= width, n.getId() + " across the pane: " + b);
                assertTrue(b.getMaxY() <= gatherTop, n.getId() + " above the gather: " + b);
            }
            assertTrue(gathers.pane.lookupAll(".scroll-bar").stream().noneMatch(javafx.scene.Node::isVisible), "no scroll bar");
        });
        assertEquals("shot-1", gathers.pane.pictureName());
    }

    @Test
    void theTraceAxisComesFromTheHeaders(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        robot.interact(() -> ((javafx.scene.control.ComboBox<ShotGatherFile.TraceAxis>) gathers.pane.controls().get(1))
                .setValue(ShotGatherFile.TraceAxis.OFFSET));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "offset (m)".equals(view.gatherProperty().get().tracesLabel()));
        Sampling offsets = view.gatherProperty().get().traces();
        assertEquals(-100, offsets.first(), 1e-9, "the first receiver 100 m before the source at x 100 m");
        assertEquals(10, offsets.delta(), 1e-9);
        robot.interact(() -> ((javafx.scene.control.ComboBox<Integer>) gathers.pane.controls().get(0)).setValue(2));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> view.gatherProperty().get().traces().first() == -150);
        robot.interact(() -> ((javafx.scene.control.ComboBox<ShotGatherFile.TraceAxis>) gathers.pane.controls().get(1))
                .setValue(ShotGatherFile.TraceAxis.RECEIVER_X));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "receiver x (m)".equals(view.gatherProperty().get().tracesLabel()));
        assertEquals(0, view.gatherProperty().get().traces().first(), 1e-9);
        assertEquals(List.of(), gathers.problems);
        assertEquals(null, ShotGatherFile.regular(new double[] {0, 10, 25}), "uneven: receiver numbers instead");
    }

    @Test
    void gainStyleAndColourMapReachTheViewAndThePictureIsSaved(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        robot.interact(() -> {
            ((javafx.scene.control.ComboBox<GatherGain>) gathers.pane.controls().get(3)).setValue(GatherGain.T_SQUARED);
            ((javafx.scene.control.ComboBox<Double>) gathers.pane.controls().get(2)).setValue(90.0);
        });
        assertEquals(GatherGain.T_SQUARED, view.amplitudeGainProperty().get());
        assertEquals(90, view.clipPercentProperty().get(), 0);
        robot.interact(() -> ((javafx.scene.control.ComboBox<GatherStyle>) gathers.pane.controls().get(4))
                .setValue(GatherStyle.WIGGLE));
        assertEquals(GatherStyle.WIGGLE, view.gatherStyleProperty().get());
        assertTrue(gathers.pane.controls().get(5).isDisabled(), "no colour map for wiggles");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.readyProperty().get());
        Path png = dir.resolve("gather.png");
        var done = WaitForAsyncUtils.asyncFx(() -> gathers.pane.savePicture(png)).get(10, TimeUnit.SECONDS);
        assertEquals(png, done.get(30, TimeUnit.SECONDS));
        assertTrue(Files.size(png) > 1000);
        assertEquals((int) view.getWidth(), javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }

    /**
     * Arrowing through the shots: 20 selections made while the I/O thread is busy (another read,
     * a Save) cost one read, of the last shot selected, which is the one shown ({@link GatherPane}
     * reads through {@code LatestOnly}).
     */
    @Test
    @SuppressWarnings("unchecked")
    void twentyQuickSelectionsReadOnlyTheLastShot(FxRobot robot) throws Exception {
        ComboBox<Integer> chooser = (ComboBox<Integer>) gathers.pane.controls().get(0);
        long before = gathers.file.gathersRead();
        CountDownLatch busy = new CountDownLatch(1);
        gathers.io.submit(() -> {
            busy.await();
            return null;
        });
        robot.interact(() -> {
            for (int s = 2; s <= SHOTS; s++) {
                chooser.setValue(s);
            }
        });
        busy.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> gathers.pane.view().gatherProperty().get().value(3, 10) == SHOTS);
        gathers.io.submit(() -> null).get(10, TimeUnit.SECONDS);  // whatever was queued has run
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, gathers.file.gathersRead() - before, "20 selections, one read: the last");
        assertEquals(SHOTS, gathers.pane.view().gatherProperty().get().value(3, 10), 0, "shot " + SHOTS + " shown");
        assertEquals(List.of(), gathers.problems);
    }
}
