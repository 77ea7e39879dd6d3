package io.seiswork.cloud.s3;

import io.seiswork.core.files.Sha256Pass;
import java.security.MessageDigest;

/**
 * The SHA-256 of each part of a file's upload, recorded by the read that hashes the whole file for
 * its content key ({@link Sha256Pass}: it gives every block to this as it reads it, so no second
 * read). A part's body digests the bytes it actually sends and fails when they are not these
 * ({@link PartBody}): a file written while it goes up must not be stored under a key that names
 * other bytes. The part size is a function of the file's size alone ({@link UploadPartSize}), so
 * it is known before the read. 32 bytes a part: 320 KB for S3's 10 000.
 */
final class PartDigests implements Sha256Pass.Blocks {

    private final long size;
    private final long partBytes;
    private final byte[][] digests;
    private final MessageDigest current = Sha256Pass.newSha256();
    private long read;

    /**
     * @param size the file's size in bytes, as the upload will take it
     * @param partBytes the upload's part size (the whole size for a file sent by one PUT)
     */
    PartDigests(long size, long partBytes) {
        this.size = size;
        this.partBytes = Math.max(1, partBytes);
        this.digests = new byte[Math.max(1, UploadPartSize.count(size, (int) this.partBytes))][];
        if (size == 0) {
            digests[0] = current.digest();
        }
    }

    /** The digest of a file sent by one PUT, whose one part is the whole file: its content key's SHA-256. */
    static PartDigests whole(long size, byte[] sha256) {
        PartDigests one = new PartDigests(size, size);
        one.digests[0] = sha256.clone();
        one.read = size;
        return one;
    }

    @Override
    public void accept(long offset, byte[] bytes, int length) {
        int at = 0;
        while (at < length) {
            long inPart = read % partBytes;
            int n = (int) Math.min(length - at, partBytes - inPart);
            current.update(bytes, at, n);
            at += n;
            read += n;
            if (read % partBytes == 0 || read == size) {
                int index = (int) ((read - 1) / partBytes);
                if (index < digests.length) {
                    digests[index] = current.digest();
                }
            }
        }
    }

    /** The file's size in bytes when it was hashed: the bytes its content key names. */
    long size() {
        return size;
    }

    /**
     * The SHA-256 part {@code index} (from 0) had when the file was hashed, or null when it is not
     * known: the whole file's digest was remembered from an earlier read, which kept no parts'.
     */
    byte[] of(int index) {
        return read == size && index < digests.length ? digests[index] : null;
    }
}
