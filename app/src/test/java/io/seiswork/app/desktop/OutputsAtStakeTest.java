package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.run.PreviousOutputs;
import io.seiswork.app.run.StoppedRuns;
import io.seiswork.app.testing.FetchedFiles;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Run would throw away in an output folder, asked before it goes: a stopped run's finished
 * shots, a finished run of the same task, the other task's outputs; nothing for an empty folder,
 * a run stopped before any shot finished, or files no Seiswork report vouches for.
 */
class OutputsAtStakeTest {

    private static final SmallSpec MODEL = SmallSpec.named("at-stake").grid(61, 31).reflectorAt(200).lengthS(0.3)
            .shots(100, 200, 3).receivers(0, 10, 61, 20);

    @TempDir
    Path dir;

    private ResolvedJob job(SmallSpec spec) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec.json(), "spec", "at-stake"), "spec");
    }

    @Test
    void aStoppedRunsFinishedShotsAreAskedFor() {
        Path out = dir.resolve("stopped");
        ResolvedJob job = job(MODEL);
        assertNull(OutputsAtStake.in(out, job, false), "nothing there yet");
        StoppedRuns.cancelAfter(job, out, 1, 1);
        OutputsAtStake s = OutputsAtStake.in(out, job, false);
        assertEquals(out + " holds a run that stopped with 1 of 3 shots done. Start it over? Its finished shots are"
                + " discarded (Resume goes on from them, if it is this spec's run).", s.question());
        assertNull(s.shown(), "a stopped run has no result to show");
        assertEquals("the stopped run in " + out + " stays.", s.kept());
    }

    @Test
    void theOtherTasksFinishedOutputsAreAskedForWhenAReportVouchesForThem() throws Exception {
        Path out = Files.createDirectories(dir.resolve("other"));
        Files.write(out.resolve("image.sgy"), new byte[3600]);
        Files.write(out.resolve("image.swv"), new byte[16]);
        ResolvedJob model = job(MODEL);
        assertNull(OutputsAtStake.in(out, model, false), "no run.json: anyone's files, which the run leaves alone");

        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        OutputsAtStake s = OutputsAtStake.in(out, model, false);
        assertEquals("Replace the rtm run's outputs in " + out + "? This model run removes image.sgy, image.swv and run.json.",
                s.question());
        assertEquals(Task.RTM, s.shown(), "the finished image is shown when kept");

        Files.delete(out.resolve("image.swv"));
        assertEquals("Replace the rtm run's outputs in " + out + "? This model run removes image.sgy and run.json.",
                OutputsAtStake.in(out, model, false).question());
        assertNull(OutputsAtStake.in(out, model, false).shown(), "an incomplete image is not shown");

        // A failed migration's report beside the model run's gathers it did not read: the gathers are the model run's.
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"failed\"}");
        Files.write(out.resolve("shots.sgy"), new byte[3600]);
        Files.delete(out.resolve("image.sgy"));
        ResolvedJob rtm = job(MODEL.rtm("synthetic"));
        assertEquals("Replace the rtm run's outputs in " + out + "? This rtm run removes shots.sgy and run.json.",
                OutputsAtStake.in(out, rtm, false).question());
    }

    /**
     * A folder holding a fetched cloud job's outputs (the fetch's record, no run.json) is asked
     * about before a local run removes them, and before a cloud run's fetch does; files by the
     * run's outputs' names that nothing vouches for, before a local run writes over them.
     */
    @Test
    void aFetchedJobsOutputsAreAskedForByALocalAndACloudRun() throws Exception {
        Path out = Files.createDirectories(dir.resolve("fetched"));
        FetchedFiles.write(out, "survey-rtm-abc123", "image.sgy", "image.swv");
        ResolvedJob model = job(MODEL);
        OutputsAtStake local = OutputsAtStake.in(out, model, false);
        assertEquals("Replace the outputs fetched from job survey-rtm-abc123 in " + out + "? This model run removes"
                + " image.sgy, image.swv.", local.question());
        assertEquals("the image.sgy, image.swv in " + out + " stay (shown in the Result tab).", local.kept());
        assertEquals(Task.RTM, local.shown(), "the fetched image is shown when kept");
        ResolvedJob rtm = job(MODEL.rtm("synthetic"));
        assertEquals("Replace the outputs fetched from job survey-rtm-abc123 in " + out + "? This rtm run removes"
                + " image.sgy, image.swv.", OutputsAtStake.in(out, rtm, false).question());

        OutputsAtStake cloud = OutputsAtStake.in(out, model, true);
        assertEquals("Replace the run outputs in " + out + "? The cloud job's fetch removes image.sgy and image.swv"
                + " before its files come (nothing else there).", cloud.question());
        assertEquals(Task.RTM, cloud.shown());

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.write(foreign.resolve("shots.sgy"), new byte[3600]);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertEquals("Replace shots.sgy in " + foreign + "? No Seiswork run.json or fetch there names it: this model"
                + " run writes over it.", OutputsAtStake.in(foreign, model, false).question());
        assertNull(OutputsAtStake.in(foreign, rtm, false), "the other task's files a local run leaves alone");
        assertEquals("Replace the run outputs in " + foreign + "? The cloud job's fetch removes shots.sgy before its"
                + " files come (nothing else there).", OutputsAtStake.in(foreign, rtm, true).question());
        Files.delete(foreign.resolve("shots.sgy"));
        assertNull(OutputsAtStake.in(foreign, model, true), "the user's notes are no run's outputs");
    }

    @Test
    void aFolderThatCannotBeReadIsAskedFor() throws Exception {
        Path out = Files.createDirectories(dir.resolve("odd"));
        Files.createDirectories(out.resolve("checkpoint"));
        // A checkpoint that keeps a shot but names no shots of its run: reading it fails.
        Files.writeString(out.resolve("checkpoint").resolve("state.json"), "{\"format\": 1, \"identity\": {},"
                + " \"shotsKept\": [1]}");
        OutputsAtStake s = OutputsAtStake.in(out, job(MODEL), false);
        assertTrue(s.question().startsWith("Cannot tell what " + out + " holds ("), s.question());
        assertTrue(s.question().endsWith("). Run into it anyway? What a run replaces there would be lost."), s.question());
        assertNull(s.shown());
        assertEquals(List.of(), s.agreed(), "a local run replaces what it finds as it starts, asked nothing more");

        // A cloud job's fetch, hours later, would refuse the folder if yes agreed to nothing: yes agrees to every name.
        OutputsAtStake cloud = OutputsAtStake.in(out, job(MODEL), true);
        assertTrue(cloud.question().startsWith("Cannot tell what " + out + " holds ("), cloud.question());
        assertTrue(cloud.question().endsWith("). Run into it anyway? The cloud job's fetch then removes any image.sgy,"
                + " image.swv, shots.sgy, run.json or checkpoint/ it finds there before its files come (nothing else"
                + " there)."), cloud.question());
        assertEquals(RunOutputs.ALL, cloud.agreed());
        assertEquals(out + " stays as it is.", cloud.kept());
    }

    @Test
    void aFinishedRunOfTheSameTaskIsAskedFor() throws Exception {
        Path out = dir.resolve("done");
        ResolvedJob job = job(MODEL);
        StoppedRuns.run(job, out, 1);
        OutputsAtStake s = OutputsAtStake.in(out, job, false);
        assertEquals("Replace the finished shot gathers in " + out + "? The new run removes shots.sgy and run.json as it starts:"
                + " cancelled, it leaves only the shots it finished.", s.question());
        assertEquals(Task.MODEL, s.shown());

        Path image = Files.createDirectories(dir.resolve("image"));
        Files.writeString(image.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.write(image.resolve("image.sgy"), new byte[3600]);
        Files.write(image.resolve("image.swv"), new byte[16]);
        assertEquals("Replace the finished image in " + image + "? The new run removes image.sgy, image.swv and run.json as it"
                + " starts and writes the new image when it finishes: cancelled, it leaves no image.",
                OutputsAtStake.in(image, job(MODEL.rtm("synthetic")), false).question());
    }

    /**
     * The question names exactly what the run removes ({@link PreviousOutputs#of}): a model run
     * into a finished model run's folder that also holds a migration's image removes all four.
     */
    @Test
    void theQuestionNamesEveryFileTheRunRemoves() throws Exception {
        Path out = Files.createDirectories(dir.resolve("four"));
        Files.write(out.resolve("shots.sgy"), new byte[3600]);
        Files.write(out.resolve("image.sgy"), new byte[3600]);
        Files.write(out.resolve("image.swv"), new byte[16]);
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"model\", \"status\": \"done\"}");
        ResolvedJob model = job(MODEL);
        OutputsAtStake s = OutputsAtStake.in(out, model, false);
        assertEquals(List.of("shots.sgy", "image.sgy", "image.swv", "run.json"), PreviousOutputs.of(model, out).removed());
        assertEquals("Replace the finished shot gathers in " + out + "? The new run removes shots.sgy, image.sgy,"
                + " image.swv and run.json as it starts: cancelled, it leaves only the shots it finished.", s.question());
        assertEquals(PreviousOutputs.of(model, out).removed(), s.agreed());
    }

    /**
     * A folder by a run output's name that no Seiswork run leaves is nothing to ask about: Run is
     * refused with the line to move it, for a local and a cloud run alike; a cloud run's yes agrees
     * to removing exactly the outputs the question named.
     */
    @Test
    void aForeignFolderRefusesRunAndACloudRunAgreesToWhatItNamed() throws Exception {
        Path out = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(Files.createDirectories(out.resolve("run.json")).resolve("thesis.tex"), "chapter 1");
        ResolvedJob model = job(MODEL);
        for (boolean cloud : new boolean[] {false, true}) {
            OutputsAtStake s = OutputsAtStake.in(out, model, cloud);
            assertNull(s.question());
            assertEquals("cannot run into " + out + ": move run.json/ out of " + out + ": a folder no Seiswork run leaves"
                    + " (only checkpoint/ holding state.json is a run's), which nothing here removes.", s.kept());
            assertEquals(List.of(), s.agreed());
        }
        Path fetched = Files.createDirectories(dir.resolve("fetched-agreed"));
        FetchedFiles.write(fetched, "survey-rtm-abc123", "image.sgy", "image.swv");
        assertEquals(List.of("image.sgy", "image.swv"), OutputsAtStake.in(fetched, model, true).agreed());
    }
}
