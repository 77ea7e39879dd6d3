package io.seiswork.cloud.s3;

import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.core.files.FileDigests;
import io.seiswork.core.files.FileIdentity;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.PartDigests;
import io.seiswork.core.files.Sha256Pass;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Inputs stored by content ({@code inputs/sha256/<hash>}): each uploaded once, whatever the jobs
 * that share it, every byte sent checked against the hash its key names ({@link HashedContent}),
 * and checked again by whoever downloads it.
 */
final class InputStore {

    private final S3Client s3;
    private final String bucket;
    private final FileUploads uploads;
    private final FileDownloads downloads;

    InputStore(S3Client s3, String bucket, FileUploads uploads, FileDownloads downloads) {
        this.s3 = s3;
        this.bucket = bucket;
        this.uploads = uploads;
        this.downloads = downloads;
    }

    /** As {@link ArtifactStore#putInput(Path, ByteProgress, TransferProgress, CancellationToken)}. */
    StoredInput putInput(Path file, ByteProgress hashing, TransferProgress uploading, CancellationToken cancel) {
        long size = FileUploads.storableSize(file);
        // Taken before the digest, so that a file written from here on is never stored under it.
        Optional<FileIdentity> hashed = FileIdentity.of(file);
        int part = uploads.uploadPartBytes(size);
        Optional<FileDigests> remembered = FileSha256.remembered(file);
        PartDigests own = new PartDigests(size, part);
        byte[] sha256 = remembered.map(FileDigests::sha256)
                .orElseGet(() -> FileSha256.read(file, own, Sha256Pass.Blocks.NONE, hashing, cancel));
        // Remembered parts of another size (a store of a part size not the default's) are of no use: the
        // upload is then checked by the file's identity alone (requireUnchanged).
        PartDigests parts = remembered.map(FileDigests::parts)
                .filter(p -> p.partBytes() == part && p.size() == size).orElse(own);
        String hex = FileSha256.hex(sha256);
        String key = ObjectKeys.input(hex);
        if (storedAlready(key, size, hex)) {
            return new StoredInput(key, size, false);
        }
        cancel.throwIfCancelled("storing " + file.getFileName());
        PartDigests expected = uploads.whole(size) ? PartDigests.whole(size, sha256) : parts;
        uploads.put(key, file, uploading, new HashedContent(hex, expected, hashed), cancel);
        return new StoredInput(key, size, true);
    }

    /** As {@link ArtifactStore#putInputBytes}. */
    StoredInput putInputBytes(byte[] bytes) {
        String hex = sha256(bytes);
        String key = ObjectKeys.input(hex);
        if (storedAlready(key, bytes.length, hex)) {
            return new StoredInput(key, bytes.length, false);
        }
        s3.putObject(r -> r.bucket(bucket).key(key).metadata(Map.of(HashedContent.SHA256_METADATA, hex)),
                RequestBody.fromBytes(bytes));
        return new StoredInput(key, bytes.length, true);
    }

    /**
     * SHA-256 of {@code bytes} as 64 lower-case hex digits, as {@link FileSha256#hexOf(Path)}
     * gives of a file: the hash an input of those bytes is stored under.
     */
    static String sha256(byte[] bytes) {
        return FileSha256.hex(Sha256Pass.newSha256().digest(bytes));
    }

    /**
     * Whether an input of {@code key} and {@code size} is stored already, by an upload that checked
     * every byte it sent against {@code sha256} (its key's hash, in the object's
     * {@value HashedContent#SHA256_METADATA} metadata). An object without it was stored before
     * uploads were checked, and may hold bytes of a file written while it went up: it is uploaded
     * again, once, rather than trusted for its size.
     */
    private boolean storedAlready(String key, long size, String sha256) {
        // Its own HEAD, not BucketObjects.version: merged, a 403 here would become an ObjectForbiddenException.
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            return head.contentLength() == size && sha256.equals(head.metadata().get(HashedContent.SHA256_METADATA));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** As {@link ArtifactStore#getVerifiedInput}: a file that does not match is deleted. */
    void getVerifiedInput(String key, Path file, long maxBytes) {
        downloads.getFile(key, file, maxBytes, TransferProgress.NONE, CancellationToken.none());
        String got = FileSha256.hex(Sha256Pass.sha256(file, Sha256Pass.Blocks.NONE, ByteProgress.NONE,
                CancellationToken.none()));  // read, never answered from memory: this checks the bytes
        if (!key.endsWith("/" + got)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the error below says what matters
            }
            throw new IllegalStateException("input " + key + " downloaded with SHA-256 " + got);
        }
    }
}
