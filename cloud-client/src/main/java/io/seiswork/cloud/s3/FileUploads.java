package io.seiswork.cloud.s3;

import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Files stored in the bucket: one PUT up to a part, a multipart upload of
 * {@link UploadPartSize#of} parts above, {@code parallelParts} at a time, each part read from the
 * file as it is sent ({@link PartBody}), never the whole in memory. An upload that fails is
 * aborted, so no orphaned parts are billed, unless it is resumable: an input's, which the next
 * upload of the same bytes goes on from ({@link UnfinishedUpload}), or a {@link ResumableUpload}'s,
 * whose caller tries it again.
 */
final class FileUploads {

    private final S3Client s3;
    private final BucketObjects objects;
    private final String bucket;
    private final int partBytes;
    private final int parallelParts;
    private final int maxUploadParts;

    /**
     * @param partBytes the least part size, and the most sent by one PUT
     * @param parallelParts parts sent at once
     * @param maxUploadParts the most parts of an upload (S3's 10 000; fewer in tests)
     */
    FileUploads(S3Client s3, BucketObjects objects, int partBytes, int parallelParts, int maxUploadParts) {
        this.s3 = s3;
        this.objects = objects;
        this.bucket = objects.bucket();
        this.partBytes = partBytes;
        this.parallelParts = parallelParts;
        this.maxUploadParts = maxUploadParts;
    }

    /**
     * Refuses, in one line naming the file, its size and the 5 TiB limit, a file S3 cannot store
     * as one object ({@link ArtifactStore#checkStorable}).
     *
     * @throws FileReadException when its size cannot be read
     * @throws IllegalArgumentException when the file is larger than 5 TiB
     */
    static void checkStorable(Path file) {
        storableSize(file);
    }

    /**
     * The size of {@code file} in bytes, once S3 can store it as one object: what an upload
     * reads first.
     *
     * @throws FileReadException when its size cannot be read
     * @throws IllegalArgumentException in one line naming the file, its size and the 5 TiB limit,
     *     when it is larger
     */
    static long storableSize(Path file) {
        long size = size(file);
        UploadPartSize.checkStorable(file.toString(), size);
        return size;
    }

    /** Whether a file of {@code size} bytes goes up by one PUT. */
    boolean whole(long size) {
        return size <= partBytes;
    }

    /**
     * The part size of an upload of {@code size} bytes: the whole file when one PUT sends it; by a
     * store of the default part size, the one {@link io.seiswork.core.files.FileSha256#read} records
     * parts' digests at.
     */
    int uploadPartBytes(long size) {
        return whole(size) ? (int) size : UploadPartSize.of(size, partBytes, maxUploadParts);
    }

    /**
     * Uploads {@code file} under {@code key}, in parts above one part's size.
     *
     * @param content what the bytes sent must be when the key names them ({@code inputs/sha256/<hash>}),
     *     else null. Then an upload of it that broke is found and goes on ({@link UnfinishedUpload}),
     *     and one that breaks now is kept for the next attempt (the bucket's lifecycle rule aborts
     *     what is never finished); other uploads are aborted when they fail, so no parts are
     *     billed. A part whose bytes are not those hashed fails the upload at once
     *     ({@link FileChangedException}) and it is aborted, resumable or not, so nothing is
     *     completed under the key
     * @param cancel checked before each part and before each block of a part's bytes
     *     ({@link PartBody}); a multipart upload it stops is kept or aborted as one that fails, and
     *     said as a {@link TransferCancelledException}
     */
    void put(String key, Path file, TransferProgress progress, HashedContent content, CancellationToken cancel) {
        boolean resumable = content != null;
        objects.checked(key);
        long size = storableSize(file);
        String doing = "uploading " + file.getFileName();
        if (content != null && size != content.parts().size()) {
            // Grown or cut since it was hashed: parts past the hashed ones would go unchecked, and a file
            // hashed at a whole number of parts would be stored whole, its new tail under the old key.
            throw new FileChangedException(doing + " (" + content.parts().size() + " bytes when hashed, " + size
                    + " now)");
        }
        PartStop stop = new PartStop(cancel);
        if (whole(size)) {
            putWhole(key, file, size, content, stop, doing);
            progress.onBytes(size, size);
            return;
        }
        // Of the file's size alone, so an upload begun again takes the parts it took before.
        int part = UploadPartSize.of(size, partBytes, maxUploadParts);
        int count = UploadPartSize.count(size, part);
        CompletedPart[] parts = new CompletedPart[count];
        Optional<UnfinishedUpload> unfinished = resumable ? UnfinishedUpload.find(s3, bucket, key, size, part)
                : Optional.empty();
        String uploadId = unfinished.isPresent() ? unfinished.get().uploadId() : createUpload(key, content);
        PartsDone progressOf = new PartsDone(size, progress);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            sendParts(key, uploadId, ch, size, parts, content, unfinished, progressOf, stop, doing);
            if (content != null && content.parts().of(0) == null) {
                content.requireUnchanged(file, doing);
            }
            complete(key, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            Optional<FileChangedException> changed = FileChangedException.in(e);
            if (!resumable || changed.isPresent()) {
                abort(key, uploadId);
            }
            if (changed.isPresent()) {
                throw changed.get();
            }
            if (e instanceof IOException io) {
                throw FileReadException.uploading(file, io);
            }
            if (e instanceof CancelledException) {
                // Every part begun has ended (ParallelParts waits for them), those stopped part-way
                // unstored: what it says is what S3 holds.
                throw new TransferCancelledException(doing, resumable ? progressOf.parts() : 0, count,
                        resumable ? progressOf.bytes() : 0, size, "stored");
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * An upload of {@code file} under {@code key} that its caller tries again while S3 is out of
     * reach ({@link ArtifactStore#startResumable}).
     *
     * @throws FileReadException when the file cannot be read (missing, say)
     * @throws IllegalArgumentException when it is larger than S3's 5 TiB
     */
    ResumableUpload startResumable(String key, Path file) {
        objects.checked(key);
        long size = storableSize(file);
        return new ResumableUpload(this, objects, key, file, size, uploadPartBytes(size), whole(size));
    }

    /**
     * Stores a file of one part or less by one PUT, its body read and stopped as a part's is, and
     * checked against its content's SHA-256 when the key names it: the one part is the whole file.
     */
    void putWhole(String key, Path file, long size, HashedContent content, PartStop stop, String doing) {
        byte[] hashed = content == null ? null : content.parts().of(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            s3.putObject(r -> r.bucket(bucket).key(key).metadata(HashedContent.metadataOf(content)),
                    PartBody.of(ch, 0, size, stop, doing, hashed));
        } catch (IOException e) {
            throw FileReadException.uploading(file, e);
        } catch (RuntimeException e) {
            if (stop.cancelled()) {
                throw new TransferCancelledException(doing, 0, 1, 0, size, "stored");
            }
            throw FileChangedException.in(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** Begins a multipart upload of {@code key}, of {@code content}'s metadata (null: none); its id. */
    String createUpload(String key, HashedContent content) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).metadata(HashedContent.metadataOf(content)))
                .uploadId();
    }

    /**
     * Sends the parts of {@code ch} that {@code parts} does not hold yet as parts of upload
     * {@code uploadId}, {@link #parallelParts} at a time, each set in {@code parts} once S3
     * confirms it (its ETag), so that what {@code parts} holds after a failure is what S3 has.
     * A part held already, or one {@code unfinished} holds of the same bytes, is counted done
     * without being sent.
     *
     * @param parts one slot per part of the file, in parts of {@link UploadPartSize#of} its size
     * @param content what the bytes must be ({@link #put}); null for a file whose key does not name them
     */
    void sendParts(String key, String uploadId, FileChannel ch, long size, CompletedPart[] parts, HashedContent content,
            Optional<UnfinishedUpload> unfinished, PartsDone progressOf, PartStop stop, String doing) throws IOException {
        int part = UploadPartSize.of(size, partBytes, maxUploadParts);
        int count = parts.length;
        ParallelParts.runOnOwnPool(count, parallelParts, i -> {
            // A part of this upload is a second or a minute; the whole of it, hours for a 500 GB file.
            long offset = (long) i * part;
            long n = Math.min(part, size - offset);
            if (parts[i] != null) {
                progressOf.done(n);
                return;
            }
            String sending = doing + ", part " + (i + 1) + " of " + count;
            byte[] hashed = content == null ? null : content.parts().of(i);
            // A kept part is reused only when the file's bytes are those hashed (the stream checks) and S3's.
            if (unfinished.isPresent()
                    && unfinished.get().holds(i, PartBody.stream(ch, offset, n, stop, sending, hashed))) {
                parts[i] = CompletedPart.builder().partNumber(i + 1).eTag(unfinished.get().parts().get(i).eTag()).build();
                progressOf.done(n);
                return;
            }
            String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(i + 1)
                    .contentLength(n), PartBody.of(ch, offset, n, stop, sending, hashed)).eTag();
            parts[i] = CompletedPart.builder().partNumber(i + 1).eTag(eTag).build();
            progressOf.done(n);
        }, stop);
    }

    /** Completes upload {@code uploadId} of {@code key} with every one of its {@code parts}. */
    void complete(String key, String uploadId, CompletedPart[] parts) {
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /**
     * Aborts upload {@code uploadId} of {@code key}: S3 drops its parts, which are billed no more.
     * Ends within {@link ArtifactStore#ABORT_TIMEOUT}, failing with the SDK's
     * {@link software.amazon.awssdk.core.exception.ApiCallTimeoutException} past it.
     */
    void abort(String key, String uploadId) {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .overrideConfiguration(c -> c.apiCallTimeout(ArtifactStore.ABORT_TIMEOUT)));
    }

    /** The size of {@code file} in bytes, or a {@link FileReadException} naming it. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new FileReadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
