package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's questions as the keyboard meets them: each is owned by the window, modal, centred
 * on it, with the focus on its default button; where something would be lost (edits, a job's
 * stored results, a finished run's files) that is Cancel, so Enter keeps what is at stake, and
 * Escape cancels every one.
 */
class DialogKeysTest extends WindowTestBase {

    DialogKeysTest() {
        super(1280, 800);
    }

    /** The unsaved-edits question (Open, a dropped file, Close): Enter and Escape keep the edits. */
    @Test
    void enterOrEscapeOnTheUnsavedEditsQuestionKeepsTheEdits(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "keys", 1));
        TextField name = (TextField) window.editor().form().control("/name");
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            name.setText("keysX");
            name.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().unsaved());
        for (KeyCode key : new KeyCode[] {KeyCode.ENTER, KeyCode.ESCAPE}) {
            CompletableFuture<Boolean> lose = new CompletableFuture<>();
            Platform.runLater(() -> lose.complete(window.mayDiscardEdits("Open another spec")));
            DialogPane ask = dialog(robot);
            assertTrue(ask.getContentText().endsWith("Open another spec and lose them?"), ask.getContentText());
            Button keep = (Button) ask.lookupButton(ButtonType.CANCEL);
            assertOwnedFocusedAndCentred(robot, ask, keep);
            robot.type(key);
            assertFalse(lose.get(10, TimeUnit.SECONDS), key + " keeps the edits");
        }
    }

    /**
     * A finished run's question: Enter and Escape keep its files; the focus starts on Cancel.
     * Nothing ran, not even a run of one shot over before the check: the status line says "Not
     * run" (not "done in ...") and every file of the output folder (its size and time) is as the
     * first run left it.
     */
    @Test
    void enterOrEscapeOnTheReplaceQuestionRunsNothing(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "again", 1));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        WaitForAsyncUtils.waitForFxEvents();
        java.nio.file.Path out = dir.resolve("runs/again");
        java.util.Map<String, String> files = filesOf(out);
        assertTrue(files.containsKey("run.json"), "the first run's files: " + files);
        for (KeyCode key : new KeyCode[] {KeyCode.ENTER, KeyCode.ESCAPE}) {
            robot.interact(() -> window.runButton().fire());
            DialogPane ask = dialog(robot);
            assertEquals("replaceFinishedRun", ask.getId());
            assertOwnedFocusedAndCentred(robot, ask, (Button) ask.lookupButton(ButtonType.CANCEL));
            robot.type(key);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(window.running(), key + " runs nothing");
            assertTrue(window.status().getText().startsWith("Not run: the finished shot gathers in "),
                    key + ": the status line says so, not a run's end: " + window.status().getText());
            assertEquals(files, filesOf(out), key + ": the output folder is as the first run left it");
        }
    }

    /** Each file under {@code folder}, by its path there, with its size and last-modified time. */
    private static java.util.Map<String, String> filesOf(java.nio.file.Path folder) throws java.io.IOException {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = java.nio.file.Files.walk(folder)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) walk.filter(java.nio.file.Files::isRegularFile)::iterator) {
                files.put(folder.relativize(f).toString(), java.nio.file.Files.size(f) + " bytes, "
                        + java.nio.file.Files.getLastModifiedTime(f).toInstant());
            }
        }
        return files;
    }

    /**
     * Open volume's progress window, on a file that is no cube: owned by the window and centred
     * on it, its Close focused, and Escape closes it.
     */
    @Test
    void theVolumeOpeningWindowIsCentredOnItsWindowAndEscapeClosesIt(FxRobot robot) throws Exception {
        java.nio.file.Path bogus = java.nio.file.Files.writeString(dir.resolve("notes.sgy"), "not a SEG-Y file");
        VolumeOpening[] o = new VolumeOpening[1];
        robot.interact(() -> o[0] = VolumeOpening.open(stage, bogus));
        Stage progress = o[0].progressWindow();
        Button close = (Button) progress.getScene().lookup("#volumeOpeningCancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> close.getText().equals("Close"));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(stage, progress.getOwner(), "owned by the window");
        assertSame(close, progress.getScene().getFocusOwner(), "focus on Close");
        assertCentred(progress);
        robot.interact(progress::requestFocus);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(progress.isShowing(), "Escape closes it");
    }

    /**
     * Escape during a run that closes an open list (the Model tab's colour map) closes the list
     * and leaves the run going; the next Escape cancels it.
     */
    @Test
    void escapeClosingAListDuringARunLeavesTheRunGoing(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "escape", 6, 8.0));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.progress().table().getItems().stream()
                .anyMatch(p -> p.stateProperty().get() == ShotProgress.State.RUNNING));
        robot.interact(() -> window.tabs().getSelectionModel().select(window.modelTab()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.modelTab().getContent().lookup(".combo-box") != null);
        javafx.scene.control.ComboBox<?> list = (javafx.scene.control.ComboBox<?>) window.modelTab().getContent().lookup(".combo-box");
        robot.interact(() -> {
            list.requestFocus();
            list.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(list.isShowing());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(list.isShowing(), "Escape closes the list");
        assertTrue(window.running(), "and leaves the run going");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        assertTrue(window.status().getText().startsWith("cancelled"), window.status().getText());
    }

    private void assertOwnedFocusedAndCentred(FxRobot robot, DialogPane ask, Button expectedFocus) {
        WaitForAsyncUtils.waitForFxEvents();
        Window w = ask.getScene().getWindow();
        Stage s = (Stage) w;
        assertSame(stage, s.getOwner(), "owned by the window");
        assertTrue(s.getModality() != Modality.NONE, "modal");
        assertTrue(expectedFocus.isDefaultButton(), expectedFocus.getText() + " is the default");
        assertSame(expectedFocus, ask.getScene().getFocusOwner(), "focus on " + expectedFocus.getText()
                + ", not " + ask.getScene().getFocusOwner());
        assertCentred(w);
    }

    private void assertCentred(Window w) {
        double dialogCentre = w.getX() + w.getWidth() / 2;
        double ownerCentre = stage.getX() + stage.getWidth() / 2;
        assertEquals(ownerCentre, dialogCentre, 2, "centred on the window across");
        assertTrue(w.getY() >= stage.getY() && w.getY() + w.getHeight() <= stage.getY() + stage.getHeight(),
                "inside the window down: " + w.getY() + " + " + w.getHeight() + " in " + stage.getY() + " + " + stage.getHeight());
    }
}
