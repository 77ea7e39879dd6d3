package io.seiswork.worker;

import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.queue.ShotQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * <p>It looks at most every {@link #LOOK_EVERY}, from the dead-letter sweep of each worker: two
 * days of margin need no finer watch, and each look reads the job items submitted over 12 days
 * ago that are still running (the index of jobs) and the shot items of those alone.
 */
final class StaleShotResend {

    private static final Logger LOG = LoggerFactory.getLogger(StaleShotResend.class);

    /** How long a shot's message may wait before it is sent again: two days within SQS's 14. */
    static final Duration RESEND_AFTER = Duration.ofDays(12);
    /** How often a worker looks for such shots. */
    static final Duration LOOK_EVERY = Duration.ofHours(1);

    private final ShotQueue shots;
    private final JobTable table;
    private final Clock clock;
    private final Duration resendAfter;
    private final Duration lookEvery;
    private Instant lastLook;

    StaleShotResend(ShotQueue shots, JobTable table, Clock clock) {
        this(shots, table, clock, RESEND_AFTER, LOOK_EVERY);
    }

    /** With other ages and intervals: tests cannot wait 12 days. */
    StaleShotResend(ShotQueue shots, JobTable table, Clock clock, Duration resendAfter, Duration lookEvery) {
        this.shots = shots;
        this.table = table;
        this.clock = clock;
        this.resendAfter = resendAfter;
        this.lookEvery = lookEvery;
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

    /** Sends a fresh message for every QUEUED shot whose message was sent {@code resendAfter} ago; returns how many. */
    int resend() {
        Instant before = clock.instant().minus(resendAfter);
        int sent = 0;
        for (JobRecord job : table.unfinishedJobsSubmittedBefore(before)) {
            List<Integer> stale = table.queuedShotsSentBefore(job.id(), before, job.created());
            if (stale.isEmpty()) {
                continue;
            }
            shots.send(job.id(), stale, job.resumes());
            Instant sentAt = clock.instant();
            List<Integer> recorded = new ArrayList<>();
            for (int shot : stale) {
                if (table.recordResent(job.id(), shot, before, sentAt)) {
                    recorded.add(shot);
                }
            }
            sent += stale.size();
            LOG.info("job {}: {} shot{} queued for over {} days sent again before SQS drops their messages ({} recorded; "
                    + "the others moved on meanwhile and their fresh messages will be dropped)", job.id(), stale.size(),
                    stale.size() == 1 ? "" : "s", resendAfter.toDays(), recorded.size());
        }
        return sent;
    }
}
