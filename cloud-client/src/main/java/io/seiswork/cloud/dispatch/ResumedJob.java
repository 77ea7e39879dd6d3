package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobId;
import java.util.List;

/**
 * What {@link Dispatcher#resume} did.
 *
 * @param id the job
 * @param queued the shots queued again, ascending: failed, cancelled or never started, and done
 *     shots whose result was gone from the bucket; empty when every shot was done and only the
 *     stack is to be made again
 * @param kept done shots whose stored results are kept and not run again
 * @param lostResults the done shots among {@code queued} whose result was missing
 */
public record ResumedJob(JobId id, List<Integer> queued, int kept, List<Integer> lostResults) {

    public ResumedJob {
        queued = List.copyOf(queued);
        lostResults = List.copyOf(lostResults);
    }
}
