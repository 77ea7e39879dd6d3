package io.seiswork.app.desktop;

import io.seiswork.app.run.RunCheckpoint;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The project window's runs: Run and Resume (checked, the output folder looked at for what a new
 * run would throw away, and the user asked), a cloud job followed from the Cloud jobs menu,
 * Cancel, and a run's end. The output folder is read on the window's I/O thread; the run itself
 * on its own ({@link DesktopRun}, {@link CloudRun}); the window's state is touched on the JavaFX
 * thread only.
 */
final class RunControl {

    private final ProjectWindow window;
    private final RunTimeEstimate estimate;
    private final RunResultTab result;
    /** Which check of the output folder for a run to resume is the latest (older answers are dropped). */
    private int resumeChecks;
    /** Whether Run is looking for a finished run in the output folder (or asking whether to replace it). */
    private boolean checkingOutput;
    private ActiveRun current;
    /**
     * The status line Run last wrote to refuse the chosen Run on (a cloud not configured, a job too
     * big for this machine), or null: it goes when the choice changes to one it no longer holds for.
     */
    private String targetRefusal;
    /** The task of the cloud job being followed (not the project's), while one is. */
    private Task followedTask;
    /**
     * How a cloud run makes its dispatcher from the stack's clients: {@link Dispatcher#of}; the
     * transfer tests put in one that holds parts in flight ({@link #setDispatchers}).
     */
    private volatile Function<CloudClients, Dispatcher> dispatchers = Dispatcher::of;
    /** Told of the pass over a cloud submission's data file headers beside its log ({@link #watchHeaderPasses}). */
    private volatile ByteProgress headerPasses = ByteProgress.NONE;

    /**
     * @param window whose project runs, with its tool bar's engine, target and Shots; the output
     *     folder is looked at on its I/O thread
     * @param estimate stopped while a run starts, measured again when it ends
     */
    RunControl(ProjectWindow window, RunTimeEstimate estimate, RunResultTab result) {
        this.window = window;
        this.estimate = estimate;
        this.result = result;
    }

    /** Makes the dispatchers of the cloud runs started from now on with {@code made} (for tests). */
    void setDispatchers(Function<CloudClients, Dispatcher> made) {
        dispatchers = made;
    }

    /**
     * Tells {@code watcher}, too, of the pass over the data file's trace headers that each cloud
     * submission from the next Run on makes, on the run's thread (for tests: holding the pass at its
     * first report until Cancel is pressed, a test knows it cancels the pass mid-way, however fast
     * the machine).
     */
    void watchHeaderPasses(ByteProgress watcher) {
        headerPasses = watcher;
    }

    /** @param resumeStopped go on with the run that stopped in the output folder rather than start over */
    void startRun(boolean resumeStopped) {
        Project project = window.project();
        if (project == null || current != null || checkingOutput) {
            return;
        }
        SpecEditor editor = window.editor();
        if (editor.loadingProperty().get()) {
            window.status().setText("Not run: the spec is still loading into the editor.");
            return;
        }
        // A value still being typed in the form is an edit: Run waits for it to be applied (the status says so).
        String refusedValue = editor.commitTyped();
        if (refusedValue != null) {
            window.status().setText("Not run: the form's " + refusedValue);
            return;
        }
        if (editor.editedProperty().get()) {
            window.status().setText(ProjectWindow.EDITS_TO_APPLY);
            return;
        }
        RunTarget chosen = window.runOnChoice().getValue();
        if (project.localLimit() != null && (chosen == null || chosen.cloud() == null)) {
            refuseTarget("This machine cannot run " + project.job().spec().name() + ": " + project.localLimit()
                    + ". Choose the local cloud or AWS in Run on.");
            return;
        }
        // A cloud that is not configured refuses before anything is asked, measured or listed as queued.
        String cloudProblem = cloudNotConfigured(chosen);
        if (cloudProblem != null) {
            refuseTarget(cloudProblem);
            return;
        }
        estimate.stopEstimate();
        ResolvedJob job = project.job();
        if (window.engineChoice().getValue() != null) {
            job = job.withEngine(window.engineChoice().getValue());
        }
        RunTarget target = window.runOnChoice().getValue();
        boolean cloud = target != null && target.cloud() != null;
        ShotSelection shots;
        List<Integer> known;
        try {
            shots = ShotSelection.parseOrAll(window.shotsField().getText(), "Shots");
            if (cloud && !shots.all()) {
                throw new IllegalArgumentException("Shots: a cloud job runs every shot; empty the field to send it");
            }
            // Shots of a synthetic survey are known now; recorded data name theirs as they start, and
            // so does a resumed run (which shots it kept is read from its checkpoint as it starts).
            known = job.dataFile() != null || resumeStopped ? List.of()
                    : shots.of(ShotsFieldCheck.numbered(job.geometry()), "Shots").stream().map(Shot::number).toList();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Shots")) {
                window.shotsField().showProblem(ProblemLine.of(e));
            } else {
                window.status().setText(ProblemLine.of(e));
            }
            return;
        }
        Path out = window.outputDirOf(job.spec());
        if (resumeStopped) {
            launch(job, target, shots, known, out, true, List.of());
            return;
        }
        // What Run would throw away in the output folder goes only when the user says so (read off this thread).
        checkingOutput = true;
        window.updateRunButton();
        Project asked = project;
        ResolvedJob toRun = job;
        window.io().submit(() -> {
            OutputsAtStake atStake = OutputsAtStake.in(out, toRun, cloud);
            Platform.runLater(() -> {
                checkingOutput = false;
                boolean opening = window.opening().inProgress();
                if (window.project() != asked || current != null || opening) {
                    // Another project or run came first, or a spec opened or applied while Run asked
                    // is on its way: nothing to start (a run of the spec it replaces least of all).
                    window.updateRunButton();
                    if (!opening) {
                        estimate.estimateRunTime();  // the estimate Run stopped
                    }  // else the spec on its way measures its own, and one that cannot open the one it leaves
                } else if (atStake != null && atStake.question() == null) {
                    // A folder by an output's name that no run leaves: nothing to ask, the user moves it first.
                    window.updateRunButton();
                    window.status().setText("Not run: " + atStake.kept());
                    estimate.estimateRunTime();  // the estimate Run stopped
                } else if (atStake == null || confirmReplace(atStake)) {
                    launch(toRun, target, shots, known, out, false, atStake == null ? List.of() : atStake.agreed());
                } else {
                    window.updateRunButton();
                    window.status().setText("Not run: " + atStake.kept());
                    result.close();
                    if (atStake.shown() != null) {
                        result.showResult(atStake.shown(), out);
                    }
                    estimate.estimateRunTime();  // the estimate Run stopped
                }
            });
        });
    }

    /** Says on the status line why Run refuses the chosen Run on, remembered to be cleared when no longer true. */
    private void refuseTarget(String why) {
        targetRefusal = why;
        window.status().setText(why);
    }

    /**
     * Run on is now {@code chosen}: a refusal of the earlier choice that the status line still
     * shows goes when it no longer holds (this machine chosen after "Cannot run on AWS: ...", a
     * cloud after "This machine cannot run ..."), and stays while it does.
     */
    void targetChanged(RunTarget chosen) {
        String shown = window.status().getText();
        if (targetRefusal == null || !targetRefusal.equals(shown)) {
            targetRefusal = null;  // something else has been said since
            return;
        }
        Project project = window.project();
        boolean cloud = chosen != null && chosen.cloud() != null;
        boolean stillTrue = shown.startsWith("This machine cannot run ")
                ? !cloud && project != null && project.localLimit() != null
                : shown.equals(cloudNotConfigured(chosen));
        if (!stillTrue) {
            targetRefusal = null;
            window.status().setText("");
        }
    }

    /**
     * Why Run cannot send a job to {@code target}'s cloud (a setting missing from the environment),
     * in the window's words; null when it can, or the target is this machine.
     */
    private static String cloudNotConfigured(RunTarget target) {
        if (target == null || target.cloud() == null) {
            return null;
        }
        try {
            CloudSettings.check(target.cloud(), CloudSettings.environment(), CloudRun.LOCAL_INSTEAD);
            return null;
        } catch (IllegalArgumentException e) {
            return "Cannot run on " + target + ": " + ProblemLine.of(e);
        }
    }

    /**
     * Asks whether to throw away what the output folder holds; Cancel, the default button, keeps it.
     */
    private boolean confirmReplace(OutputsAtStake atStake) {
        return window.questions().confirmed("Replace what the output folder holds?", atStake.question(), "Replace",
                "replaceFinishedRun");
    }

    /**
     * Starts the run checked by {@link #startRun}: its rows in the Run tab, on this machine or in the cloud.
     *
     * @param agreed the run outputs in {@code out} the user agreed to replace ({@link OutputsAtStake#agreed}):
     *     all a cloud job's fetch may remove there
     */
    private void launch(ResolvedJob job, RunTarget target, ShotSelection shots, List<Integer> known, Path out,
            boolean resumeStopped, List<String> agreed) {
        boolean cloud = target != null && target.cloud() != null;
        String cloudProblem = cloudNotConfigured(target);  // (again: the environment may have changed while Run asked)
        if (cloudProblem != null) {
            refuseTarget(cloudProblem);
            window.updateRunButton();
            return;
        }
        RunEvents events = new RunEvents();
        window.progress().follow(events, known, job.time().dtS(), cloud
                ? "Wavefield: only for runs on this machine"
                : "Wavefield: shown while a shot runs", !cloud);
        result.begin(out, "Running...");
        window.tabs().getSelectionModel().select(window.runTab());
        if (cloud) {
            current = CloudRun.start(window.project(), window.engineChoice().getValue(),
                    new CloudRun.Target(target.cloud(), dispatchers), out, agreed, events, headerPasses, this::ended);
            window.setRunning(true);
            window.status().setText("Sending " + job.spec().name() + " to the " + target + "; its files will come to "
                    + out + "...");
            return;
        }
        // The run starts when the estimator has let go of its engine and shot: told to stop again here,
        // in case a measurement began while Run asked about the output folder.
        Future<?> estimatorIdle = estimate.letGo();
        current = DesktopRun.start(job, shots, out, resumeStopped && !cloud, events, this::ended, estimatorIdle);
        window.setRunning(true);  // ended() comes later, on this thread
        window.status().setText((resumeStopped ? "Resuming " : "Running ") + job.spec().name() + " into " + out + "...");
    }

    /**
     * Follows a job submitted elsewhere, resumed first when asked: its rows in the Run tab, its
     * outputs into runs/<job id>.
     */
    void followCloudJob(RunTarget target, JobRecord job, boolean resume) {
        if (current != null) {
            return;
        }
        estimate.stopEstimate();
        Project project = window.project();
        Path out = project != null ? window.outputDirOf(project.job().spec()).resolveSibling(job.id().value())
                : Path.of("runs", job.id().value());
        RunEvents events = new RunEvents();
        window.progress().follow(events, java.util.stream.IntStream.rangeClosed(1, job.total()).boxed().toList(), 1,
                "Wavefield: only for runs on this machine");
        result.begin(out, "Following job " + job.id() + "...");
        window.tabs().getSelectionModel().select(window.runTab());
        followedTask = Task.RTM.json().equals(job.task()) ? Task.RTM : Task.MODEL;
        CloudRun.Target on = new CloudRun.Target(target.cloud(), dispatchers);
        current = resume ? CloudRun.resume(job.id(), on, out, events, this::ended)
                : CloudRun.follow(job.id(), on, out, events, this::ended);
        window.setRunning(true);
        window.status().setText((resume ? "Resuming" : "Following") + " job " + job.id() + " in the " + target
                + "; its files will come to " + out + "...");
    }

    /** The run in progress, or null (JavaFX thread). */
    ActiveRun current() {
        return current;
    }

    /** The user's Cancel: the run stops at its next time step. */
    void cancelRun() {
        if (current != null) {
            current.cancel();
            window.cancelButton().setDisable(true);
            window.status().setText("Cancelling at the next time step...");
        }
    }

    private void ended(DesktopRun.Outcome o) {
        current = null;
        if (window.closed()) {
            return;  // the window has closed (its run stopped by the close): nothing is shown any more
        }
        window.progress().stop(o.status());
        window.progress().message(o.message());
        window.setRunning(false);
        window.status().setText(o.message());
        // A followed cloud job need not be the open project's task: its job item says which it is.
        Project project = window.project();
        Task task = followedTask != null ? followedTask : project != null ? project.job().spec().task() : null;
        followedTask = null;
        result.ended(o, task);
        estimate.estimateRunTime();  // the estimate the run stopped, or one of before it: the engine is free again
    }

    /**
     * Enables Resume when the applied spec's output folder holds a run that stopped (its
     * checkpoint), looked for on the I/O thread; only for runs on this machine.
     */
    void checkResumable() {
        int check = ++resumeChecks;
        window.resumeButton().setDisable(true);
        RunTarget target = window.runOnChoice().getValue();
        Project project = window.project();
        if (project == null || current != null || window.opening().inProgress() || window.editor().editedProperty().get()
                || target != null && target.cloud() != null) {
            return;
        }
        Path out = window.outputDirOf(project.job().spec());
        window.io().submit(() -> {
            boolean stopped = RunCheckpoint.exists(out);
            Platform.runLater(() -> {
                if (check == resumeChecks) {
                    window.resumeButton().setDisable(!stopped);
                }
            });
        });
    }

    /** Whether Run is looking at the output folder, or asking about it: a run is about to start. */
    boolean checkingOutput() {
        return checkingOutput;
    }
}
