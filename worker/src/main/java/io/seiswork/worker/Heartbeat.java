package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.core.progress.CancellationToken;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does in the background while it holds a shot: keeps the message invisible (every
 * third of the visibility timeout, on a thread of its own, so a shot of an hour never reappears
 * to another worker while this one is alive; at most {@link #HOLD_CAP}, SQS's limit), watches the job's status, cancelling the shot when the job ends (the client
 * cancels it, or it failed past its limit of failed shots), reports how far the shot is to the job
 * table for the progress panes (at least every 30 s, the sign that the worker is alive; while the
 * job is stacked, the sign goes to the job's item), notices a shot whose engine has stopped
 * stepping ({@link WorkerSettings#hangAfter()}), and on ECS
 * keeps the task protected from scale-in ({@link TaskProtection}). A failed call is logged and
 * retried at the next tick: a network blip must not stop a shot an hour in.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seiswork-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Protection asked for while a message is held, renewed every {@value #RENEW_MINUTES} minutes. */
    static final int PROTECT_MINUTES = 120;
    static final int RENEW_MINUTES = 30;
    /**
     * Longest time between two reports of a running shot, even when it has not moved: the job
     * table's sign that its worker is alive ({@link io.seiswork.cloud.job.ShotRecord#lost}); the
     * same period {@code status} counts missed reports by.
     */
    static final long BEAT_EVERY_NS = io.seiswork.cloud.dispatch.ShotNotes.BEAT_EVERY.toNanos();

    /**
     * The held message's own thread: a DynamoDB call that hangs or is throttled on {@link #timer}
     * (bounded by the client's call timeout, {@code CloudClients}) must not delay the extension
     * past the message's visibility, which would hand a live shot or stack to a second worker.
     */
    private final ScheduledExecutorService visibilityTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seiswork-visibility");
        t.setDaemon(true);
        return t;
    });

    /**
     * How long a worker keeps its message hidden at most, from when the heartbeat starts: SQS
     * refuses to keep a message invisible beyond 12 h from its receipt, and 10 minutes are left
     * for the time between the receipt and the heartbeat's start (one job read, bounded by the
     * DynamoDB call timeout) and for clocks. Past it the message comes back; a shot then runs
     * again elsewhere (shots take minutes to an hour), while a stack still reporting is never
     * taken over ({@link StackingRecords#takeStack}), its message kept by
     * whoever receives it until the stack ends or its stacker falls silent.
     */
    static final java.time.Duration HOLD_CAP = java.time.Duration.ofHours(12).minusMinutes(10);

    private final TaskProtection protection;

    /**
     * Set by {@link #close()} before it interrupts a call in flight: that call's failure ("Thread was
     * interrupted") is the shot's normal end, not a failure to read or write, and is not logged.
     */
    private volatile boolean closing;

    /**
     * @param progress fraction of the shot's time steps done, reported to the job table with each
     *     status read when it moved
     * @param stacking whether the job is being stacked now (the shot is done): the sign of life
     *     then goes to the job's item ({@link StackingRecords#beatStacking})
     * @param protection the task's scale-in protection: on from now until {@link #close()}
     * @param onHang called once when the shot has begun stepping (its progress above 0 and below
     *     1) and its progress has not moved for {@link WorkerSettings#hangAfter()}: its engine is
     *     hung, and only the process's end frees the thread
     * @param visibility the visibility the message was received with, which the heartbeat extends
     *     by every third of it: the worker's {@link WorkerSettings#visibility()}
     * @param timings the longest the message is kept hidden ({@link WorkerTimings#holdCap()})
     */
    Heartbeat(ShotQueue queue, ReceivedShot message, JobTable table, JobId job, CancellationToken cancel,
            WorkerSettings settings, DoubleSupplier progress, BooleanSupplier stacking, TaskProtection protection,
            Runnable onHang, java.time.Duration visibility, WorkerTimings timings) {
        this(queue, message, table, job, cancel, settings, progress, stacking, protection, onHang, visibility, timings,
                System::nanoTime);
    }

    /**
     * As above, the watch (the hang limit, the 30 s sign of life) timed by {@code nanoTime} in
     * nanoseconds instead of {@link System#nanoTime}: a test moves it, so that a hang is told by
     * the time it set rather than by how long the test slept. The watch still ticks every
     * {@link WorkerSettings#statusPoll()} of real time, and the message's hold keeps real time.
     */
    Heartbeat(ShotQueue queue, ReceivedShot message, JobTable table, JobId job, CancellationToken cancel,
            WorkerSettings settings, DoubleSupplier progress, BooleanSupplier stacking, TaskProtection protection,
            Runnable onHang, java.time.Duration visibility, WorkerTimings timings, java.util.function.LongSupplier nanoTime) {
        java.time.Duration holdCap = timings.holdCap();
        this.protection = protection;
        if (protection.active()) {
            protection.protect(PROTECT_MINUTES);
            timer.scheduleAtFixedRate(() -> protection.protect(PROTECT_MINUTES), RENEW_MINUTES, RENEW_MINUTES,
                    TimeUnit.MINUTES);
        }
        long visibilityS = visibility.toSeconds();
        long extendEveryS = Math.max(1, visibilityS / 3);
        long heldUntil = System.nanoTime() + holdCap.toNanos();
        visibilityTimer.scheduleAtFixedRate(() -> {
            long leftS = (heldUntil - System.nanoTime()) / 1_000_000_000L;
            if (leftS < 1) {
                LOG.info("shot {} of job {}: its message has been held {} h, SQS's limit: no longer extended, it comes back"
                        + " to the queue", message.task().shot(), job, String.format(java.util.Locale.ROOT, "%.2f",
                        holdCap.toSeconds() / 3600.0));
                visibilityTimer.shutdown();
                return;
            }
            try {
                queue.extend(message, (int) Math.min(visibilityS, leftS));
            } catch (RuntimeException e) {
                warn("could not extend shot {} of job {}: {}", message.task().shot(), job, e.getMessage());
            }
        }, extendEveryS, extendEveryS, TimeUnit.SECONDS);
        long pollMs = settings.statusPoll().toMillis();
        int shot = message.task().shot();
        double[] reported = {0};
        long[] reportedAt = {nanoTime.getAsLong()};
        long hangNs = settings.hangAfter().toNanos();
        double[] lastSeen = {-1};
        long[] movedAt = {nanoTime.getAsLong()};
        boolean[] hung = {false};
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (table.jobStatus(job).map(JobStatus::isFinal).orElse(true)) {  // cancelled, or failed past its limit
                    cancel.cancel();
                }
            } catch (RuntimeException e) {
                warn("could not read the status of job {}: {}", job, e.getMessage());
            }
            try {  // on its own: a failed status read must not skip the sign of life
                double p = progress.getAsDouble();
                long now = nanoTime.getAsLong();
                if (p != lastSeen[0]) {
                    lastSeen[0] = p;
                    movedAt[0] = now;
                } else if (hangNs > 0 && !hung[0] && p > 0 && p < 1 && !stacking.getAsBoolean()
                        && now - movedAt[0] >= hangNs) {
                    // Between its first and last time step a shot moves every few seconds at most:
                    // downloads before and uploads after are not watched (progress 0 and 1).
                    hung[0] = true;
                    onHang.run();
                }
                if (stacking.getAsBoolean()) {
                    if (now - reportedAt[0] >= BEAT_EVERY_NS) {
                        table.stacking().beatStacking(job);
                        reportedAt[0] = now;
                    }
                } else if (p - reported[0] >= 0.005 || now - reportedAt[0] >= BEAT_EVERY_NS) {
                    table.reportProgress(job, shot, p);  // also the sign of life that tells a lost shot
                    reported[0] = p;
                    reportedAt[0] = now;
                }
            } catch (RuntimeException e) {
                warn("could not report shot {} of job {}: {}", shot, job, e.getMessage());
            }
        }, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    /** Logs a failed call as a warning, unless it failed because {@link #close()} interrupted it. */
    private void warn(String format, Object... args) {
        if (closing) {
            LOG.debug(format, args);
        } else {
            LOG.warn(format, args);
        }
    }

    @Override
    public void close() {
        closing = true;
        visibilityTimer.shutdownNow();
        timer.shutdownNow();
        protection.release();
    }
}
