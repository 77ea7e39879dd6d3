package io.seiswork.cloud.s3;

import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.MemoryEstimate;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An upload of one file that its caller tries again while S3 is out of reach, each try going on
 * where the last broke: the multipart upload's id and the parts S3 confirmed (their ETags) are
 * kept from one {@link #send} to the next, and a try sends only the parts missing, then
 * completes. A shot's result of 8 GB broken by an outage at 90 % sends 0.8 GB again, not 8.
 *
 * <p>Made by {@link ArtifactStore#startResumable} for a file its caller wrote and nothing else
 * writes while it is sent (a worker's computed result): the parts kept are trusted to be the
 * file's bytes without a hash, and live in this object only, one process. A failed try keeps the
 * multipart upload, its parts billed, until the next {@link #send} completes it or the caller
 * gives up and {@link #abort}s it: the caller must do one or the other (the bucket's lifecycle
 * rule aborts what is left only after days). A file of one part or less goes up by one PUT,
 * sent whole by each try.
 *
 * <p>Not for concurrent use: one caller's tries, one after the other.
 */
public final class ResumableUpload {

    private static final Logger LOG = LoggerFactory.getLogger(ResumableUpload.class);

    private final FileUploads uploads;
    private final BucketObjects objects;
    private final String key;
    /** {@code s3://bucket/key}, as messages and the log name the object. */
    private final S3Location at;
    private final Path file;
    private final long size;
    private final int partBytes;
    private final boolean whole;
    /** The parts S3 confirmed of {@link #uploadId}, by index from 0; null where not (yet). */
    private final CompletedPart[] parts;
    /** The multipart upload the parts belong to; null before the first try, and after a restart or abort. */
    private String uploadId;
    private int tries;
    private boolean stored;
    private boolean aborted;

    /**
     * @param partBytes the upload's part size ({@link UploadPartSize#of} of {@code size}), or
     *     {@code size} when {@code whole}
     * @param whole whether one PUT sends the file
     */
    ResumableUpload(FileUploads uploads, BucketObjects objects, String key, Path file, long size, int partBytes,
            boolean whole) {
        this.uploads = uploads;
        this.objects = objects;
        this.key = key;
        this.at = objects.at(key);
        this.file = file;
        this.size = size;
        this.partBytes = partBytes;
        this.whole = whole;
        this.parts = new CompletedPart[whole ? 0 : UploadPartSize.count(size, partBytes)];
    }

    /**
     * Tries to store the file: the first call sends all of it; a call after one that failed sends
     * only the parts S3 has not confirmed, in the same multipart upload, logging at INFO how many
     * parts and bytes were kept and how many are to send. When S3 says that upload is gone
     * (NoSuchUpload: aborted by someone else, or by the bucket's lifecycle rule), a new one is
     * begun and the whole file sent, said at INFO.
     *
     * @param progress bytes stored of the file, the kept parts counted first
     * @param cancel checked before each part and each block of a part's bytes
     * @throws FileReadException when the file cannot be read, or its size is not the size it had
     *     when the upload began
     * @throws TransferCancelledException when {@code cancel} stops it, saying the parts S3 holds:
     *     they are kept for a next {@link #send} unless the caller aborts
     * @throws software.amazon.awssdk.core.exception.SdkException a failure of a request (a
     *     connection that failed, a 5xx, a 403): the parts confirmed are kept
     * @throws IllegalStateException when the file is stored already, or the upload aborted
     */
    public void send(TransferProgress progress, CancellationToken cancel) {
        if (stored || aborted) {
            throw new IllegalStateException("the upload of " + file + " to " + at + " is "
                    + (stored ? "done" : "aborted"));
        }
        tries++;
        String doing = "uploading " + file.getFileName();
        requireSameSize();
        PartStop stop = new PartStop(cancel);
        if (whole) {
            uploads.putWhole(key, file, size, null, stop, doing);
            progress.onBytes(size, size);
            stored = true;
            return;
        }
        if (tries > 1) {
            int kept = keptParts();
            long keptBytes = keptBytes();
            LOG.info("{} to {} again: {} of {} parts ({} of {}) stored already are kept, {} parts ({}) to send",
                    doing, at, kept, parts.length, MemoryEstimate.human(keptBytes),
                    MemoryEstimate.human(size), parts.length - kept, MemoryEstimate.human(size - keptBytes));
        }
        while (true) {
            boolean resumed = uploadId != null;
            if (!resumed) {
                uploadId = uploads.createUpload(key, null);
            }
            PartsDone progressOf = new PartsDone(size, progress);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                uploads.sendParts(key, uploadId, ch, size, parts, null, Optional.empty(), progressOf, stop, doing);
                uploads.complete(key, uploadId, parts);
                stored = true;
                return;
            } catch (IOException e) {
                throw FileReadException.uploading(file, e);
            } catch (CancelledException e) {
                // Every part begun has ended (ParallelParts waits for them): what parts holds is what S3 has.
                throw new TransferCancelledException(doing, keptParts(), parts.length, keptBytes(), size, "stored");
            } catch (RuntimeException e) {
                if (isNoSuchUpload(e) && keptParts() == parts.length && storedWhole()) {
                    // Every part confirmed and the upload gone: a complete S3 carried out whose answer
                    // was lost (this try's, retried by the SDK, or the last try's).
                    LOG.info("{} to {}: its multipart upload was completed already (the answer to the "
                            + "complete was lost): stored, {}", doing, at, MemoryEstimate.human(size));
                    uploadId = null;
                    stored = true;
                    return;
                }
                if (!resumed || !isNoSuchUpload(e)) {
                    throw e;
                }
                LOG.info("{} to {}: S3 no longer has its multipart upload (NoSuchUpload), {} of {} parts "
                        + "stored in it lost; starting a new multipart upload of all {} parts ({})", doing, at, keptParts(),
                        parts.length, parts.length, MemoryEstimate.human(size));
                uploadId = null;
                Arrays.fill(parts, null);
            }
        }
    }

    /**
     * Aborts the multipart upload begun, so that none of its parts stays billed: what a caller
     * that gives up does (a failure that cannot heal, a cancel, its retry time spent). Nothing
     * to do when no multipart upload was begun (a file of one part, or no try yet), or it is
     * stored or aborted already.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 refuses the abort or is
     *     out of reach: the parts then stay until the bucket's lifecycle rule aborts the upload
     */
    public void abort() {
        if (stored || aborted) {
            return;
        }
        aborted = true;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            Arrays.fill(parts, null);
            try {
                uploads.abort(key, id);
            } catch (RuntimeException e) {
                if (!isNoSuchUpload(e)) {
                    throw e;
                }
                // gone already: nothing billed
            }
        }
    }

    /**
     * Whether an object of the file's size is stored under the key. Asked only once every part
     * was confirmed and S3 no longer knows the upload, where it tells a complete that S3 carried
     * out from an upload aborted by someone else (nothing stored, or an older object of another
     * size). An object of the same size put there meanwhile by another attempt of the same shot
     * holds that shot's result as well. False when S3 cannot be asked.
     */
    private boolean storedWhole() {
        try {
            return objects.sizeOf(key) == size;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Parts of the multipart upload S3 confirmed and this upload keeps; 0 for a file of one part. */
    public int keptParts() {
        return (int) Arrays.stream(parts).filter(Objects::nonNull).count();
    }

    /** Bytes of the {@link #keptParts}. */
    public long keptBytes() {
        long bytes = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != null) {
                bytes += Math.min(partBytes, size - (long) i * partBytes);
            }
        }
        return bytes;
    }

    /** Parts of the whole file: 1 when one PUT sends it. */
    public int partCount() {
        return whole ? 1 : parts.length;
    }

    /** The multipart upload going on, or null when none is (none begun, or a file of one part). */
    String uploadId() {
        return uploadId;
    }

    /**
     * Fails with a {@link FileReadException} naming the file when it is gone, or of another size
     * than when the upload began: the parts kept are of that file, and another is no result to
     * complete them with.
     */
    private void requireSameSize() {
        long now = FileUploads.size(file);
        if (now != size) {
            throw new FileReadException("cannot upload " + file + ": it has " + now + " bytes, " + size
                    + " when its upload began", new IOException("size changed"));
        }
    }

    /** Whether S3 said the multipart upload is not there (NoSuchUpload, 404). */
    private static boolean isNoSuchUpload(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof NoSuchUploadException) {
                return true;
            }
            if (t instanceof S3Exception s && s.statusCode() == 404 && s.awsErrorDetails() != null
                    && "NoSuchUpload".equals(s.awsErrorDetails().errorCode())) {
                return true;
            }
        }
        return false;
    }
}
