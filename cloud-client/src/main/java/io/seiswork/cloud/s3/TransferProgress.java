package io.seiswork.cloud.s3;

/** Progress of one upload or download, called from the transferring thread after each part. */
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
