package io.seiswork.cloud.job;

import java.time.Instant;

/**
 * What the stale-shot re-send needs of a QUEUED or RUNNING job, read from the thin index
 * {@value JobTable#RESEND_INDEX} rather than the job item (which carries {@code doneShots}, up to
 * ~70 KB): its id, when it was submitted, its run, and until when another worker's re-send holds
 * it.
 *
 * @param id the job
 * @param created when it was submitted (no message of it is older)
 * @param run the job's {@code resumes} count, the run its fresh messages carry
 * @param claimedUntil until when a worker's re-send claim holds the job ({@link ShotResends#claimShotResend});
 *     null when none was ever taken. As the index read it: a hint to skip the job, the claim's
 *     conditional write decides
 */
public record UnfinishedJob(JobId id, Instant created, int run, Instant claimedUntil) {
}
