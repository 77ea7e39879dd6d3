package io.seiswork.worker;

/**
 * A shot's result, or a stack's output, that could not be stored: its message names the shot (or
 * output) and the object, then the cause in one line ("storing shot 3's result
 * s3://bucket/jobs/J/shots/3.sgy: ..."), which is what the failed attempt records in the job table
 * and {@code status} shows. The cause's text is
 * the SDK's or S3's, any URL in it cut before its query string (a presigned URL's carries a
 * signature and a credential's name).
 */
public final class ResultNotStoredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResultNotStoredException(String what, Throwable cause, String tries) {
        super(what + ": " + oneLine(cause) + tries, cause);
    }

    /** {@code e}'s message on one line, without query strings; its type's name when it has none. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?]*)\\?\\S*", "$1").replaceAll("\\s*[\\r\\n]+\\s*", " ")
                .strip();
    }
}
