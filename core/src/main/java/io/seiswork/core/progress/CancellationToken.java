package io.seiswork.core.progress;

/**
 * A flag the caller sets to stop a running shot. Engines check it between time steps, so a run
 * stops within one step of {@link #cancel()} (milliseconds on the grids Seiswork runs). The flag
 * is one-way and thread-safe; the same token may be shared by all shots of a job.
 */
public final class CancellationToken {

    private volatile boolean cancelled;
    /** Whose cancel this token follows too; null for none. */
    private final CancellationToken parent;

    /** A token that only its own {@link #cancel()} cancels. */
    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /** A token that is never cancelled, for callers that cannot cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    /**
     * A token cancelled by its own {@link #cancel()} or by this one's, never the other way round:
     * for work that one cause stops and another stops only in part (a worker stopping ends a
     * shot's compute, while the upload of a result already computed goes on; a cancelled job ends
     * both).
     */
    public CancellationToken child() {
        return new CancellationToken(this);
    }

    /** Asks every run that checks this token to stop. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called, on this token or on the one it is a {@link #child()} of. */
    public boolean isCancelled() {
        return cancelled || parent != null && parent.isCancelled();
    }

    /**
     * Throws {@link CancelledException} if cancelled.
     *
     * @param where what is running, for the exception message (for example "shot 3, step 120")
     */
    public void throwIfCancelled(String where) {
        if (isCancelled()) {
            throw CancelledException.at(where);
        }
    }
}
