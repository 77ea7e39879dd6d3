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
        // Its rows are converted off the JavaFX thread, after the check lands.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(receivers::cut));
        WaitForAsyncUtils.waitForFxEvents();
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
        FormContext context = WaitForAsyncUtils.asyncFx(() -> new FormContext(new SpecText(area), area,
                (title, segy, current) -> null, Runnable::run)).get();
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
        robot.interact(() -> table[0].set(0, 0, "7"));  // refused as the edit is worked out, from the JSON as it is
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table[0].cut(), "cut: more rows than the table shows");
        assertEquals(NumberTable.MAX_ROWS, table[0].rows().size(), "the first rows only");
        assertEquals(NumberTable.cutNote(POINTS), table[0].note());
        assertFalse(table[0].table().isEditable());
        assertEquals(spec(POINTS), textOf(area));
    }

    /** Receivers listed in a spec of about 900 kB: under {@link SpecEditor#FORM_MAX_CHARS}, the form edits it. */
    private static final int NEAR_LIMIT_POINTS = 47_000;

    /**
     * A spec of about 900 kB: a field's edit, three of them in one go, and a table's, read and
     * parse no whole text on the JavaFX thread (worked out on the checks' thread), and land in
     * the order they were made.
     */
    @Test
    void formEditsNearTheLimitAreWorkedOutOffTheFxThreadAndLandInOrder(FxRobot robot) throws Exception {
        String json = spec(NEAR_LIMIT_POINTS);
        assertTrue(json.length() > 850_000 && json.length() < SpecEditor.FORM_MAX_CHARS, "about 900 kB: " + json.length());
        SpecForm form = loaded(robot, json);
        assertFalse(form.isDisabled());
        TextField nx = (TextField) form.control("/grid/nx");
        TextField nz = (TextField) form.control("/grid/nz");
        NumberTable receivers = form.table("/receivers/list");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> receivers.rows().size()) == NEAR_LIMIT_POINTS);
        long reads = fx(form::textReads);

        robot.interact(() -> {
            enter(nx, "1200");
            enter(nz, "150");
            enter(nx, "1300");  // the last of the field's two edits is what stays
        });
        settled(form);
        assertEquals(json.replace("\"nx\": 1000, \"ny\": 1, \"nz\": 100,", "\"nx\": 1300, \"ny\": 1, \"nz\": 150,"),
                textOf(robot), "all three edits, in order, and nothing else");

        boolean[] taken = {false};
        robot.interact(() -> taken[0] = receivers.set(1, 0, "7"));
        assertTrue(taken[0]);
        settled(form);
        String now = textOf(robot);
        assertTrue(now.contains("\n    [0, 0, 20],\n    [7, 0, 20],\n    [20, 0, 20],\n"), now.substring(0, 800));
        assertFalse(now.contains("[10.5, 0, 20]"), "the cell's old value gone");
        assertEquals(reads, (long) fx(form::textReads), "no whole text read (nor parsed) on the JavaFX thread");
    }

    /**
     * An edit whose text changed while it was worked out (a key typed in the JSON before the
     * checks' thread got to it) is worked out again from the new text, never applied at the old
     * text's places.
     */
    @Test
    void anEditOfTextChangedMeanwhileIsWorkedOutAgainNotAppliedStale(FxRobot robot) throws Exception {
        java.util.List<Runnable> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        String json = spec(NEAR_LIMIT_POINTS);
        SpecCodeArea area = WaitForAsyncUtils.asyncFx(SpecCodeArea::new).get();
        SpecForm form = WaitForAsyncUtils.asyncFx(() -> new SpecForm(area, (title, segy, current) -> null, held::add)).get();
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        robot.interact(() -> {
            area.replaceText(json);
            form.refresh(tree, 1, List.of());
        });
        held.clear();  // the table's conversion: not wanted here
        TextField nx = (TextField) form.control("/grid/nx");
        robot.interact(() -> enter(nx, "1200"));
        assertEquals(1, held.size(), "the edit waits for the checks' thread");
        assertTrue(fx(form::editsBusy));
        int at = json.indexOf("many-points") + "many-points".length();
        robot.interact(() -> area.insertText(at, ", renamed"));  // typed in the JSON meanwhile, before nx
        int runs = 0;
        while (fx(form::editsBusy)) {
            List<Runnable> now;
            synchronized (held) {
                now = List.copyOf(held);
                held.clear();
            }
            now.forEach(Runnable::run);
            runs += now.size();
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(runs < 10, "worked out again once, not for ever: " + runs);
        }
        assertEquals(2, runs, "worked out from the old text, then again from the new");
        String newer = json.substring(0, at) + ", renamed" + json.substring(at);
        assertEquals(newer.replace("\"nx\": 1000", "\"nx\": 1200"), textOf(area));
    }

    /**
     * A table of 47,000 rows is compared with the rows it shows, off the JavaFX thread, at every
     * check, and converted again only when its own array changed: not for an edit of nx.
     */
    @Test
    void aTableIsConvertedAgainOnlyWhenItsOwnRowsChange(FxRobot robot) throws Exception {
        SpecForm form = loaded(robot, spec(NEAR_LIMIT_POINTS));
        NumberTable receivers = form.table("/receivers/list");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> receivers.rows().size()) == NEAR_LIMIT_POINTS);
        long converted = receivers.conversions();
        long compared = receivers.comparisons();
        TextField nx = (TextField) form.control("/grid/nx");
        robot.interact(() -> enter(nx, "1200"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> receivers.comparisons() > compared);
        assertEquals(converted, receivers.conversions(), "nx changed, not the table's rows: not converted again");

        long comparedAgain = receivers.comparisons();
        robot.interact(() -> receivers.set(1, 0, "7"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> receivers.comparisons() > comparedAgain);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(converted + 1, receivers.conversions(), "its own rows changed: converted once");
        assertEquals("7", fx(() -> receivers.rows().get(1)[0]));
    }

    /**
     * A value typed and refused ("abc" in dx) and left stays, red, across a refresh after a key
     * typed elsewhere in the JSON; Escape in the field shows the JSON's value again; and a change
     * of the JSON's own dx gives way to it.
     */
    @Test
    void aRefusedValueSurvivesARefreshUntilEscapeOrItsJsonValueChanges(FxRobot robot) throws Exception {
        String json = spec(3);
        SpecForm form = loaded(robot, json);
        TextField dx = (TextField) form.control("/grid/dx");
        TextField nz = (TextField) form.control("/grid/nz");
        robot.interact(() -> {
            dx.requestFocus();
            enter(dx, "abc");
            editor.text().requestFocus();
        });
        assertEquals(FormField.PROBLEM_STYLE, dx.getStyle());
        assertEquals("dx (m): a number, please", editor.refusedValueProperty().get());
        robot.interact(() -> editor.text().insertText(json.indexOf("\"nz\": 100") + 9, "0"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "1000".equals(fx(nz::getText)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("abc", dx.getText(), "the refused value stays across the refresh");
        assertEquals(FormField.PROBLEM_STYLE, dx.getStyle());
        assertTrue(dx.getTooltip().getText().startsWith("a number, please"), dx.getTooltip().getText());
        assertEquals("dx (m): a number, please", editor.refusedValueProperty().get());

        robot.interact(dx::requestFocus);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("10", dx.getText(), "Escape: the JSON's value again");
        assertEquals("", dx.getStyle());
        assertEquals(null, editor.refusedValueProperty().get());

        robot.interact(() -> {
            enter(dx, "abc");
            editor.text().requestFocus();
        });
        assertEquals("abc", dx.getText());
        String now = textOf(robot);
        robot.interact(() -> editor.text().replaceText(now.indexOf("\"dx\": 10") + 6, now.indexOf("\"dx\": 10") + 8, "20"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "20".equals(fx(dx::getText)));
        assertEquals("", fx(dx::getStyle), "the JSON's own dx changed: it shows");
        assertEquals(null, editor.refusedValueProperty().get());
    }

    /** Loads {@code json} in the editor and waits for its first check to fill the form. */
    private SpecForm loaded(FxRobot robot, String json) throws Exception {
        robot.interact(() -> editor.load(json, "spec.json"));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
        WaitForAsyncUtils.waitForFxEvents();
        return editor.form();
    }

    /** Types {@code value} in {@code field} and presses Enter there (on the JavaFX thread). */
    private static void enter(TextField field, String value) {
        field.setText(value);
        field.fireEvent(new javafx.event.ActionEvent());
    }

    private static void settled(SpecForm form) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(form::editsBusy));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static String textOf(org.fxmisc.richtext.CodeArea area) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> area.getText()).get();
    }

    private String textOf(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> editor.text().getText()).get();
    }

    /** A 2D model spec whose receivers are {@code n} listed points, ten a line, odd ones at x.5 m. */
    private static String spec(int n) {
        return LargeSpecs.withPoints("many-points", n);
    }
}
