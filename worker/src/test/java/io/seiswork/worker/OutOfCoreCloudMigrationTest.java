package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey too large for a worker's memory goes through the cloud out of core, and its image is a
 * local heap run's, byte for byte: where the workers keep a job's whole grid may change their
 * memory, never the image a user fetches. Two workers of a task too small for the job's whole
 * grid ({@link WorkerSettings#taskMemoryBytes}: resolved as {@code seiswork submit
 * --worker-memory} checks a spec, 70 % of it as heap; without it the test JVM's 4 GiB heap would
 * keep so small a grid on the heap) migrate its shots with the models read a window at a time
 * from the stored raw file, and the worker that counts the last shot stacks the partial images
 * into a memory-mapped file and finishes and writes the image from it plane by plane. The
 * fetched {@code image.sgy} and {@code image.swv} must equal those of the same spec run on the
 * heap here as {@code seiswork run} runs it (the app's {@code MigrationRunner}, which this module
 * cannot call: one {@link ShotComputer}, partial images stacked in shot order,
 * {@link ImageFiles#write}), and the stacking worker's metric line must say its stack was out of
 * core. {@code OutOfCoreMigrationTest} checks the same equality without the cloud; here the stored
 * inputs, the per-shot partial-image files on windows, the prefetching stacker and each worker's
 * own resolution of the job are in the path too.
 */
class OutOfCoreCloudMigrationTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /**
     * A 20 km line over a laterally varying model read from a raw file, smoothed for the
     * migration; 3 shots from one end of the line to the other (at 0.3, 10 and 19.7 km), each
     * recording every 20 m within 300 m, with a 150 m aperture: windows of a few hundred metres, the
     * first and last cut by the grid's edges.
     */
    private static final String SPEC = """
        {
          "name": "ooc-cloud",
          "task": "rtm",
          "grid": { "nx": 2001, "nz": 61, "dx": 10, "dz": 10 },
          "velocity": { "raw": { "path": "v.bin", "order": "zxy" } },
          "migrationVelocity": { "smooth": 40 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.6, "sampleS": 0.004 },
          "sources": { "line": { "x0": 300, "dx": 9700, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 20, "n": 1001, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 300 } } },
          "imaging": { "aperture": 150 },
          "physics": { "spaceOrder": 8, "boundary": { "type": "cpml", "width": 10 } },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    @TempDir
    Path dir;

    @Test
    void aJobTooLargeForTheWorkersIsMigratedOutOfCoreAndItsImageIsTheLocalHeapRunsByteForByte() throws Exception {
        long t0 = System.nanoTime();
        Grid g = Grid.of2d(2001, 61, 10);
        writeModel(g, dir.resolve("v.bin"));
        Path specFile = Files.writeString(dir.resolve("spec.json"), SPEC);
        // A worker task whose heap budget (90 % of its 70 %) is just under twice the whole grid's
        // 16 B a node: the grid goes out of core, while a shot still fits the budget.
        long taskMemory = (long) ((2 * WholeGridStorage.BYTES_PER_NODE * g.nodes() - 64)
                / (0.9 * JobResolver.WORKER_HEAP_SHARE));
        ResolvedJob forWorkers = JobResolver.forWorkers(dir, taskMemory).resolve(JobSpecReader.read(specFile), "spec");
        assertEquals(WholeGridStorage.OUT_OF_CORE, forWorkers.storage(), "as submit --worker-memory checks it");

        // The local run, as `seiswork run` does it: this JVM's heap holds the whole grid.
        ResolvedJob local = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(specFile), specFile.toString());
        assertEquals(WholeGridStorage.HEAP, local.storage());
        assertTrue(JobStacker.resultBytesBound(local) < PartialImageFile.bytes(g) / 10,
                "each shot's result is on a window, not the grid");
        Path localOut = Files.createDirectories(dir.resolve("local"));
        assertTrue(runLocally(local, localOut), "the local run's stack is on the heap");

        String name = LocalCloud.uniqueName("ooc");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        Dispatcher dispatcher = new Dispatcher(store, table, queue);
        int shots = local.geometry().shots().size();
        assertEquals(3, shots);
        JobId job = dispatcher.submit(specFile, shots, TransferProgress.NONE).id();
        ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
        PrintStream metricOut = new PrintStream(metricLines, true, StandardCharsets.UTF_8);
        List<ShotWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String id : List.of("small-1", "small-2")) {
            WorkerSettings s = WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                    .withMaxIdle(Duration.ofSeconds(2)).withPollWait(Duration.ofSeconds(1))
                    .withStatusPoll(Duration.ofMillis(500)).withTaskMemory(taskMemory);
            ShotWorker w = new ShotWorker(store, table, queue, s, new ShotMetrics(metricOut, Clock.systemUTC(), id));
            workers.add(w);
            Thread t = new Thread(w, "worker-" + id);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(120_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), String.valueOf(done.error()));
        assertEquals(shots, workers.stream().mapToInt(ShotWorker::shotsRun).sum());

        List<JsonNode> stacked = new ArrayList<>();
        for (String line : metricLines.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has(ShotMetrics.JOBS_STACKED)) {
                stacked.add(n);
            }
        }
        assertEquals(1, stacked.size(), "one worker stacked");
        assertEquals("out-of-core", stacked.get(0).get("wholeGrid").asText(), "the stack was a memory-mapped file");
        // The job as a worker of that task resolves it from the stored spec and inputs (JobWorkspace).
        ResolvedJob onWorker = new JobWorkspace(store, Files.createDirectories(dir.resolve("check")), dir.resolve("check"),
                WorkerSettings.DEFAULT_MAX_INPUT_BYTES, null, taskMemory).resolve(done);
        assertEquals(WholeGridStorage.OUT_OF_CORE, onWorker.storage());
        assertFalse(onWorker.velocity() instanceof VelocityModel, "the shots read the stored model a window at a time");
        assertFalse(onWorker.migrationVelocity() instanceof VelocityModel, "and smooth it a window at a time");

        Path cloudOut = dir.resolve("cloud");
        dispatcher.fetch(job, cloudOut, 1L << 30, TransferProgress.NONE);
        for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
            byte[] a = Files.readAllBytes(localOut.resolve(file));
            byte[] b = Files.readAllBytes(cloudOut.resolve(file));
            System.out.printf("cloud out of core (stacked by %s) vs local heap: %s, %,d bytes, identical: %s%n",
                    stacked.get(0).get("worker").asText(), file, a.length, Arrays.equals(a, b));
            assertArrayEquals(a, b, file);
        }
        System.out.printf("out-of-core cloud test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Migrates every shot and writes the image files into {@code out} as the app's
     * {@code MigrationRunner} does for {@code seiswork run}; whether the stack was on the heap.
     */
    private static boolean runLocally(ResolvedJob job, Path out) {
        Grid g = job.spec().grid();
        ImageFiles.requireDiskSpace(out, job);
        EngineSelection engine = JobEngine.select(job);
        try (ImageStacker stack = new ImageStacker(g, out.resolve("stack-scratch"), job.storage());
                ShotComputer c = new ShotComputer(job, engine.engine(), out.resolve("scratch"))) {
            for (Shot s : c.shots()) {
                stack.add(c.migrate(s, ProgressListener.NONE, CancellationToken.none()).image());
            }
            ImageFiles.write(out, job, stack, ProgressListener.NONE, CancellationToken.none());
            return stack.onHeap();
        } finally {
            engine.engine().close();
        }
    }

    /**
     * 1500 m/s water over a reflector dipping along the whole line (250 m deep at its start, 500 m
     * at its end) and a faster wedge beyond 12 km: every shot's window sees another model.
     */
    private static void writeModel(Grid g, Path file) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * g.points()).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < g.nx(); ix++) {
            double x = ix * g.dx();
            for (int iz = 0; iz < g.nz(); iz++) {
                double z = iz * g.dz();
                double v = z < 250 + 0.0125 * x ? 1500 : 2100 + 0.4 * (z - 250);
                b.putFloat(x > 12_000 && z > 420 - 0.01 * (x - 12_000) ? 2400f : (float) v);
            }
        }
        Files.write(file, b.array());
    }
}
