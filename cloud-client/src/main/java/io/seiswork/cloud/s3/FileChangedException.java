package io.seiswork.cloud.s3;

import java.util.Optional;

/**
 * A file's bytes changed while it was uploaded under its content key: what a part sent is not
 * what the file held when it was hashed for the key. Nothing is stored under the key (the part's
 * request ends short, and the multipart upload is aborted), so the store never holds bytes that
 * differ from their key; submitting again once the file is no longer written stores it whole.
 * Unchecked, and not retried: every attempt would find the same bytes.
 */
public final class FileChangedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param where what was being sent ("uploading shots.sgy, part 3 of 8") */
    FileChangedException(String where) {
        super("the file changed while " + where + ": its bytes are not those hashed for its content key, and "
                + "nothing was stored under that key; submit again once the file is no longer being written");
    }

    /** The change that {@code failure} is, or was caused by (the HTTP client may wrap what a body throws). */
    static Optional<FileChangedException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileChangedException changed) {
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }
}
