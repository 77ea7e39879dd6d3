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
 * @param beat when its worker last said it was alive (its start, then every status poll), or
 *     null for a shot never started
 */
public record ShotRecord(int shot, ShotState state, int attempts, String worker, double seconds, double gptsPerSecond,
        String error, double progress, java.time.Instant beat) {

    /**
     * Whether the shot is RUNNING but its worker has not said a word since {@code silentSince}:
     * the worker died, and no other took the shot up again (its message would have come back
     * after the visibility timeout), so its message is in the dead-letter queue and the job waits
     * for a shot nobody will run.
     */
    public boolean lost(java.time.Instant silentSince) {
        return state == ShotState.RUNNING && beat != null && beat.isBefore(silentSince);
    }
}
