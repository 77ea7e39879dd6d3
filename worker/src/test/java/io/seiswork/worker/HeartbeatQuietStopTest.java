package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.progress.CancellationToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat's log, against the emulators: closed at a shot's normal end while it reads the
 * job's status or reports progress (the call interrupted: "Thread was interrupted"), it says
 * nothing; a status it cannot read while the shot runs (the job table gone) is still a warning.
 * slf4j-simple writes to {@code System.err} as it is at each line, so the test reads that.
 */
class HeartbeatQuietStopTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    @Test
    void aNormalStopIsQuietAndARealFailureToReadWarns() throws Exception {
        String name = LocalCloud.uniqueName("quiet");
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = new JobId("quiet-1");
        table.createJob(job, "quiet", "model", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        ReceivedShot message = queue.receive(2, 60).orElseThrow();
        // Status read and progress reported back to back, so that a close lands in one of the calls.
        WorkerSettings settings = WorkerSettings.defaults(dir).withStatusPoll(Duration.ofMillis(1));
        double[] progress = {0};

        String normal = stderrOf(() -> {
            for (int shot = 0; shot < 30; shot++) {
                try (Heartbeat beat = new Heartbeat(queue, message, table, job, new CancellationToken(), settings,
                        () -> progress[0] += 0.01, () -> false, TaskProtection.fromEnvironment(Map.of()), () -> { })) {
                    Thread.sleep(20 + shot % 7);
                }
            }
        });
        assertFalse(normal.contains("could not"), "a shot's normal end logs nothing:\n" + normal);

        JobTable gone = new JobTable(CLOUD.dynamoDb(), name + "-missing");
        String failed = stderrOf(() -> {
            try (Heartbeat beat = new Heartbeat(queue, message, gone, job, new CancellationToken(), settings,
                    () -> 0.5, () -> false, TaskProtection.fromEnvironment(Map.of()), () -> { })) {
                Thread.sleep(300);
            }
        });
        assertTrue(failed.contains("WARN") && failed.contains("could not read the status of job quiet-1"),
                "a status that cannot be read warns:\n" + failed);
    }

    private interface Body {
        void run() throws Exception;
    }

    /** What {@code body} writes to {@code System.err}, which is restored after. */
    private static String stderrOf(Body body) throws Exception {
        PrintStream was = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
