package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.SubmittedJob;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.spec.ResolvedJob;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs shared by the workers of one machine: downloaded once into the machine's cache, and only
 * ever present there whole and verified.
 */
class JobWorkspaceTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private ArtifactStore store;
    private JobTable table;
    private Dispatcher dispatcher;

    @BeforeEach
    void stack() {
        String name = LocalCloud.uniqueName("workspace");
        store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        dispatcher = new Dispatcher(store, table, ShotQueue.createIfMissing(CLOUD.sqs(), name));
    }

    /** A small job whose velocity is a raw file, which submit stores as an input. */
    private SubmittedJob submit() throws Exception {
        int nx = 41;
        int nz = 21;
        ByteBuffer vp = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < nx * nz; i++) {
            vp.putFloat(1500f + i % nz * 20f);
        }
        Files.write(dir.resolve("vp.bin"), vp.array());
        Path spec = Files.writeString(dir.resolve("spec.json"), """
                {"name": "workspace", "task": "model",
                 "grid": {"nx": %d, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "vp.bin", "order": "zxy", "endian": "little"}},
                 "wavelet": {"peakHz": 10}, "time": {"lengthS": 0.2, "sampleS": 0.004},
                 "sources": {"line": {"x0": 200, "dx": 100, "n": 1, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 41, "z": 20}},
                 "engine": "cpu"}""".formatted(nx, nz));
        return dispatcher.submit(spec, 1, TransferProgress.NONE);
    }

    private JobWorkspace workspace(String worker, Path cache) throws Exception {
        return new JobWorkspace(store, Files.createDirectories(dir.resolve(worker)), cache,
                WorkerSettings.DEFAULT_MAX_INPUT_BYTES, null, 0);
    }

    @Test
    void aSecondWorkerOfTheMachineUsesTheInputTheFirstDownloaded() throws Exception {
        SubmittedJob submitted = submit();
        assertEquals(1, submitted.inputs().size());
        String key = submitted.inputs().get(0);
        JobRecord job = table.job(submitted.id()).orElseThrow();
        Path cache = Files.createDirectories(dir.resolve("machine"));

        ResolvedJob first = workspace("gpu-0", cache).resolve(job);
        assertTrue(Files.isRegularFile(cache.resolve(key)), "the input is in the machine's cache");
        assertEquals(FileSha256.hexOf(dir.resolve("vp.bin")), FileSha256.hexOf(cache.resolve(key)));

        store.delete(List.of(key));   // so a second download would fail
        ResolvedJob second = workspace("gpu-1", cache).resolve(job);
        assertEquals(first.velocity().max(), second.velocity().max());
        for (String worker : List.of("gpu-0", "gpu-1")) {
            try (var left = Files.list(dir.resolve(worker).resolve("downloads"))) {
                assertEquals(0, left.count(), worker + " left a download behind");
            } catch (java.nio.file.NoSuchFileException neverDownloaded) {
                assertEquals("gpu-1", worker);
            }
        }
    }

    @Test
    void aDownloadWhoseHashDiffersNeverAppearsInTheCache() throws Exception {
        SubmittedJob submitted = submit();
        String key = submitted.inputs().get(0);
        store.putBytes(key, new byte[] {1, 2, 3, 4});   // the stored object no longer matches its name
        Path cache = Files.createDirectories(dir.resolve("machine"));
        JobRecord job = table.job(submitted.id()).orElseThrow();
        RuntimeException e = assertThrows(RuntimeException.class, () -> workspace("gpu-0", cache).resolve(job));
        assertTrue(e.getMessage().contains("downloaded with SHA-256"), e.getMessage());
        assertFalse(Files.exists(cache.resolve(key)), "a corrupt input was put in the cache");
    }
}
