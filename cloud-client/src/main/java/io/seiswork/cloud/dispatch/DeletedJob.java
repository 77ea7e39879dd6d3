package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobId;
import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;

/**
 * What {@link Dispatcher#delete} removed.
 *
 * @param id the job
 * @param objects objects deleted under {@code jobs/<id>/}: its spec, shot results and outputs
 * @param bytes their total size
 */
public record DeletedJob(JobId id, int objects, long bytes) {

    /** One line for people: {@code deleted job JOB: 3 stored objects (1.5 GiB); its inputs stay stored}. */
    public String summary() {
        return String.format(Locale.ROOT, "deleted job %s: %d stored object%s (%s); its inputs stay stored", id, objects,
                objects == 1 ? "" : "s", MemoryEstimate.human(bytes));
    }
}
