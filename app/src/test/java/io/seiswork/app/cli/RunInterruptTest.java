package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.testing.SmallSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on {@code seiswork run}, in a real child process: the run stops at its next time step,
 * and the process says so, and how to go on, before it exits. The shutdown hook holds the exit
 * only until the run's outcome is printed; when it let go as soon as the run stopped, the JVM
 * exited before the two lines in 2 of 4 tries. The signal goes by POSIX {@code kill}, as on every
 * system Seiswork runs on (its launcher and scripts are bash; TransferSignalTest does the same).
 */
class RunInterruptTest {

    /** Tries per test: the lost lines were a race, lost about every other time. */
    private static final int TRIES = 2;

    /** Six shots of a few seconds each on one thread: Ctrl-C lands inside the second. */
    private static final String SPEC = SmallSpec.named("ctrl-c").grid(201, 101).lengthS(1.0).shots(200, 300, 6)
            .receivers(0, 10, 201, 20).json();

    @TempDir
    Path dir;

    @Test
    void ctrlCDuringAShotPrintsTheOutcomeAndTheResumeHintEveryTime() throws Exception {
        Path spec = Files.writeString(dir.resolve("ctrl-c.json"), SPEC);
        for (int i = 1; i <= TRIES; i++) {
            Path out = dir.resolve("out" + i);
            try (ChildCli child = ChildCli.start("run", spec.toString(), "--out", out.toString(), "--engine", "cpu",
                    "--threads", "1")) {
                assertTrue(child.awaitOutput("shot 1 (1/6)  done in", Duration.ofMinutes(2)), child.output());
                String signal = child.interrupt();
                int exit = child.await(Duration.ofMinutes(2));
                String said = child.output();
                assertNotEquals(0, exit, said);
                assertTrue(said.contains("seiswork: cancelled while modelling shot 2 (2 of 6 to run), at step "),
                        "try " + i + ", SIG" + signal + ": " + said);
                assertTrue(said.contains("seiswork: the finished shot is kept in " + out + ": run again with --resume"
                        + " to go on from it"), "try " + i + ", SIG" + signal + ": " + said);
                assertEquals("cancelled", new ObjectMapper().readTree(out.resolve("run.json").toFile())
                        .get("status").asText(), said);
            }
        }
    }
    /**
     * The audit's re-run: a finished migration's folder run into again (without --resume) and
     * Ctrl-C after its first shot. The previous run's image.sgy and image.swv are removed as the
     * run starts, saying so, so that the cancelled run's report stands beside no image it does not
     * describe; its finished shot is kept for --resume.
     */
    @Test
    void aCancelledReRunOfAMigrationLeavesNoStaleImage() throws Exception {
        Path spec = Files.writeString(dir.resolve("rerun.json"), SmallSpec.named("rerun").rtm("synthetic")
                .grid(201, 101).lengthS(1.0).shots(200, 300, 6).receivers(0, 10, 201, 20).json());
        Path out = Files.createDirectories(dir.resolve("rtmf"));
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(out.resolve("image.sgy"), "the previous run's image");
        Files.writeString(out.resolve("image.swv"), "the previous run's volume");
        try (ChildCli child = ChildCli.start("run", spec.toString(), "--out", out.toString(), "--engine", "cpu",
                "--threads", "1")) {
            assertTrue(child.awaitOutput("shot 1 (1/6)  done in", Duration.ofMinutes(2)), child.output());
            String signal = child.interrupt();
            assertNotEquals(0, child.await(Duration.ofMinutes(2)), child.output());
            String said = child.output();
            assertTrue(said.contains("replacing the rtm run in " + out + ": removed its image.sgy, image.swv"), said);
            assertTrue(said.contains("seiswork: the finished shot is kept in " + out), "SIG" + signal + ": " + said);
        }
        assertFalse(Files.exists(out.resolve("image.sgy")), "the previous image removed");
        assertFalse(Files.exists(out.resolve("image.swv")), "the previous volume removed");
        assertEquals("cancelled", new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("status").asText());
    }
}
