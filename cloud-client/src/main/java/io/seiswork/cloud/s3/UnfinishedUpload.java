package io.seiswork.cloud.s3;

import io.seiswork.core.files.UploadPartSize;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A multipart upload of a key that was begun and never finished (a submit that broke at 90 of a
 * 100 GB model), and the parts S3 holds of it: what a new upload of the same file goes on from.
 * Only for keys that name their content ({@code inputs/sha256/<hash>}): the parts can only be of
 * the same bytes. Each kept part is still checked against the file before it is reused
 * ({@link #md5Hex}: S3's ETag of a part, in a bucket encrypted with S3-managed keys, is the MD5
 * of its bytes), so a part of another part size, or a bucket whose ETags are no MD5s, costs an
 * upload, never a wrong byte.
 *
 * @param uploadId the upload to go on with
 * @param parts the parts S3 holds whose size is that of the same part of this file, by index from 0
 */
record UnfinishedUpload(String uploadId, Map<Integer, Part> parts) {

    /** Bytes of a kept part read at a time for its MD5: 64 KiB, a small multiple of a disk's reads. */
    private static final int MD5_BLOCK_BYTES = 64 << 10;

    /**
     * The latest unfinished upload of {@code key}, or empty when there is none or S3 may not be
     * asked (a role without {@code s3:ListBucketMultipartUploads}: the file is then uploaded
     * whole, as before).
     *
     * @param partBytes the part size of the upload now ({@link UploadPartSize#of}, of the file's
     *     size): the same as the broken upload's for the same file, and a part S3 holds of another
     *     size is not kept but sent again
     */
    static Optional<UnfinishedUpload> find(S3Client s3, String bucket, String key, long size, int partBytes) {
        try {
            Optional<MultipartUpload> latest = s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(key)).uploads()
                    .stream().filter(u -> key.equals(u.key())).max(Comparator.comparing(MultipartUpload::initiated));
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            String id = latest.get().uploadId();
            int count = UploadPartSize.count(size, partBytes);
            Map<Integer, Part> parts = new HashMap<>();
            for (Part p : s3.listPartsPaginator(r -> r.bucket(bucket).key(key).uploadId(id)).parts()) {
                int index = p.partNumber() - 1;
                if (index >= 0 && index < count && p.size() != null
                        && p.size() == Math.min(partBytes, size - (long) index * partBytes)) {
                    parts.put(index, p);
                }
            }
            return Optional.of(new UnfinishedUpload(id, parts));
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() == 501) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Whether the part S3 holds at {@code index} has exactly the bytes of {@code part} (its ETag
     * is their MD5), read through only when S3 holds a part there: a block at a time, never the
     * whole part in memory.
     */
    boolean holds(int index, InputStream part) throws IOException {
        Part p = parts.get(index);
        return p != null && p.eTag() != null && p.eTag().replace("\"", "").equalsIgnoreCase(md5Hex(part));
    }

    /** MD5 of the rest of {@code bytes}, as 32 lower-case hex digits. */
    static String md5Hex(InputStream bytes) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        byte[] block = new byte[MD5_BLOCK_BYTES];
        for (int n; (n = bytes.read(block)) >= 0; ) {
            md5.update(block, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
