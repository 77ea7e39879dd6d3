package io.seiswork.cloud.job;

/**
 * A job's {@code SHOT#<n>} item.
 *
 * @param shot shot number, from 1
 * @param state where it is
 * @param attempts how many times a worker started it
 * @param worker the worker that ran it last, or null
 * @param seconds wall seconds of its last completed run, 0 before
 * @param gptsPerSecond propagation throughput of that run (10⁹ grid points × steps per second)
 * @param error the last attempt's error, or null
 * @param progress fraction of the running attempt's time steps done, as its worker last reported
 *     it (every few seconds); 1 once DONE
 * @param beat when its worker last said it was alive (its start, then at least every 30 s), or
 *     null for a shot never started
 * @param receives how many times SQS had delivered the message its running attempt came from
 *     (0 when not recorded)
 * @param message SQS's id of the message its running attempt came from, or null when not recorded
 * @param errorAttempt which attempt (from 1: SQS's delivery count of its message, as in "attempt 2 of 3";
 *     a hand-back or a duplicate delivery starts the shot again without adding one) {@code error}
 *     came from, 0 when not recorded (no
 *     error, or an item written before it was): a shot RUNNING again still carries the error of
 *     an earlier attempt, since an attempt killed with its worker records none
 */
public record ShotRecord(int shot, ShotState state, int attempts, String worker, double seconds, double gptsPerSecond,
        String error, double progress, java.time.Instant beat, int receives, String message, int errorAttempt) {

    /**
     * How long the RUNNING shot's worker has said nothing at {@code now} (its last report's age),
     * or null when the shot is not RUNNING or no report is recorded. The beat is stamped by the
     * worker's clock: {@code now} must be on the service's (the dispatcher's {@code clock()}), not
     * a reader's that may be minutes off.
     */
    public java.time.Duration silentFor(java.time.Instant now) {
        return state == ShotState.RUNNING && beat != null ? java.time.Duration.between(beat, now) : null;
    }

    /** Whether the shot is RUNNING but its worker has not said a word since {@code silentSince}. */
    public boolean silent(java.time.Instant silentSince) {
        return state == ShotState.RUNNING && beat != null && beat.isBefore(silentSince);
    }

    /**
     * Whether the shot is silent ({@link #silent}) on the last delivery of its message: its worker
     * died, SQS moves the message to the dead-letter queue rather than deliver it a fourth time,
     * and the job would wait for a shot nobody will run. A silent shot on an earlier delivery is
     * not lost: its message comes back to another worker once the visibility timeout runs out,
     * however long the queue in front of it.
     */
    public boolean lost(java.time.Instant silentSince) {
        return silent(silentSince) && receives >= ShotAttempts.MAX;
    }
}
