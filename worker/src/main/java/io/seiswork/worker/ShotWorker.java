package io.seiswork.worker;

import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ShotAttempts;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.queue.ShotTask;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.Task;
import io.seiswork.kernels.job.GatherFiles;
import io.seiswork.kernels.job.MigratedShot;
import io.seiswork.kernels.job.ModelledShot;
import io.seiswork.kernels.job.WrongShotTracesException;
import io.seiswork.kernels.rtm.PartialImageFile;
import io.seiswork.kernels.rtm.ScratchSpace;
import io.seiswork.kernels.rtm.ScratchSpaceException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud worker's loop (architecture: cloud protocol): long-poll the shot queue, run each shot
 * on the local engine with the same code as a local run, store its result, count it in the job
 * table, and stack the job when its last shot is counted.
 *
 * <p>Delivery is at least once and workers die, so every step is safe to repeat:
 * <ul>
 *   <li>a message for a finished, cancelled or unknown job, or a malformed one, is dropped; so is
 *       one sent before the job was last resumed (its run number, {@link ReceivedShot#run()}, is
 *       below the job's {@code resumes}): the resume sent the shot a message of its own;</li>
 *   <li>a redelivered shot that is already DONE is not run again; if it was the job's last and
 *       the worker that counted it died before stacking, this worker stacks (the message is only
 *       deleted once the stack is stored, and stacking rewrites the same outputs);</li>
 *   <li>results are written before they are counted, and counted exactly once
 *       ({@link JobTable#completeShot});</li>
 *   <li>a failed attempt puts the message back at once; the third failure fails the shot (the
 *       job stops if more shots failed than it allows, {@link io.seiswork.cloud.job.FailedShots}),
 *       and SQS moves the message to the dead-letter queue, where the alarm sees it; a failure
 *       every attempt would repeat ({@link #repeatsOnEveryAttempt}) fails the shot at once and
 *       deletes its message, if the attempt still owns the shot (else the message is released,
 *       as for any failure);</li>
 *   <li>a job that stops (cancelled, or failed past its limit) stops its running shots at their
 *       next time step; they go back to QUEUED for {@code seiswork resume};</li>
 *   <li>between shots and while idle, at most every {@link WorkerSettings#sweepEvery()}, the
 *       dead-letter queue is settled ({@link DeadLetterSweep}): a shot whose workers all died is
 *       counted failed rather than left RUNNING for ever;</li>
 *   <li>{@link #stop()} (SIGTERM: a spot interruption) cancels the running shot at its next time
 *       step and hands it back to the queue at once, as a fresh message: interruptions do not use
 *       up its attempts. A shot already computed is stored and counted all the same: the try of
 *       its upload under way goes on (the waits between tries end), as an upload takes seconds
 *       and the shot up to an hour. A stack is handed back the same way, let go of in the job table first,
 *       so that the fresh message is not taken for a duplicate of a live stack
 *       ({@link #handBackStack}); one storing its outputs goes on as a result's upload does, and
 *       past the grace the upload is stopped and aborted, the outputs it stored left (the job is
 *       still STACKING; the next stack stores them again), and the stack handed back.</li>
 * </ul>
 */
public final class ShotWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShotWorker.class);
    /** The process's exit status when a shot's engine hung (the worker command's "hung" case). */
    static final int HUNG_EXIT_STATUS = 3;

    private final ArtifactStore store;
    private final JobTable table;
    private final ShotQueue queue;
    private final WorkerSettings settings;
    private final JobWorkspace workspace;
    private final JobStacker stacker;
    private final ShotMetrics metrics;
    private final TaskProtection protection;
    private final ResultUpload resultUpload;
    private volatile boolean stopping;
    private volatile CancellationToken running;
    /** What stops the running shot's result upload or stack's outputs' upload: the job's end, or {@link #uploadGrace} after a stop. */
    private volatile CancellationToken uploading;
    /**
     * How long a computed result's upload, or a stack's output's, may go on after {@link #stop()}:
     * 90 s. ECS kills a task 120 s after its SIGTERM (the worker task's stop timeout, the notice of
     * a spot interruption) and the SIGTERM hook waits {@code 110 s} for the loop; 90 s of upload
     * leave the rest to abort it (at most {@link io.seiswork.cloud.s3.ArtifactStore#ABORT_TIMEOUT},
     * 10 s, however silent the network) and hand the shot or stack back, so that the kill never
     * comes first (which would leave the message hidden until its visibility ran out and use up
     * one of its attempts).
     */
    public static final java.time.Duration UPLOAD_GRACE = java.time.Duration.ofSeconds(90);
    private java.time.Duration uploadGrace = UPLOAD_GRACE;
    /** Fraction of the running shot's time steps done, for the heartbeat's progress reports. */
    private volatile double fraction;
    /**
     * How recent a stacker's last report must be for it to count as alive: four of its 30 s beats,
     * so that one late write does not start a second stack.
     */
    private static final java.time.Duration STACKER_ALIVE = java.time.Duration.ofMinutes(2);

    /**
     * How old a stack's beat is made when its stopped stacker lets go of it: twice
     * {@link #STACKER_ALIVE}, so that every worker takes it for gone even with its clock up to
     * two minutes behind the stopped one's, and well within the dead-letter sweep's 15 minutes,
     * which keeps waiting for those workers.
     */
    private static final java.time.Duration RELEASED_STACK_AGE = STACKER_ALIVE.multipliedBy(2);

    /**
     * How long a live stack's own message, refused by this worker, stays hidden: {@link #STACKER_ALIVE}
     * and one 30 s beat more, so that its next receive comes after the beat found fresh can have
     * gone stale. A stacker dead meanwhile is then taken over on that receive: each refusal uses
     * one of the message's three receives, and with the delivery's own visibility (down to 30 s) a
     * dead stacker's message could be refused until it was dead-lettered, spending the run's one
     * stack resend.
     */
    static final java.time.Duration LIVE_STACK_RECHECK = STACKER_ALIVE.plusSeconds(30);

    /** Whether the held message's job is being stacked: the heartbeat then reports for the stack. */
    private volatile boolean stacking;
    private ActiveJob active;
    private int shotsRun;
    /** The dead-letter sweep, once the queue's dead-letter queue is known (empty: it has none). */
    private Optional<DeadLetterSweep> sweep;
    /**
     * Whether the loop may end, asked between receives ({@link #stopWhen}); never, for a worker of
     * the fleet, which polls until stopped.
     */
    private java.util.function.BooleanSupplier finished = () -> false;
    /** What ends a worker whose shot hung (tests replace it). */
    private Runnable onHang = () -> Runtime.getRuntime().halt(HUNG_EXIT_STATUS);
    /** How long a held message is kept hidden at most, and a live stack's refused message. */
    private final WorkerTimings timings;
    /** Where the shots' spills are reserved: the process's, on the real disk (tests give another). */
    private ScratchSpace scratchSpace = ScratchSpace.process();
    private long lastSweepNs;
    /** When the dead-letter queue was last looked up ({@link System#nanoTime}). */
    private long sweepLookedUpNs;
    private final RepeatedFailureLog lookupFailures = new RepeatedFailureLog(LOG, "look up the shot queue's dead-letter queue");
    /** How often a queue found without a dead-letter queue is asked again. */
    private static final java.time.Duration DEAD_LETTER_LOOKUP_AGAIN = java.time.Duration.ofMinutes(10);

    /** A worker whose metrics go to standard output (see {@link ShotMetrics}). */
    public ShotWorker(ArtifactStore store, JobTable table, ShotQueue queue, WorkerSettings settings) {
        this(store, table, queue, settings, new ShotMetrics(System.out, java.time.Clock.systemUTC(), settings.workerId()));
    }

    public ShotWorker(ArtifactStore store, JobTable table, ShotQueue queue, WorkerSettings settings, ShotMetrics metrics) {
        this(store, table, queue, settings, metrics, WorkerTimings.DEFAULT);
    }

    /** A worker keeping to {@code timings} rather than a deployment's ({@link WorkerTimings#DEFAULT}). */
    public ShotWorker(ArtifactStore store, JobTable table, ShotQueue queue, WorkerSettings settings, ShotMetrics metrics,
            WorkerTimings timings) {
        this(store, table, queue, settings, metrics, TaskProtection.fromEnvironment(System.getenv()), timings);
    }

    ShotWorker(ArtifactStore store, JobTable table, ShotQueue queue, WorkerSettings settings, ShotMetrics metrics,
            TaskProtection protection, WorkerTimings timings) {
        this.protection = protection;
        this.timings = timings;
        this.metrics = metrics;
        this.store = store;
        this.table = table;
        this.queue = queue;
        this.settings = settings;
        this.workspace = new JobWorkspace(store, settings.workDir(), settings.inputCache(), settings.maxInputBytes(),
                settings.engine(), settings.taskMemoryBytes());
        this.resultUpload = new ResultUpload(store, settings.resultRetry());
        this.stacker = new JobStacker(store, table, metrics, resultUpload);
    }

    /**
     * Runs until {@link #stop()}, until {@link #stopWhen its stop condition} holds between two
     * receives, or, when {@link WorkerSettings#maxIdle()} is set, until no message came for that
     * long.
     */
    @Override
    public void run() {
        long idleSince = System.nanoTime();
        try {
            sweepDeadLetters();
            while (!stopping) {
                if (finished.getAsBoolean()) {
                    LOG.info("the work this worker was started for is finished: stopping");
                    break;
                }
                int waitS = (int) settings.pollWait().toSeconds();
                if (!settings.maxIdle().isZero()) {
                    long leftMs = settings.maxIdle().toMillis() - (System.nanoTime() - idleSince) / 1_000_000;
                    if (leftMs <= 0) {
                        LOG.info("no shot for {} s: stopping", settings.maxIdle().toSeconds());
                        break;
                    }
                    waitS = (int) Math.min(waitS, Math.max(1, leftMs / 1000));
                }
                Optional<ReceivedShot> m = queue.receive(waitS, (int) settings.visibility().toSeconds());
                if (m.isPresent()) {
                    try {
                        handle(m.get());
                    } catch (RuntimeException e) {
                        // Settling the message failed (a receipt handle SQS no longer takes, the job table
                        // out of reach): the message comes back when its visibility ends, and one message
                        // is no reason for the worker to stop taking shots.
                        LOG.warn("shot {} of job {}: its message could not be settled, it returns to the queue when its"
                                + " visibility ends: {}", m.get().task().shot(), m.get().task().jobId(), e.toString());
                    }
                    idleSince = System.nanoTime();
                }
                if (!stopping && System.nanoTime() - lastSweepNs >= settings.sweepEvery().toNanos()) {
                    sweepDeadLetters();
                }
            }
        } finally {
            closeActive();
        }
    }

    /**
     * Settles the dead-letter queue ({@link DeadLetterSweep}, whose parts fail and log apart); a
     * failure to find the dead-letter queue is logged once per cause and tried again at the next
     * sweep, since sweeping is no reason to stop taking shots (a worker role without the
     * dead-letter queue's permissions, for one).
     */
    private void sweepDeadLetters() {
        if (settings.sweepEvery().isZero()) {
            return;
        }
        lastSweepNs = System.nanoTime();
        try {
            if (sweep == null || sweep.isEmpty() && lastSweepNs - sweepLookedUpNs >= DEAD_LETTER_LOOKUP_AGAIN.toNanos()) {
                // Looked up again now and then while absent: a redrive policy added to the queue
                // after the worker started is then found without restarting the fleet.
                boolean first = sweep == null;
                sweepLookedUpNs = lastSweepNs;
                sweep = queue.deadLetters().map(d -> new DeadLetterSweep(d, queue, table, metrics, java.time.Clock.systemUTC(),
                        JobView.LOST_AFTER));
                if (sweep.isEmpty() && first) {
                    LOG.warn("the shot queue has no dead-letter queue: lost shots will not be found (looked for again every {} min)",
                            DEAD_LETTER_LOOKUP_AGAIN.toMinutes());
                }
            }
            lookupFailures.succeeded();
        } catch (RuntimeException e) {
            lookupFailures.failed(e);
            return;
        }
        sweep.ifPresent(DeadLetterSweep::sweep);
    }

    /**
     * Asks the loop to end: the running shot stops at its next time step and goes back to the
     * queue; a shot already computed is stored and counted if its upload ends within
     * {@link #UPLOAD_GRACE}, else that is stopped too and the shot handed back (a stack storing its
     * outputs the same way).
     */
    public void stop() {
        stopping = true;
        CancellationToken t = running;
        if (t != null) {
            t.cancel();
        }
        CancellationToken u = uploading;
        if (u != null) {
            java.time.Duration grace = uploadGrace;
            Thread.ofPlatform().name("seiswork-upload-grace").daemon().start(() -> {
                try {
                    Thread.sleep(grace);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                u.cancel();
            });
        }
    }

    /**
     * Sets how long a computed result's (or a stack's outputs') upload may go on after {@link #stop()} ({@link #UPLOAD_GRACE}
     * by default; tests shorten it). Set before {@link #run()}.
     *
     * @return this worker
     */
    public ShotWorker uploadGrace(java.time.Duration grace) {
        uploadGrace = java.util.Objects.requireNonNull(grace, "grace");
        return this;
    }

    /**
     * Ends {@link #run()} as soon as {@code condition} holds, asked before each receive (after each
     * message handled and each poll that found none): a worker started for one job stops when
     * that job has ended (its status final in the job table) rather than after
     * {@link WorkerSettings#maxIdle()} of silence. It never interrupts a shot or a stack, and the
     * fleet's workers, which never set one, poll until stopped. Set before {@link #run()}.
     *
     * @return this worker
     */
    public ShotWorker stopWhen(java.util.function.BooleanSupplier condition) {
        finished = java.util.Objects.requireNonNull(condition, "condition");
        return this;
    }

    /** {@link #stopWhen} the job {@code id}'s status in the job table is final (DONE, FAILED or CANCELLED). */
    public ShotWorker stopWhenEnded(JobId id) {
        return stopWhen(() -> table.jobStatus(id).map(JobStatus::isFinal).orElse(false));
    }

    /** Replaces what ends the process when a shot hangs (for tests, which cannot halt their JVM). */
    void onHang(Runnable action) {
        onHang = action;
    }

    /** Replaces the scratch space the shots' spills are reserved in (tests: a disk of any size). */
    void scratchSpace(ScratchSpace space) {
        scratchSpace = space;
    }

    /** Shots this worker finished. */
    public int shotsRun() {
        return shotsRun;
    }

    /** Handles one delivery; never throws for a problem of the shot itself. */
    void handle(ReceivedShot message) {
        ShotTask task = message.task();
        if (task == null) {
            LOG.warn("dropping a message that is not a shot task: {}", clip(message.body()));
            queue.delete(message);
            return;
        }
        JobId id = task.jobId();
        Optional<JobRecord> found = table.job(id);
        if (found.isEmpty() || found.get().status().isFinal() || task.shot() > found.get().total()
                || message.run() < found.get().resumes()) {
            LOG.info("dropping shot {} of job {}: {}", task.shot(), id, found.isEmpty() ? "no such job"
                    : task.shot() > found.get().total() ? "the job has " + found.get().total() + " shots"
                    : found.get().status().isFinal() ? "the job is " + found.get().status()
                    : "a message from before the job was resumed (run " + message.run() + " of "
                            + found.get().resumes() + ")");
            queue.delete(message);
            return;
        }
        // The job's end stops everything; the worker stopping stops all but a result's upload under
        // way (cancel), which it stops only after the upload grace (upload).
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken upload = jobEnded.child();
        CancellationToken cancel = upload.child();
        uploading = upload;
        running = cancel;
        if (stopping) {
            cancel.cancel();
        }
        boolean shotDone = false;
        // Hidden for longer once the heartbeat is closed, so none of its extensions can shorten it.
        boolean keptForLiveStack = false;
        fraction = 0;
        try (Heartbeat beat = new Heartbeat(queue, message, table, id, jobEnded, settings, () -> fraction, () -> stacking,
                protection, () -> hung(message), settings.visibility(), timings)) {
            if (!table.startShot(id, task.shot(), settings.workerId(), message.receiveCount(), message.messageId())) {
                shotDone = true;
                if (stackIfOrphaned(id, message, cancel, upload, jobEnded)) {
                    deleteAfterStack(message);
                } else {
                    keptForLiveStack = true;
                }
                return;
            }
            JobRecord job = runShot(found.get(), task.shot(), cancel, upload);
            shotDone = true;
            if (job.done() == job.total() && table.stacking().startStacking(id, message.messageId())) {
                stack(job, cancel, upload, jobEnded);
                deleteAfterStack(message);
            } else {
                queue.delete(message);
            }
        } catch (CancelledException e) {
            if (!shotDone) {
                table.releaseShot(id, task.shot());
            }
            if (stopping && shotDone) {
                // Cancelled after the shot was counted: only the stack takes the token then.
                LOG.info("stopping: the stack of job {} goes back to the queue", id);
                handBackStack(message);
                metrics.interrupted(id, task.shot(), found.get().task());
            } else if (stopping) {
                LOG.info("stopping: shot {} of job {} goes back to the queue", task.shot(), id);
                handBack(message);
                metrics.interrupted(id, task.shot(), found.get().task());
            } else {
                LOG.info("job {} was cancelled or failed: shot {} stopped", id, task.shot());
                queue.delete(message);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of memory is the shot's problem (its grid on this worker's heap), not the worker's:
            // the stack is unwound, the arrays are garbage, and the next shot may well fit.
            // A failure every attempt would repeat fails the shot now, and its message goes,
            // rather than come back for two more.
            boolean atOnce = !shotDone && repeatsOnEveryAttempt(e);
            boolean last = atOnce || ShotAttempts.isLast(message.receiveCount());
            String why = e instanceof OutOfMemoryError
                    ? "out of memory: the shot needs more than this worker's " + (Runtime.getRuntime().maxMemory() >> 20)
                            + " MiB of heap (raise -Xmx or use a larger instance)"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            // One line per failed attempt; the stack trace, some 120 lines of the SDK's, only for debugging.
            LOG.error("{} of job {} failed (attempt {} of {}{}): {}", shotDone ? "stacking" : "shot " + task.shot(), id,
                    message.receiveCount(), ShotAttempts.MAX, atOnce ? ", not retried: every attempt would fail the same "
                    + "way" : "", why);
            LOG.debug("{} of job {}: the failure's stack trace", shotDone ? "stacking" : "shot " + task.shot(), id, e);
            boolean owned = true;
            if (atOnce) {
                // Failed at once only while this attempt still owns the shot: one whose heartbeat
                // lost the message's visibility may have had the shot taken by another delivery,
                // whose message (the same one, received again) must not be deleted under it.
                owned = table.failShotWithoutRetry(id, task.shot(), settings.workerId(), why, message.run());
                if (!owned) {
                    LOG.warn("shot {} of job {} is no longer this attempt's (another delivery took it, or a resume queued "
                            + "it again): its message is released, not deleted", task.shot(), id);
                }
                metrics.failed(id, task.shot(), found.get().task(), owned);
            } else if (!shotDone) {
                table.failShot(id, task.shot(), settings.workerId(), why, last, message.run());
                metrics.failed(id, task.shot(), found.get().task(), last);
            } else if (last) {
                table.failJob(id, "stacking failed " + ShotAttempts.MAX + " times: " + why);
            } else {
                // Let go of in the table, or the message, released for another attempt, would find
                // this worker's fresh beat and leave the stack to a stacker that gave it up.
                try {
                    table.stacking().releaseStack(id, message.messageId(), java.time.Instant.now().minus(RELEASED_STACK_AGE));
                } catch (RuntimeException r) {
                    LOG.warn("job {}: could not let go of its stack ({}): it is taken again once its beat is stale", id,
                            r.getMessage());
                }
            }
            if (atOnce && owned) {
                queue.delete(message);
            } else if (owned) {
                queue.release(message);
            } else {
                releaseLost(message);
            }
        } finally {
            running = null;
            uploading = null;
            if (keptForLiveStack) {
                keepForLiveStack(message);
            }
        }
    }

    /**
     * Releases the message of an attempt that lost its shot to another delivery, as a failed
     * attempt's is. The message may be that delivery's now, received again under another receipt
     * handle: SQS may refuse this attempt's old handle, which is then no error (the message is
     * its new owner's), and it is never deleted here.
     */
    private void releaseLost(ReceivedShot message) {
        try {
            queue.release(message);
        } catch (RuntimeException e) {
            LOG.info("shot {} of job {}: its message, received again by another worker, was not released ({})",
                    message.task().shot(), message.task().jobId(), e.getMessage());
        }
    }

    /**
     * Whether {@code e} is a failure every attempt of the shot would meet alike, so that the shot
     * fails at once instead of using up its deliveries: recorded data whose stored bytes are not
     * those submitted ({@link DataIntegrityException}), or a shot's own file, its bytes those the
     * index's digests give, whose traces are not the ones the index gives the shot
     * ({@link WrongShotTracesException}: the index itself is wrong, and every attempt reads the same
     * verified bytes), or a shot whose spill with its margin exceeds the scratch disk's whole size
     * ({@link ScratchSpaceException} not {@linkplain ScratchSpaceException#fitsTheDisk fitting the
     * disk}: every instance of the fleet has that scratch size), or an object S3 refuses to say
     * anything of ({@link io.seiswork.cloud.s3.ObjectForbiddenException}, 403: the worker's
     * permissions are the same on every attempt). A spill that fits the disk but not
     * its free space now (the input cache could not free enough, another worker of the instance is
     * spilling) is retried as any failure. Told by type, never by an error's words.
     */
    static boolean repeatsOnEveryAttempt(Throwable e) {
        return e instanceof DataIntegrityException || e instanceof WrongShotTracesException
                || e instanceof io.seiswork.cloud.s3.ObjectForbiddenException
                || e instanceof ScratchSpaceException s && !s.fitsTheDisk();
    }

    /**
     * The running shot's engine has not stepped for {@link WorkerSettings#hangAfter()}: a GPU
     * kernel that never returns, a deadlock. No cancel reaches a thread stuck there, so the
     * message is released for another worker at once (the hung delivery counts as an attempt, so
     * a shot that hangs every worker ends in the dead-letter queue and is counted lost) and the
     * process ends ({@link #onHang}: by default {@code halt}, skipping the SIGTERM hook that would
     * wait for the stuck thread), for the service to start a fresh task.
     */
    private void hung(ReceivedShot message) {
        LOG.error("shot {} of job {} has not advanced for {} minutes at {} %: its engine is hung; releasing the shot "
                + "and stopping this worker", message.task().shot(), message.task().jobId(),
                settings.hangAfter().toMinutes(), String.format(java.util.Locale.ROOT, "%.1f", 100 * fraction));
        try {
            queue.release(message);
        } catch (RuntimeException e) {
            LOG.warn("could not release the hung shot's message ({}): it comes back after its visibility timeout",
                    e.getMessage());
        }
        onHang.run();
    }

    /**
     * Hands an interrupted shot back as a fresh message of the same run, then deletes the one
     * held: an interruption is not an attempt, and releasing the same message would count one
     * (SQS moves a message received {@value ShotAttempts#MAX} times to the dead-letter queue, so a
     * shot unlucky enough to meet three spot interruptions would be lost while the job table still
     * has it QUEUED, and the job would never end). Dying between the two leaves a duplicate,
     * which is counted once; failing to send releases the held message as before.
     */
    private void handBack(ReceivedShot message) {
        try {
            queue.send(message.task().jobId(), java.util.List.of(message.task().shot()), message.run());
        } catch (RuntimeException e) {
            LOG.warn("could not queue shot {} of job {} again ({}); releasing its message", message.task().shot(),
                    message.task().jobId(), e.getMessage());
            queue.release(message);
            return;
        }
        recordHandedBack(message);
        queue.delete(message);
    }

    /**
     * The hand-back's fresh message was sent: its time recorded for the stale-shot re-send (a
     * failed record leaves the held message's older time, whose only cost is an early duplicate).
     */
    private void recordHandedBack(ReceivedShot message) {
        try {
            table.shotResends().recordSent(message.task().jobId(), message.task().shot(), java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("could not record the fresh message of shot {} of job {} ({})", message.task().shot(),
                    message.task().jobId(), e.getMessage());
        }
    }

    /**
     * Hands an interrupted stack back, as {@link #handBack} does a shot, having first let go of
     * it in the job table ({@link StackingRecords#releaseStack}: its beat put back to when a stacker
     * counts as gone, {@link #RELEASED_STACK_AGE} ago): the job's item names the held message as
     * its stack's, with a beat at most 30 s old, and a fresh message another worker received
     * before that changed would be taken for a duplicate of a live stack and dropped, and the job
     * left STACKING for ever. Each step a worker can die after leaves a message that stacks:
     * <ul>
     *   <li>before the release: the held message comes back after its visibility timeout, still the stack's;</li>
     *   <li>after the release, before the send: the same, and any message may take the stack;</li>
     *   <li>after the send, before the delete: whichever message comes first takes the stack, and the
     *       other, back later, finds it stacking or stored and is dropped.</li>
     * </ul>
     * A release the table does not answer, or a send that fails, releases the held message
     * instead, which takes the stack when it comes back at once (one delivery spent). A release
     * refused (the stack another message's, stored or cancelled meanwhile) leaves nothing to
     * hand back: the held message is deleted.
     */
    private void handBackStack(ReceivedShot message) {
        JobId id = message.task().jobId();
        try {
            if (!table.stacking().releaseStack(id, message.messageId(), java.time.Instant.now().minus(RELEASED_STACK_AGE))) {
                LOG.info("job {}: its stack is no longer this message's (taken over, stored or cancelled meanwhile): "
                        + "nothing to hand back", id);
                queue.delete(message);
                return;
            }
            queue.sendOne(id, message.task().shot(), message.run());
        } catch (RuntimeException e) {
            LOG.warn("could not hand the stack of job {} back ({}); releasing the message that holds it", id,
                    e.getMessage());
            queue.release(message);
            return;
        }
        queue.delete(message);
    }

    /**
     * Runs, stores and counts one shot; returns the job after counting. {@code cancel} stops the
     * compute (the worker stopping, or the job's end); {@code uploadStop}, of which it is a child,
     * alone stops the upload of a result once computed (the job's end, or the worker's
     * {@link #UPLOAD_GRACE} after a stop running out).
     */
    private JobRecord runShot(JobRecord job, int number, CancellationToken cancel, CancellationToken uploadStop) {
        ActiveJob a = activeFor(job);
        Shot shot = a.shot(number);
        Path dir = a.scratchFor("shot-" + number);
        try {
            long t0 = System.nanoTime();
            Path result;
            double gpts;
            if (a.job().spec().task() == Task.RTM) {
                MigratedShot m;
                if (a.recorded() == null) {
                    m = a.computer().migrate(shot, this::progress, cancel);
                } else {
                    cancel.throwIfCancelled("shot " + number + ", fetching its traces");
                    Path gather = workspace.fetchShot(a.recorded(), shot.number(), dir);
                    m = a.computer().migrateGather(gather, shot.number(), this::progress, cancel);
                }
                result = dir.resolve("partial.bin");
                PartialImageFile.write(m.image(), result);
                gpts = m.gptsPerSecond();
            } else {
                ModelledShot m = a.computer().model(shot, this::progress, cancel);
                try (ShotGatherWriter out = GatherFiles.open(dir, a.job())) {
                    out.write(shot, m.traces());
                }
                result = dir.resolve(GatherFiles.SHOTS_FILE);
                gpts = m.stats().gptsPerSecond();
            }
            // Computed: a worker stopping now still stores and counts it (an upload of seconds, against
            // the shot's minutes to an hour); only the job's end, or the upload grace running out, stops it.
            uploadStop.throwIfCancelled("shot " + number + ", storing its result");
            // Stored, tagged or not: an untagged result is warned of once by the upload, and never expires.
            resultUpload.store(job.id(), number, result, cancel, uploadStop);
            double seconds = (System.nanoTime() - t0) / 1e9;
            JobRecord after = table.completeShot(job.id(), number, seconds, gpts);
            shotsRun++;
            metrics.completed(job.id(), number, job.task(), seconds, gpts);
            LOG.info("shot {} of job {} done on {} in {} s, {} Gpts/s ({} of {} counted)", number, job.id(),
                    a.engineName(), String.format("%.2f", seconds), String.format("%.2f", gpts), after.done(), after.total());
            return after;
        } finally {
            FileTrees.delete(dir);
        }
    }

    private void progress(int step, int steps) {
        fraction = steps > 0 ? (double) step / steps : 0;
    }

    /**
     * A redelivered shot that is DONE: if every shot is counted and nobody finished the stack
     * (the worker that should have died, or is gone since its message came back), stack now. A
     * stack whose holder still reports ({@link #STACKER_ALIVE}) is left to it, whatever message
     * this is ({@link StackingRecords#takeStack}): two stacks at once would write the same outputs twice,
     * the later over a job already DONE. A duplicate of another message is dropped; the stack's
     * own message (SQS's duplicate delivery, or back after its holder's 12 h visibility cap,
     * {@link Heartbeat}) is kept, neither deleted nor released: it comes back after
     * {@link #LIVE_STACK_RECHECK} ({@link #keepForLiveStack}), and in the dead-letter queue at
     * the latest it is what tells a stack whose holder then dies. A stack with no message, its resend claimed by the dead-letter
     * sweep and its fresh message not yet recorded ({@link StackingRecords#claimStackResend}), is
     * nobody's: the message that comes first takes it.
     *
     * @return whether the message is settled and may be deleted; false for the message of a live stack
     */
    private boolean stackIfOrphaned(JobId id, ReceivedShot message, CancellationToken cancel,
            CancellationToken uploadStop, CancellationToken jobEnded) {
        JobRecord job = table.job(id).orElseThrow();
        boolean stack;
        if (job.status() == JobStatus.STACKING) {
            java.time.Instant aliveSince = java.time.Instant.now().minus(STACKER_ALIVE);
            stack = table.stacking().takeStack(id, message.messageId(), aliveSince);
            if (!stack) {
                JobRecord now = table.job(id).orElseThrow();
                if (now.status() == JobStatus.STACKING && message.messageId().equals(now.stackMessage())) {
                    LOG.info("job {} is being stacked by another worker from this very message: left to it, the message "
                            + "kept hidden for {} s", id, timings.liveStackRecheck().toSeconds());
                    return false;
                }
                LOG.info("job {} is being stacked by another worker, or no longer stacking: dropping a duplicate message", id);
                return true;
            }
        } else {
            stack = job.done() == job.total() && job.status() == JobStatus.RUNNING
                    && table.stacking().startStacking(id, message.messageId());
        }
        if (stack) {
            LOG.info("job {}: all {} shots counted and no stack stored: stacking", id, job.total());
            stack(table.job(id).orElseThrow(), cancel, uploadStop, jobEnded);
        }
        return true;
    }

    /**
     * Keeps a live stack's own message hidden for {@link #LIVE_STACK_RECHECK}, so that its next
     * receive finds the stacker's beat stale if it died meanwhile. A change SQS refuses (the
     * message received again meanwhile, its receipt handle stale) leaves the delivery's
     * visibility: the message still comes back, one refusal sooner.
     */
    private void keepForLiveStack(ReceivedShot message) {
        try {
            queue.extend(message, (int) timings.liveStackRecheck().toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not keep its stack's message hidden for {} s, it comes back after its visibility ({})",
                    message.task().jobId(), timings.liveStackRecheck().toSeconds(), e.getMessage());
        }
    }

    /**
     * Deletes the message of a settled stack (or of a duplicate). A stack's message may have been
     * received again meanwhile (SQS's duplicate delivery, or back after the 12 h visibility cap,
     * {@link Heartbeat}), and SQS may then refuse this delivery's receipt handle: no failure of
     * the stack, whose job is settled in the table; the message is dropped when it comes back.
     */
    private void deleteAfterStack(ReceivedShot message) {
        try {
            queue.delete(message);
        } catch (RuntimeException e) {
            LOG.info("job {}: its stack's message was received again meanwhile and is dropped when it comes back ({})",
                    message.task().jobId(), e.getMessage());
        }
    }

    /**
     * Stacks the job, the heartbeat reporting for the stack meanwhile ({@link StackingRecords#beatStacking}).
     * {@code cancel} stops the stack; {@code uploadStop}, of which it is a child, alone stops an
     * output's upload under way, as a shot's result's ({@link #runShot}): a worker stopping lets it
     * go on for {@link #UPLOAD_GRACE}, then it is stopped, aborted, and the stack handed back;
     * {@code jobEnded}, of which {@code uploadStop} is a child, is the job's end alone.
     */
    private void stack(JobRecord job, CancellationToken cancel, CancellationToken uploadStop, CancellationToken jobEnded) {
        stacking = true;
        try {
            stacker.stack(job, activeFor(job), cancel, uploadStop, jobEnded);
        } finally {
            stacking = false;
        }
    }

    private ActiveJob activeFor(JobRecord job) {
        if (active == null || !active.id().equals(job.id())) {
            closeActive();
            active = new ActiveJob(job.id(), workspace.resolve(job), workspace.shots(job), workspace.jobDir(job.id()),
                    workspace.recorded(job), scratchSpace.makingRoomWith(workspace::makeRoomForScratch));
        }
        return active;
    }

    /**
     * Lets go of the job whose shots this worker ran last: its engine, and its directory (spec,
     * scratch). Inputs stay in the shared cache, since the next job often uses the same model.
     */
    private void closeActive() {
        if (active != null) {
            JobId id = active.id();
            active.close();
            active = null;
            workspace.forget(id);
        }
    }

    private static String clip(String s) {
        String t = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
