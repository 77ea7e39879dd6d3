package io.seiswork.cloud.job;

import java.time.Instant;
import java.util.List;

/**
 * A job's {@code META} item.
 *
 * @param id the job
 * @param name the spec's name
 * @param task "model" or "rtm"
 * @param status where the job is
 * @param specKey S3 key of the submitted spec
 * @param total shots in the job
 * @param done shots finished and counted (each once, however often delivered)
 * @param failed shots that failed their last attempt
 * @param created when it was submitted
 * @param updated last change
 * @param error why it failed, or null
 * @param outputs output file names stored under {@code jobs/<id>/image/}, once DONE
 * @param stacked shot results the stacking worker has added so far (while STACKING; 0 before)
 * @param maxFailed failed shots the job runs on with ({@link FailedShots}); one more stops it
 * @param failedShots the numbers of the failed shots, ascending
 * @param resumes how often {@code seiswork resume} has run the job again
 * @param deleting whether {@code seiswork delete} has begun to delete it (it is not resumed then)
 * @param stackBeat when the stacking worker last said it was alive (while STACKING: at the start,
 *     then at least every 30 s), or null: what tells a stack whose worker died on the last delivery
 *     of its message
 * @param stackMessage SQS's id of the message the stacking attempt came from, or null
 * @param stackResends how often in this run (since the last resume) the dead-letter sweep sent
 *     the stack again after its workers died on every delivery of its message: 0 or 1, since a
 *     second such loss fails the job
 */
public record JobRecord(JobId id, String name, String task, JobStatus status, String specKey, int total, int done,
        int failed, Instant created, Instant updated, String error, List<String> outputs, int stacked, int maxFailed,
        List<Integer> failedShots, int resumes, boolean deleting, Instant stackBeat, String stackMessage,
        int stackResends) {

    public JobRecord {
        outputs = List.copyOf(outputs);
        failedShots = List.copyOf(failedShots);
    }
}
