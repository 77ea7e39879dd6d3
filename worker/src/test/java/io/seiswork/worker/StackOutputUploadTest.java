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
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * output (bytes counted in a real TCP relay in front of the S3 emulator, {@link UploadOutage}); a
 * job cancelled mid-upload leaves no output and no unfinished multipart upload; a worker stopping
 * mid-upload leaves the outputs stored for the next stack; an abort into a network that answers
 * nothing ends within {@link ArtifactStore#ABORT_TIMEOUT}.
 *
 * <p>Outputs of 25 MiB less a little, in parts of 5 MiB (S3's least), two at a time: five parts each.
 */
class StackOutputUploadTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final int PART = UploadOutage.PART;
    private static final int PARTS = UploadOutage.PARTS;

    @RegisterExtension
    final UploadOutage outage = new UploadOutage(CLOUD);

    @TempDir
    Path dir;

    private String name;
    private JobTable table;
    private JobRecord job;

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
    }

    /**
     * An outage once three parts of the output are confirmed: the retry sends only the parts
     * missing, and the output is stored whole (old behaviour: {@code putFile}'s SDK tries spent in
     * seconds, the stack failed, every shot's result to download and stack again).
     */
    @Test
    void anOutputStoredAcrossAnOutageSendsOnlyThePartsMissing() throws Exception {
        byte[] bytes = UploadOutage.file(1);
        Files.write(dir.resolve("image.sgy"), bytes);
        ConfirmedParts parts = new ConfirmedParts(3);
        outage.downWhen(parts);
        try (S3Client s3 = outage.viaLink(parts)) {
            boolean stored = stacker(s3).storeOutputs(job, dir, List.of("image.sgy"), CancellationToken.none(),
                    CancellationToken.none(), CancellationToken.none());
            assertTrue(stored);
        }
        outage.assertOnlyMissingPartsSent(parts, bytes.length);
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
        Files.write(dir.resolve("image.sgy"), UploadOutage.file(2));
        Files.write(dir.resolve("image.swv"), UploadOutage.file(3));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken cancel = jobEnded.child();
        ConfirmedParts parts = new ConfirmedParts(PARTS + 2).then(jobEnded::cancel);
        try (S3Client s3 = outage.viaLink(parts)) {
            JobStacker stacker = stacker(s3);
            CancelledException e = assertThrows(CancelledException.class, () -> stacker.storeOutputs(job, dir,
                    List.of("image.sgy", "image.swv"), cancel, jobEnded, jobEnded));
            assertTrue(e.getMessage().contains("storing job " + job.id() + "'s output image.swv"), e.getMessage());
        }
        assertTrue(parts.confirmed() < 2 * PARTS, "the second output stopped mid-way: " + parts.confirmed());
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
        byte[] first = UploadOutage.file(5);
        Files.write(dir.resolve("image.sgy"), first);
        Files.write(dir.resolve("image.swv"), UploadOutage.file(6));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken sending = jobEnded.child();
        CancellationToken stopping = sending.child();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger readsAfterStop = new AtomicInteger();
        ConfirmedParts parts = new ConfirmedParts(PARTS + 2).then(() -> {
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
        try (S3Client s3 = outage.viaLink(parts, afterStop);
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
        Files.write(dir.resolve("image.sgy"), UploadOutage.file(4));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken sending = jobEnded.child();
        CancellationToken stopping = sending.child();
        ConfirmedParts parts = new ConfirmedParts(2).then(sending::cancel);
        AtomicLong abortAt = new AtomicLong();
        ExecutionInterceptor holeAtAbort = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof AbortMultipartUploadRequest) {
                    outage.link().blackHole();
                    abortAt.set(System.nanoTime());
                }
            }
        };
        String log;
        long ended;
        try (S3Client s3 = outage.viaLink(parts, holeAtAbort)) {
            JobStacker stacker = stacker(s3);
            log = StandardError.of(() -> assertThrows(CancelledException.class,
                    () -> stacker.storeOutputs(job, dir, List.of("image.sgy"), stopping, sending, jobEnded)));
            ended = System.nanoTime();
        } finally {
            outage.link().up();
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
}
