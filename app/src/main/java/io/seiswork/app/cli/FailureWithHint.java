package io.seiswork.app.cli;

/**
 * A command's failure with one line of advice that {@link UserErrorHandler} prints after the
 * failure's own line ("the 2 finished shots are kept in DIR: run again with --resume ..."), so
 * the advice never comes before the error it follows from. The message is the cause's.
 */
final class FailureWithHint extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    FailureWithHint(RuntimeException cause, String hint) {
        super(cause.getMessage(), cause);
        this.hint = hint;
    }

    /** The line of advice, without the "seiswork: " prefix. */
    String hint() {
        return hint;
    }
}
