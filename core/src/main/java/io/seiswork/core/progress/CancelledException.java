package io.seiswork.core.progress;

/**
 * Thrown by an engine when its {@link CancellationToken} was cancelled during a run, and by any
 * other pass that checks a token. Not final: a transfer's cancel says how far it had got (the
 * cloud client's {@code TransferCancelledException}), and every caller that stops on a cancel
 * still catches it as this.
 */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where a {@link CancellationToken} check stopped ("step 24 of 1501"), or null when not said apart. */
    private final String where;

    /** @param message what was cancelled and where it stopped */
    public CancelledException(String message) {
        this(message, null);
    }

    private CancelledException(String message, String where) {
        super(message);
        this.where = where;
    }

    /** A cancel met at {@code where} ("step 24 of 1501", "writing the image"): "cancelled at " and it. */
    static CancelledException at(String where) {
        return new CancelledException("cancelled at " + where, where);
    }

    /**
     * Where the check that stopped stood, as the code that checked said it ("step 24 of 1501"),
     * for a caller that knows more (which shot) to say both; null for a cancel said otherwise.
     */
    public String where() {
        return where;
    }
}
