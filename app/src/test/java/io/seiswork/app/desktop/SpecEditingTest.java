package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Spec tab's ways out of a mistake, driven as a user would: a refused Apply, a JSON syntax
 * error, a Shots list that is not one.
 */
class SpecEditingTest extends WindowTestBase {

    SpecEditingTest() {
        super(1200, 800);
    }

    /**
     * dx −5 applied is refused; typing dx back to 10 (the text the project had) is an edit again:
     * Apply and Ctrl+Enter work, the project runs, and the left pane drops the old problem.
     */
    @Test
    void aRefusedApplyCanBeTakenBack(FxRobot robot) throws Exception {
        Path spec = spec("refused", 1);
        open(robot, spec);
        String good = Files.readString(spec);
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            window.editor().text().setText(good.replace("\"dx\": 10", "\"dx\": -5"));
        });
        // Apply is enabled once the editor has taken the edit in; a click before then does nothing.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().lookup("#applySpec").isDisabled());
        // Fired, not clicked: a window another test class left on top must not take the click.
        robot.interact(() -> ((javafx.scene.control.Button) window.editor().lookup("#applySpec")).fire());
        // The refusal's lasting mark, the problem on the left (the status line may move on meanwhile).
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> leftPane().stream().anyMatch(t -> t.contains("grid.dx"))).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.runButton().isDisabled());
        assertTrue(leftPane().stream().anyMatch(t -> t.contains("grid.dx")), leftPane().toString());

        robot.interact(() -> window.editor().text().setText(good));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editor().editedProperty().get(), "back to the good text is an edit of the refused one");
        assertFalse(window.editor().lookup("#applySpec").isDisabled(), "Apply enabled");
        robot.interact(() -> {
            window.getScene().getWindow().requestFocus();
            window.editor().text().requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied the edits to"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.runButton().isDisabled(), "the good text runs again");
        assertFalse(leftPane().stream().anyMatch(t -> t.contains("grid.dx")), leftPane().toString());
        assertTrue(leftPane().contains("160 x 80 cells of 10 x 10 m (2D)"), leftPane().toString());
        assertTrue(window.editor().lookup("#applySpec").isDisabled(), "nothing left to apply");
    }

    /**
     * A syntax error keeps the form's last valid values, greyed, under a banner naming the line
     * and column the problem list names; clicking the problem puts the caret there. A value's
     * problem, clicked, focuses its field.
     */
    @Test
    void aSyntaxErrorKeepsTheFormAndProblemsGoToTheirPlace(FxRobot robot) throws Exception {
        Path spec = spec("syntax", 1);
        open(robot, spec);
        String good = Files.readString(spec);
        SpecEditor editor = window.editor();
        javafx.scene.control.TextField nz = (javafx.scene.control.TextField) editor.form().control("/grid/nz");
        robot.interact(() -> window.tabs().getSelectionModel().select(window.specTab()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "80".equals(nz.getText()));

        String broken = good.replace("\"nz\": 80,", "\"nz\": 80 80,");
        robot.interact(() -> editor.text().setText(broken));
        // The banner shows as the text changes; the problem list with the check, a pause later.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.syntaxBanner().isVisible()
                && !editor.problems().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        String problem = editor.problems().getItems().get(0);
        assertTrue(problem.startsWith("(json): is not valid JSON at line 4, column "), problem);
        String where = problem.replaceFirst("^.*(line 4, column \\d+).*$", "$1");
        assertTrue(editor.syntaxBanner().getText().startsWith("The JSON has a syntax error at " + where + ":"),
                editor.syntaxBanner().getText());
        assertEquals("80", nz.getText(), "the form keeps the last valid values");
        assertEquals("10", ((javafx.scene.control.TextField) editor.form().control("/grid/dx")).getText());
        assertTrue(nz.isDisabled(), "read-only while the text does not parse");

        robot.clickOn(robot.lookup("#specProblems .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        int caret = editor.text().getCaretPosition();
        int column = Integer.parseInt(where.replaceFirst(".*column ", ""));
        int lineStart = broken.lastIndexOf('\n', broken.indexOf("\"grid\"")) + 1;  // line 4
        assertEquals(lineStart + column - 1, caret, "the caret at the line and column named");
        assertTrue(editor.text().isFocused());
        int second80 = broken.indexOf("80 80") + 3;
        assertTrue(Math.abs(caret - second80) <= 1, "at the stray value: caret " + caret + ", value " + second80);

        robot.interact(() -> editor.text().setText(good.replace("\"dx\": 10", "\"dx\": -5")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !editor.syntaxBanner().isVisible()
                && editor.problems().getItems().stream().anyMatch(t -> t.startsWith("grid.dx")));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(nz.isDisabled(), "the form is live again");
        robot.clickOn(robot.lookup("#specProblems .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(editor.form().control("/grid/dx").isFocused(), "the problem's field focused");
        assertEquals("-5", editor.text().getSelectedText(), "and its value selected in the JSON");
    }

    /**
     * The JSON has line numbers, and a syntax error below the lines on screen is found by them:
     * its line's number marked in the gutter, and a click on the banner puts the caret at the
     * line and column named and scrolls that line into view (a bare caret move would leave it
     * off screen).
     */
    @Test
    void aSyntaxErrorOffScreenIsBroughtIntoViewByItsLineNumber(FxRobot robot) throws Exception {
        Path spec = spec("numbered", 1);
        open(robot, spec);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            points.append(i == 0 ? "" : ",\n").append("      [").append(10 * i + 5).append(", 0, 20]");
        }
        String good = Files.readString(spec).replace(
                "\"receivers\": { \"line\": { \"x0\": 0, \"dx\": 20, \"n\": 80, \"y\": 0, \"z\": 20 }, \"spread\": \"fixed\" },",
                "\"receivers\": { \"list\": [\n" + points + "\n    ], \"spread\": \"fixed\" },");
        String broken = good.replace("\"engine\": \"cpu\"", "\"engine\": \"cpu\" \"cpu\"");
        assertTrue(broken.length() > good.length(), "the receivers written as a list of points");
        int errorLine = (int) broken.substring(0, broken.indexOf("\"cpu\" \"cpu\"")).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(errorLine > 120, "line " + errorLine);
        SpecEditor editor = window.editor();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            editor.text().setText(broken);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.syntaxBanner().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        SpecCodeArea text = editor.text();
        assertTrue(editor.syntaxBanner().getText().startsWith("The JSON has a syntax error at line " + errorLine + ", column "),
                editor.syntaxBanner().getText());
        assertEquals(errorLine, text.markedLine(), "the error's line marked in the gutter");
        assertTrue(text.showsLine(1) && !text.showsLine(errorLine), "the error starts off screen");
        assertTrue(lineNumbers(robot).contains("1"), "the first line numbered: " + lineNumbers(robot));

        robot.clickOn(editor.syntaxBanner());
        WaitForAsyncUtils.waitForFxEvents();
        int column = Integer.parseInt(editor.syntaxBanner().getText().replaceFirst("^.*, column (\\d+):.*$", "$1"));
        assertEquals(errorLine, text.caretLine());
        assertEquals(column, text.caretColumn());
        assertTrue(text.isFocused());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text.showsLine(errorLine));
        assertTrue(lineNumbers(robot).contains(Integer.toString(errorLine)), lineNumbers(robot).toString());
        Label marked = robot.lookup(".marked-line").queryAs(Label.class);
        assertEquals(Integer.toString(errorLine), marked.getText().strip());
        assertTrue(marked.isVisible());
        ProjectWindows.snapshot(robot, window, "desktop-spec-line-numbers.png");

        robot.interact(() -> text.setText(good));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !editor.syntaxBanner().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, text.markedLine(), "no line marked once the text parses");
    }

    /**
     * A syntax error typed is marked in the gutter, with its banner, as the key lands (checked in
     * the same event, before any pulse), and the mark goes as the key that mends it lands; the
     * spec's full check still waits for the pause after the last key. A text over
     * {@link SpecEditor#SYNTAX_AT_ONCE_MAX_CHARS} is not parsed on the JavaFX thread: its mark
     * comes with the check.
     */
    @Test
    void aSyntaxErrorIsMarkedAsTheKeyLands(FxRobot robot) throws Exception {
        Path spec = spec("typed", 1);
        open(robot, spec);
        String good = Files.readString(spec);
        SpecEditor editor = window.editor();
        SpecCodeArea text = editor.text();
        robot.interact(() -> window.tabs().getSelectionModel().select(window.specTab()));
        WaitForAsyncUtils.waitForFxEvents();
        int afterNz = good.indexOf("\"nz\": 80") + "\"nz\": 80".length();
        List<Object> typed = WaitForAsyncUtils.asyncFx(() -> {
            text.insertText(afterNz, " 8");
            return List.<Object>of(text.markedLine(), editor.syntaxBanner().isVisible(), List.copyOf(editor.problems().getItems()));
        }).get();
        assertEquals(List.of(4, true, List.of()), typed, "line 4 marked and the banner shown at once; no check yet");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.problems().getItems().stream()
                .anyMatch(t -> t.startsWith("(json): is not valid JSON at line 4")));

        List<Object> mended = WaitForAsyncUtils.asyncFx(() -> {
            text.deleteText(afterNz, afterNz + 2);
            return List.<Object>of(text.markedLine(), editor.syntaxBanner().isVisible(), editor.problems().getItems().size());
        }).get();
        assertEquals(List.of(0, false, 1), mended, "the mark gone at once; the check's list a pause later");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.problems().getItems().isEmpty());

        StringBuilder points = new StringBuilder();
        for (int i = 0; points.length() <= SpecEditor.SYNTAX_AT_ONCE_MAX_CHARS; i++) {
            points.append(i == 0 ? "" : ",\n").append("      [").append(i % 1590).append(", 0, 20]");
        }
        String large = good.replace(
                "\"receivers\": { \"line\": { \"x0\": 0, \"dx\": 20, \"n\": 80, \"y\": 0, \"z\": 20 }, \"spread\": \"fixed\" },",
                "\"receivers\": { \"list\": [\n" + points + "\n    ], \"spread\": \"fixed\" },");
        int largeAfterNz = large.indexOf("\"nz\": 80") + "\"nz\": 80".length();
        robot.interact(() -> text.setText(large));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.problems().getItems().isEmpty()
                && !editor.syntaxBanner().isVisible());
        int markedAtOnce = WaitForAsyncUtils.asyncFx(() -> {
            text.insertText(largeAfterNz, " 8");
            return text.markedLine();
        }).get();
        assertEquals(0, markedAtOnce, "a large text is not parsed as the key lands");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text.markedLine() == 4);
    }

    /** The line numbers the gutter shows now. */
    private static List<String> lineNumbers(FxRobot robot) {
        return robot.lookup(".lineno").queryAllAs(Label.class).stream()
                .filter(javafx.scene.Node::isVisible).map(l -> l.getText().strip()).toList();
    }

    /**
     * A Shots list the job cannot run is red at once, with Run's message, and no run time is made
     * up for it; the tool bar keeps its height (the red border is the field's own, not one more
     * around it); the status line's message goes once the list is fine.
     */
    @Test
    void aShotsListTheJobLacksIsMarkedAsTyped(FxRobot robot) throws Exception {
        open(robot, spec("three", 3));
        var shots = window.shotsField();
        var bar = (javafx.scene.layout.Region) window.getTop();
        double barHeight = bar.getHeight();
        double fieldHeight = shots.getHeight();
        robot.clickOn(shots).write("2-9");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FormField.PROBLEM_STYLE, shots.getStyle(), "red while typed, before Run or Enter");
        assertEquals(barHeight, bar.getHeight(), 0, "the tool bar keeps its height");
        assertEquals(fieldHeight, shots.getHeight(), 0, "and so does the field");
        assertEquals("Shots: the job has no shot 4 (its shots are 1-3)", shots.getTooltip().getText());
        assertEquals("Shots: the job has no shot 4 (its shots are 1-3)", window.status().getText());
        robot.type(KeyCode.ENTER);
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runTime.getText().startsWith("not estimated: Shots: "));
        robot.interact(() -> shots.setText("2-x"));
        assertEquals(FormField.PROBLEM_STYLE, shots.getStyle());
        assertTrue(shots.getTooltip().getText().startsWith("Shots must list shot numbers and ranges"),
                shots.getTooltip().getText());
        robot.interact(() -> shots.setText("2-3"));
        assertEquals("", shots.getStyle(), "a list the job has is fine");
        assertTrue(shots.getTooltip().getText().startsWith("Run only these shots"));

        robot.interact(() -> shots.setText("0,2-9"));
        assertTrue(window.status().getText().startsWith("Shots: 0 is not a range of shots"), window.status().getText());
        robot.interact(() -> {
            shots.requestFocus();
            shots.selectAll();
        });
        robot.write("3").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Shots: Run runs only 3.", window.status().getText(), "the old message gone");
        robot.interact(() -> shots.setText(""));
    }

    private List<String> leftPane() {
        return window.summary().getChildren().stream().map(n -> ((Label) n).getText().replace('\u00a0', ' ')).toList();
    }

    private static Path spec(String name, int shots) throws Exception {
        return DesktopSpecs.model2d(dir, name, shots);
    }
}
