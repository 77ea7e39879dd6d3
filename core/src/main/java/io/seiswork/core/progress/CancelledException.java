package io.seiswork.core.progress;

/**
 * Thrown by an engine when its {@link CancellationToken} was cancelled during a run, and by any
 * other pass that checks a token. Not final: a transfer's cancel says how far it had got (the
 * cloud client's {@code TransferCancelledException}), and every caller that stops on a cancel
 * still catches it as this.
 */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was cancelled and where it stopped */
    public CancelledException(String message) {
        super(message);
    }
}
