package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.StoredVersion;
import io.seiswork.core.files.FetchRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch's record forgets as a local run's forgetting does ({@link FetchRecord#forget}): a record
 * that names nothing more is removed, not left as {@code {}}, so that a fetch replacing another
 * job's files and then cancelled leaves the folder as a local run replacing them would. No cloud:
 * the record is a file in the folder.
 */
class FetchedVersionsTest {

    @TempDir
    Path dir;

    private static final JobId OLD_JOB = new JobId("rtm-old");

    private void fetched(String name, String bytes) throws Exception {
        Path file = Files.writeString(dir.resolve(name), bytes);
        FetchedVersions.in(dir).fetched(file, OLD_JOB, new StoredVersion(bytes.length(), "etag-" + name));
    }

    @Test
    void forgettingEveryFileRemovesTheRecordAsALocalRunsForgettingDoes() throws Exception {
        fetched("image.sgy", "rtm sgy");
        fetched("image.swv", "rtm swv");
        Path record = dir.resolve(FetchRecord.FILE);

        FetchedVersions versions = FetchedVersions.in(dir);
        versions.forget(List.of("shots.sgy"));
        assertEquals(2, FetchRecord.read(dir).size(), "nothing of it forgotten");
        versions.forget(List.of("image.sgy", "run.json"));
        assertEquals(List.of("image.swv"), List.copyOf(FetchRecord.fetchedIn(dir).keySet()));
        versions.forget(List.of("image.swv"));
        assertFalse(Files.exists(record), "no record left, as FetchRecord.forget leaves none");

        // The same fetch goes on recording what it writes after forgetting the rest.
        Path shots = Files.writeString(dir.resolve("shots.sgy"), "model sgy");
        versions.fetched(shots, new JobId("model-new"), new StoredVersion(9, "etag-shots"));
        assertEquals(List.of("shots.sgy"), List.copyOf(FetchRecord.fetchedIn(dir).keySet()));
        assertTrue(versions.wroteFor(shots, new JobId("model-new"), null));
    }
}
