package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat's watch for a hung engine, against the emulators: a shot whose progress stops
 * between its first and last time step is reported once; one still downloading (progress 0),
 * uploading (1), stacking, or stepping, is not.
 */
class HeartbeatTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    @Test
    void aShotThatStopsSteppingIsReportedHungOnceAndOnlyThen() throws Exception {
        String name = LocalCloud.uniqueName("beat");
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = new JobId("hang-1");
        table.createJob(job, "hang", "model", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        ReceivedShot message = queue.receive(2, 60).orElseThrow();
        WorkerSettings settings = WorkerSettings.defaults(dir).withStatusPoll(Duration.ofMillis(50))
                .withHangAfter(Duration.ofMillis(1500));
        double[] progress = {0};
        boolean[] stacking = {false};
        AtomicInteger hangs = new AtomicInteger();
        try (Heartbeat beat = new Heartbeat(queue, message, table, job, new CancellationToken(), settings,
                () -> progress[0], () -> stacking[0], TaskProtection.fromEnvironment(java.util.Map.of()),
                hangs::incrementAndGet, settings.visibility(), WorkerTimings.DEFAULT)) {
            Thread.sleep(3000);
            assertEquals(0, hangs.get(), "progress 0: inputs still downloading, not watched");
            for (int step = 1; step <= 15; step++) {
                progress[0] = step / 100.0;
                Thread.sleep(100);
            }
            assertEquals(0, hangs.get(), "a shot that steps is not hung");
            stacking[0] = true;
            Thread.sleep(3000);
            assertEquals(0, hangs.get(), "stacking is not watched");
            stacking[0] = false;
            Thread.sleep(4000);
            assertEquals(1, hangs.get(), "stuck at 15 %: hung");
            Thread.sleep(2000);
            assertEquals(1, hangs.get(), "reported once");
        }
        AtomicInteger uploads = new AtomicInteger();
        try (Heartbeat beat = new Heartbeat(queue, message, table, job, new CancellationToken(), settings,
                () -> 1.0, () -> false, TaskProtection.fromEnvironment(java.util.Map.of()), uploads::incrementAndGet, settings.visibility(),
                WorkerTimings.DEFAULT)) {
            Thread.sleep(3000);
            assertEquals(0, uploads.get(), "progress 1: the result uploading, not watched");
        }
    }
}
