package io.seiswork.cloud.s3;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Tags put on stored objects by a PutObjectTagging of their own, never on the request that
 * carries the bytes ({@link ArtifactStore#tag} says why): what the bucket's lifecycle rule
 * filters on. An endpoint that does not implement tagging (an emulator) is asked once.
 */
final class ObjectTags {

    private final S3Client s3;
    private final BucketObjects objects;
    /** Cleared when the endpoint answers PutObjectTagging 501 (an emulator): later puts go untagged at once. */
    private volatile boolean taggingImplemented = true;

    ObjectTags(S3Client s3, BucketObjects objects) {
        this.s3 = s3;
        this.objects = objects;
    }

    /** As {@link ArtifactStore#tag}: true when tagged, false when the endpoint does not implement tagging. */
    boolean tag(String key, String tagging) {
        List<Tag> tags = tags(tagging);
        objects.checked(key);
        if (!taggingImplemented) {
            return false;
        }
        try {
            s3.putObjectTagging(r -> r.bucket(objects.bucket()).key(key).tagging(t -> t.tagSet(tags)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            taggingImplemented = false;
            return false;
        }
    }

    /** The tags of {@code tagging} ({@code k=v&k2=v2}, of letters, digits, {@code . _ -}). */
    private static List<Tag> tags(String tagging) {
        if (tagging == null || !tagging.matches("[A-Za-z0-9._-]+=[A-Za-z0-9._-]*(&[A-Za-z0-9._-]+=[A-Za-z0-9._-]*)*")) {
            throw new IllegalArgumentException("tagging must be key=value pairs joined by &, of letters, digits, . _ -; got "
                    + tagging);
        }
        List<Tag> tags = new ArrayList<>();
        for (String pair : tagging.split("&")) {
            int eq = pair.indexOf('=');
            tags.add(Tag.builder().key(pair.substring(0, eq)).value(pair.substring(eq + 1)).build());
        }
        return tags;
    }
}
