package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A worker stopped (SIGTERM) while a computed shot's result uploads: the upload goes on and the
 * shot counts when it ends within the upload grace; past the grace it is stopped and the shot
 * handed back at once, as a fresh message, so that ECS's kill never finds it mid-upload (which
 * would leave the message hidden and use up one of the shot's attempts). The result's upload is
 * held at its first request by the worker's own S3 client until the test lets it go.
 */
class StopDuringUploadTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private String name;
    private JobTable table;
    private ShotQueue queue;
    private Dispatcher dispatcher;

    @BeforeEach
    void stack() {
        name = LocalCloud.uniqueName("stopupload");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        dispatcher = new Dispatcher(store, table, queue);
    }

    @Test
    void anUploadEndingWithinTheGraceCountsTheShot() throws Exception {
        JobId job = submit();
        // The stop is in 0.5 s before the upload is let go: it goes on all the same.
        ShotWorker w = stopDuringUpload(Duration.ofSeconds(60), 500);
        assertEquals(1, w.shotsRun());
        assertEquals(ShotState.DONE, table.shots(job).get(0).state());
    }

    @Test
    void anUploadPastTheGraceIsStoppedAndTheShotHandedBack() throws Exception {
        JobId job = submit();
        // No grace: the upload's token is cancelled as the stop comes, seconds before its bytes flow.
        ShotWorker w = stopDuringUpload(Duration.ZERO, 3_000);
        assertEquals(0, w.shotsRun());
        assertEquals(ShotState.QUEUED, table.shots(job).get(0).state());
        var again = queue.receive(1, 60).orElseThrow(() -> new AssertionError("the shot was not handed back"));
        assertEquals(1, again.receiveCount(), "a fresh message: the stop used none of its attempts");
        queue.release(again);
    }

    /**
     * A stop while the stack's output uploads: within the grace the output is stored and the job
     * DONE, as a shot's result counts.
     */
    @Test
    void aStackOutputEndingWithinTheGraceFinishesTheJob() throws Exception {
        JobId job = submit();
        stopDuringUpload(Duration.ofSeconds(60), 500, "/image/");
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
    }

    /**
     * A stop while the stack's output uploads, past the grace: the upload is stopped, and the
     * stack is handed back as a fresh message (old behaviour: the upload went on, unstoppable,
     * into ECS's kill, and the stack's message stayed hidden). The job still STACKING, the output
     * stored before it is left for the next stack, which stores it again under the same key.
     */
    @Test
    void aStackOutputPastTheGraceIsStoppedAndTheStackHandedBack() throws Exception {
        JobId job = submit();
        // The last output held: the first, stored, is left as it is.
        stopDuringUpload(Duration.ZERO, 3_000, "/image/image.swv");
        assertEquals(JobStatus.STACKING, table.job(job).orElseThrow().status());
        assertEquals(List.of(ObjectKeys.output(job, "image.sgy")), new ArtifactStore(CLOUD.s3(), name)
                .objectsUnder(ObjectKeys.job(job) + "image/").stream().map(o -> o.key()).toList(),
                "only the output stored before the stop");
        var again = queue.receive(1, 60).orElseThrow(() -> new AssertionError("the stack was not handed back"));
        assertEquals(1, again.receiveCount(), "a fresh message: the stop used none of its attempts");
        queue.release(again);
    }

    private ShotWorker stopDuringUpload(Duration grace, long releaseAfterMs) throws Exception {
        return stopDuringUpload(grace, releaseAfterMs, "/shots/");
    }

    /**
     * Runs a worker with upload grace {@code grace} on the job submitted, stops it once its
     * first upload of a key containing {@code heldKeys} is held, lets the upload go
     * {@code releaseAfterMs} later, and returns the worker once it ended.
     */
    private ShotWorker stopDuringUpload(Duration grace, long releaseAfterMs, String heldKeys) throws Exception {
        try (HeldUpload held = new HeldUpload(heldKeys)) {
            ShotWorker w = worker(held, grace);
            Thread t = Thread.ofPlatform().start(w);
            assertTrue(held.began.await(120, TimeUnit.SECONDS), "the result's upload never began");
            w.stop();
            Thread.sleep(releaseAfterMs);
            held.release.countDown();
            t.join(60_000);
            assertTrue(!t.isAlive(), "the worker ended");
            return w;
        }
    }

    private JobId submit() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), """
                {"name": "stop-upload", "task": "rtm",
                 "grid": {"nx": 161, "ny": 1, "nz": 81, "dx": 10, "dz": 10},
                 "velocity": {"builtin": "layered"}, "migrationVelocity": {"smooth": 60},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.6, "sampleS": 0.004},
                 "sources": {"line": {"x0": 800, "dx": 500, "n": 1, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 161, "y": 0, "z": 20}},
                 "engine": "cpu"}""");
        return dispatcher.submit(spec, 1, TransferProgress.NONE).id();
    }

    private ShotWorker worker(HeldUpload held, Duration grace) throws Exception {
        WorkerSettings settings = WorkerSettings.defaults(Files.createDirectories(dir.resolve("w"))).withWorkerId("w")
                .withMaxIdle(Duration.ofSeconds(2)).withStatusPoll(Duration.ofMillis(200));
        ArtifactStore store = new ArtifactStore(held.s3, name);
        ShotMetrics metrics = new ShotMetrics(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC(), "w");
        return new ShotWorker(store, table, queue, settings, metrics).uploadGrace(grace);
    }

    /** An S3 client whose first request storing a key containing {@code keys} waits, before it is sent, until released. */
    private static final class HeldUpload implements AutoCloseable {
        final CountDownLatch began = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final S3Client s3;

        HeldUpload(String keys) {
            ExecutionInterceptor hold = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    boolean result = context.request() instanceof PutObjectRequest p && p.key().contains(keys)
                            || context.request() instanceof UploadPartRequest u && u.key().contains(keys);
                    if (result && began.getCount() > 0) {
                        began.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            s3 = S3Client.builder().endpointOverride(CLOUD.s3Endpoint()).region(LocalCloud.REGION).forcePathStyle(true)
                    .credentialsProvider(LocalCloud.credentials())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(hold)).build();
        }

        @Override
        public void close() {
            release.countDown();
            s3.close();
        }
    }
}
