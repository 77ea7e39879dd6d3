package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.JobId;
import java.util.List;

/**
 * A job the dispatcher queued.
 *
 * @param id its id
 * @param shots shots queued
 * @param inputs input keys it uses (uploaded now or found already stored)
 * @param uploadedBytes bytes uploaded for it (inputs already stored count 0)
 */
public record SubmittedJob(JobId id, int shots, List<String> inputs, long uploadedBytes) { }
