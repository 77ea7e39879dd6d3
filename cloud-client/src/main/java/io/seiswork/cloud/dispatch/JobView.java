package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code seiswork status} shows: the job, every shot, and the queue around it.
 *
 * @param job the META item
 * @param shots the shot items, by number
 */
public record JobView(JobRecord job, List<ShotRecord> shots) {

    /**
     * How long a running shot's worker may be silent before the shot counts as lost: workers
     * report at least every 30 s, and a dead worker's message comes back to another after the
     * queue's visibility timeout (5 min on the stack); silent three times that long, the message
     * is not coming back.
     */
    public static final Duration LOST_AFTER = Duration.ofMinutes(15);

    /**
     * How long a follower waits between two reads of a job of {@code shots} shots: {@code least},
     * or 1 ms a shot where that is longer. Each read queries every shot item (about 160 B each:
     * 3.2 MB, two 1 MB pages and more, at 20,000 shots), so a large job is read every 20 s at
     * most, some 160 kB/s, while a shot takes minutes.
     */
    public static Duration pollInterval(int shots, Duration least) {
        Duration perShot = Duration.ofMillis(Math.max(0, shots));
        return perShot.compareTo(least) > 0 ? perShot : least;
    }

    /**
     * Whether shot {@code s} will not run: QUEUED in a job that ended CANCELLED or FAILED, whose
     * queued shots no worker starts (they run again only after a resume, which queues them anew).
     * Derived from the job's status so that a cancel writes the job item alone, not every shot
     * item of a job of 100,000 shots; shown as NOT_RUN in {@code status}'s table, as {@code "notRun": true}
     * beside the stored {@code "state": "QUEUED"} in its {@code --json} (whose states are the stored ones
     * alone), and as "not run" by the desktop.
     */
    public boolean notRun(ShotRecord s) {
        return s.state() == ShotState.QUEUED && job.status().isFinal() && job.status() != JobStatus.DONE;
    }

    /**
     * The state {@code status}'s table shows for shot {@code s}: its own, or NOT_RUN when
     * {@link #notRun} says it will not run. For people only: NOT_RUN is no {@link ShotState}.
     */
    public String shownState(ShotRecord s) {
        return notRun(s) ? "NOT_RUN" : s.state().name();
    }

    /** Shots in {@code state}. */
    public long count(ShotState state) {
        return shots.stream().filter(s -> s.state() == state).count();
    }

    /**
     * The shots RUNNING, on the last delivery of their message, on a worker that has been silent
     * for {@link #LOST_AFTER} at {@code now} ({@link ShotRecord#lost}; {@code now} on the service's
     * clock, {@link Dispatcher#clock()}, as the beats are): it died, the message is in
     * the dead-letter queue, where the next worker to sweep it counts them failed (the worker's
     * {@code DeadLetterSweep}); {@code seiswork resume} then runs them again.
     */
    public List<Integer> lostShots(Instant now) {
        Instant silentSince = now.minus(LOST_AFTER);
        return job.status().isFinal() ? List.of()
                : shots.stream().filter(s -> s.lost(silentSince)).map(ShotRecord::shot).toList();
    }
}
