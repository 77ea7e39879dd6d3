package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.render.section.SliceView;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live wavefield's title and its colour bar's label in the Run tab of the real window, at
 * the laptop layout (1366 x 768) and narrower (1024 x 680): never touching, whatever the title.
 */
@ExtendWith(ApplicationExtension.class)
class WavefieldLayoutTest {

    @TempDir
    static Path dir;

    private ProjectWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ProjectWindows.show(stage, dir, 1366, 768);
    }

    @AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) {
        ProjectWindows.shutDown(robot, window);
    }

    @Test
    void theTitleAndTheColourBarsLabelNeverMeet(FxRobot robot) throws Exception {
        SliceView view = window.progress().wavefield();
        float[] values = new float[401 * 201];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.01);
        }
        Slice section = new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(401, 10, 0), new Sampling(201, 10, 0), values);
        // The longest title a run gives: a migration's receiver wavefield, shot numbers of five digits.
        String title = RunProgressPane.title(new RunEvents.Wavefield(12345, 540, section, WavefieldPhase.RECEIVER), 0.002);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(2);
            view.titleProperty().set(title);
            view.sliceProperty().set(section);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == section);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Run", window.tabs().getSelectionModel().getSelectedItem().getText());
        check(view, 1366);
        ProjectWindows.snapshot(robot, window, "desktop-wavefield-1366.png");

        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(680);
        });
        WaitForAsyncUtils.waitForFxEvents();
        check(view, 1024);
        ProjectWindows.snapshot(robot, window, "desktop-wavefield-1024.png");
    }

    /**
     * The demo's wavefield (401 x 201 cells of 10 m, drawn from cell edge to cell edge, -5 to
     * 4005 m) has a horizontal scale at 1024 px and at 1600 px: 0 and 4000 m labelled, and the
     * labels clear of each other. At 1024 px the view is about 175 px wide, room for 2 ticks, and
     * the x axis used to show "0" alone.
     */
    @Test
    void theXAxisShowsBothEndsAt1024And1600(FxRobot robot) throws Exception {
        SliceView view = window.progress().wavefield();
        Slice section = new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(401, 10, 0), new Sampling(201, 10, 0),
                new float[401 * 201]);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(2);
            view.titleProperty().set("Shot 1, modelling the direct wave at t = 1.899 s");
            view.sliceProperty().set(section);
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown() == section);
        WaitForAsyncUtils.waitForFxEvents();
        checkScale(view, 1024);
        ProjectWindows.snapshot(robot, window, "desktop-wavefield-axis-1024.png");

        robot.interact(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        checkScale(view, 1600);
        ProjectWindows.snapshot(robot, window, "desktop-wavefield-axis-1600.png");
    }

    /** Ticks from 0 to 4000 m, three at least, each label narrower than the gap to the next tick. */
    private static void checkScale(SliceView view, double windowWidth) {
        java.util.List<Double> ticks = view.acrossTicks();
        String where = "at " + windowWidth + " px, a view " + view.getWidth() + " px wide: ticks " + ticks;
        assertTrue(ticks.size() >= 3, where);
        assertEquals(0.0, ticks.getFirst(), where);
        assertEquals(4000.0, ticks.getLast(), where);
        for (int i = 1; i < ticks.size(); i++) {
            javafx.scene.text.Text a = new javafx.scene.text.Text(io.seiswork.render.plot.Ticks.label(ticks.get(i - 1)));
            javafx.scene.text.Text b = new javafx.scene.text.Text(io.seiswork.render.plot.Ticks.label(ticks.get(i)));
            a.setFont(javafx.scene.text.Font.font(11));
            b.setFont(javafx.scene.text.Font.font(11));
            double room = view.xOf(ticks.get(i)) - view.xOf(ticks.get(i - 1));
            double need = (a.getLayoutBounds().getWidth() + b.getLayoutBounds().getWidth()) / 2 + 4;
            assertTrue(room >= need, "labels " + (i - 1) + " and " + i + " " + room + " px apart, need " + need + " " + where);
        }
    }

    /** The two labels' bounds in the scene: apart, both on the view, the title's row above the label. */
    private static void check(SliceView view, double windowWidth) {
        Bounds t = view.titleLabel().localToScene(view.titleLabel().getLayoutBounds());
        Bounds u = view.colorBarLabel().localToScene(view.colorBarLabel().getLayoutBounds());
        Bounds v = view.localToScene(view.getLayoutBounds());
        String where = "at " + windowWidth + " px: title " + t + ", colour bar label " + u + ", view " + v;
        assertTrue(view.getWidth() > 200, where);
        assertTrue(t.getWidth() > 0 && u.getWidth() > 0, where);
        assertTrue(!t.intersects(u), "no overlap " + where);
        assertTrue(t.getMaxY() <= u.getMinY(), "the title's row above the label " + where);
        assertTrue(v.contains(t.getMinX(), t.getMinY()) && v.contains(t.getMaxX() - 1, t.getMaxY() - 1), "title on the view " + where);
        assertTrue(v.contains(u.getMinX(), u.getMinY()) && v.contains(u.getMaxX() - 1, u.getMaxY() - 1), "label on the view " + where);
    }
}
