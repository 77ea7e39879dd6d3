package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.StoredInput;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.FinalImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud job's spec read back from its bucket (the S3 emulator, over HTTP) for the image so far
 * of a job followed from the Cloud jobs menu: its velocity file downloaded, its recorded data
 * never, and the mute the image is finished with the one the job resolved from its own files has;
 * a model file larger than the grid allows, and a file field that is not a stored input, refused
 * before anything is read.
 */
class StoredJobTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    @TempDir
    Path dir;

    /** A 2D migration on nx x nz nodes of 10 m whose velocity is the raw file {@code model} and its data {@code data}. */
    private static String spec(int nx, int nz, String model, String data) {
        return """
                {"name": "stored", "task": "rtm",
                 "grid": {"nx": %d, "ny": 1, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "%s", "order": "zxy", "endian": "little"}},
                 "migrationVelocity": {"smooth": 50},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.4, "sampleS": 0.004},
                 "sources": {"line": {"x0": 10, "dx": 20, "n": 2, "y": 0, "z": 10}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 4, "y": 0, "z": 30}},
                 "data": "%s",
                 "engine": "cpu"}""".formatted(nx, nz, model, data);
    }

    private ArtifactStore store() {
        return ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("stored"));
    }

    private static JobId job(int seed) {
        return JobId.newFor("stored", Instant.now(), new Random(seed));
    }

    @Test
    void aStoredSpecResolvesWithItsModelAndWithoutItsData() throws Exception {
        int nx = 61;
        int nz = 41;
        ByteBuffer vp = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < nx; ix++) {
            for (int iz = 0; iz < nz; iz++) {
                vp.putFloat(iz < 20 ? 1700f : 2400f);
            }
        }
        Path model = Files.write(dir.resolve("vp.bin"), vp.array());
        ArtifactStore store = store();
        StoredInput in = store.putInput(model, TransferProgress.NONE);
        String data = "inputs/sha256/" + "cd".repeat(32);  // recorded data, never stored: reading them would fail
        JobId id = job(1);
        String stored = spec(nx, nz, in.key(), data);
        store.putBytes(ObjectKeys.spec(id), stored.getBytes(StandardCharsets.UTF_8));

        StoredJob job = StoredJob.read(store, id, "stored");
        assertEquals(data, job.spec().data(), "the spec as stored");
        assertEquals(List.of(in.key()), job.modelKeys());
        Path root = dir.resolve("inputs");
        ResolvedJob resolved = job.resolve(root);

        assertEquals(-1, Files.mismatch(model, root.resolve(in.key())), "the model downloaded whole");
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(root.resolve(in.key())), files.filter(Files::isRegularFile).toList(), "the model alone");
        }
        assertNull(resolved.dataFile(), "the data are not read");
        assertEquals(1700f, resolved.velocity().min(), "the file's slowest velocity");
        ResolvedJob local = JobResolver.withHeapBudget(dir).resolve(
                JobSpecReader.read(spec(nx, nz, "vp.bin", "synthetic"), "local", "stored"), "local");
        double dominant = resolved.spec().wavelet().toWavelet().dominantHz();
        assertEquals(1700 / (2 * dominant), FinalImage.muteTaperM(resolved), 1e-9, "half a wavelength at 1700 m/s");
        assertEquals(FinalImage.muteTaperM(local), FinalImage.muteTaperM(resolved));
        assertEquals(30.0, FinalImage.muteDepthM(resolved), "down to the receivers, from the spec's geometry");
        assertEquals(resolved.spec().imaging(), local.spec().imaging());
        assertEquals(resolved.spec().physics(), local.spec().physics());
    }

    @Test
    void aModelLargerThanTheGridAllowsIsNotDownloaded() throws Exception {
        ArtifactStore store = store();
        var grid = JobSpecReader.read(spec(4, 4, "x", "synthetic"), "spec", "stored").grid();
        long bound = StoredJob.modelBytesBound(grid);
        assertEquals((1L << 20) + 240 * 4 + 8 * 16, bound);
        Path big = Files.write(dir.resolve("big.bin"), new byte[(int) bound + 1]);
        StoredInput in = store.putInput(big, TransferProgress.NONE);
        JobId id = job(2);
        store.putBytes(ObjectKeys.spec(id), spec(4, 4, in.key(), "synthetic").getBytes(StandardCharsets.UTF_8));

        StoredJob job = StoredJob.read(store, id, "stored");
        Path root = dir.resolve("inputs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.resolve(root));
        assertTrue(e.getMessage().endsWith(in.key() + " has " + (bound + 1) + " bytes, more than the " + bound
                + " allowed here"), e.getMessage());
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "nothing downloaded");
        }
    }

    @Test
    void aSpecThatNamesAnythingButStoredInputsIsRefused() {
        ArtifactStore store = store();
        JobId local = job(3);
        store.putBytes(ObjectKeys.spec(local), spec(61, 41, "/etc/passwd", "synthetic").getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredJob.read(store, local, "x"));
        assertEquals("job " + local + ": velocity.raw.path must name a stored input (inputs/sha256/<hash>), got "
                + "\"/etc/passwd\"", e.getMessage());

        JobId data = job(4);
        store.putBytes(ObjectKeys.spec(data), spec(61, 41, "inputs/sha256/" + "ab".repeat(32), "../shots.sgy")
                .getBytes(StandardCharsets.UTF_8));
        e = assertThrows(IllegalArgumentException.class, () -> StoredJob.read(store, data, "x"));
        assertTrue(e.getMessage().endsWith(": data must name a stored input (inputs/sha256/<hash>), got \"../shots.sgy\""),
                e.getMessage());

        JobId text = job(5);
        store.putBytes(ObjectKeys.spec(text), "[1, 2]".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(IllegalArgumentException.class, () -> StoredJob.read(store, text, "x"));
        assertEquals("job " + text + ": its spec is not a JSON object", e.getMessage());

        JobId gone = job(6);
        e = assertThrows(IllegalArgumentException.class, () -> StoredJob.read(store, gone, "x"));
        assertTrue(e.getMessage().endsWith(ObjectKeys.spec(gone) + " does not exist"), e.getMessage());
    }
}
