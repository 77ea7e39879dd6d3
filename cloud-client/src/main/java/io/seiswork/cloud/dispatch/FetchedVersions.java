package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.StoredVersion;
import io.seiswork.core.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which job's version of each output a fetch wrote into a folder ({@value #FILE} there: name, job,
 * size and ETag), so that fetching the job again skips the outputs already there: after a fetch
 * that broke on the second 100 GB file, the first is not downloaded again. A file is taken as
 * already there only if its size and the recorded version both match the stored object's;
 * anything else (a file changed by hand, an object restacked since) is downloaded again. The
 * record also says which files a fetch of the job may replace at all ({@link #wroteFor}): another
 * run's outputs in the folder are not its to replace.
 */
final class FetchedVersions {

    static final String FILE = ".seiswork-fetched.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path record;
    private final ObjectNode versions;

    private FetchedVersions(Path record, ObjectNode versions) {
        this.record = record;
        this.versions = versions;
    }

    /** The record in {@code dir}, empty when there is none or it cannot be read. */
    static FetchedVersions in(Path dir) {
        Path record = dir.resolve(FILE);
        ObjectNode versions = JSON.createObjectNode();
        if (Files.isRegularFile(record)) {
            try {
                JsonNode read = JSON.readTree(Files.readString(record));
                if (read instanceof ObjectNode o) {
                    versions = o;
                }
            } catch (IOException | RuntimeException unreadable) {
                // downloaded again: the record is only a shortcut
            }
        }
        return new FetchedVersions(record, versions);
    }

    /** Whether {@code file} holds {@code version} as fetched before. */
    boolean holds(Path file, StoredVersion version) {
        JsonNode v = versions.path(file.getFileName().toString());
        try {
            return version.eTag() != null && version.eTag().equals(v.path("eTag").asText(null))
                    && v.path("size").asLong(-1) == version.size() && Files.isRegularFile(file)
                    && Files.size(file) == version.size();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a fetch of {@code job} wrote {@code file} (of any version): one recorded for it, or
     * recorded before records named the job (by an older seiswork) and of the stored version
     * {@code stored}, so that its bytes are the job's anyway.
     */
    boolean wroteFor(Path file, JobId job, StoredVersion stored) {
        JsonNode v = versions.path(file.getFileName().toString());
        if (!v.isObject()) {
            return false;
        }
        JsonNode recordedJob = v.get("job");
        return recordedJob != null ? job.value().equals(recordedJob.asText())
                : stored.eTag() != null && stored.eTag().equals(v.path("eTag").asText(null));
    }

    /** Records that {@code file} now holds {@code version} of {@code job}'s output. */
    void fetched(Path file, JobId job, StoredVersion version) {
        versions.putObject(file.getFileName().toString()).put("job", job.value()).put("size", version.size())
                .put("eTag", version.eTag());
        DurableFiles.write(record, versions.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }
}
