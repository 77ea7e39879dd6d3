package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
 * A 1024 x 700 window (the usability review's, where the facts took a third of the width and the
 * Run tab's "Time (s)" heading was cut): the facts start at a quarter of the width, and the shot
 * table keeps every column at least as wide as its heading.
 */
@ExtendWith(ApplicationExtension.class)
class NarrowWindowLayoutTest {

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @Start
    void start(Stage stage) {
        window = ProjectWindows.show(stage, dir, 1024, 700);
    }

    @AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) {
        ProjectWindows.shutDown(robot, window);
    }

    @Test
    void theFactsTakeAQuarterAndTheShotTableIsNotCut(FxRobot robot) {
        assertEquals(245.76, FactsWidth.of(1024), 1e-9);
        assertEquals(FactsWidth.LEAST, FactsWidth.of(800), 1e-9);
        assertEquals(FactsWidth.MOST, FactsWidth.of(2560), 1e-9);
        assertEquals(150, FactsWidth.of(300), 1e-9, "never more than half");
        robot.interact(() -> window.tabs().getSelectionModel().select(2));  // the Run tab
        WaitForAsyncUtils.waitForFxEvents();
        Node facts = robot.lookup("#factsPane").query();
        double factsWidth = facts.getLayoutBounds().getWidth();
        double sides = robot.lookup("#sides").query().getLayoutBounds().getWidth();
        assertTrue(factsWidth >= FactsWidth.LEAST - 10 && factsWidth < sides / 3.5,
                "facts " + factsWidth + " of " + sides);
        TableView<?> table = robot.lookup("#shotTable").queryAs(TableView.class);
        double least = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
        assertTrue(table.getWidth() >= least, "table " + table.getWidth() + ", its columns need " + least);
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            assertTrue(c.getWidth() >= c.getMinWidth() - 0.5, c.getText() + " " + c.getWidth() + " < " + c.getMinWidth());
        }
    }
}
