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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat's watch for a hung engine, against the emulators: a shot whose progress stops
 * between its first and last time step is reported once; one still downloading (progress 0),
 * uploading (1), stacking, or stepping, is not. The watch's time is the test's ({@link #nanos}),
 * moved between ticks, so that a stall of the test or the heartbeat cannot turn a step into a hang.
 */
class HeartbeatTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    /** The watch's own time, in nanoseconds, moved by the test only. */
    private final AtomicLong nanos = new AtomicLong();
    /** How many times the watch has read the shot's progress: once a tick, first thing. */
    private final AtomicLong reads = new AtomicLong();

    private void pass(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /**
     * Returns once two ticks have begun since the call, and so the first of them, which read the
     * progress and the time as they stand now, has ended (the ticks run one after another).
     */
    private void ticksSeeNow() throws InterruptedException {
        long target = reads.get() + 2;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (reads.get() < target) {
            assertTrue(System.nanoTime() < deadline, "the heartbeat stopped ticking");
            Thread.sleep(5);
        }
    }

    @Test
    void aShotThatStopsSteppingIsReportedHungOnceAndOnlyThen() throws Exception {
        String name = LocalCloud.uniqueName("beat");
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = new JobId("hang-1");
        table.createJob(job, "hang", "model", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        ReceivedShot message = queue.receive(2, 60).orElseThrow();
        WorkerSettings settings = WorkerSettings.defaults(dir).withStatusPoll(Duration.ofMillis(10))
                .withHangAfter(Duration.ofMillis(1500));
        // Atomics: the heartbeat's thread reads what the test's thread sets.
        java.util.concurrent.atomic.AtomicReference<Double> progress = new java.util.concurrent.atomic.AtomicReference<>(0.0);
        java.util.concurrent.atomic.AtomicBoolean stacking = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger hangs = new AtomicInteger();
        try (Heartbeat beat = new Heartbeat(queue, message, table, job, new CancellationToken(), settings,
                () -> read(progress.get()), stacking::get, TaskProtection.fromEnvironment(java.util.Map.of()),
                hangs::incrementAndGet, settings.visibility(), WorkerTimings.DEFAULT, nanos::get)) {
            pass(Duration.ofSeconds(3));
            ticksSeeNow();
            assertEquals(0, hangs.get(), "progress 0: inputs still downloading, not watched");
            for (int step = 1; step <= 15; step++) {
                // The clock first: a tick between the two then sees the old progress at the new time, which is
                // 1000 ms without a step, under the limit, and the next tick sees the step at the time it was made.
                pass(Duration.ofMillis(1000));
                progress.set(step / 100.0);
                ticksSeeNow();
            }
            assertEquals(0, hangs.get(), "a shot that steps, a second a step, is not hung");
            pass(Duration.ofMillis(1499));
            ticksSeeNow();
            assertEquals(0, hangs.get(), "stuck at 15 % for less than the limit: not hung yet");
            stacking.set(true);
            pass(Duration.ofSeconds(3));
            ticksSeeNow();
            assertEquals(0, hangs.get(), "stacking is not watched");
            stacking.set(false);
            ticksSeeNow();
            assertEquals(1, hangs.get(), "stuck at 15 %: hung");
            pass(Duration.ofSeconds(3));
            ticksSeeNow();
            assertEquals(1, hangs.get(), "reported once");
        }
        AtomicInteger uploads = new AtomicInteger();
        try (Heartbeat beat = new Heartbeat(queue, message, table, job, new CancellationToken(), settings,
                () -> read(1.0), () -> false, TaskProtection.fromEnvironment(java.util.Map.of()), uploads::incrementAndGet,
                settings.visibility(), WorkerTimings.DEFAULT, nanos::get)) {
            ticksSeeNow();
            pass(Duration.ofSeconds(3));
            ticksSeeNow();
            assertEquals(0, uploads.get(), "progress 1: the result uploading, not watched");
        }
    }

    /** {@code p}, the read counted. */
    private double read(double p) {
        reads.incrementAndGet();
        return p;
    }
}
