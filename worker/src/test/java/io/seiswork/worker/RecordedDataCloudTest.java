package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.SpecTree;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.GatherFiles;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.job.ShotIndex;
import io.seiswork.kernels.job.ShotIndexFormat;
import io.seiswork.kernels.rtm.ImageStacker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A migration of recorded data in the cloud: each worker fetches the data file's headers and its
 * shot's traces by ranged GETs ({@link RecordedShots}), never the whole file, and the image is a
 * local run's of the whole file byte for byte. A job of one shot reads exactly that shot's bytes
 * of the data; a shot index whose ranges are wrong fails the shot in one line rather than
 * migrating another shot's traces; a job submitted without an index (before indexes existed)
 * downloads the whole file and gives the same image.
 */
class RecordedDataCloudTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /** Three shots over a reflector, each on its window of a 150 m aperture, recorded every 10 m within 300 m. */
    private static final String SPEC = """
        {
          "name": "recorded-cloud",
          "task": "rtm",
          "grid": { "nx": 121, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 200, "dx": 400, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 121, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 300 } } },
          "imaging": { "aperture": 150 },
          "physics": { "spaceOrder": 8, "boundary": { "type": "cpml", "width": 10 } },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    @TempDir
    Path dir;

    private S3Client s3;
    private ArtifactStore store;
    private JobTable table;
    private ShotQueue queue;

    @Test
    void workersFetchOnlyTheirShotsTracesAndTheImageIsTheWholeFilesLocalRunByteForByte() throws Exception {
        long t0 = System.nanoTime();
        String name = LocalCloud.uniqueName("recorded");
        String[] dataKeyOf = {null};
        AtomicLong dataRead = new AtomicLong();
        // The worker's and the dispatcher's GETs, through a client that counts the data object's bytes they bring.
        s3 = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.key().equals(dataKeyOf[0])) {
                            dataRead.addAndGet(((GetObjectResponse) context.response()).contentLength());
                        }
                    }
                })).build();
        store = ArtifactStore.createIfMissing(s3, name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        Dispatcher dispatcher = new Dispatcher(store, table, queue);

        Path data = record();
        Path specFile = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"synthetic\"", "\"shots.sgy\""));
        ResolvedJob local = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(specFile), "spec");
        ShotComputer.Shots found = ShotComputer.shotsAndNotes(local);
        byte[] indexBytes = found.storedDataIndex();
        ShotIndex index = ShotIndexFormat.decode(indexBytes, "index");
        Path localOut = Files.createDirectories(dir.resolve("local"));
        runLocally(local, localOut);
        String dataKey = ObjectKeys.input(ArtifactStore.sha256(data));
        dataKeyOf[0] = dataKey;

        // (a) The whole job, indexed: the local run's image, and no worker holds the data file.
        JobId all = dispatcher.submit(tree(specFile), dir, 3, 0, indexBytes, TransferProgress.NONE).id();
        run("w1");
        assertDone(all);
        Path cloudOut = dir.resolve("cloud");
        dispatcher.fetch(all, cloudOut, 1L << 30, TransferProgress.NONE);
        for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
            byte[] a = Files.readAllBytes(localOut.resolve(file));
            byte[] b = Files.readAllBytes(cloudOut.resolve(file));
            assertArrayEquals(a, b, file + ": the local run's of the whole file");
            System.out.printf("recorded data, shots fetched alone vs local run of the whole file: %s, %,d bytes, "
                    + "identical%n", file, a.length);
        }
        assertFalse(Files.exists(dir.resolve("w1").resolve(dataKey)), "no worker downloaded the whole data file");
        assertEquals(Files.size(data), dataRead.get(), "3 shots on one worker: the headers once, every trace once");

        // (b) One shot of it: the worker reads the headers and that shot's traces, nothing more.
        dataRead.set(0);
        JobId two = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE).id();
        run("w2");
        assertDone(two);
        ShotIndex.Entry shot2 = index.entry(2);
        assertEquals(index.shotFileBytes(shot2), dataRead.get(), "headers + shot 2's traces");
        System.out.printf("shot 2: %,d bytes fetched (%,d of headers, %d traces of %,d bytes) of the %,d-byte data file;"
                + " index %,d bytes for %d shots%n", dataRead.get(), index.headerBytes(), shot2.traces(),
                index.traceBytes(), Files.size(data), indexBytes.length, index.shots().size());

        // (d) The same shot submitted without an index, as before indexes: the whole file, the same image.
        dataRead.set(0);
        JobId old = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, TransferProgress.NONE).id();
        run("w3");
        assertDone(old);
        assertEquals(Files.size(data), dataRead.get(), "the whole file downloaded");
        assertTrue(Files.exists(dir.resolve("w3").resolve(dataKey)), "into the input cache");
        assertArrayEquals(store.getBytes(ObjectKeys.output(two, ImageFiles.IMAGE_FILE), 1 << 24),
                store.getBytes(ObjectKeys.output(old, ImageFiles.IMAGE_FILE), 1 << 24), "the indexed job's image");

        // (c) An index whose shots 1 and 3 name each other's traces (with their digests, so that the index holds
        // together): the shot fails, naming itself, and no image is made.
        List<ShotIndex.Entry> wrong = new ArrayList<>(index.shots());
        ShotIndex.Entry e1 = wrong.get(0), e3 = wrong.get(2);
        wrong.set(0, new ShotIndex.Entry(1, e1.source(), e1.minX(), e1.maxX(), e1.minY(), e1.maxY(),
                e3.ranges(), e3.sha256()));
        wrong.set(2, new ShotIndex.Entry(3, e3.source(), e3.minX(), e3.maxX(), e3.minY(), e3.maxY(),
                e1.ranges(), e1.sha256()));
        byte[] corrupt = ShotIndexFormat.encode(new ShotIndex(index.headerBytes(), index.traceBytes(), false,
                index.dataBytes(), index.headerSha256(), wrong));
        JobId bad = dispatcher.submitShots(tree(specFile), dir, List.of(1), 0, corrupt, TransferProgress.NONE).id();
        run("w4");
        JobRecord failed = table.job(bad).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("shot 1 failed 3 times: shot FFID 1: the traces fetched for it are of FFID 3: the data file's"
                + " shot index names the wrong traces", failed.error());
        assertTrue(failed.outputs().isEmpty());

        // (e) The data object overwritten after submission with other bytes of the same size (the bucket is not
        // versioned, and inputs/ can be written by any submitter): the shot's traces no longer have the digest the
        // index holds of them, and the shot fails in one line naming it and the key; no image is made.
        JobId replaced = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE)
                .id();
        byte[] other = Files.readAllBytes(data);
        long[] r2 = index.entry(2).ranges();
        int at = Math.toIntExact(index.headerBytes() + r2[0] * index.traceBytes() + 240 + 40);
        other[at] ^= 0x55;
        store.putBytes(dataKey, other);
        try {
            run("w5");
        } finally {
            store.putBytes(dataKey, Files.readAllBytes(data));
        }
        JobRecord changed = table.job(replaced).orElseThrow();
        assertEquals(JobStatus.FAILED, changed.status());
        assertEquals("shot 1 failed 3 times: the data file's bytes for shot FFID 2 differ from those submitted: "
                + dataKey + " was replaced after submission", changed.error());
        assertTrue(changed.outputs().isEmpty());
        System.out.printf("recorded data cloud test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterEach
    void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static ObjectNode tree(Path specFile) {
        return SpecTree.read(specFile);
    }

    private void assertDone(JobId id) {
        JobRecord r = table.job(id).orElseThrow();
        assertEquals(JobStatus.DONE, r.status(), String.valueOf(r.error()));
    }

    /** Runs a worker until the queue has been empty for 2 s. */
    private void run(String id) throws Exception {
        WorkerSettings s = WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                .withMaxIdle(Duration.ofSeconds(2)).withPollWait(Duration.ofSeconds(1))
                .withStatusPoll(Duration.ofMillis(500)).withSweepEvery(Duration.ZERO);
        new ShotWorker(store, table, queue, s, new ShotMetrics(System.out, java.time.Clock.systemUTC(), id)).run();
    }

    /** Models the spec's shots into {@code shots.sgy}: the recorded data. */
    private Path record() throws Exception {
        String model = SPEC.replace("\"task\": \"rtm\"", "\"task\": \"model\"").replace("\"data\": \"synthetic\",", "");
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(model, "spec", "model"), "spec");
        EngineSelection engine = JobEngine.select(job);
        try (ShotComputer c = new ShotComputer(job, engine.engine(), dir.resolve("model-scratch"));
                ShotGatherWriter out = GatherFiles.open(dir, job)) {
            for (Shot s : c.shots()) {
                out.write(s, c.model(s, ProgressListener.NONE, CancellationToken.none()).traces());
            }
        } finally {
            engine.engine().close();
        }
        return dir.resolve(GatherFiles.SHOTS_FILE);
    }

    /** Migrates every shot of the whole file and writes the images as {@code seiswork run} does. */
    private static void runLocally(ResolvedJob job, Path out) {
        EngineSelection engine = JobEngine.select(job);
        try (ImageStacker stack = new ImageStacker(job.spec().grid(), out.resolve("stack-scratch"), job.storage());
                ShotComputer c = new ShotComputer(job, engine.engine(), out.resolve("scratch"))) {
            for (Shot s : c.shots()) {
                stack.add(c.migrate(s, ProgressListener.NONE, CancellationToken.none()).image());
            }
            ImageFiles.write(out, job, stack, ProgressListener.NONE, CancellationToken.none());
        } finally {
            engine.engine().close();
        }
    }
}
