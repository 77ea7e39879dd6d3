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
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.files.FileSha256;
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
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
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
    private Dispatcher dispatcher;
    /** The recorded data (the spec's shots modelled), its spec, its shot index and its input key. */
    private Path data;
    private Path specFile;
    private byte[] indexBytes;
    private ShotIndex index;
    private String dataKey;
    /** Bytes of the data object the GETs of the worker and the dispatcher brought. */
    private final AtomicLong dataRead = new AtomicLong();
    /** What a test does to the data object's ranged GETs: before one is sent, and to its body. */
    private volatile DataGets onDataGet = new DataGets() { };

    /** A test's hand in the data object's GETs. */
    private interface DataGets {
        /** Called before a ranged GET of the data object is sent, with its first byte. */
        default void before(long firstByte) {
        }

        /** The GET's body as the SDK is to read it. */
        default InputStream body(long firstByte, InputStream body) {
            return body;
        }
    }

    /**
     * The emulators' bucket, table and queue, through an S3 client that counts the data object's
     * bytes and lets the test at its GETs; the data recorded, indexed and migrated locally into
     * {@code local/} when {@code local} is true.
     */
    private ShotComputer.Shots setUp(boolean local) throws Exception {
        String name = LocalCloud.uniqueName("recorded");
        s3 = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.key().equals(dataKey)) {
                            onDataGet.before(firstByte(get));
                        }
                    }

                    @Override
                    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                            ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.key().equals(dataKey)
                                && context.responseBody().isPresent()) {
                            return Optional.of(onDataGet.body(firstByte(get), context.responseBody().get()));
                        }
                        return context.responseBody();
                    }

                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.key().equals(dataKey)) {
                            dataRead.addAndGet(((GetObjectResponse) context.response()).contentLength());
                        }
                    }
                })).build();
        store = ArtifactStore.createIfMissing(s3, name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        dispatcher = new Dispatcher(store, table, queue);

        data = record();
        specFile = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"synthetic\"", "\"shots.sgy\""));
        ResolvedJob resolved = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(specFile), "spec");
        ShotComputer.Shots found = ShotComputer.shotsAndNotes(resolved);
        indexBytes = found.storedDataIndex();
        index = ShotIndexFormat.decode(indexBytes, "index");
        if (local) {
            runLocally(resolved, Files.createDirectories(dir.resolve("local")));
        }
        dataKey = ObjectKeys.input(FileSha256.hexOf(data));
        return found;
    }

    /** The first byte a ranged GET asks for (0 for a GET of the whole object). */
    private static long firstByte(GetObjectRequest get) {
        return get.range() == null ? 0 : Long.parseLong(get.range().substring("bytes=".length(), get.range().indexOf('-')));
    }

    /** The data file with one byte of shot {@code ffid}'s first trace's samples changed. */
    private byte[] withShotChanged(int ffid) throws Exception {
        byte[] other = Files.readAllBytes(data);
        other[Math.toIntExact(firstSampleOf(ffid)) + 40] ^= 0x55;
        return other;
    }

    /** The data file's offset of shot {@code ffid}'s first trace's first sample. */
    private long firstSampleOf(int ffid) {
        return index.headerBytes() + index.entry(ffid).ranges()[0] * index.traceBytes() + 240;
    }

    /** Every object under the job's outputs and shot results: none for a job that failed on its one shot. */
    private List<String> writtenFor(JobId id) {
        List<String> keys = new ArrayList<>();
        store.objectsUnder("jobs/" + id + "/image/").forEach(o -> keys.add(o.key()));
        store.objectsUnder("jobs/" + id + "/shots/").forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Test
    void workersFetchOnlyTheirShotsTracesAndTheImageIsTheWholeFilesLocalRunByteForByte() throws Exception {
        long t0 = System.nanoTime();
        setUp(true);
        Path localOut = dir.resolve("local");

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
        // together): the shot fails, naming itself, and no image is made. The fetched bytes are those the index's
        // digests give, so every attempt would read the same wrong traces: the shot fails at once, not retried, its
        // message deleted after one delivery and nothing dead-lettered.
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
        assertEquals("shot 1 failed and was not retried, since every attempt would fail the same way: shot FFID 1: the"
                + " traces fetched for it are of FFID 3: the data file's shot index names the wrong traces", failed.error());
        assertTrue(failed.outputs().isEmpty());
        assertEquals(1, table.shot(bad, 1).orElseThrow().attempts(), "one delivery, not three");
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "its message deleted");
        assertEquals(0, queue.deadLetters().orElseThrow().backlog().waiting(), "nor dead-lettered");

        // (e) The data object overwritten after submission with other bytes of the same size (the bucket is not
        // versioned, and inputs/ can be written by any submitter): the shot's traces no longer have the digest the
        // index holds of them, on a second fetch either, and the shot fails at once in one line naming it and the
        // key, not retried: its message goes after one delivery, and no image is made.
        JobId replaced = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE)
                .id();
        store.putBytes(dataKey, withShotChanged(2));
        dataRead.set(0);
        try {
            run("w5");
        } finally {
            store.putBytes(dataKey, Files.readAllBytes(data));
        }
        JobRecord changed = table.job(replaced).orElseThrow();
        assertEquals(JobStatus.FAILED, changed.status());
        assertEquals("shot 1 failed and was not retried, since every attempt would fail the same way: the data file's "
                + "bytes for shot FFID 2 differ from those submitted: " + dataKey + " was replaced after submission",
                changed.error());
        assertEquals(1, table.shot(replaced, 1).orElseThrow().attempts(), "one delivery, not three");
        assertEquals(index.headerBytes() + 2 * (index.shotFileBytes(index.entry(2)) - index.headerBytes()),
                dataRead.get(), "the headers, and the shot's traces twice: fetched once more within the attempt");
        assertEquals(List.of(), writtenFor(replaced), "no output, no shot result");
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "its message deleted");
        System.out.printf("recorded data cloud test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The data object replaced after the job opened it (its HEAD and headers done) and before the
     * shot's GET: the GET, pinned to the version opened ({@code If-Match}), is refused; the worker
     * opens the new version, whose bytes for the shot are not those submitted on two fetches, and
     * the job ends FAILED after that one delivery, naming the shot's FFID, with no output.
     */
    @Test
    void dataReplacedBetweenTheJobsOpeningAndTheShotsFetchFailsTheJobAfterOneDelivery() throws Exception {
        setUp(false);
        JobId job = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE).id();
        byte[] other = withShotChanged(2);
        AtomicBoolean armed = new AtomicBoolean(true);
        List<Long> gets = new CopyOnWriteArrayList<>();
        onDataGet = new DataGets() {
            @Override
            public void before(long firstByte) {
                gets.add(firstByte);
                if (firstByte > 0 && armed.compareAndSet(true, false)) {
                    CLOUD.s3().putObject(r -> r.bucket(store.bucket()).key(dataKey), RequestBody.fromBytes(other));
                }
            }
        };
        run("w1");
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("shot 1 failed and was not retried, since every attempt would fail the same way: the data file's "
                + "bytes for shot FFID 2 differ from those submitted: " + dataKey + " was replaced while the job read it",
                failed.error());
        assertFalse(armed.get(), "replaced before the shot's GET");
        long traces = index.headerBytes() + index.entry(2).ranges()[0] * index.traceBytes();
        assertEquals(List.of(0L, traces, traces, traces), gets, "headers; the shot's GET refused (412); the new "
                + "version's, twice");
        assertEquals(1, table.shot(job, 1).orElseThrow().attempts(), "one delivery");
        assertEquals(List.of(), writtenFor(job), "no output, no shot result");
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "its message deleted, not released");
        assertEquals(0, queue.deadLetters().orElseThrow().backlog().waiting(), "nor dead-lettered");
    }

    /**
     * An attempt that lost its shot while it fetched (its heartbeat lost the message's visibility,
     * and the message came back to worker B, which took the shot) and then finds the stored bytes
     * not those submitted: it may not fail the shot at once, since the shot is B's now, and may
     * not delete the message, B's delivery: the shot stays RUNNING on B, the job RUNNING, the
     * message queued, and nothing is counted failed for good. Before, the attempt deleted the
     * message and counted the failure whatever its conditional write said, and the job, its shot
     * then failed by B's normal failure with no message left, never settled.
     */
    @Test
    void anAttemptThatLostItsShotNeitherFailsItAtOnceNorDeletesItsMessage() throws Exception {
        setUp(false);
        JobId job = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE).id();
        ReceivedShot a = queue.receive(2, 60).orElseThrow(() -> new AssertionError("no message"));
        java.util.concurrent.atomic.AtomicReference<ReceivedShot> b = new java.util.concurrent.atomic.AtomicReference<>();
        onDataGet = new DataGets() {
            @Override
            public void before(long firstByte) {
                if (firstByte > 0 && b.get() == null) {
                    // A's visibility runs out: the message comes back to worker B, which takes the shot.
                    queue.release(a);
                    ReceivedShot again = queue.receive(2, 60).orElseThrow(() -> new AssertionError("not visible again"));
                    assertEquals(a.messageId(), again.messageId());
                    assertTrue(table.startShot(job, 1, "B", again.receiveCount(), again.messageId()));
                    b.set(again);
                }
            }
        };
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ShotMetrics metrics = new ShotMetrics(new PrintStream(lines, true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC(), "A");
        WorkerSettings s = WorkerSettings.defaults(Files.createDirectories(dir.resolve("A"))).withWorkerId("A")
                .withStatusPoll(Duration.ofMillis(500)).withSweepEvery(Duration.ZERO);
        ShotWorker worker = new ShotWorker(store, table, queue, s, metrics);
        store.putBytes(dataKey, withShotChanged(2));
        try {
            worker.handle(a);
        } finally {
            store.putBytes(dataKey, Files.readAllBytes(data));
            worker.stop();
            worker.run();  // lets go of the job's engine and folder
        }
        assertTrue(b.get() != null, "B took the shot during A's fetch");
        ShotRecord shot = table.shot(job, 1).orElseThrow();
        assertEquals(ShotState.RUNNING, shot.state(), String.valueOf(shot.error()));
        assertEquals("B", shot.worker());
        JobRecord running = table.job(job).orElseThrow();
        assertEquals(JobStatus.RUNNING, running.status(), String.valueOf(running.error()));
        assertEquals(0, running.failed());
        assertEquals(1, queue.backlog().waiting() + queue.backlog().running(), "B's message is not deleted");
        String emitted = lines.toString(StandardCharsets.UTF_8);
        assertTrue(emitted.contains("\"" + ShotMetrics.FAILED + "\":1"), "A's attempt failed: " + emitted);
        assertFalse(emitted.contains("\"" + ShotMetrics.FAILED_FOR_GOOD + "\":1"), "but not the shot for good: " + emitted);
    }

    /**
     * A shot's traces damaged on the way once (one byte of the GET's body changed, the stored
     * object intact): the worker fetches them again within the attempt, and the shot is migrated
     * from the right bytes on its first delivery, the image that of an undamaged job.
     */
    @Test
    void tracesDamagedOnTheWayAreFetchedAgainWithinTheAttempt() throws Exception {
        setUp(false);
        JobId clean = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE).id();
        run("w1");
        assertDone(clean);
        JobId job = dispatcher.submitShots(tree(specFile), dir, List.of(2), 0, indexBytes, TransferProgress.NONE).id();
        AtomicBoolean armed = new AtomicBoolean(true);
        onDataGet = new DataGets() {
            @Override
            public InputStream body(long firstByte, InputStream body) {
                return firstByte > 0 && armed.compareAndSet(true, false) ? new FlipFirstByte(body) : body;
            }
        };
        dataRead.set(0);
        run("w2");
        assertDone(job);
        assertFalse(armed.get(), "one GET damaged");
        assertEquals(1, table.shot(job, 1).orElseThrow().attempts(), "no second delivery");
        assertEquals(index.headerBytes() + 2 * (index.shotFileBytes(index.entry(2)) - index.headerBytes()), dataRead.get(),
                "the shot's traces twice");
        assertArrayEquals(store.getBytes(ObjectKeys.output(clean, ImageFiles.IMAGE_FILE), 1 << 24),
                store.getBytes(ObjectKeys.output(job, ImageFiles.IMAGE_FILE), 1 << 24), "the undamaged job's image");
    }

    /** A body whose first byte is changed, as a network might. */
    private static final class FlipFirstByte extends FilterInputStream {
        private boolean flipped;

        FlipFirstByte(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && !flipped) {
                flipped = true;
                return b ^ 0x55;
            }
            return b;
        }

        @Override
        public int read(byte[] a, int off, int len) throws IOException {
            int n = super.read(a, off, len);
            if (n > 0 && !flipped) {
                flipped = true;
                a[off] ^= 0x55;
            }
            return n;
        }
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
