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
 * The Spec tab's ways out of a mistake, driven as a user would: a refused Apply, a JSON syntax
 * error, a Shots list that is not one.
 */
@ExtendWith(ApplicationExtension.class)
class SpecEditingTest {

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @Start
    void start(Stage stage) {
        window = ProjectWindows.show(stage, dir, 1200, 800);
    }

    @AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(window::shutdown);
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
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
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
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.syntaxBanner().isVisible());
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
    }

    /** A Shots list the job cannot run is red at once, with Run's message, and no run time is made up for it. */
    @Test
    void aShotsListTheJobLacksIsMarkedAsTyped(FxRobot robot) throws Exception {
        open(robot, spec("three", 3));
        var shots = window.shotsField();
        robot.clickOn(shots).write("2-9");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shots.getStyle().contains("border-color"), "red while typed, before Run or Enter");
        assertEquals("Shots: the job has no shot 4 (its shots are 1-3)", shots.getTooltip().getText());
        assertEquals("Shots: the job has no shot 4 (its shots are 1-3)", window.status().getText());
        robot.type(KeyCode.ENTER);
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runTime.getText().startsWith("not estimated: Shots: "));
        robot.interact(() -> shots.setText("2-x"));
        assertTrue(shots.getStyle().contains("border-color"));
        assertTrue(shots.getTooltip().getText().startsWith("Shots must list shot numbers and ranges"),
                shots.getTooltip().getText());
        robot.interact(() -> shots.setText("2-3"));
        assertEquals("", shots.getStyle(), "a list the job has is fine");
        assertTrue(shots.getTooltip().getText().startsWith("Run only these shots"));
        robot.interact(() -> shots.setText(""));
    }

    private List<String> leftPane() {
        return window.summary().getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private void open(FxRobot robot, Path spec) throws Exception {
        robot.interact(() -> window.openFile(spec));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.status().getText().startsWith("Opening"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("Opened"), window.status().getText());
    }

    private static Path spec(String name, int shots) throws Exception {
        return DesktopSpecs.model2d(dir, name, shots);
    }
}
