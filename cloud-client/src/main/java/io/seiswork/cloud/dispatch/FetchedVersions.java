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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Which job's version of each output a fetch wrote into a folder ({@value #FILE} there: name, job,
 * size, ETag and the file's modification time once written), so that fetching the job again skips the outputs already there: after a fetch
 * that broke on the second 100 GB file, the first is not downloaded again. A file is taken as
 * already there only if its size and the recorded version both match the stored object's;
 * an object restacked since is downloaded again. The record also says which files a fetch of the
 * job may replace, or leave beside its own ({@link #wroteFor}): another run's outputs in the folder
 * (another job's fetched files), or a fetched file written since (a local run into the folder, an
 * edit), are not its.
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
                    && Files.size(file) == version.size() && unchanged(file, v);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code file} is as the fetch recorded in {@code v} left it: same size and modification
     * time. A record of an older seiswork has no time, and is taken at its size.
     */
    private static boolean unchanged(Path file, JsonNode v) {
        try {
            return Files.size(file) == v.path("size").asLong(-1)
                    && (!v.has("modified") || modified(file) == v.get("modified").asLong());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code file}'s modification time, ns since the epoch (as fine as the file system keeps it). */
    private static long modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Whether a fetch of {@code job} wrote {@code file} (of any version) and nothing has written it
     * since: one recorded for it, or recorded before records named the job (by an older seiswork)
     * and of the stored version {@code stored}, so that its bytes are the job's anyway.
     *
     * @param stored the job's stored version of the file, or null when the job has no output by its
     *     name (a record of an older seiswork is then no fetch of this job's)
     */
    boolean wroteFor(Path file, JobId job, StoredVersion stored) {
        JsonNode v = versions.path(file.getFileName().toString());
        if (!v.isObject() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !unchanged(file, v)) {
            return false;
        }
        JsonNode recordedJob = v.get("job");
        return recordedJob != null ? job.value().equals(recordedJob.asText())
                : stored != null && stored.eTag() != null && stored.eTag().equals(v.path("eTag").asText(null));
    }

    /**
     * Forgets the files {@code names} (removed: another run's outputs a fetch replaced), so that
     * the record names no job for them.
     */
    void forget(Collection<String> names) {
        if (names.stream().anyMatch(versions::has)) {
            versions.remove(names);
            DurableFiles.write(record, versions.toPrettyString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Records that {@code file}, just written, now holds {@code version} of {@code job}'s output. */
    void fetched(Path file, JobId job, StoredVersion version) {
        ObjectNode v = versions.putObject(file.getFileName().toString()).put("job", job.value())
                .put("size", version.size()).put("eTag", version.eTag());
        try {
            v.put("modified", modified(file));
        } catch (IOException e) {
            // without its time the file is taken at its size, as an older record is
        }
        DurableFiles.write(record, versions.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }
}
