package io.seiswork.worker;

import java.time.Duration;

/**
 * The waits a worker keeps to SQS's and its fellow workers' pace, which a deployment never
 * changes ({@link #DEFAULT}) and a test shortens, since it cannot wait 12 hours or 2.5 minutes:
 * given to a {@link ShotWorker} as its {@link WorkerSettings} are, so that no setter exists for it.
 *
 * @param holdCap the longest a held message is kept hidden, from its heartbeat's start
 *     ({@link Heartbeat#HOLD_CAP}: SQS's 12 h from the receipt, less 10 minutes); 1 s to 12 h
 * @param liveStackRecheck how long a live stack's own message, refused by this worker, stays
 *     hidden before it is received again ({@link ShotWorker#LIVE_STACK_RECHECK}: 2.5 minutes);
 *     1 s to 12 h, whole seconds (SQS's visibility is in seconds)
 */
public record WorkerTimings(Duration holdCap, Duration liveStackRecheck) {

    /** SQS's most visibility: 12 h. */
    private static final Duration SQS_MOST = Duration.ofHours(12);

    /** What a deployed worker keeps to. */
    public static final WorkerTimings DEFAULT = new WorkerTimings(Heartbeat.HOLD_CAP, ShotWorker.LIVE_STACK_RECHECK);

    public WorkerTimings {
        check("hold cap", holdCap);
        check("live stack recheck", liveStackRecheck);
        if (liveStackRecheck.getNano() != 0) {
            // SQS's visibility is whole seconds: the worker would hide the message for less, cut down.
            throw new IllegalArgumentException("live stack recheck must be whole seconds (SQS's visibility), got "
                    + liveStackRecheck);
        }
    }

    private static void check(String name, Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(SQS_MOST) > 0) {
            throw new IllegalArgumentException(name + " must be 1 s to 12 h (SQS's visibility), got " + d);
        }
    }

    /** These timings with held messages kept hidden at most {@code cap}. */
    public WorkerTimings withHoldCap(Duration cap) {
        return new WorkerTimings(cap, liveStackRecheck);
    }

    /** These timings with a live stack's refused message hidden for {@code wait}. */
    public WorkerTimings withLiveStackRecheck(Duration wait) {
        return new WorkerTimings(holdCap, wait);
    }
}
