package io.seiswork.core.files;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The SHA-256 of each part of a file's upload, recorded by the read that hashes the whole file for
 * its content key ({@link Sha256Pass}: it gives every block to this as it reads it, so no second
 * read), whether that read is the upload's own or an earlier one whose whole digest is remembered
 * with these ({@link FileSha256#read}: a submission's pass over its data file). The upload's part
 * bodies digest the bytes they actually send and fail when they are not these: a file written
 * while it goes up must not be stored under a key that names other bytes. The part size is a
 * function of the file's size alone ({@link UploadPartSize}), so it is known before the read.
 *
 * <p>32 bytes a part, in one array: 320 KB for S3's 10 000 parts, 96 bytes for the 3 parts of a
 * 200 MB file. Written by one thread during the read; read only once it is complete, after the
 * read's end has been waited for, by any thread.
 */
public final class PartDigests implements Sha256Pass.Blocks {

    private static final int SHA256_BYTES = 32;

    private final long size;
    private final long partBytes;
    private final int count;
    /** Part {@code i}'s digest at {@code [32 i, 32 i + 32)}. */
    private final byte[] digests;
    /** Digest of the part being read; dropped once every part's is done. */
    private MessageDigest current = Sha256Pass.newSha256();
    private long read;

    /**
     * @param size the file's size in bytes, as the upload will take it
     * @param partBytes the upload's part size (the whole size for a file sent by one PUT)
     */
    public PartDigests(long size, long partBytes) {
        this.size = size;
        this.partBytes = Math.max(1, partBytes);
        this.count = Math.toIntExact(Math.max(1, (size + this.partBytes - 1) / this.partBytes));
        this.digests = new byte[count * SHA256_BYTES];
        if (size == 0) {
            finish(0);
        }
    }

    /** The digest of a file sent by one PUT, whose one part is the whole file: its content key's SHA-256. */
    public static PartDigests whole(long size, byte[] sha256) {
        PartDigests one = new PartDigests(size, size);
        System.arraycopy(sha256, 0, one.digests, 0, SHA256_BYTES);
        one.read = size;
        one.current = null;
        return one;
    }

    @Override
    public void accept(long offset, byte[] bytes, int length) {
        int at = 0;
        while (at < length && read < size) {
            long inPart = read % partBytes;
            int n = (int) Math.min(Math.min(length - at, partBytes - inPart), size - read);
            current.update(bytes, at, n);
            at += n;
            read += n;
            if (read % partBytes == 0 || read == size) {
                finish((int) ((read - 1) / partBytes));
            }
        }
    }

    /** Keeps part {@code index}'s digest, and drops the digest once the last part's is kept. */
    private void finish(int index) {
        System.arraycopy(current.digest(), 0, digests, index * SHA256_BYTES, SHA256_BYTES);
        if (index == count - 1) {
            current = null;
        }
    }

    /** The file's size in bytes when it was hashed: the bytes its content key names. */
    public long size() {
        return size;
    }

    /** The part size the digests are of, in bytes: an upload in parts of another size cannot use them. */
    public long partBytes() {
        return partBytes;
    }

    /**
     * The SHA-256 part {@code index} (from 0) had when the file was hashed, or null when it is not
     * known: the read did not reach the file's end (these were not the read's).
     */
    public byte[] of(int index) {
        return read == size && index >= 0 && index < count
                ? Arrays.copyOfRange(digests, index * SHA256_BYTES, (index + 1) * SHA256_BYTES) : null;
    }
}
