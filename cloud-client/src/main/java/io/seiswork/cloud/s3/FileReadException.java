package io.seiswork.cloud.s3;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A local file could not be read while it was uploaded: missing, unreadable, shortened, or a
 * read error of its disk. Of its own type so that a caller that tries an upload again while S3 is
 * out of reach ({@code ResultUpload}) tells it from a network failure, which is also an
 * {@link IOException} under the SDK's exception: another try would read the same file and fail
 * the same way.
 *
 * <p>Not retried by the SDK either: its retry stage tries again only an attempt that threw an
 * {@code SdkException} or an {@link IOException}, and this one, thrown from the request body as
 * the client reads it, reaches the caller as it is (one PUT sent: {@code
 * ResultUploadTest#aResultFileShortenedDuringTheUploadFailsAtOnce}). It is a plain
 * {@link RuntimeException}, not an {@link java.io.UncheckedIOException}, so that were it ever
 * wrapped in an {@code SdkClientException}, the SDK's default condition, which retries a cause
 * that is an {@code UncheckedIOException}, would not match it.
 */
public final class FileReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file and what was being done
     * @param cause the read's failure
     */
    public FileReadException(String message, IOException cause) {
        super(message, cause);
    }

    /** {@code file} could not be read while it was uploaded: "cannot upload FILE: WHY". */
    static FileReadException uploading(Path file, IOException cause) {
        return new FileReadException("cannot upload " + file + ": " + cause.getMessage(), cause);
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
