package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.shell.ShellCommand;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.config.LocalCloudDown;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.dispatch.SpecTree;
import io.seiswork.cloud.dispatch.SubmitProgress;
import io.seiswork.cloud.dispatch.SubmittedJob;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.s3.TransferCancelledException;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.ByteProgressLines;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.worker.ShotMetrics;
import io.seiswork.worker.ShotWorker;
import io.seiswork.worker.WorkerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A job sent to a cloud from the desktop: submitted through the same {@link Dispatcher} as
 * {@code seiswork submit}, then followed by reading the job table once a second (less often for
 * jobs of thousands of shots) into the same progress rows as a local run (each shot's state and
 * the progress its worker reports), and its
 * outputs fetched into the run's directory when it is done. On the local cloud a worker runs
 * inside the window, so the emulators alone are enough; more can join from a terminal
 * ({@code seiswork worker --cloud local}).
 */
final class CloudRun implements ActiveRun {

    private static final Logger LOG = LoggerFactory.getLogger(CloudRun.class);
    /** The least time between two reads of the job table: a job of over 1,000 shots is read less often ({@link JobView#pollInterval}). */
    private static final java.time.Duration POLL = java.time.Duration.ofSeconds(1);

    /**
     * Where a run goes and how it makes its dispatcher from the stack's clients: the window's
     * {@link Dispatcher#of}, or, in the desktop's transfer tests, one whose parts are of a few MiB
     * and whose S3 client holds parts in flight until the test has pressed Cancel.
     *
     * @param cloud "local" or "aws" (checked with {@link CloudSettings#check}); the settings are
     *     built on the run's thread, since resolving the AWS region may take seconds
     */
    record Target(String cloud, Function<CloudClients, Dispatcher> dispatchers) {
    }

    /** Progress rows count a shot's progress in thousandths. */
    private static final int STEPS = 1000;

    private final Thread thread;
    /** How the run makes its dispatcher from the stack's clients: the window's ({@link ProjectWindow#setDispatchers}). */
    private final Function<CloudClients, Dispatcher> dispatchers;
    private volatile boolean cancelRequested;
    /**
     * Cancelled with the run, and when the window closes: stops a submission's passes over its
     * inputs and its uploads, and the fetch of a done job's outputs, each at its next block, the
     * parts in flight too; a TB data file takes minutes to read and hours to send, and a 100 GB
     * image long to come down. The job itself is cancelled in the table by {@link #cancelRequested},
     * never by this.
     */
    private final CancellationToken transfers = new CancellationToken();
    private volatile boolean stopFollowing;
    private volatile ShotWorker localWorker;
    /** The job followed, once submitted or named; null while a submission is under way (nothing queued yet). */
    private volatile JobId followed;
    /** The cloud's name ("local", "aws"), once its settings are read. */
    private volatile String cloudName;
    /** Whether the job is done and its outputs are being fetched. */
    private volatile boolean fetching;

    /** How the followed job comes to be: submitted now, or already in the table. */
    @FunctionalInterface
    private interface JobSource {
        JobId obtain(Dispatcher d, RunEvents events, CloudSettings settings, CancellationToken cancel)
                throws IOException;
    }

    /**
     * The job being run, for its image so far; null when following a job submitted elsewhere,
     * whose image so far reads the job's spec back from the bucket on its own thread.
     */
    private final ResolvedJob job;
    /** The run outputs the job's fetch may remove from the output folder: those the user agreed to before it was sent. */
    private final List<String> replaceable;

    private CloudRun(JobSource source, ResolvedJob job, Target on, Path outDir, List<String> replaceable,
            RunEvents events, Consumer<DesktopRun.Outcome> onEnd) {
        this.job = job;
        this.replaceable = replaceable;
        this.dispatchers = on.dispatchers();
        String cloud = on.cloud();
        thread = new Thread(() -> {
            DesktopRun.Outcome o = new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null,
                    "failed: the cloud run stopped unexpectedly");
            try {
                o = run(source, cloud, outDir, events);
            } catch (RuntimeException | Error e) {  // the window must hear of the end whatever happened
                LOG.error("cloud run failed", e);
                events.stopped(ShotProgress.State.FAILED);
                o = new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: " + e);
            } finally {
                DesktopRun.Outcome end = o;
                Platform.runLater(() -> onEnd.accept(end));
            }
        }, "seiswork-cloud-run");
        thread.setDaemon(true);
    }

    /**
     * Submits and follows the project's applied spec on its own thread.
     *
     * @param engine the engine the workers use, replacing the spec's, or null
     * @param on the cloud the run goes to, and how its dispatcher is made
     * @param replaceable the run outputs in {@code outDir} the user agreed to replace when asked
     *     ({@link OutputsAtStake#agreed}): the job's fetch removes those, and refuses the folder
     *     when it holds any other run output by then (a local run's since, say)
     * @param headerPass also told of the pass over the data file's trace headers, on the run's
     *     thread, beside the log ({@link ProjectWindow#watchHeaderPasses}; {@link ByteProgress#NONE}
     *     but in tests, which hold the pass there until they have pressed Cancel)
     * @param onEnd called once on the JavaFX thread when the job has ended (or following stopped)
     */
    static CloudRun start(Project project, EngineChoice engine, Target on, Path outDir, List<String> replaceable,
            RunEvents events, ByteProgress headerPass, Consumer<DesktopRun.Outcome> onEnd) {
        return launch((d, ev, settings, cancel) -> submit(d, ev, project, engine, settings, headerPass, cancel),
                project.job(), on, outDir, List.copyOf(replaceable), events, onEnd);
    }

    /**
     * Follows a job submitted elsewhere (another window, {@code seiswork submit}) the same way: its
     * rows, a migration's image so far (its spec read back from the bucket, {@link StoredJob}), and
     * its outputs fetched into {@code outDir} when it is done.
     */
    static CloudRun follow(JobId id, Target on, Path outDir, RunEvents events, Consumer<DesktopRun.Outcome> onEnd) {
        return launch((d, ev, settings, cancel) -> {
            ev.message("following job " + id + " in the " + settings.name() + " cloud");
            return id;
        }, null, on, outDir, List.of(), events, onEnd);
    }

    /**
     * Resumes a FAILED or CANCELLED job ({@link Dispatcher#resume}: its done shots kept, the
     * others queued again) and follows it as {@link #follow} does. A job that cannot be resumed
     * (it runs, or is done) ends the run with the reason.
     */
    static CloudRun resume(JobId id, Target on, Path outDir, RunEvents events, Consumer<DesktopRun.Outcome> onEnd) {
        return launch((d, ev, settings, cancel) -> {
            ev.message(d.resume(id).summary());
            return id;
        }, null, on, outDir, List.of(), events, onEnd);
    }

    private static CloudRun launch(JobSource source, ResolvedJob job, Target on, Path outDir,
            List<String> replaceable, RunEvents events, Consumer<DesktopRun.Outcome> onEnd) {
        CloudRun r = new CloudRun(source, job, on, outDir, replaceable, events, onEnd);
        r.thread.start();
        return r;
    }

    private static JobId submit(Dispatcher d, RunEvents events, Project project, EngineChoice engine,
            CloudSettings settings, ByteProgress headerPass, CancellationToken cancel) {
        ObjectNode spec = SpecTree.parse(project.text(), project.source());
        if (engine != null) {
            spec.put("engine", engine.json());
        }
        Path base = project.file() == null ? Path.of("").toAbsolutePath() : project.file().toAbsolutePath().getParent();
        // Each pass over a large input (minutes for a TB) said in the log every 10 s and stopped by Cancel: the data
        // file's trace headers, which count its shots; one read of it for its shots' digests (and its own, which the
        // upload's key then reuses); a file whose SHA-256 is not known read for it; the uploads.
        Path data = project.job().dataFile();
        ByteProgress headersLogged = data == null ? ByteProgress.NONE
                : logged(events, "reading the trace headers of " + data.getFileName());
        ShotComputer.Shots found = ShotComputer.shotsAndNotes(project.job(), (done, total) -> {
            headersLogged.onBytes(done, total);
            headerPass.onBytes(done, total);
        }, cancel);
        found.notes().forEach(events::message);  // in the run's log, where a local run says them
        int shots = found.shots().size();
        events.message("submitting " + shots + " shots to the " + settings.name() + " cloud...");
        byte[] index = found.dataIndex() == null ? null : found.storedDataIndex(logged(events, "reading "
                + found.dataFile().getFileName() + " for its digests"), cancel);
        SubmittedJob job = d.submit(spec, base, shots, io.seiswork.cloud.job.FailedShots.defaultLimit(shots), index,
                SubmitProgress.said(doing -> logged(events, doing), cancel));
        events.message(String.format(Locale.ROOT, "job %s: %d shots queued, %s of inputs uploaded", job.id(),
                job.shots(), MemoryEstimate.human(job.uploadedBytes())));
        return job.id();
    }

    /** A pass of the submission said in the run's log at most every 10 s, and at its end ({@link ByteProgressLines}). */
    private static ByteProgress logged(RunEvents events, String doing) {
        return new ByteProgressLines(doing, events::message, 10_000_000_000L, System::nanoTime);
    }

    @Override
    public void cancel() {
        cancelRequested = true;
        transfers.cancel();
    }

    @Override
    public void stopFollowing() {
        stopFollowing = true;
        transfers.cancel();  // a fetch under way keeps its parts on disk, an upload those S3 holds
        // Out of its wait between reads at once (10 s for a 10 000-shot job): the closing window finds it ended.
        thread.interrupt();
        ShotWorker w = localWorker;
        if (w != null) {
            w.stop();
        }
    }

    /**
     * Closing stops only this window's part: a submission under way (nothing is queued until it is
     * sent), the following, a fetch, and the local cloud's worker in this window (its shot goes back
     * to the queue); a job in the table goes on.
     */
    @Override
    public String closeQuestion() {
        JobId id = followed;
        String cloud = "the " + (cloudName == null ? "" : cloudName + " ") + "cloud";
        if (id == null) {
            return "The job is being sent to " + cloud + ": stop sending it and close? Nothing is queued until it is "
                    + "sent; Run sends it again (an upload goes on from what the bucket already holds).";
        }
        if (fetching) {
            return "Job " + id + " is done in " + cloud + " and its outputs are being fetched: stop and close? The "
                    + "job and its outputs stay in " + cloud + "; Cloud jobs in the tool bar follows it again to fetch them.";
        }
        return "Job " + id + " is running in " + cloud + ": close the window? Closing does not cancel the job: it goes "
                + "on in " + cloud + ", and Cloud jobs in the tool bar follows it again (its Cancel stops it)."
                + (localWorker != null ? " The worker in this window stops and hands its shot back to the queue: the "
                        + "job waits for a worker (seiswork worker --cloud local, or following it here again)." : "");
    }

    @Override
    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /**
     * What the window says when {@code settings}' stack does not answer, instead of the SDK's
     * account of its retries: "cannot reach the local cloud; start the local cloud with
     * scripts/cloud-local.sh start".
     */
    static String unreachable(CloudSettings settings) {
        return "cannot reach the " + settings.name() + " cloud; " + settings.whenUnreachable();
    }

    /**
     * How the window's user runs on the local cloud instead of a stack whose settings are missing:
     * the tool bar's "on", where the command line says {@code --cloud local}
     * ({@link CloudSettings#named}'s {@code localInstead}).
     */
    static final String LOCAL_INSTEAD = "choose 'local cloud' in on";

    /** {@code cloud}'s settings from the environment, a missing one said in the window's words. */
    static CloudSettings settings(String cloud) {
        return CloudSettings.named(cloud, CloudSettings.environment(), LOCAL_INSTEAD);
    }

    /** Whether {@code e}, or an exception it wraps, is the SDK's failure to reach a service. */
    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    private DesktopRun.Outcome run(JobSource source, String cloud, Path outDir, RunEvents events) {
        CloudSettings settings;
        try {
            settings = settings(cloud);
        } catch (IllegalArgumentException e) {
            events.stopped(ShotProgress.State.FAILED);
            return new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: " + e.getMessage());
        }
        cloudName = settings.name();
        try (CloudClients clients = CloudClients.forUser(settings)) {
            return runJob(clients, source, settings, outDir, events);
        } catch (LocalCloudDown e) {
            events.stopped(ShotProgress.State.FAILED);
            return new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: " + e.getMessage());
        } catch (SdkClientException e) {
            events.stopped(ShotProgress.State.FAILED);
            return new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: " + unreachable(settings));
        } catch (CancelledException e) {
            events.stopped(ShotProgress.State.CANCELLED);
            // An upload stopped between its parts says what S3 keeps of it ("cancelled while uploading shots.sgy:
            // 1.2 GiB of 3.4 GiB stored"), which the next submission's upload of the file goes on from.
            return new DesktopRun.Outcome(DesktopRun.Status.CANCELLED, outDir, null, e instanceof TransferCancelledException
                    ? e.getMessage() + "; nothing was queued, and submitting again goes on from there"
                    : "cancelled before the job was submitted: nothing was queued");
        } catch (IOException | RuntimeException e) {
            events.stopped(ShotProgress.State.FAILED);
            LOG.warn("cloud run failed", e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: "
                    + msg.lines().findFirst().orElse(""));
        }
    }

    /** The run with the stack's clients open; the window's worker ends before they close. */
    private DesktopRun.Outcome runJob(CloudClients clients, JobSource source, CloudSettings settings, Path outDir,
            RunEvents events) throws IOException {
        Thread workerThread = null;
        try {
            Dispatcher d = dispatchers.apply(clients);
            JobId id = source.obtain(d, events, settings, transfers);
            followed = id;
            JobView start = d.status(id);
            events.runStarted(start.job().total(), settings.name() + " cloud, job " + id);
            if (settings.isLocal() && !start.job().status().isFinal()) {
                workerThread = startLocalWorker(d, outDir);
                events.message("a worker runs in this window; more can join: seiswork worker --cloud local");
            } else if (!settings.isLocal()) {
                events.message("the fleet runs the shots; follow them from a terminal too: seiswork status " + id
                        + " --cloud aws");
            }
            JobView end;
            // Its own folder each time: a follow of the same job whose image thread still lingers
            // (or another window) deletes only its own.
            Path imageScratch = outDir.resolveSibling(outDir.getFileName() + ".image-"
                    + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24)));
            try (CloudImageSoFar image = job != null ? CloudImageSoFar.start(job, d.store(), id, imageScratch, events)
                    : CloudImageSoFar.follow(start.job(), d.store(), imageScratch, events)) {
                end = follow(d, id, events, image);
            }
            if (end == null) {
                return new DesktopRun.Outcome(DesktopRun.Status.CANCELLED, outDir, null, "stopped following job "
                        + id + "; it goes on in the " + settings.name() + " cloud");
            }
            return switch (end.job().status()) {
                case DONE -> {
                    fetching = true;
                    try {
                        // A job Run sent replaces the output folder's files the user agreed to before it was sent,
                        // and no others; a followed job's go to runs/<job id>, where only its own fetch may have written.
                        d.fetch(id, outDir, 1L << 40, logged(events, "fetching the outputs")::onBytes, transfers,
                                replaceable);
                    } catch (TransferCancelledException e) {
                        // The job stays DONE; its parts on disk are where a fetch into the same folder goes on from.
                        yield new DesktopRun.Outcome(DesktopRun.Status.CANCELLED, outDir, null, e.getMessage()
                                + "; " + ShellCommand.seiswork(List.of("fetch", id.value(), "--cloud",
                                settings.isLocal() ? "local" : "aws", "--out", outDir.toString())) + " goes on from there");
                    }
                    yield new DesktopRun.Outcome(DesktopRun.Status.DONE, outDir, null, String.format(Locale.ROOT,
                            "done in the %s cloud: job %s, %d shots; files in %s", settings.name(), id,
                            end.job().total(), outDir));
                }
                case CANCELLED -> {
                    notRun(end, events);
                    events.stoppedAll(ShotProgress.State.CANCELLED);  // every row still running, not the last started alone
                    yield new DesktopRun.Outcome(DesktopRun.Status.CANCELLED, outDir, null, "cancelled job " + id);
                }
                default -> {
                    notRun(end, events);
                    events.stoppedAll(ShotProgress.State.FAILED);  // every row still running, not the last started alone
                    yield new DesktopRun.Outcome(DesktopRun.Status.FAILED, outDir, null, "failed: job " + id + ": "
                            + end.job().error());
                }
            };
        } finally {
            ShotWorker w = localWorker;
            if (w != null) {
                w.stop();
            }
            if (workerThread != null) {
                try {
                    workerThread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Shows the shots of an ended job that will not run ({@link JobView#notRun}) as such, not as queued. */
    private static void notRun(JobView end, RunEvents events) {
        for (ShotRecord s : end.shots()) {
            if (end.notRun(s)) {
                events.notRun(s.shot());
            }
        }
    }

    /**
     * Reads the job table until the job ends, turning what changed into progress events; sends
     * the cancel when the user asks.
     *
     * @param image the image so far, stacked here as shots finish, or null
     * @return the job at its end, or null when the window stopped following
     */
    private JobView follow(Dispatcher d, JobId id, RunEvents events, CloudImageSoFar image) {
        Set<Integer> started = new HashSet<>();
        Set<Integer> finished = new HashSet<>();
        Set<Integer> lost = new HashSet<>();
        Set<String> silenceTold = new HashSet<>();
        boolean skewTold = false;
        io.seiswork.cloud.dispatch.FailedAttempts failures = new io.seiswork.cloud.dispatch.FailedAttempts();
        boolean cancelSent = false;
        while (!stopFollowing) {
            if (cancelRequested && !cancelSent) {
                d.cancel(id);
                cancelSent = true;
                events.message("cancel sent: the workers stop at their next time step");
            }
            JobView v = d.status(id);
            failures.newLines(v).forEach(events::message);
            // Silences on the service's clock, on which the workers stamp their beats (ServiceClock).
            java.time.Instant now = d.clock().now();
            String skew = io.seiswork.cloud.dispatch.ShotNotes.skewNote(d.clock().offset());
            if (skew != null && !skewTold) {
                events.message(skew);
                skewTold = true;
            }
            if (image != null && (v.job().status().isFinal() || v.job().status() == JobStatus.STACKING)) {
                image.stop();  // the written image is coming: the shots done in this report are not read
            }
            for (ShotRecord s : v.shots()) {
                String silence = io.seiswork.cloud.dispatch.ShotNotes.silenceExplained(s, now);
                if (silence != null && !v.job().status().isFinal() && silenceTold.add(s.shot() + "/" + s.beat())) {
                    // once per silence: a worker that speaks again, or the next attempt, writes a new beat
                    events.message("shot " + s.shot() + ": " + silence);
                }
                events.shotNote(s.shot(), rowNote(s, now, v.job().status().isFinal()));
                if (s.state() == ShotState.QUEUED) {
                    continue;
                }
                if (started.add(s.shot())) {
                    events.shotStarted(s.shot());
                }
                if (s.state() == ShotState.RUNNING) {
                    events.shotProgress(s.shot(), (int) Math.round(s.progress() * STEPS), STEPS);
                } else if (s.state() == ShotState.DONE && finished.add(s.shot())) {
                    events.shotFinished(s.shot(), s.gptsPerSecond(), s.seconds());
                    if (image != null) {
                        image.shotDone(s.shot(), v.job().total());
                    }
                } else if (s.state() == ShotState.FAILED) {
                    events.shotFailed(s.shot());  // its reason in the row's note
                }
            }
            for (int shot : v.lostShots(now)) {
                if (lost.add(shot)) {
                    events.message("shot " + shot + " is lost: its worker has been silent for over "
                            + JobView.LOST_AFTER.toMinutes() + " minutes on its last delivery; the next worker to "
                            + "sweep the dead-letter queue counts it failed, and Resume in Cloud jobs runs it again");
                }
            }
            if (v.job().status().isFinal()) {
                return v;
            }
            if (v.job().status() == JobStatus.STACKING && finished.size() == v.job().total()) {
                events.message("all shots done: stacking, " + v.job().stacked() + " of " + v.job().total() + " added");
            }
            try {
                Thread.sleep(JobView.pollInterval(v.job().total(), POLL).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** One worker inside the window for the local cloud, its metrics discarded (no CloudWatch there). */
    private Thread startLocalWorker(Dispatcher d, Path outDir) throws IOException {
        Path work = Files.createDirectories(outDir.resolveSibling(outDir.getFileName() + ".worker"));
        WorkerSettings settings = WorkerSettings.defaults(work).withWorkerId("desktop-" + ProcessHandle.current().pid())
                .withPollWait(Duration.ofSeconds(1)).withStatusPoll(Duration.ofSeconds(1));
        ShotWorker w = new ShotWorker(d.store(), d.table(), d.queue(), settings,
                new ShotMetrics(new PrintStream(java.io.OutputStream.nullOutputStream()), Clock.systemUTC(), settings.workerId()));
        localWorker = w;
        Thread t = new Thread(() -> {
            try {
                w.run();
            } finally {
                deleteQuietly(work);
            }
        }, "seiswork-desktop-worker");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            LOG.warn("could not remove the worker's scratch {}: {}", dir, e.getMessage());
        }
    }

    /**
     * What shot {@code s}'s row says beside its state at {@code now} (the service's time,
     * {@link Dispatcher#clock()}): a RUNNING shot's silence
     * ({@code "no word from its worker for 2 min 10 s"}), else the error an earlier attempt left
     * ({@code "attempt 1 failed: …"}); a FAILED shot's error; null for a shot whose state says it all.
     * A job that {@code ended} (cancelled or failed with shots still RUNNING in its items) waits
     * for no worker, and its rows are read no more: no silence, which would stay on the row as it
     * was at the end.
     */
    static String rowNote(ShotRecord s, java.time.Instant now, boolean ended) {
        if (s.state() == ShotState.FAILED) {
            return s.error();
        }
        String silence = ended ? null : io.seiswork.cloud.dispatch.ShotNotes.silenceBrief(s, now);
        return silence != null ? silence : io.seiswork.cloud.dispatch.ShotNotes.earlierError(s);
    }
}
