package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seiswork worker} logs each shot at its default level, as CloudWatch needs it (docs/cloud.md,
 * "Worker logs"), and {@code SEISWORK_LOG} sets the level. The worker runs in a process of its own started
 * as the launcher and the container image start it ({@link Main#main}, no level given on the Java
 * command line), since log levels are a process's and this test JVM's loggers are made already;
 * against the emulators over HTTP. Each test's worker and submission use a local stack of their own
 * ({@code SEISWORK_LOCAL_PREFIX}): the test JVM's emulators are shared by every test class in it, and a
 * worker on the default queue would run the shots other classes left queued.
 */
class WorkerLogTest {

    /** The variable naming a local stack's bucket, table and queue (CloudSettings.local). */
    private static final String PREFIX = "SEISWORK_LOCAL_PREFIX";

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    /** The names of this test's local stack, "worker-log-N": its bucket, table and queue are made on first use. */
    private final String prefix = LocalCloud.uniqueName("worker-log");

    /**
     * Runs {@code seiswork worker --cloud local --max-idle S} on this test's stack in a new JVM; its
     * standard output and error.
     */
    private String worker(String seisworkLog, int maxIdleS) throws Exception {
        // What LocalCloud.pointSeiswork sets in this JVM, for the worker's.
        ChildCli.Builder worker = ChildCli.builder("worker", "--cloud", "local", "--max-idle", Integer.toString(maxIdleS),
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString())
                .env("SEISWORK_S3_PORT", Integer.toString(CLOUD.s3Endpoint().getPort()))
                .env("SEISWORK_SQS_PORT", Integer.toString(CLOUD.sqsEndpoint().getPort()))
                .env("SEISWORK_DYNAMODB_PORT", Integer.toString(CLOUD.dynamoDbEndpoint().getPort()))
                .env(PREFIX, prefix)
                .withoutEnv("SEISWORK_CLOUD")
                .withoutEnv(LogLevels.ENV);
        if (seisworkLog != null) {
            worker.env(LogLevels.ENV, seisworkLog);
        }
        try (ChildCli child = worker.start()) {
            int exit = child.await(Duration.ofSeconds(180));  // it stops after maxIdleS s idle
            assertEquals(0, exit, child.output());
            return child.output();
        }
    }

    @Test
    void theWorkerLogsEachShotAtItsDefaultLevel() throws Exception {
        Path spec = Files.writeString(dir.resolve("model.json"), SmallSpec.named("worker-log").shots(300, 200, 1).json());
        CLOUD.pointSeiswork();
        System.setProperty(PREFIX, prefix);  // read as the variable is (CloudSettings.environment)
        CliRun submitted;
        try {
            submitted = CliRun.run("submit", spec.toString(), "--cloud", "local");
        } finally {
            LocalCloud.forgetSeiswork();
            System.clearProperty(PREFIX);
        }
        assertEquals(0, submitted.exit(), submitted.err());
        String job = submitted.out().strip();
        String log = worker(null, 3);
        // The queue is this test's alone: the job's one shot, and no other.
        assertTrue(log.contains("[INFO] ShotWorker - shot 1 of job " + job + " done on "), log);
        assertTrue(log.contains("[INFO] ShotWorker - no shot for 3 s: stopping"), log);
        assertTrue(log.contains(": stopped after 1 shots"), log);
    }

    @Test
    void seisworkLogSetsTheLevel() throws Exception {
        String log = worker("warn", 1);
        assertFalse(log.contains("[INFO]"), log);
        assertTrue(log.contains(": stopped after 0 shots"), log);  // at warn; nothing queued on this test's stack
    }
}
