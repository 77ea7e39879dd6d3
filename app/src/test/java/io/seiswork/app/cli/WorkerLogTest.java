package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** Runs {@code seiswork worker --cloud local --max-idle S} in a new JVM; its standard error. */
    private String worker(String seisworkLog, int maxIdleS) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-cp", System.getProperty("java.class.path")));
        // What LocalCloud.pointSeiswork sets in this JVM, for the worker's.
        command.add("-DSEISWORK_S3_PORT=" + CLOUD.s3Endpoint().getPort());
        command.add("-DSEISWORK_SQS_PORT=" + CLOUD.sqsEndpoint().getPort());
        command.add("-DSEISWORK_DYNAMODB_PORT=" + CLOUD.dynamoDbEndpoint().getPort());
        command.addAll(List.of(Main.class.getName(), "worker", "--cloud", "local", "--max-idle", Integer.toString(maxIdleS),
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile());
        pb.environment().remove(LogLevels.ENV);
        if (seisworkLog != null) {
            pb.environment().put(LogLevels.ENV, seisworkLog);
        }
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the worker stops after " + maxIdleS + " s idle");
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("worker.log"));
        assertEquals(0, p.exitValue(), log);
        return log;
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
        assertTrue(log.contains("[INFO] ShotWorker - shot 1 of job " + job + " done on "), log);
        assertTrue(log.contains("[INFO] ShotWorker - no shot for 3 s: stopping"), log);
        assertTrue(log.contains("stopped after 1 shots"), log);
    }

    @Test
    void seisworkLogSetsTheLevel() throws Exception {
        String log = worker("warn", 1);
        assertFalse(log.contains("[INFO]"), log);
        assertTrue(log.contains("stopped after 0 shots"), log);
    }
}
