package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

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

    /**
     * A resumed run (no shots known beforehand, as Resume follows it): every shot of the run gets
     * a row, those kept "done (kept)" and the others queued, in run order, and the summary counts
     * the kept ones done.
     */
    @Test
    void aResumedRunListsItsKeptAndQueuedShots(FxRobot robot) {
        RunEvents events = new RunEvents();
        robot.interact(() -> pane.follow(events, List.of(), 0.001));
        events.runResumed(2, 5);
        events.shotsResumed(List.of(1, 2), List.of(3, 4, 5));
        events.runStarted(3, "cpu");
        robot.interact(() -> pane.stop());
        assertEquals(List.of(1, 2, 3, 4, 5), pane.table().getItems().stream().map(ShotProgress::shot).toList());
        assertEquals(List.of(ShotProgress.State.KEPT, ShotProgress.State.KEPT, ShotProgress.State.QUEUED,
                ShotProgress.State.QUEUED, ShotProgress.State.QUEUED),
                pane.table().getItems().stream().map(p -> p.stateProperty().get()).toList());
        assertEquals("done (kept)", ShotProgress.State.KEPT.label());
        assertTrue(pane.summary().getText().startsWith("2 of 5 shots done on cpu"), pane.summary().getText());
    }

    /**
     * A resumed run's time left counts only the shots it runs: with 5 of 8 shots kept, the kept
     * rows are not the run's start, and once shot 6 has finished the figure is two shots' worth
     * (shot 7 running, shot 8), not seven.
     */
    @Test
    void aResumedRunsTimeLeftLeavesItsKeptShotsOut(FxRobot robot) {
        RunEvents events = new RunEvents();
        robot.interact(() -> pane.follow(events, List.of(), 0.001, "Wavefield", true));
        events.runResumed(5, 8);
        events.shotsResumed(List.of(1, 2, 3, 4, 5), List.of(6, 7, 8));
        events.runStarted(3, "cpu");
        robot.interact(() -> pane.stop());
        assertFalse(pane.timeLeft().started(), "kept and queued shots only: no shot has started");

        events.shotStarted(6);
        events.shotProgress(6, 5, 10);
        robot.interact(() -> pane.stop());
        assertTrue(pane.timeLeft().started());
        assertEquals(3, pane.timeLeft().shotsToGo(), "shots 6, 7 and 8");

        events.shotFinished(6, 1.0);
        events.shotStarted(7);
        events.shotProgress(7, 1, 10);
        robot.interact(() -> pane.stop());
        assertEquals(2, pane.timeLeft().shotsToGo(), "shot 7 running and shot 8");
        assertTrue(Double.isFinite(pane.timeLeft().seconds()), "a figure once a shot has finished");
    }

    /**
     * The throughput column says whose figure it gives: per wall second for a run on this
     * machine, the worker's own (per propagation second) while a cloud job is followed.
     */
    @Test
    void theThroughputHeadingSaysWhoseFigureItIs(FxRobot robot) {
        robot.interact(() -> pane.follow(new RunEvents(), List.of(1), 0.001, "Wavefield", true));
        assertEquals("Gpts/s (wall)", pane.gptsHeading().getText());
        assertEquals(RunProgressPane.GPTS_MEANING, pane.gptsHeading().getTooltip().getText());
        robot.interact(() -> pane.follow(new RunEvents(), List.of(1), 1, "Wavefield: only for runs on this machine"));
        assertEquals("Gpts/s", pane.gptsHeading().getText(), "no \"(wall)\": not a wall-second figure");
        assertTrue(pane.gptsHeading().getTooltip().getText().startsWith("The worker's Gpts/s: billions of grid points"
                + " per second of the shot's propagation, as its cloud worker measured it: not per wall second"),
                pane.gptsHeading().getTooltip().getText());
        robot.interact(() -> pane.follow(new RunEvents(), List.of(1), 0.001, "Wavefield", true));
        assertEquals("Gpts/s (wall)", pane.gptsHeading().getText(), "back for the next run here");
        robot.interact(() -> pane.stop());
    }

    /**
     * A cloud job's rows carry a note where the state alone misleads (a silent worker, an
     * earlier attempt's error, a failed shot's reason), cleared when the next report has none;
     * the Note column shows only while a cloud job is followed.
     */
    @Test
    void aCloudShotsNoteIsShownBesideItsStateAndCleared(FxRobot robot) {
        RunEvents events = new RunEvents();
        robot.interact(() -> pane.follow(events, List.of(1, 2), 1, "Wavefield: only for runs on this machine"));
        TableColumn<ShotProgress, ?> note = pane.table().getColumns().getLast();
        assertEquals("Note", note.getText());
        assertTrue(note.isVisible(), "a cloud job's rows have notes");
        assertEquals(RunProgressPane.TABLE_SHARE_CLOUD, pane.tableShare(), 0.01, "no wavefield: the rows take the width");
        events.shotStarted(1);
        events.shotNote(1, "no word from its worker for 2 min 10 s");
        events.shotNote(2, null);
        assertEquals("no word from its worker for 2 min 10 s", waitForNote(robot, 1, "no word"));
        assertEquals("", pane.table().getItems().get(1).noteProperty().get());
        events.shotNote(1, null);  // the worker spoke again
        waitForNote(robot, 1, "");
        robot.interact(() -> pane.stop());
        robot.interact(() -> pane.follow(new RunEvents(), List.of(1), 0.001, "Wavefield", true));
        assertFalse(pane.table().getColumns().getLast().isVisible(), "a run on this machine has no notes");
        assertEquals(RunProgressPane.TABLE_SHARE_HERE, pane.tableShare(), 0.01, "the wavefield back");
        robot.interact(() -> pane.stop());
    }

    /**
     * The divider keeps the share the user chose by dragging it, and a click on it that moves
     * nothing chooses none: at 1920 px the divider sits where the table's most width clamps it
     * (about 0.28), and a press and release there saved that share, so that the window made
     * 1024 px wide again left the table its least width.
     */
    @Test
    void theDividerSavesAShareOnlyWhenMoved(FxRobot robot) {
        Stage stage = (Stage) pane.getScene().getWindow();
        try {
            dividerSharesAt(robot, stage);
        } finally {
            resize(robot, stage, 900);  // the next test's stage, as start left it
        }
    }

    private void dividerSharesAt(FxRobot robot, Stage stage) {
        resize(robot, stage, 1024);
        double table1024 = pane.table().getWidth();
        resize(robot, stage, 1920);
        double clamped = pane.tableShare();
        assertTrue(clamped < RunProgressPane.TABLE_SHARE_HERE - 0.1, "the table's most width holds it at 1920: " + clamped);
        javafx.scene.Node divider = pane.lookup(".split-pane-divider");
        robot.moveTo(divider).press(javafx.scene.input.MouseButton.PRIMARY).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // Through 1366: the share placed again differs from the divider's, so the pane applies it.
        resize(robot, stage, 1366);
        resize(robot, stage, 1024);
        assertEquals(table1024, pane.table().getWidth(), 1, "a click that moved nothing chose no share");

        robot.moveTo(divider).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(-60, 0)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = pane.table().getWidth();
        assertTrue(dragged < table1024 - 30, "dragged 60 px left: " + dragged + " from " + table1024);
        resize(robot, stage, 1100);
        resize(robot, stage, 1024);
        assertEquals(dragged, pane.table().getWidth(), 2, "the dragged share kept through resizes");
    }

    private static void resize(FxRobot robot, Stage stage, double width) {
        robot.interact(() -> stage.setWidth(width));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for shot {@code shot}'s row note to start with {@code start} (empty: to be empty); returns it. */
    private String waitForNote(FxRobot robot, int shot, String start) {
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> {
                String n = pane.table().getItems().get(shot - 1).noteProperty().get();
                return start.isEmpty() ? n.isEmpty() : n.startsWith(start);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("row " + shot + "'s note is \"" + pane.table().getItems().get(shot - 1)
                    .noteProperty().get() + "\", not one starting \"" + start + "\"", e);
        }
        return pane.table().getItems().get(shot - 1).noteProperty().get();
    }
}
