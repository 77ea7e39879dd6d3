package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobId;

/**
 * What {@link Dispatcher#delete} removed.
 *
 * @param id the job
 * @param objects objects deleted under {@code jobs/<id>/}: its spec, shot results and outputs
 * @param bytes their total size
 */
public record DeletedJob(JobId id, int objects, long bytes) { }
