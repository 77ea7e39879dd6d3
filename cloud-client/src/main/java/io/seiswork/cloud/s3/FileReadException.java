package io.seiswork.cloud.s3;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A local file could not be read while it was uploaded: missing, unreadable, shortened, or a
 * read error of its disk. Of its own type so that a caller that tries an upload again while S3 is
 * out of reach ({@code ResultUpload}) tells it from a network failure, which is also an
 * {@link IOException} under the SDK's exception: another try would read the same file and fail
 * the same way. Unchecked, so the SDK does not retry it either.
 */
public final class FileReadException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and what was being done */
    public FileReadException(String message, IOException cause) {
        super(message, cause);
    }

    /** Whether {@code failure} is, or was caused by, a file that could not be read. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof FileReadException) {
                return true;
            }
        }
        return false;
    }
}
