package io.seiswork.cloud.s3;

import io.seiswork.core.files.FileIdentity;
import io.seiswork.core.files.PartDigests;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What an input's upload checks its bytes against: the SHA-256 its key names, each part's
 * ({@link PartDigests}, from the read that hashed the file, the upload's own or an earlier
 * one remembered; none known when the earlier read's parts were of another size), and the
 * file's identity before it was hashed, which must still be its identity when the last part is
 * sent when no part's digest is known.
 *
 * @param sha256 the key's hash, 64 lower-case hex digits
 */
record HashedContent(String sha256, PartDigests parts, Optional<FileIdentity> hashed) {

    /**
     * User metadata of an input stored by an upload that checked its bytes against its key
     * ({@code x-amz-meta-sha256}): the hash, which {@link InputStore} asks for before it stores
     * an input again.
     */
    static final String SHA256_METADATA = "sha256";

    /** The metadata of an object stored under {@code content}'s key: its hash; none for other objects (null). */
    static Map<String, String> metadataOf(HashedContent content) {
        return content == null ? Map.of() : Map.of(SHA256_METADATA, content.sha256());
    }

    /**
     * Fails with a {@link FileChangedException} when {@code file} is not the file that was hashed
     * (written, replaced or touched since: {@link FileIdentity}): what checks a multipart upload
     * whose parts' digests are unknown before it is completed. That is an upload whose digest was
     * remembered from an earlier read that recorded its parts at another part size than this
     * store's (a store made with a part size not the default's): a byte written since within the
     * file system's timestamp resolution, or with the times put back where there is no change
     * time, goes unseen there.
     */
    void requireUnchanged(Path file, String where) {
        if (hashed.isEmpty() || !hashed.get().isStill(file)) {
            throw new FileChangedException(where);
        }
    }
}
