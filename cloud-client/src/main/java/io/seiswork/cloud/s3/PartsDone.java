package io.seiswork.cloud.s3;

/**
 * Parts and bytes done of a transfer whose parts finish in any order (they go in parallel,
 * {@link ParallelParts}), reported to its {@link TransferProgress} one call at a time: what an
 * upload ({@link FileUploads}, {@link ResumableUpload}) and a download ({@link FileDownloads})
 * count, and what a cancelled one says it kept.
 */
final class PartsDone {
    private final long total;
    private final TransferProgress progress;
    private long bytes;
    private int parts;

    /** @param total bytes of the whole file or object */
    PartsDone(long total, TransferProgress progress) {
        this.total = total;
        this.progress = progress;
    }

    /** A part of {@code partBytes} is done (or was there already). */
    synchronized void done(long partBytes) {
        parts++;
        bytes += partBytes;
        progress.onBytes(bytes, total);
    }

    /** Bytes done so far. */
    synchronized long bytes() {
        return bytes;
    }

    /** Parts done so far. */
    synchronized int parts() {
        return parts;
    }
}
