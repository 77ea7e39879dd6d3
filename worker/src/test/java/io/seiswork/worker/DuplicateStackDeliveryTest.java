package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * SQS delivers the stack's own message (the same id) a second time while its worker stores the
 * outputs (at-least-once delivery, or the message back after a visibility lapse). The second
 * worker must leave the live stack alone, and the first must end the job DONE with its outputs:
 * once, both stacked and the late one removed the DONE job's outputs as if it had been cancelled.
 * The second worker keeps the message, neither deleted nor released, hidden for the time a live
 * stacker's beat takes to go stale ({@link WorkerTimings#liveStackRecheck()}, shortened here): it
 * then comes back, and finding the job DONE is dropped, never dead-lettered.
 */
class DuplicateStackDeliveryTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    @Test
    void aSecondDeliveryOfTheStackMessageLeavesTheLiveStackAndItsOutputs() throws Exception {
        String name = LocalCloud.uniqueName("dupstack");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = new Dispatcher(store, table, queue).submit(OneShotMigration.spec(dir, "dup"), 1,
                TransferProgress.NONE).id();
        ReceivedShot held = queue.receive(5, 600).orElseThrow();
        ShotMetrics metrics = new ShotMetrics(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC(), "m");
        ShotWorker b = new ShotWorker(store, table, queue, settings("b"), metrics,
                WorkerTimings.DEFAULT.withLiveStackRecheck(RECHECK));
        AtomicReference<JobRecord> duringB = new AtomicReference<>();
        AtomicReference<Optional<ReceivedShot>> visibleAfterB = new AtomicReference<>();
        long[] refusedAtNs = {0};
        AtomicReference<ReceivedShot> second = new AtomicReference<>();
        ExecutionInterceptor duplicateDuringPut = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().endsWith("/image/image.swv")
                        && second.get() == null) {
                    // The same message, received again by worker B while A stores its outputs.
                    queue.release(held);
                    ReceivedShot again = queue.receive(5, 600).orElseThrow();
                    second.set(again);
                    b.handle(again);
                    refusedAtNs[0] = System.nanoTime();
                    duringB.set(table.job(job).orElseThrow());
                    visibleAfterB.set(queue.receive(0, 600));
                }
            }
        };
        try (S3Client s3a = CLOUD.s3SeenBy(duplicateDuringPut)) {
            ShotWorker a = new ShotWorker(new ArtifactStore(s3a, name), table, queue, settings("a"), metrics);
            a.handle(held);
        }
        ReceivedShot again = second.get();
        assertEquals(held.messageId(), again.messageId(), "the same message, delivered twice");
        assertEquals(JobStatus.STACKING, duringB.get().status(), "B did not stack: A's stack was alive");
        assertEquals(held.messageId(), duringB.get().stackMessage());
        JobRecord r = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, r.status());
        assertEquals(List.of("image.sgy", "image.swv"), r.outputs());
        assertTrue(store.sizeOf(ObjectKeys.output(job, "image.sgy")) > 0, "image.sgy stored and kept");
        assertTrue(store.sizeOf(ObjectKeys.output(job, "image.swv")) > 0, "image.swv stored and kept");
        assertEquals(-1, store.sizeOf(ObjectKeys.shotResult(job, 1)), "shot results removed once, by the stacker");
        assertEquals(0, b.shotsRun(), "B ran nothing");

        assertEquals(Optional.empty(), visibleAfterB.get(), "B neither deleted nor released the live stack's message");
        ReceivedShot back = queue.receive(20, 600).orElseThrow(
                () -> new AssertionError("the kept message did not come back after B's " + RECHECK.toSeconds() + " s"));
        double hiddenS = (System.nanoTime() - refusedAtNs[0]) / 1e9;
        assertEquals(held.messageId(), back.messageId(), "the stack's own message comes back");
        assertTrue(hiddenS >= RECHECK.toSeconds() - 1, "kept hidden for B's recheck, back after " + hiddenS + " s");
        assertEquals(3, back.receiveCount(), "A's, B's and this receive: within the queue's " + ShotQueue.MAX_RECEIVES);
        ShotWorker c = new ShotWorker(store, table, queue, settings("c"), metrics);
        c.handle(back);
        assertEquals(new ShotQueue.Backlog(0, 0), queue.backlog(), "the job is DONE: the message is dropped");
        assertEquals(0, queue.deadLetters().orElseThrow().backlog().waiting(), "nothing dead-lettered");
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        assertEquals(0, c.shotsRun(), "C ran nothing");
    }

    /** B's {@link WorkerTimings#liveStackRecheck()}, shortened to keep the test short. */
    private static final Duration RECHECK = Duration.ofSeconds(3);

    private WorkerSettings settings(String id) throws Exception {
        return WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                .withMaxIdle(Duration.ofSeconds(3)).withPollWait(Duration.ofSeconds(1))
                .withStatusPoll(Duration.ofMillis(200)).withSweepEvery(Duration.ZERO);
    }
}
