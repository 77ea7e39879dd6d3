package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.spec.EngineChoice;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Run time fact never keeps saying "measuring" through a run: Run pressed while the engine is
 * being measured says it was not measured, and the run's end measures it again.
 */
class RunTimeAfterRunTest extends WindowTestBase {

    RunTimeAfterRunTest() {
        super(1280, 800);
    }

    @Test
    void theRunTimeIsMeasuredAgainWhenARunEnds(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "remeasured", 6, 8.0));
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        // Another engine starts a measurement; Run, pressed in the same instant, finds it under way.
        robot.interact(() -> {
            window.engineChoice().setValue(EngineChoice.AUTO);
            assertTrue(window.summary().runTimePending(), runTime.getText());
            window.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::running);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.summary().runTimePending());
        assertEquals("not measured: the run started first (the Run tab shows the time it has left)", runTime.getText());

        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("cancelled"), window.status().getText());
        // Measured again once the run has let the engine go, to its last word.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> runTime.getText().startsWith("about ")
                && !window.summary().runTimePending());
        assertTrue(runTime.getText().contains("6 shots × "), runTime.getText());
    }
}
