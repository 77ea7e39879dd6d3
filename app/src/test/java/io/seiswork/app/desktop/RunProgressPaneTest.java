package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Run tab's rows for a survey of many shots are put in the table at once: one change of its
 * list, not one a shot (each of which the table lays out anew).
 */
@ExtendWith(ApplicationExtension.class)
class RunProgressPaneTest {

    private RunProgressPane pane;

    @Start
    void start(Stage stage) {
        pane = new RunProgressPane();
        stage.setScene(new Scene(pane, 900, 600));
        stage.show();
    }

    @Test
    void tenThousandShotsAreOneChangeOfTheTable(FxRobot robot) {
        List<Integer> shots = IntStream.rangeClosed(1, 10_000).boxed().toList();
        int[] changes = {0};
        robot.interact(() -> {
            ListChangeListener<ShotProgress> count = c -> changes[0]++;
            pane.table().getItems().addListener(count);
            pane.follow(new RunEvents(), shots, 0.001);
            pane.table().getItems().removeListener(count);
            pane.stop();
        });
        assertEquals(1, changes[0], "one change for every row");
        assertEquals(10_000, pane.table().getItems().size());
        assertEquals(1, pane.table().getItems().getFirst().shot());
        assertEquals(10_000, pane.table().getItems().getLast().shot());

        // Followed again (another run): the old rows go and the new come, again in one change.
        changes[0] = 0;
        robot.interact(() -> {
            ListChangeListener<ShotProgress> count = c -> changes[0]++;
            pane.table().getItems().addListener(count);
            pane.follow(new RunEvents(), List.of(5, 6, 5), 0.001);
            pane.table().getItems().removeListener(count);
        });
        assertEquals(1, changes[0]);
        assertEquals(2, pane.table().getItems().size(), "a shot given twice has one row");
    }
}
