package io.seiswork.core.progress;

/**
 * A flag the caller sets to stop a running shot. Engines check it between time steps, so a run
 * stops within one step of {@link #cancel()} (milliseconds on the grids Seiswork runs). The flag
 * is one-way and thread-safe; the same token may be shared by all shots of a job.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** A token that is never cancelled, for callers that cannot cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    /** Asks every run that checks this token to stop. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws {@link CancelledException} if cancelled.
     *
     * @param where what is running, for the exception message (for example "shot 3, step 120")
     */
    public void throwIfCancelled(String where) {
        if (cancelled) {
            throw CancelledException.at(where);
        }
    }
}
