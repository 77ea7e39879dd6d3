package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Menu items whose text is data (file names, messages) show it as written: an underscore is not
 * taken for a mnemonic ("my_survey_v2.json", "SEISWORK_BUCKET"), read off the menu on screen.
 */
class MenuTextTest extends WindowTestBase {

    MenuTextTest() {
        super(1280, 800);
    }

    @Test
    void recentAndExamplesShowFileNamesAsWritten(FxRobot robot) throws Exception {
        Path spec = Files.move(DesktopSpecs.model2d(dir, "survey", 1), dir.resolve("my_survey_v2.json"));
        robot.interact(() -> window.openFile(spec));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
        MenuButton recent = window.recentMenu();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> recent.getItems().stream()
                .anyMatch(i -> i.getText().startsWith("my_survey_v2.json")));
        List<String> shown = shownItems(robot, recent);
        assertTrue(shown.stream().anyMatch(t -> t.startsWith("my_survey_v2.json")), shown.toString());
        recent.getItems().forEach(i -> assertFalse(i.isMnemonicParsing(), i.getText()));

        Path examples = Files.createDirectories(dir.resolve("examples_here"));
        Files.copy(spec, examples.resolve("my_survey_v2.json"));
        robot.interact(() -> window.setExamplesDir(examples));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.examplesMenu().getItems().stream()
                .anyMatch(i -> "my_survey_v2.json".equals(i.getText())));
        window.examplesMenu().getItems().forEach(i -> assertFalse(i.isMnemonicParsing(), i.getText()));
    }

    /** On AWS with no SEISWORK_BUCKET the Cloud jobs menu names the variable whole, in the window's words. */
    @Test
    void cloudJobsNamesTheVariableAsWritten(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(System.getenv("SEISWORK_BUCKET") == null, "SEISWORK_BUCKET is set here");
        String before = System.getProperty("SEISWORK_BUCKET");
        System.clearProperty("SEISWORK_BUCKET");
        try {
            robot.interact(() -> window.runOnChoice().setValue(RunTarget.AWS));
            robot.interact(() -> window.cloudJobsMenu().show());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().size() == 1
                    && window.cloudJobsMenu().getItems().get(0).getText().startsWith("cannot read"));
            WaitForAsyncUtils.waitForFxEvents();
            MenuItem only = window.cloudJobsMenu().getItems().get(0);
            List<String> shown = shownTexts(robot);
            robot.interact(() -> window.cloudJobsMenu().hide());
            assertTrue(shown.stream().anyMatch(t -> t.startsWith("cannot read the AWS jobs: SEISWORK_BUCKET is not set")),
                    shown.toString());
            assertTrue(only.getText().endsWith("or choose 'local cloud' in on"), only.getText());
            assertFalse(only.getText().contains("--cloud"), only.getText());
        } finally {
            if (before != null) {
                System.setProperty("SEISWORK_BUCKET", before);
            }
        }
    }

    /** The texts drawn in {@code menu}'s items, once shown (what the user reads, mnemonics applied). */
    private static List<String> shownItems(FxRobot robot, MenuButton menu) {
        robot.interact(menu::show);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = shownTexts(robot);
        robot.interact(menu::hide);
        return shown;
    }

    private static List<String> shownTexts(FxRobot robot) {
        return robot.lookup(".menu-item .label .text").queryAllAs(Text.class).stream().map(Text::getText).toList();
    }
}
