package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.Throughput;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.JobEngine;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local run started from the desktop: the engine choice and every shot run on a background
 * thread through the same {@link LocalRunner} as {@code seiswork run}, progress to a
 * {@link RunEvents}, the outcome handed to the JavaFX thread once. Cancel stops the run at the
 * next time step; the finished shots and {@code run.json} stay in the output directory.
 */
final class DesktopRun implements ActiveRun {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopRun.class);

    /** How a run ended. */
    enum Status {
        DONE, CANCELLED, FAILED
    }

    /**
     * @param status how it ended
     * @param outDir where its files are
     * @param report the run report (run.json), null when the run failed before writing one
     * @param message one line for the user: the engine and timing, or why it stopped
     */
    record Outcome(Status status, Path outDir, ObjectNode report, String message) {
    }

    private final CancellationToken cancel = new CancellationToken();
    private final Thread thread;
    private final Path outDir;

    private DesktopRun(ResolvedJob job, ShotSelection shots, Path outDir, boolean resume, RunEvents events,
            Consumer<Outcome> onEnd, Future<?> after) {
        this.outDir = outDir;
        thread = new Thread(() -> {
            awaitQuietly(after);
            Outcome outcome = run(job, shots, outDir, resume, events);
            Platform.runLater(() -> onEnd.accept(outcome));
        }, "seiswork-run-" + job.spec().name());
        thread.setDaemon(true);
    }

    /**
     * Starts the run on its own thread, which first waits for {@code after}: work that holds an
     * engine and a shot's memory (the run-time estimate, cancelled), so that the run never
     * allocates its shot while another still holds one.
     *
     * @param shots which of the job's shots to run
     * @param onEnd called once on the JavaFX thread when the run has ended
     */
    static DesktopRun start(ResolvedJob job, ShotSelection shots, Path outDir, RunEvents events,
            Consumer<Outcome> onEnd, Future<?> after) {
        return start(job, shots, outDir, false, events, onEnd, after);
    }

    /**
     * Starts the run, or with {@code resume} goes on with the one that stopped in {@code outDir}
     * ({@link LocalRunner#resume}: its finished shots kept, the outputs those of an uninterrupted
     * run); a run that cannot be resumed ends at once with the reason.
     */
    static DesktopRun start(ResolvedJob job, ShotSelection shots, Path outDir, boolean resume, RunEvents events,
            Consumer<Outcome> onEnd, Future<?> after) {
        DesktopRun r = new DesktopRun(job, shots, outDir, resume, events, onEnd, after);
        r.thread.start();
        return r;
    }

    private static void awaitQuietly(Future<?> after) {
        try {
            after.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // What ran before failed or was dropped: it holds nothing any more either way.
        }
    }

    /** Asks the run to stop at its next time step (returns at once). */
    @Override
    public void cancel() {
        cancel.cancel();
    }

    /** A local run cannot outlive its window: it is cancelled. */
    @Override
    public void stopFollowing() {
        cancel();
    }

    @Override
    public String closeQuestion() {
        return "A run is in progress: stop it and close? The running shot stops at its next time step and its "
                + "work so far is lost; the finished shots stay in " + outDir + ", and Resume goes on from them.";
    }

    @Override
    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private Outcome run(ResolvedJob job, ShotSelection shots, Path outDir, boolean resume, RunEvents events) {
        try {
            EngineSelection selected = JobEngine.select(job);
            try (var engine = selected.engine()) {
                events.message(selected.reason());
                LocalRunner runner = new LocalRunner(selected, events, cancel, shots);
                // Not resumed: started over, a stopped run's finished shots discarded, as the user was asked (OutputsAtStake).
                ObjectNode report = resume ? runner.resume(job, outDir) : runner.restart(job, outDir);
                return new Outcome(Status.DONE, outDir, report, String.format(java.util.Locale.ROOT,
                        "done in %.1f s (%s Gpts/s computed per wall second, absorbing layers included) on %s;"
                        + " files in %s", report.get("wallSeconds").asDouble(),
                        Throughput.gpts(report.get("gptsPerWallSecond").asDouble()), engine.name(), outDir));
            }
        } catch (CancelledException e) {
            events.stopped(ShotProgress.State.CANCELLED);
            return new Outcome(Status.CANCELLED, outDir, null, "cancelled; the finished shots are kept in " + outDir
                    + ": Resume goes on from them");
        } catch (RuntimeException e) {
            events.stopped(ShotProgress.State.FAILED);
            LOG.warn("run failed", e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(Status.FAILED, outDir, null, "failed: " + msg.lines().findFirst().orElse(""));
        }
    }
}
