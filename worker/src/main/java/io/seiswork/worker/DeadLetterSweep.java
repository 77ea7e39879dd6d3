package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ShotAttempts;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.queue.ShotTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * Settles what the dead-letter queue holds, so that no job waits for ever on a shot nobody will
 * run. SQS moves a shot message there after {@value ShotAttempts#MAX} deliveries, whatever became
 * of them; only the job table tells what that means:
 * <ul>
 *   <li>the shot is FAILED: its third failure counted it (counted again, which changes nothing
 *       unless its worker died before counting it), and the letter is removed;</li>
 *   <li>the shot is RUNNING, from this very message (the shot item keeps the message id), on a
 *       worker silent for {@code lostAfter} (a worker reports at least every 30 s): its workers
 *       died on every delivery, an instance lost or a task killed for memory. It is counted
 *       failed ({@link JobTable#failLostShot}), so the job runs on within its limit of failed
 *       shots and ends FAILED for {@code seiswork resume}, or stops past it;</li>
 *   <li>the shot is DONE and its job STACKING, stacked from this message by a silent worker: the
 *       first time in the job's run, the stack is sent again as a fresh message, the resend
 *       claimed in the job's item before it is sent ({@link StackingRecords#claimStackResend}): a
 *       stacking worker lost to a spot interruption is common, and the stack needs nothing the
 *       next worker lacks. The second time the job is FAILED ({@link StackingRecords#failSilentStacking});
 *       {@code resume} stacks it again. A resend claimed by a sweep that was lost before its
 *       message was recorded, and that no worker took, is sent under the same claim once the
 *       claim is {@link #CLAIM_GRACE} old (should the lost sweep's message exist after all, the
 *       second is a duplicate the stack's holder drops, and the resend is counted once);</li>
 *   <li>a silent attempt that came from another message, a silent stack that came from another
 *       message while its run's resend is unspent, a job whose every shot is counted but whose
 *       stacking never began, and a shot still QUEUED (its hand-back failed) get a fresh message
 *       of the same run: a duplicate is harmless, a missing message hangs the job. Once the
 *       resend is spent, a letter of another message than the stack's is removed: the stack's
 *       own message either comes back to a worker or is dead-lettered and settles the job, and a
 *       fresh message would be a second resend by another name;</li>
 *   <li>a worker still speaking keeps its shot: the letter is looked at again once that worker
 *       could have been silent for {@code lostAfter};</li>
 *   <li>letters of ended, deleted or resumed jobs and of done shots are removed.</li>
 * </ul>
 * Every change is a conditional write on what was read, so sweeps by several workers at once,
 * and a worker that speaks again meanwhile, change nothing twice.
 */
final class DeadLetterSweep {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSweep.class);

    /** Letters handled in one sweep at most: a sweep between shots must stay short. */
    static final int MAX_PER_SWEEP = 10;
    /** How long a letter being handled stays hidden from other workers' sweeps, seconds. */
    private static final int HANDLING_S = 60;
    /** Shortest and longest wait before a letter whose worker still speaks is looked at again, seconds. */
    private static final long MIN_POSTPONE_S = 30;
    private static final long MAX_POSTPONE_S = 6 * 3600;
    /**
     * How old a stack resend's claim with no message must be before a sweep sends the stack
     * under it ({@link #sendUnderClaim}): a claim's send and record take well under a second, so
     * a claim two minutes old, twice the {@value #HANDLING_S} s its letter stays hidden, is a lost
     * sweep's, and one sent twice would only make a duplicate message.
     */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(2);

    /** What became of one letter. */
    enum Outcome {
        /** removed: no live job or shot needs it */
        DROPPED,
        /** removed: the table had the shot counted already */
        SETTLED,
        /** the shot's workers all died: counted failed, letter removed */
        LOST,
        /** the job's stacking workers all died, the first time in its run: the stack sent again, letter removed */
        STACK_RESENT,
        /** the job's stacking workers all died, the second time in its run: the job FAILED, letter removed */
        STACK_LOST,
        /** the shot still needed running or stacking: a fresh message sent, letter removed */
        REQUEUED,
        /** its worker still speaks: the letter comes back later */
        POSTPONED
    }

    private final ShotQueue deadLetters;
    private final ShotQueue shots;
    private final JobTable table;
    private final ShotMetrics metrics;
    private final Clock clock;
    private final Duration lostAfter;
    private final StaleShotResend staleShots;
    private final RepeatedFailureLog letterFailures = new RepeatedFailureLog(LOG, "settle the dead-letter queue's letters");
    private final RepeatedFailureLog resendFailures = new RepeatedFailureLog(LOG,
            "send again the messages of shots queued for " + StaleShotResend.RESEND_AFTER.toDays() + " days");

    /**
     * @param deadLetters the shot queue's dead-letter queue
     * @param shots the shot queue, for fresh messages
     * @param lostAfter how long a worker may be silent before its shot counts as lost
     */
    DeadLetterSweep(ShotQueue deadLetters, ShotQueue shots, JobTable table, ShotMetrics metrics, Clock clock,
            Duration lostAfter) {
        this(deadLetters, shots, table, metrics, clock, lostAfter, new StaleShotResend(shots, table, clock));
    }

    /** @param staleShots what sends again, now and then, the messages of shots queued for 12 days */
    DeadLetterSweep(ShotQueue deadLetters, ShotQueue shots, JobTable table, ShotMetrics metrics, Clock clock,
            Duration lostAfter, StaleShotResend staleShots) {
        this.staleShots = staleShots;
        this.deadLetters = deadLetters;
        this.shots = shots;
        this.table = table;
        this.metrics = metrics;
        this.clock = clock;
        this.lostAfter = lostAfter;
    }

    /**
     * Handles the letters visible now, {@value #MAX_PER_SWEEP} at most, then, at most hourly, sends
     * again the messages of shots queued for 12 days ({@link StaleShotResend}), which SQS would
     * drop without a letter; returns how many letters of each outcome. The parts are independent:
     * a part that fails (the dead-letter queue out of reach, a job table without the re-send's
     * index, one letter whose job cannot be read) is logged, once per distinct cause, and the
     * others still run; what failed is tried again at the next sweep.
     */
    Map<Outcome, Integer> sweep() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        try {
            settleLetters(outcomes);
            letterFailures.succeeded();
        } catch (RuntimeException e) {
            letterFailures.failed(e);
        }
        if (!outcomes.isEmpty()) {
            LOG.info("dead-letter queue swept: {}", outcomes);
        }
        try {
            staleShots.resendIfDue();
            resendFailures.succeeded();
        } catch (RuntimeException e) {
            resendFailures.failed(e);
        }
        return outcomes;
    }

    /**
     * Handles up to {@value #MAX_PER_SWEEP} letters into {@code outcomes}. A letter that fails
     * stays in the queue, hidden for its handling time, and the next is handled; the first such
     * failure is thrown once the others are done. A receive that fails ends the letters at once.
     */
    private void settleLetters(Map<Outcome, Integer> outcomes) {
        RuntimeException first = null;
        for (int i = 0; i < MAX_PER_SWEEP; i++) {
            // A second of long polling: a short poll may miss the few letters there are.
            Optional<ReceivedShot> letter = deadLetters.receive(1, HANDLING_S);
            if (letter.isEmpty()) {
                break;
            }
            try {
                outcomes.merge(handle(letter.get()), 1, Integer::sum);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Settles one letter (package-private for the tests). */
    Outcome handle(ReceivedShot letter) {
        ShotTask task = letter.task();
        if (task == null) {
            return drop(letter, Outcome.DROPPED);
        }
        JobId id = task.jobId();
        Optional<JobRecord> found = table.job(id);
        if (found.isEmpty() || found.get().status().isFinal() || letter.run() < found.get().resumes()
                || task.shot() > found.get().total()) {
            return drop(letter, Outcome.DROPPED);
        }
        JobRecord job = found.get();
        Optional<ShotRecord> item = table.shot(id, task.shot());
        if (item.isEmpty()) {
            return drop(letter, Outcome.DROPPED);
        }
        ShotRecord shot = item.get();
        Instant now = clock.instant();
        return switch (shot.state()) {
            case FAILED -> {
                // Counted again, which changes nothing if it was: its worker may have died between
                // failing the shot and counting it, and the job would wait for it.
                table.countFailedShot(id, task.shot(), letter.run(), shot.error());
                yield drop(letter, Outcome.SETTLED);
            }
            case QUEUED -> requeue(letter, "still queued");
            case RUNNING -> running(letter, job, shot, now);
            case DONE -> done(letter, job, now);
        };
    }

    private Outcome running(ReceivedShot letter, JobRecord job, ShotRecord shot, Instant now) {
        if (!silent(shot.beat(), now)) {
            return postpone(letter, shot.beat(), now);
        }
        boolean fromThisLetter = shot.message() != null ? shot.message().equals(letter.messageId())
                : shot.receives() == 0 || shot.receives() >= ShotAttempts.MAX;
        if (!fromThisLetter) {
            // Its silent attempt came from another message (a duplicate left by a hand-back or a
            // sweep), which may or may not come back: a fresh one makes sure (a shot runs at most
            // once more, and is counted once).
            return requeue(letter, "its silent attempt came from another message");
        }
        String error = "no result after " + ShotAttempts.MAX + " deliveries: the last worker, " + shot.worker()
                + ", fell silent at " + shot.beat() + " (an instance lost, or its task killed for memory)";
        if (!table.failLostShot(job.id(), shot.shot(), shot.worker(), shot.beat(), error, letter.run())) {
            return postponeBriefly(letter);  // it moved on meanwhile
        }
        LOG.warn("shot {} of job {} is lost and counted failed: {}", shot.shot(), job.id(), error);
        metrics.lost(job.id(), shot.shot(), job.task());
        return drop(letter, Outcome.LOST);
    }

    private Outcome done(ReceivedShot letter, JobRecord job, Instant now) {
        if (job.status() == JobStatus.STACKING) {
            // A stack begun by a worker from before stacks reported has no beat: the time it began
            // (the job's last update) stands in for it.
            Instant lastHeard = job.stackBeat() != null ? job.stackBeat() : job.updated();
            if (job.stackResends() > 0 && job.stackMessage() == null && job.stackBeat() != null) {
                return sendUnderClaim(letter, job, now);
            }
            if (!silent(lastHeard, now)) {
                return postpone(letter, lastHeard, now);
            }
            if (job.stackMessage() != null && !job.stackMessage().isEmpty()
                    && !job.stackMessage().equals(letter.messageId())) {
                if (job.stackResends() > 0) {
                    // The run's resend is spent (this may be the letter it replaced, back because
                    // its sweep died before removing it): the stack's own message settles the job,
                    // taken over when it comes back or failing the job when dead-lettered.
                    LOG.info("shot {} of job {} was dead-lettered but its stack, sent again once already, is another "
                            + "message's: removed", letter.task().shot(), job.id());
                    return drop(letter, Outcome.SETTLED);
                }
                // The silent stacker held another message, which may come back; a fresh one
                // makes sure a worker takes the stack over.
                return requeue(letter, "its job's silent stacker held another message");
            }
            if (job.stackResends() == 0) {
                return resendStack(letter, job, lastHeard);
            }
            String error = "stacking stopped: its worker fell silent on the last delivery of its message twice, the stack "
                    + "sent again once in between (last heard at " + lastHeard + ", " + job.stacked() + " of "
                    + job.total() + " shots stacked); 'seiswork resume " + job.id() + "' stacks it again";
            if (!table.stacking().failSilentStacking(job.id(), job.stackBeat(), error)) {
                return postponeBriefly(letter);
            }
            LOG.warn("job {}: {}", job.id(), error);
            metrics.lost(job.id(), 0, job.task());
            return drop(letter, Outcome.STACK_LOST);
        }
        if (job.done() == job.total()) {
            // Counted last, and its worker died before the stacking began: a worker that receives
            // a DONE shot of a job with every shot counted stacks it.
            return requeue(letter, "every shot counted, no stack begun");
        }
        return drop(letter, Outcome.SETTLED);
    }

    /**
     * The stack's workers died on every delivery of its message, for the first time in the job's
     * run: the run's one resend is claimed by a conditional write on what was read
     * ({@link StackingRecords#claimStackResend}), then a fresh message of the same run is sent and
     * recorded as the stack's ({@link StackingRecords#recordStackResend}). Claim first, so that nothing
     * after it can spend the resend twice: a worker that receives the fresh message before the
     * record takes the stack with it (the record then leaves the worker's message as the
     * stack's), and its loss, dead-lettered, finds the resend spent and fails the job.
     *
     * <p>A send that fails undoes the claim ({@link StackingRecords#undoStackResend}) and the letter
     * comes back after its handling time to claim again. A sweep that dies after its claim
     * leaves the resend claimed: its letter, back in a minute, finds either the fresh message
     * recorded or taken (the letter is removed once that stack is silent too, or fails the job
     * when it is that message's), or no message at all, and then sends the stack under the same
     * claim once the claim is {@link #CLAIM_GRACE} old ({@link #sendUnderClaim}).
     */
    private Outcome resendStack(ReceivedShot letter, JobRecord job, Instant lastHeard) {
        ShotTask task = letter.task();
        Optional<Instant> claim = table.stacking().claimStackResend(job.id(), job.stackBeat(), job.stackMessage());
        if (claim.isEmpty()) {
            return postponeBriefly(letter);  // another sweep won, or the stack spoke or was taken meanwhile
        }
        String fresh;
        try {
            fresh = shots.sendOne(task.jobId(), task.shot(), letter.run());
        } catch (RuntimeException e) {
            if (!table.stacking().undoStackResend(job.id(), claim.get(), job.stackBeat(), job.stackMessage())) {
                LOG.warn("job {}: the stack's resend could not be sent ({}) and its claim not undone: a worker took the "
                        + "stack meanwhile", job.id(), e.getMessage());
            }
            throw e;
        }
        return recorded(letter, job, fresh, "its stacking worker fell silent on the last delivery of its message (last "
                + "heard at " + lastHeard + ", " + job.stacked() + " of " + job.total() + " shots stacked): the stack is sent "
                + "again, once");
    }

    /**
     * The run's resend is claimed ({@code stackResends} 1) but no message is recorded and no
     * worker took the stack: the sweep that claimed it was lost before its send, or before its
     * record with its message not yet taken. Within {@link #CLAIM_GRACE} of the claim that sweep
     * may still be at it, and the letter waits; after it, the stack is sent under the same
     * claim, renewed first by a conditional write ({@link StackingRecords#renewStackResendClaim}) so
     * that of two sweeps one sends, and its message recorded as the first sweep would have. It
     * is still the run's one resend: the stack's next loss fails the job. Before, nothing was
     * sent and the job failed {@code lostAfter} after the claim for a stack no worker had been
     * given. A send that fails leaves the renewed claim, and the letter, back after its handling
     * time, sends once the grace has passed again.
     *
     * <p>No sweep can know whether the first sweep's message exists: SQS and the table share no
     * transaction, and a sweep lost (or stalled) between its send and its record leaves the
     * same item as one lost before its send, its message perhaps waiting in a backlog for hours.
     * So this may send a second message; the record makes it harmless and counted once
     * ({@link #recorded}).
     */
    private Outcome sendUnderClaim(ReceivedShot letter, JobRecord job, Instant now) {
        Instant claim = job.stackBeat();
        if (claim.plus(CLAIM_GRACE).isAfter(now)) {
            return postponeUntil(letter, claim.plus(CLAIM_GRACE), now);
        }
        Optional<Instant> renewed = table.stacking().renewStackResendClaim(job.id(), claim);
        if (renewed.isEmpty()) {
            return postponeBriefly(letter);  // another sweep renewed it, or a worker took the stack meanwhile
        }
        ShotTask task = letter.task();
        String fresh = shots.sendOne(task.jobId(), task.shot(), letter.run());
        return recorded(letter, job, fresh, "the stack's resend, claimed at " + claim + " by a sweep lost before its "
                + "message was recorded, is sent now under that claim (" + job.stacked() + " of " + job.total()
                + " shots stacked)");
    }

    /**
     * The stack's fresh message was sent as {@code fresh}: recorded as the run's resend
     * ({@link StackingRecords#recordStackResend}), logged and counted ({@code StacksResent}) by the one
     * sweep whose record it is. A refused record means that another sweep sent under the same
     * claim and recorded first (one of the two stalled between its send and its record past the
     * claim's grace, and the other renewed the claim meanwhile), or that the run is over. This
     * sweep's message is then a duplicate that the stack's holder drops (a worker that finds a
     * live stacker with another message leaves the stack to it; one whose stacker has fallen
     * silent takes it over, as any message of the stack would), and it counts nothing: one
     * resend, one count. The letter is removed either way.
     */
    private Outcome recorded(ReceivedShot letter, JobRecord job, String fresh, String what) {
        if (table.stacking().recordStackResend(job.id(), letter.run(), fresh)) {
            LOG.warn("job {}: {}", job.id(), what);
            metrics.stackResent(job.id(), job.task());
        } else {
            LOG.info("job {}: the stack's resend was recorded by another sweep first: this sweep's message {} is a "
                    + "duplicate, which the stack's holder drops, and is not counted", job.id(), fresh);
        }
        return drop(letter, Outcome.STACK_RESENT);
    }

    private boolean silent(Instant beat, Instant now) {
        return beat == null || beat.isBefore(now.minus(lostAfter));
    }

    private Outcome requeue(ReceivedShot letter, String why) {
        ShotTask task = letter.task();
        shots.send(task.jobId(), List.of(task.shot()), letter.run());
        LOG.info("shot {} of job {} was dead-lettered but {}: queued again", task.shot(), task.jobId(), why);
        return drop(letter, Outcome.REQUEUED);
    }

    /** Hides the letter until a worker last heard at {@code beat} could have been silent for {@code lostAfter}. */
    private Outcome postpone(ReceivedShot letter, Instant beat, Instant now) {
        return postponeUntil(letter, beat.plus(lostAfter), now);
    }

    /** Hides the letter until {@code when}, at least {@value #MIN_POSTPONE_S} s. */
    private Outcome postponeUntil(ReceivedShot letter, Instant when, Instant now) {
        long s = Duration.between(now, when).toSeconds() + 1;
        deadLetters.extend(letter, (int) Math.max(MIN_POSTPONE_S, Math.min(MAX_POSTPONE_S, s)));
        return Outcome.POSTPONED;
    }

    /** A conditional write was refused (the shot or stack moved on while read): look again in a minute. */
    private Outcome postponeBriefly(ReceivedShot letter) {
        deadLetters.extend(letter, (int) (2 * MIN_POSTPONE_S));
        return Outcome.POSTPONED;
    }

    private Outcome drop(ReceivedShot letter, Outcome outcome) {
        try {
            deadLetters.delete(letter);
        } catch (ReceiptHandleIsInvalidException e) {
            // This sweep held the letter past its handling time (stalled), and another sweep has
            // received it since: that sweep settles it, or has removed it already.
            LOG.info("letter {} was received by another sweep meanwhile, which settles it ({})", letter.messageId(),
                    e.getMessage());
        }
        return outcome;
    }
}
