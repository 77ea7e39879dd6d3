package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.progress.CancellationToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The heartbeat's hold on its message, against the emulators, with a visibility of 2 s (extended
 * every second) in place of the worker's 30 s to 12 h: a DynamoDB call that hangs does not
 * delay the extensions, and the message is kept hidden no longer than the hold cap (SQS's 12 h
 * in production, 4 s here), after which it comes back to the queue.
 */
class HeartbeatVisibilityTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    @Test
    void aHungTableCallDoesNotStopTheMessagesExtensions() throws Exception {
        AtomicInteger hung = new AtomicInteger();
        ExecutionInterceptor hangs = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                hung.incrementAndGet();
                try {
                    Thread.sleep(20_000);  // a throttled or hung table, as the heartbeat's thread meets it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        // The client is built before the message is received: building one takes a few hundred ms on a
        // busy machine, which, between the receipt and the heartbeat's start, ate the 1 s the first
        // extension has before the message's 2 s visibility ends.
        try (DynamoDbClient slow = CLOUD.dynamoDbSeenBy(hangs)) {
            Held h = held("beatvis");
            long received = System.nanoTime();
            try (Heartbeat beat = heartbeat(h.queue(), h.message(), new JobTable(slow, h.name()), h.job(),
                    Duration.ofHours(1))) {
                awaitTrue(() -> hung.get() >= 1, "the status read hangs");
                // Past two visibilities: without an extension the message is back at 2 s, with only one before the
                // hang at 3 s.
                assertHiddenUntil(h.queue(), received + Duration.ofSeconds(4).toNanos(),
                        "4 s on, twice the visibility: still hidden");
            }
        }
    }

    @Test
    void theMessageIsKeptHiddenNoLongerThanTheHoldCap() throws Exception {
        Held h = held("beatcap");
        ShotQueue queue = h.queue();
        long t0 = System.nanoTime();
        try (Heartbeat beat = heartbeat(queue, h.message(), h.table(), h.job(), Duration.ofSeconds(4))) {
            // The cap runs from the heartbeat's start, at the latest when its constructor returned.
            long capEnds = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            assertHiddenUntil(queue, t0 + Duration.ofMillis(2400).toNanos(), "2.4 s on, past the first visibility of 2 s: extended");
            // Looked for once, 0.8 s after the cap (the margin the test always gave the last extension's
            // whole seconds and the emulator): an extension past the cap keeps it hidden then. Before, the test
            // timed the message's return itself, so that a busy machine's stall anywhere between the test's
            // clock and the receive's return counted against those 0.8 s; a late look here only finds it back.
            long lookAt = capEnds + Duration.ofMillis(800).toNanos();
            for (long left; (left = lookAt - System.nanoTime()) > 0; ) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            ReceivedShot back = queue.receive(0, 30).orElseThrow(
                    () -> new AssertionError("kept hidden past the cap of 4 s: not back " + s + " s on"));
            assertEquals(h.message().messageId(), back.messageId());
        }
    }

    /**
     * Looks at the queue every 100 ms until {@code deadlineNs} ({@link System#nanoTime}), failing
     * as soon as the message is back: a watch over the whole span rather than one look after a sleep.
     */
    private static void assertHiddenUntil(ShotQueue queue, long deadlineNs, String what) throws InterruptedException {
        while (true) {
            assertTrue(queue.receive(0, 30).isEmpty(), what);
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, leftNs / 1_000_000 + 1));
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " (waited 10 s)");
            Thread.sleep(20);
        }
    }

    /** A job of one shot in fresh emulator tables, its message received with a visibility of 2 s. */
    private record Held(String name, JobTable table, ShotQueue queue, JobId job, ReceivedShot message) {
    }

    private static Held held(String prefix) {
        String name = LocalCloud.uniqueName(prefix);
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = new JobId(prefix + "-1");
        table.createJob(job, prefix, "model", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        return new Held(name, table, queue, job, queue.receive(2, 2).orElseThrow());
    }

    private Heartbeat heartbeat(ShotQueue queue, ReceivedShot message, JobTable table, JobId job, Duration cap) {
        WorkerSettings settings = WorkerSettings.defaults(dir).withStatusPoll(Duration.ofMillis(200));
        return new Heartbeat(queue, message, table, job, new CancellationToken(), settings, () -> 0.5, () -> false,
                TaskProtection.fromEnvironment(Map.of()), () -> { }, Duration.ofSeconds(2),
                WorkerTimings.DEFAULT.withHoldCap(cap));
    }
}
