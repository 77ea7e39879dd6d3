package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a desktop's screen, 1600 x 1000 and then 1920 x 1080, after a run: the Run tab
 * gives the width its shot table does not need to the live wavefield (at 1920 the five columns
 * were stretched over 930 px for a handful of rows, the wavefield squeezed into the rest), and
 * every column still fits its heading. Made 1024 x 700 again (a maximised window restored), the
 * table keeps its columns whole: it had fallen to about 90 px, its columns behind a scroll bar.
 * Pictures of each size's Run tab are left in target/.
 */
class LargeWindowLayoutTest extends WindowTestBase {

    LargeWindowLayoutTest() {
        super(1600, 1000);
    }

    @Test
    void theRunTabGivesSpareWidthToTheWavefield(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "wide", 2));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        // The window turns to the Result tab once it has read the gathers (on its IO thread): only
        // then is the Run tab chosen, or the sizes below would be measured on a tab not shown.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.tabs().getSelectionModel().getSelectedItem() == window.resultTab());
        robot.interact(() -> window.tabs().getSelectionModel().select(window.runTab()));
        for (int[] size : new int[][] {{1600, 1000}, {1920, 1080}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> window.layout());
            WaitForAsyncUtils.waitForFxEvents();
            Bounds table = inScene(window.progress().table());
            Bounds wavefield = inScene(window.progress().wavefield());
            String at = size[0] + " x " + size[1] + ": table " + table.getWidth() + " px, wavefield " + wavefield.getWidth() + " px";
            assertTrue(wavefield.getWidth() > 1.2 * table.getWidth(), at);
            NarrowWindowLayoutTest.assertColumnsFit(window.progress().table());
            assertTrue(table.getMaxX() <= wavefield.getMinX(), at + ": side by side");
            ProjectWindows.snapshot(robot, window, "run-tab-" + size[0] + "x" + size[1] + ".png");
        }
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.layout());
        WaitForAsyncUtils.waitForFxEvents();
        ProjectWindows.snapshot(robot, window, "run-tab-1920-to-1024x700.png");
        assertTrue(window.tabs().getSelectionModel().getSelectedItem() == window.runTab(), "the Run tab measured");
        NarrowWindowLayoutTest.assertColumnsFit(window.progress().table());
        assertTrue(inScene(window.progress().table()).getMaxX() <= inScene(window.progress().wavefield()).getMinX(),
                "1024 x 700 after 1920: side by side");
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }
}
