package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The heartbeat's log, against the emulators: closed at a shot's normal end while it reads the
 * job's status or reports progress (the call interrupted: "Thread was interrupted"), it says
 * nothing; a status it cannot read while the shot runs (the job table gone) is still a warning.
 * The close lands inside the call for certain: the heartbeat's DynamoDB client holds it there
 * ({@link Gate}) until the close interrupts it, and the test waits for the heartbeat's thread to
 * end before reading the log. slf4j-simple writes to {@code System.err} as it is at each line,
 * so the test reads that.
 */
class HeartbeatQuietStopTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private String name;
    private ShotQueue queue;
    private JobId job;
    private ReceivedShot message;
    private WorkerSettings settings;

    @BeforeEach
    void shotHeld() {
        name = LocalCloud.uniqueName("quiet");
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        job = new JobId("quiet-1");
        table.createJob(job, "quiet", "model", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        message = queue.receive(2, 60).orElseThrow();
        settings = WorkerSettings.defaults(dir).withStatusPoll(Duration.ofMillis(20));
    }

    @Test
    void aStopDuringTheStatusReadIsQuiet() throws Exception {
        assertQuietWhenClosedInside(GetItemRequest.class, "could not read the status");
    }

    @Test
    void aStopDuringTheProgressReportIsQuiet() throws Exception {
        assertQuietWhenClosedInside(UpdateItemRequest.class, "could not report shot");
    }

    @Test
    void aStatusThatCannotBeReadWarns() throws Exception {
        JobTable gone = new JobTable(CLOUD.dynamoDb(), name + "-missing");
        String warning = "could not read the status of job quiet-1";
        String failed = StandardError.watching(written -> {
            try (Heartbeat beat = heartbeat(gone)) {
                // Closed only once the read has failed and been logged: a close during the read is a
                // quiet stop (the tests above), so a fixed sleep before it lost the warning on a slow machine.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!written.get().contains(warning)) {
                    assertTrue(System.nanoTime() < deadline, "no warning within 30 s:\n" + written.get());
                    Thread.sleep(20);
                }
            }
        });
        assertTrue(failed.contains("WARN") && failed.contains(warning),
                "a status that cannot be read warns:\n" + failed);
    }

    /**
     * Holds the heartbeat in its first call of {@code request}'s kind, closes the heartbeat
     * there, and checks that the call failed on the interrupt and that nothing was logged.
     */
    private void assertQuietWhenClosedInside(Class<?> request, String warning) throws Exception {
        Gate gate = new Gate(request);
        try (DynamoDbClient held = CLOUD.dynamoDbSeenBy(gate)) {
            JobTable table = new JobTable(held, name);
            String log = StandardError.of(() -> {
                Heartbeat beat = heartbeat(table);
                assertTrue(gate.inside.await(30, TimeUnit.SECONDS), "the heartbeat never made the call");
                beat.close();
                // The failed call's catch runs on the heartbeat's thread: its log is written once that thread ends.
                gate.caller.join(30_000);
                assertFalse(gate.caller.isAlive(), "the heartbeat's thread did not end after its close");
            });
            assertNotNull(gate.failure, "the held call did not fail: the close did not interrupt it");
            assertTrue(String.valueOf(gate.failure.getMessage()).contains("interrupted"),
                    "the call fails as a close makes it fail: " + gate.failure);
            assertFalse(log.contains(warning) || log.contains("WARN"), "a shot's normal end logs nothing:\n" + log);
        }
    }

    private Heartbeat heartbeat(JobTable table) {
        return new Heartbeat(queue, message, table, job, new CancellationToken(), settings, () -> 0.5, () -> false,
                TaskProtection.fromEnvironment(Map.of()), () -> { }, settings.visibility(), WorkerTimings.DEFAULT);
    }

    /**
     * Holds the first call of one request kind just before it is sent, until its thread is
     * interrupted (at most 30 s), then lets it go on with its interrupt flag set, as a call
     * interrupted on the wire would be; records the call's thread and how the call failed.
     */
    private static final class Gate implements ExecutionInterceptor {

        private final Class<?> request;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        final CountDownLatch inside = new CountDownLatch(1);
        volatile Thread caller;
        volatile Throwable failure;

        Gate(Class<?> request) {
            this.request = request;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (request.isInstance(context.request()) && armed.compareAndSet(true, false)) {
                caller = Thread.currentThread();
                inside.countDown();
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);  // only an interrupt ends it early
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (Thread.currentThread() == caller) {
                failure = context.exception();
            }
        }
    }
}
