package io.seiswork.cloud.s3;

import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;

/**
 * An upload or download of a file that its {@link io.seiswork.core.progress.CancellationToken}
 * stopped, and how much of it is kept: the parts S3 holds of an input's multipart upload, which
 * the next upload of the file goes on from, or the parts a download has on disk in its
 * {@code .part} file, which the next download of the object goes on from. The parts in flight at
 * the cancel are not among them: they stopped part-way and are sent or fetched again. The message
 * says it in one line: "cancelled while uploading shots.sgy: 1.2 GiB of 3.4 GiB stored".
 */
public final class TransferCancelledException extends CancelledException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int keptParts;
    private final int parts;
    private final long keptBytes;
    private final long totalBytes;
    private final String kept;

    /**
     * @param doing what was cancelled, its verb and the file's name ("uploading shots.sgy")
     * @param keptParts parts kept for the next attempt: those S3 holds, or those on disk
     * @param parts parts of the whole file or object
     * @param keptBytes bytes of the kept parts
     * @param totalBytes the file's or object's size
     * @param kept how the kept parts are said ("stored", "on disk")
     */
    TransferCancelledException(String doing, int keptParts, int parts, long keptBytes, long totalBytes, String kept) {
        super(String.format(Locale.ROOT, "cancelled while %s: %s of %s %s", doing, MemoryEstimate.human(keptBytes),
                MemoryEstimate.human(totalBytes), kept));
        this.file = doing.substring(doing.indexOf(' ') + 1);
        this.keptParts = keptParts;
        this.parts = parts;
        this.keptBytes = keptBytes;
        this.totalBytes = totalBytes;
        this.kept = kept;
    }

    /** Bytes kept for the next attempt, in whole parts. */
    public long keptBytes() {
        return keptBytes;
    }

    /** Bytes of the whole file or object. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Parts kept for the next attempt. */
    public int keptParts() {
        return keptParts;
    }

    /** Parts of the whole file or object. */
    public int parts() {
        return parts;
    }

    /**
     * What is kept, for a line that also says how to go on: "7 of 16 parts of shots.sgy on disk
     * (448.0 MiB of 1.0 GiB)".
     */
    public String kept() {
        return String.format(Locale.ROOT, "%d of %d part%s of %s %s (%s of %s)", keptParts, parts, parts == 1 ? "" : "s",
                file, kept, MemoryEstimate.human(keptBytes), MemoryEstimate.human(totalBytes));
    }
}
