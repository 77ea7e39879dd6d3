package io.seiswork.cloud.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the bucket holds, object by object: the version (size and ETag) under a key, the objects
 * under a prefix, and their deletion. Every other part of the store asks it whether an object is
 * there and of what size, and checks its keys through it ({@link #checked}).
 */
final class BucketObjects {

    private final S3Client s3;
    private final String bucket;

    BucketObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    String bucket() {
        return bucket;
    }

    /** {@code key}, checked as an S3 key ({@link S3Location}). */
    String checked(String key) {
        return at(key).key();
    }

    /** The address of {@code key} in this bucket, {@code s3://bucket/key}, as messages name an object. */
    S3Location at(String key) {
        return new S3Location(bucket, key);
    }

    /** As {@link ArtifactStore#version}. */
    Optional<StoredVersion> version(String key) {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(checked(key)));
            return Optional.of(new StoredVersion(head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 403) {
                throw new ObjectForbiddenException(bucket, key, e);
            }
            throw e;
        }
    }

    /** Size of the object in bytes, or -1 when there is none. */
    long sizeOf(String key) {
        return version(key).map(StoredVersion::size).orElse(-1L);
    }

    /**
     * The size of the object under {@code key}, which a download is about to fetch.
     *
     * @throws IllegalArgumentException when it is larger than {@code maxBytes} or missing
     */
    long requireSize(String key, long maxBytes) {
        long size = sizeOf(key);
        if (size < 0) {
            throw new IllegalArgumentException(at(key) + " does not exist");
        }
        if (size > maxBytes) {
            throw new IllegalArgumentException(at(key) + " has " + size + " bytes, more than the "
                    + maxBytes + " allowed here");
        }
        return size;
    }

    /** As {@link ArtifactStore#objectsUnder}. */
    List<ListedObject> objectsUnder(String prefix) {
        checked(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        List<ListedObject> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                .contents().forEach(o -> objects.add(new ListedObject(o.key(), o.size())));
        return objects;
    }

    /** As {@link ArtifactStore#delete}: a thousand keys per request (S3's batch limit). */
    void delete(List<String> keys) {
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(checked(k)).build()).toList();
            var errors = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true))).errors();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("could not delete " + at(errors.get(0).key()) + ": "
                        + errors.get(0).code() + " " + errors.get(0).message());
            }
        }
    }
}
