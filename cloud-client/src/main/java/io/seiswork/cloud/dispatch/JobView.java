package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobRecord;
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

    /** Shots in {@code state}. */
    public long count(ShotState state) {
        return shots.stream().filter(s -> s.state() == state).count();
    }

    /**
     * The shots RUNNING, on the last delivery of their message, on a worker that has been silent
     * for {@link #LOST_AFTER} at {@code now} ({@link ShotRecord#lost}): it died, the message is in
     * the dead-letter queue, where the next worker to sweep it counts them failed (the worker's
     * {@code DeadLetterSweep}); {@code seiswork resume} then runs them again.
     */
    public List<Integer> lostShots(Instant now) {
        Instant silentSince = now.minus(LOST_AFTER);
        return job.status().isFinal() ? List.of()
                : shots.stream().filter(s -> s.lost(silentSince)).map(ShotRecord::shot).toList();
    }
}
