package io.seiswork.core.volume;

/**
 * A {@code .swv} volume that cannot be read or written: the message names the file (or object),
 * what is wrong, and where it applies what was expected and what was found, so it can be shown to
 * a user as it is.
 */
public final class SwvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem with {@code source} (a path or URI), described by {@code what}. */
    public SwvException(String source, String what) {
        super(source + ": " + what);
    }

    /** As {@link #SwvException(String, String)}, with the underlying cause. */
    public SwvException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
    }

    /** A mismatch: "{@code source}: {@code what}: expected {@code expected}, found {@code found}". */
    public static SwvException mismatch(String source, String what, Object expected, Object found) {
        return new SwvException(source, what + ": expected " + expected + ", found " + found);
    }
}
