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
 * "Logs"), and {@code SEISWORK_LOG} sets the level. The worker runs in a process of its own started
 * as the launcher and the container image start it ({@link Main#main}, no level given on the Java
 * command line), since log levels are a process's and this test JVM's loggers are made already;
 * against the emulators over HTTP.
 */
class WorkerLogTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    /** Runs {@code seiswork worker --cloud local --max-idle S} in a new JVM; its standard output and error. */
    private String worker(String seisworkLog, int maxIdleS) throws Exception {
        // What LocalCloud.pointSeiswork sets in this JVM, for the worker's.
        ChildCli.Builder worker = ChildCli.builder("worker", "--cloud", "local", "--max-idle", Integer.toString(maxIdleS),
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString())
                .env("SEISWORK_S3_PORT", Integer.toString(CLOUD.s3Endpoint().getPort()))
                .env("SEISWORK_SQS_PORT", Integer.toString(CLOUD.sqsEndpoint().getPort()))
                .env("SEISWORK_DYNAMODB_PORT", Integer.toString(CLOUD.dynamoDbEndpoint().getPort()))
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
        CliRun submitted;
        try {
            submitted = CliRun.run("submit", spec.toString(), "--cloud", "local");
        } finally {
            LocalCloud.forgetSeiswork();
        }
        assertEquals(0, submitted.exit(), submitted.err());
        String job = submitted.out().strip();
        String log = worker(null, 3);
        // The local queue is this test JVM's, shared by the test classes that ran before (the local stack's names
        // are fixed): a shot another class left queued may run too, so only this job's lines are asserted.
        assertTrue(log.contains("[INFO] ShotWorker - shot 1 of job " + job + " done on "), log);
        assertTrue(log.contains("[INFO] ShotWorker - no shot for 3 s: stopping"), log);
        assertTrue(log.lines().anyMatch(l -> l.matches(".*stopped after [1-9][0-9]* shots.*")), log);
    }

    @Test
    void seisworkLogSetsTheLevel() throws Exception {
        String log = worker("warn", 1);
        assertFalse(log.contains("[INFO]"), log);
        assertTrue(log.contains("stopped after "), log);  // at warn; 0 shots unless another class left one queued
    }
}
