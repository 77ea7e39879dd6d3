package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.StoredVersion;
import io.seiswork.core.files.FetchRecord;
import java.io.IOException;
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
 * edit), are not its. A local run into the folder reads the same record ({@link FetchRecord}).
 */
final class FetchedVersions {

    static final String FILE = FetchRecord.FILE;

    /** The folder the record is in. */
    private final Path dir;
    private final ObjectNode versions;

    private FetchedVersions(Path dir, ObjectNode versions) {
        this.dir = dir;
        this.versions = versions;
    }

    /** The record in {@code dir}, empty when there is none or it cannot be read. */
    static FetchedVersions in(Path dir) {
        return new FetchedVersions(dir, FetchRecord.read(dir));
    }

    /** Whether {@code file} holds {@code version} as fetched before. */
    boolean holds(Path file, StoredVersion version) {
        JsonNode v = versions.path(file.getFileName().toString());
        try {
            return version.eTag() != null && version.eTag().equals(v.path("eTag").asText(null))
                    && v.path("size").asLong(-1) == version.size() && Files.isRegularFile(file)
                    && Files.size(file) == version.size() && FetchRecord.unchanged(file, v);
        } catch (IOException e) {
            return false;
        }
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
        if (!v.isObject() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !FetchRecord.unchanged(file, v)) {
            return false;
        }
        JsonNode recordedJob = v.get("job");
        return recordedJob != null ? job.value().equals(recordedJob.asText())
                : stored != null && stored.eTag() != null && stored.eTag().equals(v.path("eTag").asText(null));
    }

    /**
     * Forgets the files {@code names} (removed: another run's outputs a fetch replaced), so that
     * the record names no job for them; as a local run forgets ({@link FetchRecord#forget}), the
     * record is removed when it names nothing more (until this fetch records its first file).
     */
    void forget(Collection<String> names) {
        FetchRecord.forget(dir, versions, names);
    }

    /** Records that {@code file}, just written, now holds {@code version} of {@code job}'s output. */
    void fetched(Path file, JobId job, StoredVersion version) {
        ObjectNode v = versions.putObject(file.getFileName().toString()).put("job", job.value())
                .put("size", version.size()).put("eTag", version.eTag());
        try {
            v.put("modified", FetchRecord.modified(file));
        } catch (IOException e) {
            // without its time the file is taken at its size, as an older record is
        }
        FetchRecord.write(dir, versions);
    }
}
