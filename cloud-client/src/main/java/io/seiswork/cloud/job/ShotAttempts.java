package io.seiswork.cloud.job;

/**
 * How often a shot is tried: as often as SQS delivers its message before the dead-letter queue
 * takes it ({@code maxReceiveCount}), so the job table and the queue agree on the last attempt.
 */
public final class ShotAttempts {

    /** Attempts per shot. */
    public static final int MAX = 3;

    private ShotAttempts() {
    }

    /** Whether the delivery numbered {@code receiveCount} (from 1) is the shot's last chance. */
    public static boolean isLast(int receiveCount) {
        return receiveCount >= MAX;
    }
}
