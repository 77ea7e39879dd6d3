package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.PackedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Run time fact never keeps saying "measuring" through a run: Run pressed while the engine is
 * being measured says it was not measured, and the run's end measures it again. A run that
 * changed nothing the measurement depends on leaves the last measurement standing; an edit of the
 * grid, or a data file written again in place, measures again, and so does a spec opened while Run
 * looked at the output folder (which then runs nothing).
 */
class RunTimeAfterRunTest extends WindowTestBase {

    RunTimeAfterRunTest() {
        super(1280, 800);
    }

    @Test
    void theRunTimeIsMeasuredAgainWhenARunEnds(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "remeasured", 6, 8.0));
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        // Another engine starts a measurement; Run, pressed in the same instant, finds it under way.
        robot.interact(() -> {
            window.engineChoice().setValue(EngineChoice.AUTO);
            assertTrue(window.summary().runTimePending(), runTime.getText());
            window.runButton().fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::running);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.summary().runTimePending());
        assertEquals("not measured: the run started first (the Run tab shows the time it has left)", runTime.getText());

        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("cancelled"), window.status().getText());
        // Measured again once the run has let the engine go, to its last word.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> runTime.getText().startsWith("about ")
                && !window.summary().runTimePending());
        assertTrue(fact(runTime).contains("6 shots × "), fact(runTime));
    }

    @Test
    void aRunThatChangedNothingLeavesTheMeasurementStanding(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "standing", 6, 8.0));
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> measured(runTime));
        String before = fact(runTime);

        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::running);
        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        // The run's end found the engine, spec and shots as measured: no new measurement, the same fact.
        assertFalse(window.summary().runTimePending(), runTime.getText());
        assertEquals(before, fact(runTime));

        // A wider grid: other points a step, measured again.
        String text = window.editor().text().getText();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            window.editor().text().setText(text.replace("\"nx\": 160", "\"nx\": 200"));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().lookup("#applySpec").isDisabled());
        robot.interact(() -> ((javafx.scene.control.Button) window.editor().lookup("#applySpec")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied"));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> measured(runTime) && !fact(runTime).equals(before));
        assertNotEquals(points(before), points(fact(runTime)), fact(runTime));
    }

    @Test
    void aDataFileWrittenAgainInPlaceIsMeasuredAgain(FxRobot robot) throws Exception {
        Path data = recorded(Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy"), 2, 40);
        open(robot, migrationOf("recorded/shots.sgy"));
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.summary().runTimePending());
        String before = fact(runTime);
        assertTrue(estimated(runTime) && before.contains("2 shots × "), before);

        // A modelling run writes the file again where it was: more shots, more traces each.
        recorded(data, 5, 80);
        // Another engine and back: the spec, its shots and the engine are as measured, the file is not.
        robot.interact(() -> {
            window.engineChoice().setValue(EngineChoice.AUTO);
            window.engineChoice().setValue(EngineChoice.CPU);
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.summary().runTimePending()
                && !fact(runTime).equals(before));
        assertTrue(estimated(runTime) && fact(runTime).contains("5 shots × "), fact(runTime));
    }

    @Test
    void aSpecOpenedWhileRunChecksTheOutputFolderIsMeasuredAndNothingRuns(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "first", 6, 8.0));
        Path second = DesktopSpecs.model2d(dir, "second", 3, 8.0);
        Label runTime = robot.lookup("#summary-run-time").queryAs(Label.class);
        // Run asks about the output folder off the JavaFX thread; the spec opened in the same instant is read after it.
        robot.interact(() -> {
            window.runButton().fire();
            window.openFile(second);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
        assertFalse(window.running(), "the spec Run was pressed for was replaced before it started");
        assertFalse(Files.exists(dir.resolve("runs/first")), "nothing of the first spec ran");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.summary().runTimePending());
        assertTrue(estimated(runTime) && fact(runTime).contains("3 shots × "), fact(runTime));
    }

    /** {@link DesktopSpecs#rtm2d}'s migration of {@code data} (relative to the spec's folder): its shots are the file's. */
    private static Path migrationOf(String data) throws Exception {
        Path f = DesktopSpecs.rtm2d(dir, "recorded", 3);
        return Files.writeString(f, Files.readString(f).replace("\"data\": \"synthetic\"", "\"data\": \"" + data + "\""));
    }

    /** Writes {@code shots} gathers of {@code traces} silent traces (0.3 s at 4 ms, as the spec's) to {@code file}, 150 m apart. */
    private static Path recorded(Path file, int shots, int traces) {
        List<Position> line = new ArrayList<>();
        for (int r = 0; r < traces; r++) {
            line.add(new Position(r * 1600.0 / traces, 0, 20));
        }
        PackedPositions receivers = PackedPositions.copyOf(line);
        float[][] silent = new float[traces][76];
        try (ShotGatherWriter out = new ShotGatherWriter(file, new Sampling(76, 0.004, 0), true, 2000, "C 1 RECORDED")) {
            for (int s = 1; s <= shots; s++) {
                out.write(new Shot(s, new Position(150.0 * s, 0, 20), receivers), silent);
            }
        }
        return file;
    }

    /** Whether the fact is a measured estimate, not a measurement under way. */
    private boolean measured(Label runTime) {
        return runTime.getText().startsWith("about ") && !window.summary().runTimePending();
    }

    /** Whether the fact is an estimate ("about …", "under a second …"), not a measurement under way or a failure. */
    private boolean estimated(Label runTime) {
        return !window.summary().runTimePending() && runTime.getText().contains(" on ")
                && !runTime.getText().startsWith("not ");
    }

    /** The fact's line and the details in its tooltip: the points and shots an estimate names are there. */
    private static String fact(Label runTime) {
        return runTime.getTooltip() == null ? runTime.getText() : runTime.getText() + "\n" + runTime.getTooltip().getText();
    }

    /** The points a step an estimate names ("… × 1,501 steps of 112,896 points …"). */
    private static String points(String estimate) {
        Matcher m = Pattern.compile("steps of ([\\d,]+) points").matcher(estimate);
        assertTrue(m.find(), estimate);
        return m.group(1);
    }
}
