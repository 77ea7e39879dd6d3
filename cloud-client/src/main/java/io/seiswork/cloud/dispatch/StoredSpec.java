package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.SpecInputs;
import io.seiswork.cloud.s3.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A job's spec as the dispatcher stored it ({@code jobs/<id>/spec.json}), read back by those who
 * run or watch the job: the workers, and the desktop's image so far. The bucket is not trusted
 * further than the dispatcher wrote it, so every file field must be a stored input key
 * ({@code inputs/sha256/<hash>}): anything else ({@code /etc/passwd}, {@code ../x}) is refused
 * before any file is opened, and a stored spec can never make its reader open its own disk.
 *
 * @param id the job
 * @param bytes the spec's bytes as stored
 * @param files its file fields, each an input key
 */
public record StoredSpec(JobId id, byte[] bytes, List<SpecInputs.FileField> files) {

    /** Largest spec read: real ones are a few kilobytes (lists of thousands of positions stay under a megabyte). */
    public static final long MAX_BYTES = 16L << 20;

    /**
     * Reads and checks job {@code id}'s stored spec.
     *
     * @throws IllegalArgumentException when it is missing, larger than {@link #MAX_BYTES}, not a
     *     JSON object, or names a file that is not a stored input
     */
    public static StoredSpec read(ArtifactStore store, JobId id) {
        byte[] bytes = store.getBytes(ObjectKeys.spec(id), MAX_BYTES);
        ObjectNode tree;
        try {
            if (!(new ObjectMapper().readTree(bytes) instanceof ObjectNode o)) {
                throw new IllegalArgumentException("job " + id + ": its spec is not a JSON object");
            }
            tree = o;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job " + id + ": its spec is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SpecInputs.FileField> files = SpecInputs.of(tree);
        for (SpecInputs.FileField f : files) {
            if (!ObjectKeys.isInput(f.value())) {
                throw new IllegalArgumentException("job " + id + ": " + f.path() + " must name a stored input "
                        + "(inputs/sha256/<hash>), got \"" + f.value().replaceAll("\\p{Cntrl}", "?") + "\"");
            }
        }
        return new StoredSpec(id, bytes, List.copyOf(files));
    }

    /** The spec's text, for the spec reader. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
