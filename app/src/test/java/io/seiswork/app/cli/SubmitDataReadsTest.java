package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.SpecTree;
import io.seiswork.cloud.dispatch.SubmittedJob;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.StoredInput;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotComputer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code seiswork submit} reads of a recorded data file, counted by the file system
 * ({@link CountingFileSystem}: every read of the file, by any code): the pass over its trace
 * headers that counts its shots, one read of the whole file for the shot index's digests (which
 * computes the file's own SHA-256 too), and the upload; not a second read for the file's SHA-256,
 * which made its content key by hashing the whole file again (a TB read three times, now twice).
 * A file changed after that read is read again for its key, never given the old one.
 */
class SubmitDataReadsTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /** Parts of 5 MiB (S3's least), so that the upload is a multipart one, as any large file's is. */
    private static final int PART_BYTES = 5 << 20;

    private static final int SHOTS = 3;
    private static final int TRACES = 1000;
    private static final Sampling TIME = new Sampling(1001, 0.002, 0);

    private static final String SPEC = """
        {
          "name": "reads",
          "task": "rtm",
          "grid": { "nx": 101, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 200, "dx": 300, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 101, "z": 20 } },
          "data": "recorded/shots.sgy",
          "engine": "cpu"
        }
        """;

    @TempDir
    Path dir;

    @BeforeEach
    void forgetDigests() {
        FileSha256.forget();
    }

    /**
     * 3 shots of 1000 traces of 1001 samples of noise: 12.7 MB, three blocks of the digests' pass
     * and three parts of the upload. Each test's own noise ({@code seed}): the emulated bucket
     * lives as long as the JVM, and a file stored already would not be uploaded.
     */
    private Path recorded(long seed) throws IOException {
        Path data = Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy");
        Random random = new Random(seed);
        try (ShotGatherWriter out = new ShotGatherWriter(data, TIME, true, 1000, "C 1 READS")) {
            for (int s = 0; s < SHOTS; s++) {
                List<Position> receivers = new ArrayList<>();
                float[][] traces = new float[TRACES][TIME.count()];
                for (int r = 0; r < TRACES; r++) {
                    receivers.add(new Position(r, 0, 20));
                    for (int k = 0; k < TIME.count(); k++) {
                        traces[r][k] = (float) random.nextGaussian();
                    }
                }
                out.write(new Shot(s + 1, new Position(200 + 300 * s, 0, 20), receivers), traces);
            }
        }
        return data;
    }

    /** The local stack's dispatcher, its store uploading in parts of {@link #PART_BYTES}. */
    private static Dispatcher dispatcher(CloudClients c) {
        CloudSettings s = c.settings();
        ArtifactStore.createIfMissing(c.s3(), s.bucket());
        return new Dispatcher(new ArtifactStore(c.s3(), s.bucket(), PART_BYTES, 2),
                JobTable.createIfMissing(c.dynamoDb(), s.table()), ShotQueue.createIfMissing(c.sqs(), s.queue()));
    }

    private static CloudClients clients() {
        return new CloudClients(CloudSettings.local(CLOUD.s3Endpoint(), CLOUD.sqsEndpoint(), CLOUD.dynamoDbEndpoint()));
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(io.seiswork.core.files.Sha256Pass.newSha256().digest(Files.readAllBytes(file)));
    }

    @Test
    void theDataFileIsReadOnceForItsDigestsAndOnceToUpload() throws Exception {
        Path data = recorded(11);
        long size = Files.size(data);
        CountingFileSystem fs = new CountingFileSystem(data);
        Path base = fs.path(dir);
        ResolvedJob job = JobResolver.withHeapBudget(base).resolve(JobSpecReader.read(SPEC, "spec", "reads"), "spec");

        ShotComputer.Shots found = ShotComputer.shotsAndNotes(job);
        long scan = fs.readBytes();
        List<long[]> progress = new ArrayList<>();
        byte[] index = found.storedDataIndex((done, total) -> progress.add(new long[] {done, total}),
                CancellationToken.none());
        long digests = fs.readBytes() - scan;
        SubmittedJob submitted;
        try (CloudClients c = clients()) {
            submitted = dispatcher(c).submit(SpecTree.parse(SPEC, "spec"), base, SHOTS, 0, index, TransferProgress.NONE);
        }
        long upload = fs.readBytes() - scan - digests;
        System.out.printf("submit of a %,d-byte data file read %,d bytes to scan its headers, %,d for its digests, %,d"
                + " to upload it (%.2f times the file after the scan)%n", size, scan, digests, upload,
                (double) (digests + upload) / size);

        assertEquals(0, fs.mappedBytes(), "every read counted: none through a memory map");
        assertTrue(scan < size / 10, "the scan reads the trace headers, not the traces: " + scan + " bytes");
        assertEquals(size, digests, "the digests' pass reads the whole file once");
        assertEquals(size, upload, "the upload reads it once, and nothing reads it again for its key");
        assertEquals(size, progress.getLast()[0], "the pass said how far it was, to the end");
        String dataKey = ObjectKeys.input(sha256(data));
        assertTrue(submitted.inputs().contains(dataKey), "stored under its content's SHA-256: " + submitted.inputs());
        assertTrue(submitted.uploadedBytes() > size, "the data file and its index uploaded");
    }

    @Test
    void aFileChangedAfterItsDigestsIsReadAgainForItsKey() throws Exception {
        Path data = recorded(12);
        long size = Files.size(data);
        CountingFileSystem fs = new CountingFileSystem(data);
        Path base = fs.path(dir);
        ResolvedJob job = JobResolver.withHeapBudget(base).resolve(JobSpecReader.read(SPEC, "spec", "reads"), "spec");
        ShotComputer.shotsAndNotes(job).storedDataIndex();
        String before = sha256(data);
        // The same length, other bytes, the modification time put back: only the change time tells.
        FileTime modified = Files.getLastModifiedTime(data);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length - 1] ^= 1;
        Files.write(data, bytes);
        Files.setLastModifiedTime(data, modified);

        long read = fs.readBytes();
        StoredInput stored;
        try (CloudClients c = clients()) {
            stored = dispatcher(c).store().putInput(base.resolve("recorded/shots.sgy"), TransferProgress.NONE);
        }
        assertNotEquals(before, sha256(data));
        assertEquals(ObjectKeys.input(sha256(data)), stored.key(), "the key of the bytes now, not of those hashed before");
        assertEquals(2 * size, fs.readBytes() - read, "read again for its key, then uploaded");
    }
}
