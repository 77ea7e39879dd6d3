package io.seiswork.cloud.s3;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;

/**
 * What stops the parts of one transfer: its caller's cancel, or a part of it that failed. A part
 * in flight looks at it before each block of its bytes, as they are sent ({@link PartBody}) or
 * read from a GET's response ({@link S3RangeReader}), so a Cancel, or one broken part, stops the
 * others within a block rather than after them: up to four parts of 64 MiB, seconds at one
 * connection's 100 MB/s, and minutes on a slow link. A part stopped part-way is never taken for
 * done: S3 stores no part whose body came short, and a download records a part only once all of
 * it is written.
 */
final class PartStop {

    private final CancellationToken cancel;
    private volatile boolean failed;

    /** @param cancel the caller's cancel: stops the parts as a failure of one of them does */
    PartStop(CancellationToken cancel) {
        this.cancel = cancel;
    }

    /** The stop of a transfer nobody cancels: only a failed part stops the others. */
    static PartStop onFailure() {
        return new PartStop(CancellationToken.none());
    }

    /** A part failed: the others stop at their next block. */
    void fail() {
        failed = true;
    }

    /** Whether the parts must stop: the transfer was cancelled or one of its parts failed. */
    boolean stopped() {
        return failed || cancel.isCancelled();
    }

    /** Whether the caller cancelled the transfer (rather than a part failing). */
    boolean cancelled() {
        return cancel.isCancelled();
    }

    /**
     * Throws a {@link CancelledException} saying {@code where} when the parts must stop.
     *
     * @param where what the part was doing ("sending part 3", "reading bytes 64 MiB + 64 MiB")
     */
    void throwIfStopped(String where) {
        if (stopped()) {
            throw new CancelledException((cancelled() ? "cancelled" : "stopped, another part having failed") + ", "
                    + where);
        }
    }
}
