package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Closing the window (its close box) while a run is in progress asks first, Cancel the default:
 * shots of 0.1 to 1 hour are not lost to one click. The window is dressed as the application's
 * ({@link WorkstationApplication#dress}).
 */
class CloseDuringRunTest extends WindowTestBase {

    /** On a stage of its own, which the application's least size and close question leave to this class's tests. */
    CloseDuringRunTest() {
        super(1024, 680, true);
    }

    /**
     * A local run with unsaved (applied) edits: the close box asks one question naming both, Cancel
     * the default; Cancel keeps the window, the run (its shots go on) and the edits. Close then
     * closes it, and the run stops as cancelled, its finished shots kept.
     */
    @Test
    void closingDuringALocalRunAsksAndCancelKeepsTheRun(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "closing", 6, 8.0);
        open(robot, spec);
        robot.interact(() -> WorkstationApplication.dress(stage(), window));
        assertEquals(ProjectWindow.MIN_WIDTH, stage().getMinWidth());
        assertEquals(ProjectWindow.MIN_HEIGHT, stage().getMinHeight());
        // An applied edit that is not saved: the file still says 6 shots.
        robot.interact(() -> window.editor().text().replaceText(window.editor().text().getText()
                .replace("\"n\": 6", "\"n\": 5")));
        robot.interact(() -> ((Button) window.editor().lookup("#applySpec")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied"));
        assertTrue(window.editor().unsaved());
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.running() && window.progress().table().getItems()
                .stream().anyMatch(p -> p.fractionProperty().get() > 0));

        closeBox();
        DialogPane ask = dialog(robot);
        assertEquals("closeDuringRun", ask.getId());
        assertTrue(ask.getContentText().startsWith("A run is in progress: stop it and close? The running shot stops"),
                ask.getContentText());
        assertTrue(ask.getContentText().contains("Resume goes on from them"), ask.getContentText());
        assertTrue(ask.getContentText().endsWith("The spec has edits that are not saved: closing loses them."),
                ask.getContentText());
        Button cancel = (Button) ask.lookupButton(ButtonType.CANCEL);
        assertTrue(cancel.isDefaultButton(), "Enter keeps the run");
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage().isShowing(), "the window stays");
        assertTrue(window.running(), "the run goes on");
        double before = progressed();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> progressed() > before);
        assertTrue(window.editor().unsaved(), "the edits stay");

        closeBox();
        DialogPane again = dialog(robot);
        Button close = (Button) again.getButtonTypes().stream().filter(b -> b.getText().equals("Close")).findFirst()
                .map(again::lookupButton).orElseThrow();
        assertFalse(close.isDefaultButton());
        robot.interact(close::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage().isShowing(), "closed");
        // What the application's stop() does once the window has closed.
        ProjectWindows.shutDown(robot, window);
        assertEquals("cancelled", new ObjectMapper().readTree(dir.resolve("runs/closing/run.json").toFile())
                .get("status").asText());
        assertTrue(Files.exists(dir.resolve("runs/closing/checkpoint")), "Resume can go on from the finished shots");
    }

    /** With no run and nothing unsaved, the close box closes at once. */
    @Test
    void closingWithNothingAtStakeAsksNothing(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "idle", 1));
        robot.interact(() -> WorkstationApplication.dress(stage(), window));
        closeBox();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage().isShowing());
        assertFalse(robot.lookup(".dialog-pane").tryQuery().isPresent(), "no question");
    }

    private Stage stage() {
        return stage;
    }

    /** Steps done by the run's shots so far, summed over its rows. */
    private double progressed() {
        return window.progress().table().getItems().stream().mapToDouble(p -> p.fractionProperty().get()
                + (p.stateProperty().get() == ShotProgress.State.DONE ? 1 : 0)).sum();
    }
}
