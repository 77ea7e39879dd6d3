package io.seiswork.cloud.s3;

import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects small enough to hold in memory, put and read whole by one request each: a job's spec,
 * its records and markers. Files go through {@link FileUploads} and {@link FileDownloads}.
 */
final class SmallObjects {

    private final S3Client s3;
    private final BucketObjects objects;
    private final String bucket;

    SmallObjects(S3Client s3, BucketObjects objects) {
        this.s3 = s3;
        this.objects = objects;
        this.bucket = objects.bucket();
    }

    /** As {@link ArtifactStore#putBytes}. */
    void putBytes(String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(bucket).key(objects.checked(key)), RequestBody.fromBytes(bytes));
    }

    /** As {@link ArtifactStore#putNew}: stored only when no object is there, or the same bytes are. */
    void putNew(String key, byte[] bytes) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(objects.checked(key)).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            // 412: stored already; 409: another conditional put of the key is in flight.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                if (holds(key, bytes)) {
                    return;
                }
                throw new IllegalStateException(objects.at(key) + " exists already: it is not replaced", e);
            }
            throw e;
        }
    }

    /** Whether {@code key} holds exactly {@code bytes} (false when it is not there, or not yet). */
    private boolean holds(String key, byte[] bytes) {
        try {
            return Arrays.equals(bytes, s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** As {@link ArtifactStore#getBytes}: at most {@code maxBytes}. */
    byte[] getBytes(String key, long maxBytes) {
        long size = objects.requireSize(key, maxBytes);
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        if (bytes.length != size) {
            throw new IllegalStateException(objects.at(key) + " changed while it was read");
        }
        return bytes;
    }
}
