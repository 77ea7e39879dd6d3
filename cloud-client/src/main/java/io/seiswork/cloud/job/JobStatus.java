package io.seiswork.cloud.job;

/**
 * Life of a cloud job in the job table ({@code sk = META}). QUEUED until a worker starts its first
 * shot; RUNNING while shots run; STACKING once the last shot is counted (exactly one worker gets
 * there, by a conditional write) and sums the partial images; DONE when the outputs are stored.
 * FAILED when a shot failed its last attempt; CANCELLED by the client at any time before DONE.
 */
public enum JobStatus {
    QUEUED, RUNNING, STACKING, DONE, FAILED, CANCELLED;

    /** Whether the job will not change any more. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
