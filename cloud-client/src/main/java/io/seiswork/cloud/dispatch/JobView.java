package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.util.List;

/**
 * What {@code seiswork status} shows: the job, every shot, and the queue around it.
 *
 * @param job the META item
 * @param shots the shot items, by number
 */
public record JobView(JobRecord job, List<ShotRecord> shots) {

    /** Shots in {@code state}. */
    public long count(ShotState state) {
        return shots.stream().filter(s -> s.state() == state).count();
    }
}
