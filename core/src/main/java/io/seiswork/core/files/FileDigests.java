package io.seiswork.core.files;

/**
 * What one read of a whole file left remembered of it ({@link FileSha256}): its SHA-256, its
 * content key in the job bucket, and the SHA-256 of each part an upload of it takes, for the
 * upload to check every part's bytes as it sends them without reading the file a second time.
 *
 * @param sha256 the whole file's SHA-256 (32 bytes; a copy, the caller's to keep)
 * @param parts each part's, at the part size the read was given ({@link PartDigests#partBytes})
 */
public record FileDigests(byte[] sha256, PartDigests parts) {

    public FileDigests {
        sha256 = sha256.clone();
    }

    /** The whole file's SHA-256, a copy. */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }
}
