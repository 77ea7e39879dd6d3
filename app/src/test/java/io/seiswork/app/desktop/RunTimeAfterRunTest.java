package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.spec.EngineChoice;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Run time fact never keeps saying "measuring" through a run: Run pressed while the engine is
 * being measured says it was not measured, and the run's end measures it again. A run that
 * changed nothing the measurement depends on leaves the last measurement standing; an edit of the
 * grid measures again.
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

    @Test
    void aRunThatChangedNothingLeavesTheMeasurementStanding(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "standing", 6, 8.0));
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> measured(runTime));
        String before = runTime.getText();

        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::running);
        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        // The run's end found the engine, spec and shots as measured: no new measurement, the same fact.
        assertFalse(window.summary().runTimePending(), runTime.getText());
        assertEquals(before, runTime.getText());

        // A wider grid: other points a step, measured again.
        String text = window.editor().text().getText();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            window.editor().text().setText(text.replace("\"nx\": 160", "\"nx\": 200"));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().lookup("#applySpec").isDisabled());
        robot.interact(() -> ((javafx.scene.control.Button) window.editor().lookup("#applySpec")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied"));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> measured(runTime) && !runTime.getText().equals(before));
        assertNotEquals(points(before), points(runTime.getText()), runTime.getText());
    }

    /** Whether the fact is a measured estimate, not a measurement under way. */
    private boolean measured(Label runTime) {
        return runTime.getText().startsWith("about ") && !window.summary().runTimePending();
    }

    /** The points a step an estimate names ("… × 1,501 steps of 112,896 points …"). */
    private static String points(String estimate) {
        Matcher m = Pattern.compile("steps of ([\\d,]+) points").matcher(estimate);
        assertTrue(m.find(), estimate);
        return m.group(1);
    }
}
