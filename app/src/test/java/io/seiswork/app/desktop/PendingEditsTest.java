package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.seiswork.core.segy.SegyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A value typed in a form field and not yet entered (no Enter, the field not left) counts: the
 * keys that read the spec or let it go (Ctrl+O, Ctrl+R, Ctrl+S, Ctrl+Enter) write it into the JSON
 * first, as Enter would.
 */
class PendingEditsTest extends WindowTestBase {

    PendingEditsTest() {
        super(1280, 800);
    }

    /**
     * "X" typed at the end of the name, then Ctrl+O in the field: the question about unsaved
     * edits comes first, and Cancel keeps the typed name, now in the JSON.
     */
    @Test
    void ctrlOInAFieldAsksBeforeTheTypedValueIsLost(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "named", 1));
        TextField name = typeInto(robot, "/name", null);
        robot.write("X");
        assertEquals("namedX", name.getText());
        assertFalse(window.editor().text().getText().contains("namedX"), "not entered yet");
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        DialogPane ask = dialog(robot);
        assertTrue(ask.getContentText().startsWith("The spec has edits that are not saved. Open another spec"),
                ask.getContentText());
        robot.interact(() -> ((Button) ask.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editor().text().getText().contains("\"name\": \"namedX\""), window.editor().text().getText());
        assertTrue(window.editor().unsaved());
    }

    /**
     * 0.5 typed in record length, then Ctrl+R in the field: the value is written and Run waits
     * for Apply (it never runs the old 1.0 s); Ctrl+Enter there applies it, and the run records
     * 0.5 s (126 samples of 4 ms). A value that is not a number stops Run with the field named.
     */
    @Test
    void ctrlRInAFieldRunsNothingUntilTheTypedValueIsApplied(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "length", 1);
        Files.writeString(spec, Files.readString(spec).replace("\"lengthS\": 0.3", "\"lengthS\": 1.0"));
        open(robot, spec);
        typeInto(robot, "/time/lengthS", "");
        robot.write("0.5");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running(), "the old 1.0 s does not run");
        assertTrue(window.editor().text().getText().contains("\"lengthS\": 0.5"), window.editor().text().getText());
        assertEquals("The spec has edits: Apply them to run.", window.status().getText());

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied the edits to"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.runButton().isDisabled());
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        try (SegyReader r = SegyReader.open(dir.resolve("runs/length/shots.sgy"))) {
            assertEquals(126, r.samplesPerTrace(), "0.5 s at 4 ms");
        }

        typeInto(robot, "/grid/dx", "");
        robot.write("abc");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running());
        assertEquals("Not run: the form's dx (m): a number, please", window.status().getText());
    }

    /**
     * dx -5 entered, then 10 (the applied value) again: the edit is taken back, and so is the
     * status line's "Apply them to run" (the title's "*" and Apply's state with it).
     */
    @Test
    void anEditTakenBackTakesBackItsStatusLine(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "undone", 1));
        typeInto(robot, "/grid/dx", "-5");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editor().editedProperty().get());
        assertEquals(ProjectWindow.EDITS_TO_APPLY, window.status().getText());
        assertTrue(window.titleProperty().get().endsWith(" *"), window.titleProperty().get());
        // The check of -5 refreshes the form: let it land before the next value is typed.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().problems().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        TextField dx = typeInto(robot, "/grid/dx", "10");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "10".equals(dx.getText()));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().editedProperty().get());
        } catch (TimeoutException e) {
            fail("the text is not the applied one again: " + window.editor().text().getText());
        }
        assertEquals("Seiswork: undone", window.titleProperty().get());
        assertFalse(window.runButton().isDisabled());
        assertEquals("No edits left: Run runs undone as applied.", window.status().getText());
    }

    /**
     * "abc" typed in the sources' spacing, then Tab: the value is refused and left in the field,
     * which is no longer focused. The title says there is an edit, and Run (Ctrl+R from another
     * field) names the field and runs nothing, rather than the old 200 m.
     */
    @Test
    void aValueRefusedAndLeftStopsRunAndNamesItsField(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "refused", 1));
        TextField spacing = typeInto(robot, "/sources/line/dx", "abc");
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(spacing.isFocused(), "left");
        assertEquals("abc", spacing.getText(), "the refused value stays in the field");
        assertEquals(FormField.PROBLEM_STYLE, spacing.getStyle());
        assertTrue(window.editor().text().getText().contains("\"dx\": 200"), "the JSON as it was");
        assertEquals("spacing (m): a number, please", window.editor().refusedValueProperty().get());
        assertTrue(window.titleProperty().get().endsWith(" *"), window.titleProperty().get());

        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running(), "the old 200 m does not run");
        assertEquals("Not run: the form's spacing (m): a number, please", window.status().getText());

        // Mended (300, Enter): written, nothing refused any more, and Run waits only for Apply.
        typeInto(robot, "/sources/line/dx", "300");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.editor().refusedValueProperty().get());
        assertTrue(window.editor().text().getText().contains("\"dx\": 300"), window.editor().text().getText());
    }

    /**
     * -5 typed in dx with no Enter: a pause later the field is red and the note beside Apply says
     * the spec's problem with it, the JSON untouched; "abc" there says it is no number. No key
     * but the typing itself.
     */
    @Test
    void aValueIsCheckedAsItIsTyped(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "typing", 1));
        TextField dx = typeInto(robot, "/grid/dx", "-5");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().verdict().getText().startsWith("dx (m): "));
        WaitForAsyncUtils.waitForFxEvents();
        String said = window.editor().verdict().getText();
        assertTrue(said.startsWith("dx (m): must be") && said.contains("-5"), said);
        assertEquals(FormField.PROBLEM_STYLE, dx.getStyle());
        assertTrue(dx.getTooltip().getText().contains("as typed"), dx.getTooltip().getText());
        assertTrue(dx.isFocused());
        assertTrue(window.editor().text().getText().contains("\"dx\": 10,"), "not written before Enter");
        assertEquals(null, window.editor().refusedValueProperty().get(), "a number: not refused, only a problem");

        robot.interact(dx::selectAll);
        robot.write("abc");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "dx (m): a number, please".equals(window.editor().verdict().getText()));
        assertEquals("dx (m): a number, please", window.editor().refusedValueProperty().get());

        robot.interact(dx::selectAll);
        robot.write("12");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().verdict().getText().startsWith("dx (m)"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", dx.getStyle(), "a good value: no red");
        assertEquals(null, window.editor().refusedValueProperty().get());
    }

    /** A value typed in a field, then Ctrl+S there: the file holds it. */
    @Test
    void ctrlSInAFieldSavesTheTypedValue(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "saved", 1);
        open(robot, spec);
        typeInto(robot, "/grid/nz", "");
        robot.write("70");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Saved"));
        assertTrue(Files.readString(spec).contains("\"nz\": 70"), Files.readString(spec));
        assertEquals("Saved " + spec + ". Not applied yet: Apply makes it the project.", window.status().getText());
    }

    /** Focuses the form's field at {@code pointer}, its text replaced by {@code text} (null: kept, caret at its end). */
    private TextField typeInto(FxRobot robot, String pointer, String text) throws Exception {
        TextField field = (TextField) window.editor().form().control(pointer);
        robot.interact(() -> window.tabs().getSelectionModel().select(window.specTab()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !field.isDisabled() && !field.getText().isEmpty()
                && field.getScene() != null && field.isVisible() && !window.editor().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.getScene().getWindow().requestFocus();
            field.requestFocus();
            if (text == null) {
                field.end();
            } else {
                field.selectAll();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(field.isFocused(), pointer + " focused");
        if (text != null && !text.isEmpty()) {
            robot.write(text);
        }
        return field;
    }
}
