package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.OutageLink;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A stack's outputs are stored as a shot's result is ({@link JobStacker#storeOutputs}, through
 * {@link ResultUpload#storeFile}): an outage mid-way costs the parts S3 had not confirmed, not the
 * output (bytes counted in a real TCP relay, {@link OutageLink}, in front of the S3 emulator); a
 * job cancelled mid-upload leaves no output and no unfinished multipart upload; a worker stopping
 * mid-upload leaves the outputs stored for the next stack; an abort into a network that answers
 * nothing ends within {@link ArtifactStore#ABORT_TIMEOUT}.
 *
 * <p>Outputs of 25 MiB less a little, in parts of 5 MiB (S3's least), two at a time: five parts each.
 */
class StackOutputUploadTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final int PART = 5 << 20;
    private static final int PARTS = 5;
    /** Requests' headers and the completion's XML: far less than a part. */
    private static final long OVERHEAD_BYTES = 256 << 10;

    @TempDir
    Path dir;

    private String name;
    private JobTable table;
    private JobRecord job;
    private OutageLink link;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void submit() throws Exception {
        name = LocalCloud.uniqueName("stackout");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        Path spec = Files.writeString(dir.resolve("spec.json"), """
                {"name": "stack-out", "task": "rtm",
                 "grid": {"nx": 41, "ny": 1, "nz": 21, "dx": 10, "dz": 10},
                 "velocity": {"builtin": "layered"}, "migrationVelocity": {"smooth": 60},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.2, "sampleS": 0.004},
                 "sources": {"line": {"x0": 200, "dx": 100, "n": 1, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 41, "y": 0, "z": 20}},
                 "engine": "cpu"}""");
        job = table.job(new Dispatcher(store, table, queue).submit(spec, 1, TransferProgress.NONE).id()).orElseThrow();
        link = new OutageLink(CLOUD.s3Endpoint());
    }

    @AfterEach
    void close() throws Exception {
        later.shutdownNow();
        link.close();
    }

    /**
     * An outage once three parts of the output are confirmed: the retry sends only the parts
     * missing, and the output is stored whole (old behaviour: {@code putFile}'s SDK tries spent in
     * seconds, the stack failed, every shot's result to download and stack again).
     */
    @Test
    void anOutputStoredAcrossAnOutageSendsOnlyThePartsMissing() throws Exception {
        byte[] bytes = output(1);
        Files.write(dir.resolve("image.sgy"), bytes);
        AtomicLong atUp = new AtomicLong(-1);
        AtomicInteger keptAtUp = new AtomicInteger(-1);
        Parts parts = new Parts(3, () -> { });
        parts.then = () -> {
            link.down();
            later.schedule(() -> {
                keptAtUp.set(parts.confirmed.get());
                atUp.set(link.bytesToTarget());
                link.up();
            }, 4, TimeUnit.SECONDS);
        };
        try (S3Client s3 = viaLink(parts)) {
            boolean stored = stacker(s3).storeOutputs(job, dir, List.of("image.sgy"), CancellationToken.none(),
                    CancellationToken.none(), CancellationToken.none());
            assertTrue(stored);
        }
        long after = link.bytesToTarget() - atUp.get();
        assertTrue(atUp.get() >= 0, "the outage never ended");
        int kept = keptAtUp.get();
        long missing = (long) (PARTS - kept) * PART;
        System.out.printf("output bytes sent after the outage: %d (%d parts missing: %d bytes; the file: %d)%n", after,
                PARTS - kept, missing, bytes.length);
        assertTrue(kept >= 3 && kept < PARTS, "parts confirmed before the outage: " + kept);
        assertEquals(PARTS, parts.confirmed.get(), "parts confirmed in all: none sent twice");
        assertTrue(after >= missing - 12345 && after <= missing + OVERHEAD_BYTES,
                after + " bytes sent after the outage for " + (PARTS - kept) + " missing parts of " + PART);
        assertArrayEquals(bytes, store().getBytes(key("image.sgy"), bytes.length));
        assertNoUnfinishedUpload();
    }

    /**
     * The job cancelled (or deleted) while its second output uploads: the upload stops, its
     * multipart upload is aborted and the first output, stored, is removed (old behaviour: the
     * upload went on to the end, unstoppable, and both outputs stayed).
     */
    @Test
    void aJobCancelledMidUploadLeavesNoOutputAndNoUnfinishedUpload() throws Exception {
        Files.write(dir.resolve("image.sgy"), output(2));
        Files.write(dir.resolve("image.swv"), output(3));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken cancel = jobEnded.child();
        Parts parts = new Parts(PARTS + 2, jobEnded::cancel);
        try (S3Client s3 = viaLink(parts)) {
            JobStacker stacker = stacker(s3);
            CancelledException e = assertThrows(CancelledException.class, () -> stacker.storeOutputs(job, dir,
                    List.of("image.sgy", "image.swv"), cancel, jobEnded, jobEnded));
            assertTrue(e.getMessage().contains("storing job " + job.id() + "'s output image.swv"), e.getMessage());
        }
        assertTrue(parts.confirmed.get() < 2 * PARTS, "the second output stopped mid-way: " + parts.confirmed.get());
        assertEquals(List.of(), store().objectsUnder(ObjectKeys.job(job.id()) + "image/"), "outputs left");
        assertNoUnfinishedUpload();
    }

    /**
     * The worker stopping, its upload grace past while the second output uploads: the upload is
     * stopped and aborted, and the first output, stored, is left as it is, with no read of the
     * table or the bucket after the stop (old behaviour: a GetItem and a DeleteObjects outside the
     * abort's 10 s bound removed it, though the job was still STACKING and the next stacker stores
     * it again under the same key, perhaps one that had taken the stack over and stored it already).
     */
    @Test
    void aStackStoppedWithItsWorkerLeavesTheOutputsItStored() throws Exception {
        byte[] first = output(5);
        Files.write(dir.resolve("image.sgy"), first);
        Files.write(dir.resolve("image.swv"), output(6));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken sending = jobEnded.child();
        CancellationToken stopping = sending.child();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger readsAfterStop = new AtomicInteger();
        Parts parts = new Parts(PARTS + 2, () -> {
            stopped.set(true);
            stopping.cancel();
            sending.cancel();
        });
        ExecutionInterceptor afterStop = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (stopped.get() && !(context.request() instanceof AbortMultipartUploadRequest)
                        && !(context.request() instanceof UploadPartRequest)) {
                    readsAfterStop.incrementAndGet();
                }
            }
        };
        try (S3Client s3 = S3Client.builder().endpointOverride(link.endpoint()).region(LocalCloud.REGION)
                .forcePathStyle(true).credentialsProvider(LocalCloud.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(parts).addExecutionInterceptor(afterStop)).build();
                var db = CLOUD.dynamoDbSeenBy(afterStop)) {
            ArtifactStore store = new ArtifactStore(s3, name, PART, 2);
            JobStacker stacker = new JobStacker(store, new JobTable(db, name), new ShotMetrics(new PrintStream(
                    new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), java.time.Clock.systemUTC(), "w"),
                    new ResultUpload(store, Duration.ofSeconds(60)));
            assertThrows(CancelledException.class, () -> stacker.storeOutputs(job, dir, List.of("image.sgy", "image.swv"),
                    stopping, sending, jobEnded));
        }
        assertEquals(0, readsAfterStop.get(), "requests other than the abort after the stop");
        assertArrayEquals(first, store().getBytes(key("image.sgy"), first.length), "the stored output left as it is");
        assertEquals(List.of(key("image.sgy")), store().objectsUnder(ObjectKeys.job(job.id()) + "image/").stream()
                .map(o -> o.key()).toList());
        assertNoUnfinishedUpload();
    }

    /**
     * The upload given up (the worker's upload grace past) when the network drops every packet
     * silently: the abort is cut at {@link ArtifactStore#ABORT_TIMEOUT}, said in one WARN (the
     * bucket's lifecycle rule removes the parts), and the stop goes on (old behaviour: the SDK's
     * socket timeouts, 30 s a try, four tries, past ECS's kill 120 s after the SIGTERM).
     */
    @Test
    void anAbortIntoABlackHoleEndsWithinItsBound() throws Exception {
        Files.write(dir.resolve("image.sgy"), output(4));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken sending = jobEnded.child();
        CancellationToken stopping = sending.child();
        Parts parts = new Parts(2, sending::cancel);
        AtomicLong abortAt = new AtomicLong();
        ExecutionInterceptor holeAtAbort = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof AbortMultipartUploadRequest) {
                    link.blackHole();
                    abortAt.set(System.nanoTime());
                }
            }
        };
        String log;
        long ended;
        try (S3Client s3 = S3Client.builder().endpointOverride(link.endpoint()).region(LocalCloud.REGION)
                .forcePathStyle(true).credentialsProvider(LocalCloud.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(parts).addExecutionInterceptor(holeAtAbort))
                .build()) {
            JobStacker stacker = stacker(s3);
            log = StandardError.of(() -> assertThrows(CancelledException.class,
                    () -> stacker.storeOutputs(job, dir, List.of("image.sgy"), stopping, sending, jobEnded)));
            ended = System.nanoTime();
        } finally {
            link.up();
        }
        assertTrue(abortAt.get() != 0, "no abort was made");
        Duration took = Duration.ofNanos(ended - abortAt.get());
        System.out.printf("abort into a black hole given up after %d ms%n", took.toMillis());
        assertTrue(took.compareTo(ArtifactStore.ABORT_TIMEOUT.plusSeconds(3)) < 0, "the abort took " + took);
        assertTrue(log.contains("could not abort its multipart upload") && log.contains("lifecycle rule"), log);
        // What the lifecycle rule would do: the test's bucket is the emulator's, without one.
        for (var u : CLOUD.s3().listMultipartUploads(r -> r.bucket(name).prefix(ObjectKeys.job(job.id()))).uploads()) {
            CLOUD.s3().abortMultipartUpload(r -> r.bucket(name).key(u.key()).uploadId(u.uploadId()));
        }
    }

    private JobStacker stacker(S3Client s3) {
        ArtifactStore store = new ArtifactStore(s3, name, PART, 2);
        ShotMetrics metrics = new ShotMetrics(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC(), "w");
        return new JobStacker(store, table, metrics, new ResultUpload(store, Duration.ofSeconds(60)));
    }

    private ArtifactStore store() {
        return new ArtifactStore(CLOUD.s3(), name);
    }

    private String key(String output) {
        return ObjectKeys.output(job.id(), output);
    }

    private void assertNoUnfinishedUpload() {
        assertEquals(List.of(), CLOUD.s3().listMultipartUploads(r -> r.bucket(name).prefix(ObjectKeys.job(job.id())))
                .uploads(), "unfinished multipart uploads");
    }

    private static byte[] output(long seed) {
        byte[] bytes = new byte[PARTS * PART - 12345];  // a last part shorter than the others
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private S3Client viaLink(ExecutionInterceptor seen) {
        return S3Client.builder().endpointOverride(link.endpoint()).region(LocalCloud.REGION).forcePathStyle(true)
                .credentialsProvider(LocalCloud.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(seen)).build();
    }

    /** Counts the parts S3 confirmed, and runs {@link #then} once, on the part's thread, when {@code at} are. */
    private static final class Parts implements ExecutionInterceptor {
        private final int at;
        final AtomicInteger confirmed = new AtomicInteger();
        volatile Runnable then;

        Parts(int at, Runnable then) {
            this.at = at;
            this.then = then;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest && confirmed.incrementAndGet() == at) {
                then.run();
            }
        }
    }
}
