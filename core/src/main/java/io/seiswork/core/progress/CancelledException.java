package io.seiswork.core.progress;

/** Thrown by an engine when its {@link CancellationToken} was cancelled during a run. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was cancelled and where it stopped */
    public CancelledException(String message) {
        super(message);
    }
}
