package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shot results fetched ahead of the stacker, against the S3 emulator: handed over in shot order
 * whatever order the downloads finish in, never more than the depth on disk, each result's size
 * limit enforced, a missing result reported, nothing left behind.
 */
class ResultPrefetchTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private static ArtifactStore storeWithResults(JobId job, int shots) {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("prefetch"));
        for (int n = 1; n <= shots; n++) {
            // Later shots smaller, so that their downloads tend to finish first.
            store.putBytes(ObjectKeys.shotResult(job, n), ("shot " + n + " ").repeat(2000 / n).getBytes(StandardCharsets.UTF_8));
        }
        return store;
    }

    @Test
    void resultsComeInShotOrderWithAtMostTheDepthOnDisk() throws Exception {
        JobId job = new JobId("prefetch-order");
        ArtifactStore store = storeWithResults(job, 9);
        Path scratch = dir.resolve("results");
        try (ResultPrefetch results = new ResultPrefetch(store, job, 9, scratch, n -> 1 << 20, 3)) {
            for (int n = 1; n <= 9; n++) {
                Path file = results.next();
                assertTrue(Files.readString(file).startsWith("shot " + n + " "), "shot " + n + ": " + file);
                try (var files = Files.list(scratch)) {
                    assertTrue(files.count() <= 3, "more than 3 results on disk");
                }
                Files.delete(file);
            }
            assertThrows(java.util.NoSuchElementException.class, results::next);
        }
        assertFalse(Files.exists(scratch), "the scratch folder is removed");
    }

    @Test
    void aResultOverItsLimitOrMissingStopsTheStackWithItsReason() {
        JobId job = new JobId("prefetch-limits");
        ArtifactStore store = storeWithResults(job, 3);
        try (ResultPrefetch results = new ResultPrefetch(store, job, 4, dir.resolve("a"), n -> n == 2 ? 100 : 1 << 20, 2)) {
            results.next();
            RuntimeException e = assertThrows(RuntimeException.class, results::next);
            assertTrue(e.getMessage().contains("shots/2"), e.getMessage());
        }
        try (ResultPrefetch results = new ResultPrefetch(store, job, 4, dir.resolve("b"), n -> 1 << 20, 2)) {
            for (int n = 1; n <= 3; n++) {
                results.next();
            }
            RuntimeException e = assertThrows(RuntimeException.class, results::next);
            assertTrue(e.getMessage().contains("shots/4"), e.getMessage());
        }
    }
}
