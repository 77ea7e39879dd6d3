package io.seiswork.cloud.s3;

import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;

/**
 * An upload or download of a file that its {@link io.seiswork.core.progress.CancellationToken}
 * stopped between two parts, and how much of it is kept: what S3 holds of an input's multipart
 * upload, which the next upload of the file goes on from, or what a download has on disk in its
 * {@code .part} file, which the next download of the object goes on from. The message says both
 * in one line: "cancelled while uploading shots.sgy: 1.2 GiB of 3.4 GiB stored".
 */
public final class TransferCancelledException extends CancelledException {

    private static final long serialVersionUID = 1L;

    private final long keptBytes;
    private final long totalBytes;

    /**
     * @param doing what was cancelled ("uploading shots.sgy")
     * @param keptBytes bytes kept for the next attempt: the parts S3 holds, or those on disk
     * @param kept how the kept bytes are said ("stored", "on disk")
     * @param totalBytes the file's or object's size
     */
    TransferCancelledException(String doing, long keptBytes, String kept, long totalBytes) {
        super(String.format(Locale.ROOT, "cancelled while %s: %s of %s %s", doing, MemoryEstimate.human(keptBytes),
                MemoryEstimate.human(totalBytes), kept));
        this.keptBytes = keptBytes;
        this.totalBytes = totalBytes;
    }

    /** Bytes kept for the next attempt, in whole parts. */
    public long keptBytes() {
        return keptBytes;
    }

    /** Bytes of the whole file or object. */
    public long totalBytes() {
        return totalBytes;
    }
}
