package io.seiswork.app.run;

import static io.seiswork.app.run.StoppedRuns.report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.rtm.StackFile;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalRunner#resume}: a run cancelled after some shots, or killed (its folder copied as a
 * kill would leave it), goes on to the files of a run that never stopped, byte for byte, without
 * computing its kept shots again — modelling (gathers appended after the shots kept, a shot
 * written in part cut off) and migration (the stack saved from the heap, or memory-mapped in
 * place), on another thread count too.
 */
class ResumeTest {

    @TempDir
    Path dir;

    /** Four shots on a small 2D grid: a second or two per run on two cores. */
    static final String MODEL = SmallSpec.named("resume").json();

    /** The same survey migrated: synthetic data over the reflector at 250 m. */
    static final String RTM = SmallSpec.named("resume").rtm("synthetic").grid(81, 51)
            .with("migrationVelocity", "{ \"smooth\": 0 }").json();

    /**
     * A 20 km line with four shots near its start, each recording within 300 m and migrating
     * within 150 m of its receivers: windows small next to the grid, so that a budget too small
     * for the whole grid still fits a shot (out of core).
     */
    static final String RTM_WIDE = SmallSpec.named("resume-wide").rtm("synthetic").grid(2001, 51)
            .shots(450, 500, 4).receivers(0, 10, 241, 20)
            .spread("{ \"moving\": { \"minOffset\": 0, \"maxOffset\": 300 } }")
            .with("migrationVelocity", "{ \"smooth\": 0 }").with("imaging", "{ \"aperture\": 150 }").json();

    private ResolvedJob job(String spec) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec, "spec", "resume"), "spec");
    }

    private static void assertSameFile(Path expected, Path actual) throws Exception {
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + " as " + expected);
    }

    private static List<Integer> numbers(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asInt).toList();
    }

    @Test
    void aCancelledModellingRunResumesToTheUninterruptedGathers() throws Exception {
        ResolvedJob job = job(MODEL);
        Path whole = dir.resolve("whole");
        Path out = dir.resolve("out");
        StoppedRuns.run(job, whole, 2);
        StoppedRuns.Watch first = StoppedRuns.cancelAfter(job, out, 2, 2);
        assertEquals(List.of(1, 2, 3), first.started, "shot 3 started, and was cancelled at its first step");
        assertEquals("cancelled", report(out).get("status").asText());
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/state.json")));
        String cancelledAttempt = report(out).get("started").asText();

        StoppedRuns.Watch resumed = StoppedRuns.resume(job, out, 2);
        assertEquals(List.of(3, 4), resumed.started, "the kept shots are not computed again");
        assertArrayEquals(new int[] {2, 4}, resumed.resumed);
        assertSameFile(whole.resolve("shots.sgy"), out.resolve("shots.sgy"));
        JsonNode r = report(out);
        assertEquals("done", r.get("status").asText());
        assertEquals(List.of(1, 2), numbers(r.get("shotsKept")));
        assertEquals(List.of(3, 4), r.get("shots").findValuesAsText("shot").stream().map(Integer::parseInt).toList());
        assertEquals(cancelledAttempt, r.get("resumedFrom").asText(), "the attempt it went on from");
        assertEquals(2, r.at("/checkpoint/writes").asInt());
        assertFalse(Files.exists(out.resolve("checkpoint")), "removed with the run done");
        assertFalse(Files.exists(whole.resolve("checkpoint")), "removed with the run done");
    }

    /**
     * A folder another run writes into (the lock of {@link OutputLock} held: here by this
     * process, as another terminal's run would hold it) is neither resumed nor started over.
     */
    @Test
    void aFolderInUseByAnotherRunIsLeftAlone() throws Exception {
        ResolvedJob job = job(MODEL);
        Path out = dir.resolve("out");
        StoppedRuns.cancelAfter(job, out, 2, 2);
        byte[] state = Files.readAllBytes(out.resolve("checkpoint/state.json"));
        try (OutputLock held = OutputLock.acquire(out)) {
            var resumed = assertThrows(OutputInUse.class, () -> StoppedRuns.resume(job, out, 2));
            assertEquals(out + " is in use by another run (it holds .seiswork-run.lock): let it end or stop it, or run "
                    + "into another folder", resumed.getMessage());
            StoppedRuns.Watch w = new StoppedRuns.Watch();
            EngineSelection cpu = StoppedRuns.cpu(job, 2);
            try (var engine = cpu.engine()) {
                assertThrows(OutputInUse.class, () -> new LocalRunner(cpu, w, CancellationToken.none()).run(job, out));
            }
            assertEquals(List.of(), w.messages, "no 'starting over' for a folder it could not take");
        }
        assertArrayEquals(state, Files.readAllBytes(out.resolve("checkpoint/state.json")), "left as it was");
        assertEquals(List.of(3, 4), StoppedRuns.resume(job, out, 2).started, "resumed once the other let go");
    }

    /**
     * A run started afresh where a run stopped after finishing shots refuses, the folder left as it
     * was (a forgotten --resume would throw hours of shots away); restart discards them, saying so.
     */
    @Test
    void aRunWithoutResumeRefusesAStoppedRunsFinishedShotsAndRestartDiscardsThem() throws Exception {
        ResolvedJob job = job(MODEL);
        Path out = dir.resolve("out");
        StoppedRuns.cancelAfter(job, out, 2, 2);
        byte[] state = Files.readAllBytes(out.resolve("checkpoint/state.json"));
        byte[] gathers = Files.readAllBytes(out.resolve("shots.sgy"));
        StoppedRuns.Watch refused = new StoppedRuns.Watch();
        EngineSelection cpu = StoppedRuns.cpu(job, 2);
        try (var engine = cpu.engine()) {
            var e = assertThrows(StoppedRunInTheWay.class,
                    () -> new LocalRunner(cpu, refused, CancellationToken.none()).run(job, out));
            assertEquals(out + " holds a run that stopped with 2 of 4 shots done: run with --resume to go on with it, or"
                    + " with --restart to discard its finished shots and start over", e.getMessage());
        }
        assertEquals(List.of(), refused.started, "nothing ran");
        assertArrayEquals(state, Files.readAllBytes(out.resolve("checkpoint/state.json")), "left as it was");
        assertArrayEquals(gathers, Files.readAllBytes(out.resolve("shots.sgy")), "left as it was");

        StoppedRuns.Watch again = new StoppedRuns.Watch();
        EngineSelection other = StoppedRuns.cpu(job, 2);
        try (var engine = other.engine()) {
            new LocalRunner(other, again, CancellationToken.none()).restart(job, out);
        }
        assertEquals(List.of(out + " holds a run that stopped with 2 of 4 shots done; starting over, its finished shots"
                + " discarded", "replacing the model run in " + out + ": removed its shots.sgy, run.json"), again.messages);
        assertEquals(List.of(1, 2, 3, 4), again.started);
    }

    /** A run that stopped before finishing a shot has nothing to lose: a run without --resume replaces it, saying so. */
    @Test
    void aStoppedRunWithNoShotDoneIsStartedOver() throws Exception {
        ResolvedJob job = job(MODEL);
        Path out = dir.resolve("out");
        CancellationToken cancel = new CancellationToken();
        EngineSelection cpu = StoppedRuns.cpu(job, 2);
        try (var engine = cpu.engine()) {  // cancelled as its first shot starts
            assertThrows(CancelledException.class, () -> new LocalRunner(cpu,
                    new StoppedRuns.Watch(cancel, 0, shot -> cancel.cancel()), cancel).run(job, out));
        }
        assertTrue(RunCheckpoint.exists(out), "a stopped run");
        StoppedRuns.Watch again = StoppedRuns.run(job, out, 2);
        assertEquals(out + " holds a run that stopped with 0 of 4 shots done; starting over", again.messages.getFirst());
        assertEquals(List.of(1, 2, 3, 4), again.started);
        StoppedRuns.run(job, out, 2);  // a finished run is replaced too
    }

    /**
     * The hint to resume counts the shots the checkpoint keeps, and is not given when it keeps
     * none (cancelled in the first shot) or there is no checkpoint.
     */
    @Test
    void theResumeHintIsGivenOnlyWhenFinishedShotsAreKept() throws Exception {
        ResolvedJob job = job(MODEL);
        Path out = dir.resolve("out");
        assertNull(RunCheckpoint.resumeHint(out), "no folder");
        StoppedRuns.cancelAfter(job, out, 2, 2);
        assertEquals("the 2 finished shots are kept in " + out + ": run again with --resume to go on from them",
                RunCheckpoint.resumeHint(out));

        Path first = dir.resolve("first");
        CancellationToken cancel = new CancellationToken();
        StoppedRuns.Watch w = new StoppedRuns.Watch(cancel, 0, shot -> cancel.cancel());
        EngineSelection cpu = StoppedRuns.cpu(job, 2);
        try (var engine = cpu.engine()) {
            assertThrows(CancelledException.class, () -> new LocalRunner(cpu, w, cancel).run(job, first));
        }
        assertTrue(RunCheckpoint.exists(first), "a checkpoint of no shots");
        assertNull(RunCheckpoint.resumeHint(first));
    }

    /**
     * Killed while shot 3 runs, with part of it already in the file (a writer's buffer flushed in
     * the middle of a large shot): the resume cuts it off and appends shots 3 and 4.
     */
    @Test
    void aKilledModellingRunCutsOffTheShotWrittenInPartAndResumes() throws Exception {
        ResolvedJob job = job(MODEL);
        Path out = dir.resolve("out");
        Path killed = dir.resolve("killed");
        StoppedRuns.killedAt(job, out, 3, killed, 60);
        assertEquals("running", report(killed).get("status").asText(), "what a killed run leaves");
        Files.write(killed.resolve("shots.sgy"), new byte[5000], StandardOpenOption.APPEND);

        StoppedRuns.Watch resumed = StoppedRuns.resume(job, killed, 1);
        assertEquals(List.of(3, 4), resumed.started);
        assertSameFile(out.resolve("shots.sgy"), killed.resolve("shots.sgy"));
    }

    /**
     * A migration on the heap cancelled after two shots saves its stack on the way out; resumed,
     * on two threads where the first ran on one, it writes the uninterrupted image files.
     */
    @Test
    void aCancelledMigrationResumesToTheUninterruptedImageOnAnotherThreadCount() throws Exception {
        ResolvedJob job = job(RTM);
        assertEquals(WholeGridStorage.HEAP, job.storage());
        Path whole = dir.resolve("whole");
        Path out = dir.resolve("out");
        StoppedRuns.run(job, whole, 2);
        StoppedRuns.cancelAfter(job, out, 2, 1);
        assertEquals(2, StackFile.read(out.resolve("checkpoint/stack.swpi"), job.spec().grid()).shots(),
                "saved when cancelled, though the schedule's minute had not passed");
        JsonNode cancelled = report(out);
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals("saved from the heap", cancelled.at("/checkpoint/stack").asText());
        assertEquals(1, cancelled.at("/checkpoint/writes").asInt());

        StoppedRuns.Watch resumed = StoppedRuns.resume(job, out, 2);
        assertEquals(List.of(3, 4), resumed.started);
        for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
            assertSameFile(whole.resolve(file), out.resolve(file));
        }
        JsonNode r = report(out);
        assertEquals(List.of(1, 2), numbers(r.get("shotsKept")));
        assertEquals(4, r.at("/image/shotsStacked").asInt());
        assertFalse(Files.exists(out.resolve("checkpoint")));
    }

    /**
     * Killed as shot 4 starts: with a save after every shot the checkpoint holds three shots and
     * only shot 4 runs again; with the default interval (a minute, longer than this run) it holds
     * none yet and every shot runs. Both give the uninterrupted image.
     */
    @Test
    void aKilledMigrationGoesOnFromItsLastSave() throws Exception {
        ResolvedJob job = job(RTM);
        Path out = dir.resolve("out");
        Path everyShot = dir.resolve("every-shot");
        Path everyMinute = dir.resolve("every-minute");
        StoppedRuns.killedAt(job, out, 4, everyShot, 0);
        StoppedRuns.killedAt(job, dir.resolve("out2"), 4, everyMinute, 60);
        assertFalse(Files.exists(everyMinute.resolve("checkpoint/stack.swpi")), "no save within the first minute");

        assertEquals(List.of(4), StoppedRuns.resume(job, everyShot, 2).started);
        assertEquals(List.of(1, 2, 3, 4), StoppedRuns.resume(job, everyMinute, 2).started);
        for (Path killed : new Path[] {everyShot, everyMinute}) {
            for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
                assertSameFile(out.resolve(file), killed.resolve(file));
            }
        }
        assertTrue(report(out).at("/checkpoint/bytesPerSecond").asLong() > 0, "the saves' rate is reported");
    }

    /**
     * Out of core (a resolver budget too small for the heap), the memory-mapped stack is the
     * checkpoint after every shot: cancelled or killed, the run goes on from it to the image a heap
     * run writes; a stack left in the middle of an add is refused in one line.
     */
    @Test
    void anOutOfCoreMigrationGoesOnFromItsMappedStack() throws Exception {
        ResolvedJob heap = job(RTM_WIDE);
        long nodes = heap.spec().grid().nodes();
        ResolvedJob outOfCore = new JobResolver(dir, 2 * WholeGridStorage.BYTES_PER_NODE * nodes - 1).resolve(
                JobSpecReader.read(RTM_WIDE, "spec", "resume"), "spec");
        assertEquals(WholeGridStorage.OUT_OF_CORE, outOfCore.storage());
        Path whole = dir.resolve("whole");
        StoppedRuns.run(heap, whole, 2);

        Path out = dir.resolve("out");
        Path killed = dir.resolve("killed");
        StoppedRuns.killedAt(outOfCore, out, 3, killed, 60);
        JsonNode r = report(out);
        assertEquals("memory-mapped in place", r.at("/checkpoint/stack").asText());
        assertEquals(4, r.at("/checkpoint/writes").asInt(), "every shot");
        assertEquals(2, StackFile.read(killed.resolve("checkpoint/stack.swpi"), heap.spec().grid()).shots());

        Path cancelled = dir.resolve("cancelled");
        StoppedRuns.cancelAfter(outOfCore, cancelled, 1, 2);
        assertEquals(List.of(2, 3, 4), StoppedRuns.resume(outOfCore, cancelled, 2).started);
        assertEquals(List.of(3, 4), StoppedRuns.resume(outOfCore, killed, 2).started);
        for (Path resumed : new Path[] {out, cancelled, killed}) {
            for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
                assertSameFile(whole.resolve(file), resumed.resolve(file));
            }
        }

        // Killed again, and then the stack marked as a kill in the middle of an add leaves it.
        Path torn = dir.resolve("torn");
        StoppedRuns.killedAt(outOfCore, dir.resolve("out3"), 3, torn, 60);
        Path stack = torn.resolve("checkpoint/stack.swpi");
        try (RandomAccessFile f = new RandomAccessFile(stack.toFile(), "rw")) {
            f.seek(60);
            f.write(new byte[] {3, 0, 0, 0});  // flags little-endian: maximum exact, changing
        }
        ResumeRefused e = assertThrows(ResumeRefused.class, () -> StoppedRuns.resume(outOfCore, torn, 2));
        assertEquals("cannot resume " + torn + ": " + stack + " was being changed (a shot was being added to it) when "
                + "its run stopped: it holds no whole stack; run again without --resume", e.getMessage());
        assertEquals("running", report(torn).get("status").asText(), "a refusal leaves the folder as it was");
    }
}
