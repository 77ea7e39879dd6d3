package io.seiswork.worker;

import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ShotResends;
import io.seiswork.cloud.job.UnfinishedJob;
import io.seiswork.cloud.queue.ShotQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends again the messages of shots that have waited in the queue for {@link #RESEND_AFTER}.
 * SQS drops a message {@code ShotQueues.RETENTION_DAYS} (14) days after it was sent, its longest,
 * silently: the message reaches no dead-letter queue, the shot stays QUEUED and its job RUNNING
 * for ever. A large survey waits longer than that (20 000 one-hour shots on 50 workers, 16
 * days), so a shot still QUEUED 12 days after its message was sent (the shot item's
 * {@code sent}) gets a fresh message of the job's current run, two days before the first
 * expires.
 *
 * <p>A fresh message beside one still alive is a duplicate, which the protocol already takes:
 * the one that comes second finds the shot DONE (the other ran it first; the old message is at
 * the front of the queue, the fresh one at its back) and is dropped, and a shot is counted once.
 * The fresh message is sent before it is recorded, so a worker lost in between leaves a
 * duplicate, never a shot without a message.
 *
 * <p>Only one worker sends a job's fresh messages at a time. With 50 to 1000 workers each looking
 * hourly, some worker looks every few seconds, and recording 20 000 sends takes minutes: every
 * look in that window would send again every shot not yet recorded. So a worker that finds stale
 * shots first claims the job ({@link ShotResends#claimShotResend}: a conditional write of its id and
 * an expiry, {@link #CLAIM_HOLD}, on the job item, taken only when no live claim is there), then
 * reads the stale shots again (a claimant before it may have recorded them meanwhile), sends,
 * records, and lets go of the claim. A claimant that dies leaves duplicates of what it sent
 * unrecorded, never a lost shot, and its claim expires for the next look to continue.
 *
 * <p>It looks at most every {@link #LOOK_EVERY}, from the dead-letter sweep of each worker: two
 * days of margin need no finer watch. Each look reads the thin index {@value JobTable#RESEND_INDEX}
 * (~100 bytes per job submitted over 12 days ago, ended ones included: a filter on the status
 * is applied after the read) and the shot items of the jobs still running and not claimed.
 */
final class StaleShotResend {

    private static final Logger LOG = LoggerFactory.getLogger(StaleShotResend.class);

    /** How long a shot's message may wait before it is sent again: two days within SQS's 14. */
    static final Duration RESEND_AFTER = Duration.ofDays(12);
    /** How often a worker looks for such shots. */
    static final Duration LOOK_EVERY = Duration.ofHours(1);
    /**
     * How long a claim on a job's re-send holds: well over the minutes 20 000 sends and their
     * records take, so that no second worker sends while the first still records; short enough
     * that a claimant lost leaves its job to the next hourly looks.
     */
    static final Duration CLAIM_HOLD = Duration.ofHours(1);

    private final ShotQueue shots;
    private final JobTable table;
    private final Clock clock;
    private final Duration resendAfter;
    private final Duration lookEvery;
    /** This worker's name in its claims: one per worker process. */
    private final String claimant;
    private Instant lastLook;

    StaleShotResend(ShotQueue shots, JobTable table, Clock clock) {
        this(shots, table, clock, RESEND_AFTER, LOOK_EVERY, "worker-" + UUID.randomUUID());
    }

    /** With other ages and intervals (tests cannot wait 12 days), claiming as {@code claimant}. */
    StaleShotResend(ShotQueue shots, JobTable table, Clock clock, Duration resendAfter, Duration lookEvery, String claimant) {
        this.shots = shots;
        this.table = table;
        this.clock = clock;
        this.resendAfter = resendAfter;
        this.lookEvery = lookEvery;
        this.claimant = claimant;
    }

    /** {@link #resend} unless it looked less than {@code lookEvery} ago; returns the shots sent again. */
    int resendIfDue() {
        Instant now = clock.instant();
        if (lastLook != null && now.isBefore(lastLook.plus(lookEvery))) {
            return 0;
        }
        lastLook = now;
        return resend();
    }

    /**
     * Sends a fresh message for every QUEUED shot whose message was sent {@code resendAfter} ago,
     * of the jobs this worker can claim; returns how many.
     */
    int resend() {
        Instant before = clock.instant().minus(resendAfter);
        int sent = 0;
        for (UnfinishedJob job : table.shotResends().unfinishedJobsSubmittedBefore(before)) {
            if (job.claimedUntil() != null && job.claimedUntil().isAfter(clock.instant())) {
                continue;  // another worker sends them (the index may lag: the claim's write decides)
            }
            if (table.shotResends().queuedShotsSentBefore(job.id(), before, job.created()).isEmpty()
                    || !table.shotResends().claimShotResend(job.id(), claimant, clock.instant(), CLAIM_HOLD)) {
                continue;
            }
            try {
                sent += resendClaimed(job, before);
            } finally {
                table.shotResends().releaseShotResendClaim(job.id(), claimant);
            }
        }
        return sent;
    }

    /** Under this worker's claim: the stale shots read again, sent, then recorded; returns how many. */
    private int resendClaimed(UnfinishedJob job, Instant before) {
        List<Integer> stale = table.shotResends().queuedShotsSentBefore(job.id(), before, job.created());
        if (stale.isEmpty()) {
            return 0;  // a claimant before this one sent and recorded them
        }
        shots.send(job.id(), stale, job.run());
        Instant sentAt = clock.instant();
        List<Integer> recorded = new ArrayList<>();
        for (int shot : stale) {
            if (table.shotResends().recordResent(job.id(), shot, before, sentAt)) {
                recorded.add(shot);
            }
        }
        LOG.info("job {}: {} shot{} queued for over {} days sent again before SQS drops their messages ({} recorded; "
                + "the others moved on meanwhile and their fresh messages will be dropped)", job.id(), stale.size(),
                stale.size() == 1 ? "" : "s", resendAfter.toDays(), recorded.size());
        return stale.size();
    }
}
