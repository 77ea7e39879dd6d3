package io.seiswork.cloud.s3;

/**
 * Progress of one upload or download, called after each part (parts move in parallel: the calls
 * come from the transfer's threads, one at a time, with the bytes done growing).
 */
@FunctionalInterface
public interface TransferProgress {

    /** Progress that nobody watches. */
    TransferProgress NONE = (done, total) -> { };

    /**
     * @param doneBytes bytes transferred so far
     * @param totalBytes bytes of the whole object
     */
    void onBytes(long doneBytes, long totalBytes);
}
