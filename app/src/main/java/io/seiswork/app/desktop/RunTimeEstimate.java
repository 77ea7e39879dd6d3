package io.seiswork.app.desktop;

import io.seiswork.app.run.RunTimeEstimator;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotComputer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javafx.application.Platform;

/**
 * The project's run-time estimate in the facts on the left: when the tool bar's engine is measured
 * on the project's first shot (on its own thread, one job at a time), when a measurement stops
 * (a newer project, another engine, a run started) and what is shown meanwhile. Asked for and
 * shown on the JavaFX thread; measured off it.
 */
final class RunTimeEstimate {

    /** Measures the chosen engine for the run-time estimate, one job at a time. */
    private final ExecutorService estimator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-estimate");
        t.setDaemon(true);
        return t;
    });
    private final ProjectWindow window;
    private CancellationToken estimating = CancellationToken.none();
    /** The Shots list the run time was last measured for. */
    private String estimatedShots = "";
    /** What the last measurement that ran to its end was of ({@link RunTimeInputs}), and said; null before one. */
    private RunTimeInputs measuredInputs;
    private Shown measuredText;

    /** What the Run time fact shows: a line, and the details in its tooltip (null: none). */
    private record Shown(String line, String details) {

        void in(ProjectSummary summary) {
            summary.showRunTime(line, details);
        }
    }

    /**
     * @param window whose project is measured with its tool bar's engine and Shots, the estimate
     *     shown in its facts; nothing is measured while a run is in progress or about to start
     */
    RunTimeEstimate(ProjectWindow window) {
        this.window = window;
    }

    /** The run time again when the Shots list differs from the one last estimated. */
    void estimateShotsListed() {
        if (!window.shotsField().getText().equals(estimatedShots)) {
            estimateRunTime();
        }
    }

    /**
     * Measures the tool bar's engine on the project's first shot, off the JavaFX thread, and shows
     * how long the run will take ({@link RunTimeEstimator}); a newer project, another engine or
     * a run started cancels the measurement under way. Measured again, up to
     * {@link RunTimeEstimator#ATTEMPTS} times in all, while the JIT is still compiling the engine;
     * not measured again while what it depends on ({@link RunTimeInputs}) is what the last
     * settled measurement was of: that one is shown again (after a run, say). One still unsettled
     * after its attempts is measured again at the next chance (a run's end, the JIT then warm).
     */
    void estimateRunTime() {
        estimating.cancel();
        Project p = window.project();
        EngineChoice chosen = window.engineChoice().getValue();
        if (p == null || window.runBusy() || chosen == null || estimator.isShutdown()) {
            // (shut down: the window has closed, and its Shots field lost the focus; checking the
            // output: a run is about to start, and would wait for the measurement to let go of the engine)
            return;
        }
        ProjectSummary summary = window.summary();
        ShotsField shotsField = window.shotsField();
        if (p.localLimit() != null) {
            // Measuring would hold one shot's memory, which is what this machine lacks.
            summary.showRunTime("not estimated: this machine cannot run it (see Runs on)");
            return;
        }
        ResolvedJob job = p.job().withEngine(chosen);
        String shotList = shotsField.getText();  // the Shots the run would take
        estimatedShots = shotList;
        String listProblem = shotsField.check();
        if (listProblem != null) {
            summary.showRunTime("not estimated: " + listProblem);
            return;
        }
        RunTimeInputs standing = measuredInputs;
        Shown standingText = measuredText;
        // A data file's size and time are asked for off this thread, in the measurement's turn.
        RunTimeInputs known = job.dataFile() == null ? RunTimeInputs.of(job, shotList) : null;
        if (known != null && known.equals(standing)) {
            standingText.in(summary);
            return;
        }
        CancellationToken token = CancellationToken.none();
        estimating = token;
        String measuring = "measuring the " + chosen.json() + " engine on the first shot...";
        // With a data file the standing estimate holds unless the file was written again, which only
        // the estimator's thread asks: it stays shown (a run started meanwhile leaves it standing),
        // and "measuring" comes only if the file changed. Anything else changed: measured for sure.
        boolean mayStand = known == null && standing != null && standing.sameButTheFileStat(job, shotList);
        if (mayStand) {
            standingText.in(summary);
        } else {
            summary.showRunTimeMeasuring(measuring);
        }
        estimator.submit(() -> {
            if (token.isCancelled()) {
                return;  // superseded while queued
            }
            RunTimeInputs inputs = known != null ? known : RunTimeInputs.of(job, shotList);
            if (inputs.equals(standing)) {
                whileEstimating(token, () -> standingText.in(summary));
                return;
            }
            if (mayStand) {
                whileEstimating(token, () -> summary.showRunTimeMeasuring(measuring));  // the file was written again
            }
            Shown text;
            RunTimeEstimator.Estimate estimate = null;
            try {
                // Its pass over a data file's headers stops with the estimate (a run started): minutes for a TB.
                List<Shot> shots = ShotComputer.shotsAndNotes(job, ByteProgress.NONE, token).shots();
                try {
                    shots = ShotSelection.parseOrAll(shotList, "Shots").of(shots, "Shots");
                } catch (IllegalArgumentException notAList) {
                    // every shot: Run says what is wrong with the list
                }
                // Timed while the JIT was still compiling the engine (a window just opened, a busy
                // machine): many times long. Said so, and measured again once the JIT has caught up.
                // The run runs in this JVM, whose kernels the measurement compiled.
                estimate = RunTimeEstimator.estimate(job, shots, null, RunTimeEstimator.RunsIn.THIS_JVM, token,
                        unsettled -> {
                            String interim = unsettled.headline() + RunTimeEstimator.MEASURING_AGAIN;
                            whileEstimating(token, () -> summary.showRunTimeMeasuring(interim, unsettled.describe()));
                        });
                // The figure and range on one line; what they are made of in its tooltip.
                text = new Shown(estimate.headline(), estimate.describe());
            } catch (CancelledException e) {
                return;
            } catch (RuntimeException e) {
                text = new Shown("not estimated: " + ProblemLine.of(e), null);
            } catch (OutOfMemoryError e) {
                text = new Shown("not estimated: one shot does not fit this JVM's memory", null);
            }
            Shown shown = text;
            // A failure is tried again (memory or a data file may be there next time), and so is an
            // estimate still unsettled after its attempts (a busy machine): a run's end measures it
            // again, the JIT then warm.
            boolean stands = estimate != null && estimate.settled();
            whileEstimating(token, () -> {
                shown.in(summary);
                if (stands) {
                    measuredInputs = inputs;
                    measuredText = shown;
                }
            });
        });
    }

    /** Runs {@code shown} on the JavaFX thread unless the measurement {@code token} is of has been superseded. */
    private void whileEstimating(CancellationToken token, Runnable shown) {
        Platform.runLater(() -> {
            if (estimating == token && !token.isCancelled()) {
                shown.run();
            }
        });
    }

    /** Stops the measurement under way, if any (the project it measures is going). */
    void cancel() {
        estimating.cancel();
    }

    /** Whether the last measurement asked for was stopped (by a run, or a spec opening). */
    boolean cancelled() {
        return estimating.isCancelled();
    }

    /**
     * Stops the run-time measurement for a run about to start (it would compete for the engine and
     * a shot's memory); a measurement under way says it was not finished. The run's end measures again.
     */
    void stopEstimate() {
        estimating.cancel();
        ProjectSummary summary = window.summary();
        if (summary.runTimePending()) {
            summary.showRunTime("not measured: the run started first (the Run tab shows the time it has left)");
        }
    }

    /**
     * Stops the measurement once more (one may have begun since {@link #stopEstimate}) and returns
     * what is done once the estimator has let go of its engine and shot: a local run starts then.
     */
    Future<?> letGo() {
        estimating.cancel();
        return estimator.submit(() -> { });
    }

    /** Stops the estimator's thread: the window is closing. */
    void shutdown() {
        estimator.shutdownNow();
    }
}
