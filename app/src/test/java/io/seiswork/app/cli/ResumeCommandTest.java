package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.run.StoppedRuns;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seiswork run SPEC --out DIR --resume}: a run cancelled after two of its four shots goes
 * on from the command line to the files of a run that never stopped, saying so; every refusal is
 * one line that names its reason and leaves DIR as it was.
 */
class ResumeCommandTest {

    @TempDir
    Path dir;

    /** Four shots on a small 2D grid. */
    private static final SmallSpec MODEL = SmallSpec.named("resume-cli");

    private Path spec(String name, SmallSpec spec) throws Exception {
        return Files.writeString(dir.resolve(name), spec.json());
    }

    /** The job as {@code seiswork run} resolves it (relative files against the spec's folder). */
    private static ResolvedJob resolve(Path spec) {
        return JobResolver.withHeapBudget(spec.toAbsolutePath().getParent()).resolve(JobSpecReader.read(spec),
                spec.toString());
    }

    /** The run of {@code spec} in {@code out}, cancelled after two shots. */
    private static Path cancelledAfterTwo(Path spec, Path out) {
        StoppedRuns.cancelAfter(resolve(spec), out, 2, 2);
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** The refusal: exit 1, its one line last, no stack trace. */
    private static void assertRefused(CliRun r, String line) {
        assertEquals(1, r.exit(), r.err());
        assertEquals("seiswork: " + line, lastLine(r.err()), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aCancelledModellingRunGoesOnFromTheCommandLine() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path whole = dir.resolve("whole");
        assertEquals(0, run("run", spec.toString(), "--out", whole.toString(), "--engine", "cpu").exit());
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));

        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("resuming: 2 of 4 shots kept, 2 to run"), r.err());
        assertTrue(r.err().contains("running 2 shots on cpu"), r.err());
        assertTrue(r.err().contains("shot 3 (3/4)  done in") && r.err().contains("shot 4 (4/4)  done in"), r.err());
        assertFalse(r.err().contains("shot 1 (") || r.err().contains("shot 2 ("), "kept shots do not run: " + r.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("shots.sgy")), Files.readAllBytes(out.resolve("shots.sgy")));
        assertEquals("done", StoppedRuns.report(out).get("status").asText());

        assertRefused(run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume"),
                "nothing to resume: " + out + " holds a finished run (run.json: done); run without --resume to run it "
                        + "again");
    }

    /** A migration cancelled after two shots resumes to the uninterrupted image.sgy and image.swv. */
    @Test
    void aCancelledMigrationGoesOnFromTheCommandLine() throws Exception {
        Path spec = spec("rtm.json", MODEL.rtm("synthetic"));
        Path whole = dir.resolve("whole");
        assertEquals(0, run("run", spec.toString(), "--out", whole.toString(), "--engine", "cpu").exit());
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/stack.swpi")));

        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("resuming: 2 of 4 shots kept, 2 to run"), r.err());
        for (String file : new String[] {"image.sgy", "image.swv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(out.resolve(file)), file);
        }
        assertFalse(Files.exists(out.resolve("checkpoint")), "removed once the image is written");
    }

    @Test
    void aFolderWithoutARunIsRefusedAndNotMade() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = dir.resolve("nothing");
        assertRefused(run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume"),
                "cannot resume: " + out + " holds no run to resume (no checkpoint/state.json)");
        assertFalse(Files.exists(out));
    }

    @Test
    void anotherSpecIsRefusedNamingTheFieldAndTheFolderIsLeftAsItWas() throws Exception {
        Path out = cancelledAfterTwo(spec("model.json", MODEL), dir.resolve("out"));
        byte[] state = Files.readAllBytes(out.resolve("checkpoint/state.json"));
        byte[] gathers = Files.readAllBytes(out.resolve("shots.sgy"));
        Path longer = spec("longer.json", MODEL.lengthS(0.5));
        assertRefused(run("run", longer.toString(), "--out", out.toString(), "--engine", "cpu", "--resume"),
                "cannot resume " + out + ": the spec differs from the one the run there ran: time.lengthS is 0.5, was 0.4");
        assertArrayEquals(state, Files.readAllBytes(out.resolve("checkpoint/state.json")));
        assertArrayEquals(gathers, Files.readAllBytes(out.resolve("shots.sgy")));
        assertEquals("cancelled", StoppedRuns.report(out).get("status").asText());
    }

    @Test
    void otherShotsAreRefused() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        assertRefused(run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--shots", "1-3",
                "--resume"), "cannot resume " + out + ": the run there runs shots all (4), this one 1-3 (3); leave out "
                + "--shots to resume it");
    }

    /** A run made on the GPU (its checkpoint says so) is not resumed on the CPU: not bit for bit the same. */
    @Test
    void anotherEngineIsRefused() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        Path stateFile = out.resolve("checkpoint/state.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = (ObjectNode) json.readTree(stateFile.toFile());
        String gpu = "gpu (NVIDIA H200, cc 9.0; stencil pipelined; C-PML fused)";
        ((ObjectNode) state.get("identity")).put("engine", gpu);
        json.writeValue(stateFile.toFile(), state);
        String cpu;
        try (var e = StoppedRuns.cpu(resolve(spec), Runtime.getRuntime().availableProcessors()).engine()) {
            cpu = e.name();  // the engine the command takes: the job's kernels
        }
        assertRefused(run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume"),
                "cannot resume " + out + ": the run there ran on " + gpu + ", this one would on " + cpu + ": engines "
                        + "agree to about 1e-4, not bit for bit, so the result would not be the uninterrupted run's; "
                        + "resume with --engine gpu");
    }

    /**
     * A resume on the other CPU kernel family (the property forcing it, or a run stopped on an
     * older build, always named "Vector API") is refused naming the way out: the property set to
     * the kernels the run ran on, or --restart; following it resumes.
     */
    @Test
    void otherCpuKernelsAreRefusedNamingTheWayOut() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        int threads = Runtime.getRuntime().availableProcessors();
        String ran;
        try (var e = StoppedRuns.cpu(resolve(spec), threads).engine()) {
            ran = e.name();
        }
        boolean ranVector = ran.endsWith("Vector API)");
        String property = "seiswork.cpu.vector";
        String old = System.getProperty(property);
        try {
            System.setProperty(property, String.valueOf(!ranVector));
            String now;
            try (var e = StoppedRuns.cpu(resolve(spec), threads).engine()) {
                now = e.name();
            }
            assertFalse(now.equals(ran), "the property changes the kernels: " + now);
            assertRefused(run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume"),
                    "cannot resume " + out + ": the run there ran on " + ran + ", this one would on " + now + ": the "
                            + "CPU's vector and scalar kernels agree to about 1e-5, not bit for bit, so the result would"
                            + " not be the uninterrupted run's; resume with SEISWORK_JAVA_OPTS=-Dseiswork.cpu.vector="
                            + ranVector + " (the kernels it ran on), or start over with --restart");
            System.setProperty(property, String.valueOf(ranVector));
            CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume");
            assertEquals(0, r.exit(), r.err());
        } finally {
            if (old == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, old);
            }
        }
    }

    /** Recorded data changed since the run stopped (its file's time): the data are not the run's. */
    @Test
    void changedRecordedDataAreRefused() throws Exception {
        Path gathers = dir.resolve("gathers");
        assertEquals(0, run("run", spec("model.json", MODEL).toString(), "--out", gathers.toString(), "--engine", "cpu")
                .exit());
        Path data = Files.copy(gathers.resolve("shots.sgy"), dir.resolve("data.sgy"));
        Path spec = spec("rtm.json", MODEL.rtm("data.sgy"));
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        Files.setLastModifiedTime(data, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume");
        assertEquals(1, r.exit(), r.err());
        assertTrue(lastLine(r.err()).startsWith("seiswork: cannot resume " + out + ": the data file differs from the one "
                + "the run there used (" + Files.size(data) + " bytes, modified "), r.err());
        assertTrue(lastLine(r.err()).endsWith(", now " + Files.size(data) + " bytes, modified 2020-01-01T00:00:00Z)"),
                r.err());
    }

    /**
     * Without --resume a stopped run's finished shots are not thrown away: refused, status 2, in
     * one line naming both ways on, the folder left as it was; --restart starts over.
     */
    @Test
    void withoutResumeAStoppedRunsFinishedShotsAreRefusedAndRestartStartsOver() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        byte[] state = Files.readAllBytes(out.resolve("checkpoint/state.json"));
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu");
        assertEquals(2, r.exit(), r.err());
        assertEquals("seiswork: " + out + " holds a run that stopped with 2 of 4 shots done: run with --resume to go on"
                + " with it, or with --restart to discard its finished shots and start over", lastLine(r.err()), r.err());
        assertFalse(r.err().contains("running 4 shots"), r.err());
        assertArrayEquals(state, Files.readAllBytes(out.resolve("checkpoint/state.json")), "left as it was");

        r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--restart");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(out + " holds a run that stopped with 2 of 4 shots done; starting over, its finished"
                + " shots discarded"), r.err());
        assertTrue(r.err().contains("running 4 shots on cpu"), r.err());
        assertFalse(Files.exists(out.resolve("checkpoint")));
        assertEquals(0, run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu").exit(),
                "a finished run is replaced without --restart");
    }

    /** --restart goes with neither --resume nor --check: usage errors, status 2. */
    @Test
    void restartExcludesResumeAndCheck() throws Exception {
        Path spec = spec("model.json", MODEL);
        CliRun both = run("run", spec.toString(), "--resume", "--restart");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("--resume and --restart exclude each other"), both.err());
        CliRun check = run("run", spec.toString(), "--check", "--restart");
        assertEquals(2, check.exit(), check.err());
        assertTrue(check.err().contains("--restart starts a run over; not with --check"), check.err());
    }

    /**
     * While another run writes into DIR, a run there gets the lock's refusal and nothing else: not
     * "starting over" the other run's checkpoint, nor a hint to resume it.
     */
    @Test
    void aFolderInUseByAnotherRunGetsTheLockRefusalAlone() throws Exception {
        Path spec = spec("model.json", MODEL);
        Path out = cancelledAfterTwo(spec, dir.resolve("out"));
        byte[] state = Files.readAllBytes(out.resolve("checkpoint/state.json"));
        String refusal = out + " is in use by another run (it holds .seiswork-run.lock): let it end or stop it, or run"
                + " into another folder";
        try (AutoCloseable held = StoppedRuns.holdLock(out)) {
            for (boolean resume : new boolean[] {false, true}) {
                CliRun r = resume ? run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--resume")
                        : run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu");
                assertRefused(r, refusal);
                assertFalse(r.err().contains("starting over"), r.err());
                assertFalse(r.err().contains("--resume to go on"), r.err());
            }
        }
        assertArrayEquals(state, Files.readAllBytes(out.resolve("checkpoint/state.json")), "left as it was");
    }
}
