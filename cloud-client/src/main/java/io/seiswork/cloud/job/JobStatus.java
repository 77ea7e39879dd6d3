package io.seiswork.cloud.job;

/**
 * Life of a cloud job in the job table ({@code sk = META}). QUEUED until a worker starts its first
 * shot; RUNNING while shots run; STACKING once the last shot is counted (exactly one worker gets
 * there, by a conditional write) and sums the partial images; DONE when the outputs are stored.
 * FAILED when more shots failed their last attempt than the job allows, or when its other shots
 * are done and some failed ({@link FailedShots}); CANCELLED by the client at any time before DONE.
 * A FAILED or CANCELLED job may be resumed: RUNNING (or QUEUED) again with its done shots kept.
 */
public enum JobStatus {
    QUEUED, RUNNING, STACKING, DONE, FAILED, CANCELLED;

    /** Whether the job has ended: nothing runs for it until a FAILED or CANCELLED one is resumed. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
