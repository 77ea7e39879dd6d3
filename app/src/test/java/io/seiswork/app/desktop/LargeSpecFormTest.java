package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A spec of many points in the editor: its parse stays off the JavaFX thread, the form shows its
 * values read-only above {@link SpecEditor#FORM_MAX_CHARS} (saying to edit the JSON), a table of
 * more than {@link NumberTable#MAX_ROWS} rows shows the first of them and says how many there
 * are, and nothing the user does in the form reads the whole text on the JavaFX thread. A small
 * spec's form edit does read it (the count this test holds to none can rise).
 */
@ExtendWith(ApplicationExtension.class)
class LargeSpecFormTest {

    /** Receivers listed: more than a table shows, and some 2.5 MB of JSON. */
    private static final int POINTS = NumberTable.MAX_ROWS + 20_000;

    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-check");
        t.setDaemon(true);
        return t;
    });
    private SpecEditor editor;

    @Start
    void start(Stage stage) {
        editor = new SpecEditor(checks, s -> { }, s -> { }, s -> { }, (title, segy, current) -> null);
        stage.setScene(new Scene(editor, 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(editor::dispose);
        checks.shutdownNow();
    }

    @Test
    void aLargeSpecIsShownReadOnlyAndNeverParsedOnTheFxThread(FxRobot robot) throws Exception {
        String json = spec(POINTS);
        assertTrue(json.length() > 2 * SpecEditor.FORM_MAX_CHARS, "over twice the limit: " + json.length());
        robot.interact(() -> editor.load(json, "large.json"));
        // The note shows as the text lands (read-only from that change on), the values with the check.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> editor.readOnlyNote().isVisible()
                && editor.formPane().getContent() == editor.form());
        WaitForAsyncUtils.waitForFxEvents();
        SpecForm form = editor.form();
        assertTrue(form.isDisabled(), "read-only above the limit");
        assertEquals(SpecEditor.readOnlyNote(json.length()), editor.readOnlyNote().getText());
        assertTrue(editor.readOnlyNote().getText().contains("Edit them in the JSON"), editor.readOnlyNote().getText());
        assertEquals("1000", ((TextField) form.control("/grid/nx")).getText());

        NumberTable receivers = form.table("/receivers/list");
        assertTrue(receivers.cut());
        assertEquals(NumberTable.MAX_ROWS, receivers.rows().size(), "the first rows only");
        assertEquals(String.format(Locale.ROOT, "The first %,d of %,d rows, read-only: edit them in the JSON.",
                NumberTable.MAX_ROWS, POINTS), receivers.note());
        assertEquals("10.5", receivers.rows().get(1)[0]);
        assertFalse(receivers.table().isEditable());

        // What a user could still reach in the form changes nothing and reads nothing on this thread.
        long before = form.textReads();
        boolean[] taken = {true, true};
        robot.interact(() -> {
            taken[0] = receivers.set(0, 0, "7");
            receivers.addRow();
            receivers.removeRow(3);
            taken[1] = receivers.paste("1 2 3");
            editor.commitTyped();
        });
        assertFalse(taken[0]);
        assertFalse(taken[1]);
        assertEquals(before, form.textReads(), "no whole-text read by the form on the JavaFX thread");
        assertEquals(json, textOf(robot), "the text as it was");

        // A key typed in the JSON: checked again off this thread, the form still read-only, no read by the form.
        robot.interact(() -> editor.text().insertText(json.indexOf("\"nx\": 1000") + 9, "0"));
        assertTrue(editor.editedProperty().get());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> ((TextField) form.control("/grid/nx")).getText()).get().equals("10000"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(form.isDisabled());
        assertEquals(before, form.textReads(), "the refresh read no whole text on the JavaFX thread");
    }

    @Test
    void aSmallSpecStaysEditableAndItsEditsReadTheText(FxRobot robot) throws Exception {
        String json = spec(3);
        robot.interact(() -> editor.load(json, "small.json"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
        WaitForAsyncUtils.waitForFxEvents();
        SpecForm form = editor.form();
        assertFalse(form.isDisabled());
        assertFalse(editor.readOnlyNote().isVisible());
        NumberTable receivers = form.table("/receivers/list");
        assertFalse(receivers.cut());
        assertEquals("", receivers.note());
        long before = form.textReads();
        boolean[] taken = {false};
        robot.interact(() -> taken[0] = receivers.set(0, 0, "7"));
        assertTrue(taken[0]);
        assertNotEquals(before, form.textReads(), "a form edit reads the text it edits");
        assertTrue(textOf(robot).contains("[7, 0, 20]"), textOf(robot));
    }

    /**
     * A small spec made too long by one edit (120,000 points pasted into the JSON): the form is
     * read-only at that key, before the check of the new text lands, and a table edit then reads
     * and writes nothing.
     */
    @Test
    void theFormTurnsReadOnlyAtTheKeyThatMakesTheTextTooLong(FxRobot robot) throws Exception {
        String small = spec(3);
        robot.interact(() -> editor.load(small, "small.json"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
        WaitForAsyncUtils.waitForFxEvents();
        SpecForm form = editor.form();
        assertFalse(form.isDisabled());
        String large = spec(POINTS);
        boolean[] seen = new boolean[3];
        long[] reads = new long[2];
        robot.interact(() -> {
            editor.text().replaceText(large);  // as a paste: one change, the check not yet run
            seen[0] = form.isDisabled();
            seen[1] = editor.readOnlyNote().isVisible();
            reads[0] = form.textReads();
            seen[2] = form.table("/receivers/list").set(0, 0, "7");
            reads[1] = form.textReads();
        });
        assertTrue(seen[0], "read-only at the key, not when the check lands");
        assertTrue(seen[1], "the note says so at once");
        assertFalse(seen[2], "no table edit");
        assertEquals(reads[0], reads[1], "no whole-text read by the form on the JavaFX thread");
        assertEquals(large, textOf(robot));
        assertEquals(SpecEditor.readOnlyNote(large.length()), editor.readOnlyNote().getText());
        assertTrue(editor.readOnlyNote().getText().matches("The spec is [\\d,]+ characters long: the form shows its"
                + " values read-only above 1,048,576 characters\\. Edit them in the JSON on the right\\."),
                editor.readOnlyNote().getText());
    }

    /**
     * A table whose JSON has gained more than {@link NumberTable#MAX_ROWS} rows since it was shown
     * (the form not read-only: the check has not landed): an edit is refused, and the table reads
     * only the first MAX_ROWS rows, read-only, saying so.
     */
    @Test
    void aTableSeesItsJsonGrewPastItsRowsReadingOnlyTheFirst(FxRobot robot) throws Exception {
        NumberTable[] table = new NumberTable[1];
        org.fxmisc.richtext.CodeArea area = WaitForAsyncUtils.asyncFx(() -> new org.fxmisc.richtext.CodeArea()).get();
        FormContext context = new FormContext(new SpecText(area), (title, segy, current) -> null, Runnable::run);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        robot.interact(() -> {
            area.replaceText(spec(3));
            table[0] = new NumberTable("/receivers/list", List.of(new NumberTable.Column("x (m)", null),
                    new NumberTable.Column("y (m)", null), new NumberTable.Column("depth (m)", null)),
                    new String[] {"100", "0", "0"}, context);
            try {
                table[0].refresh(json.readTree(area.getText()), 1);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            area.replaceText(spec(POINTS));  // the JSON edited since; no refresh yet
        });
        assertEquals(3, table[0].rows().size());
        boolean[] taken = {true};
        robot.interact(() -> taken[0] = table[0].set(0, 0, "7"));
        assertFalse(taken[0]);
        assertTrue(table[0].cut(), "cut: more rows than the table shows");
        assertEquals(NumberTable.MAX_ROWS, table[0].rows().size(), "the first rows only");
        assertEquals(NumberTable.cutNote(POINTS), table[0].note());
        assertFalse(table[0].table().isEditable());
        assertEquals(spec(POINTS), textOf(area));
    }

    private static String textOf(org.fxmisc.richtext.CodeArea area) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> area.getText()).get();
    }

    private String textOf(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> editor.text().getText()).get();
    }

    /** A 2D model spec whose receivers are {@code n} listed points, ten a line. */
    private static String spec(int n) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            points.append(i % 10 == 0 ? "\n      " : " ").append('[').append(i * 10 + (i % 2 == 0 ? "" : ".5"))
                    .append(", 0, 20]").append(i < n - 1 ? "," : "");
        }
        return """
                {
                  "name": "many-points",
                  "task": "model",
                  "grid": { "nx": 1000, "ny": 1, "nz": 100, "dx": 10, "dz": 10 },
                  "velocity": { "constant": 2000 },
                  "wavelet": { "type": "ricker", "peakHz": 10 },
                  "time": { "lengthS": 0.5, "sampleS": 0.004 },
                  "sources": { "line": { "x0": 500, "dx": 100, "n": 2, "y": 0, "z": 20 } },
                  "receivers": { "list": [%s
                    ] },
                  "engine": "cpu"
                }
                """.formatted(points);
    }
}
