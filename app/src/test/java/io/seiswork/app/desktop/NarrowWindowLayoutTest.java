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

    /**
     * A cloud job followed at 1024 x 700: the Note column shows beside the others, and every
     * column, the note's too, is still at least as wide as its heading (none squeezed, none pushed
     * out of sight behind a scroll bar: the six needed 466 px of the table's 429 while the Gpts/s
     * column kept the width of "Gpts/s (wall)"); a run on this machine after it has its five back,
     * "Gpts/s (wall)" whole.
     */
    @Test
    void aCloudJobsNoteColumnFitsBesideTheOthers(FxRobot robot) {
        RunEvents events = new RunEvents();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(2);  // the Run tab
            window.progress().follow(events, java.util.List.of(1, 2, 3), 1, "Wavefield: only for runs on this machine");
        });
        events.shotStarted(1);
        events.shotNote(1, "no word from its worker for 2 min 10 s");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.progress().stop());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#shotTable").queryAs(TableView.class);
        assertEquals(6, table.getVisibleLeafColumns().size(), "the Note column shows");
        assertColumnsFit(table);

        robot.interact(() -> window.progress().follow(new RunEvents(), java.util.List.of(1), 0.001, "Wavefield", true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.progress().stop());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, table.getVisibleLeafColumns().size(), "no Note for a run on this machine");
        assertColumnsFit(table);
        javafx.scene.text.Text wall = new javafx.scene.text.Text(RunProgressPane.GPTS_HEADING);
        double gpts = table.getVisibleLeafColumns().get(3).getWidth();
        assertTrue(gpts >= wall.getLayoutBounds().getWidth() + 20, "Gpts/s (wall) whole: " + gpts);
    }

    /**
     * Every visible column of {@code table} at least its least width, all of them within the table
     * (also {@link LargeWindowLayoutTest}'s check after a wide window is made narrow again).
     */
    static void assertColumnsFit(TableView<?> table) {
        double least = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
        StringBuilder widths = new StringBuilder();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            widths.append(c.getText()).append(' ').append(c.getWidth()).append(" (least ").append(c.getMinWidth())
                    .append("); ");
        }
        assertTrue(table.getWidth() >= least, "table " + table.getWidth() + ", its columns need " + least + ": " + widths);
        // A column is never drawn under its least width (JavaFX clamps it): what fails is a table
        // too narrow for them all, their sum then running past its right edge behind a scroll bar.
        double sum = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(sum <= table.getWidth() + 0.5, "columns " + sum + " px in a table of " + table.getWidth() + ": " + widths);
    }
}
