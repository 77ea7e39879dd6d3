package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.run.StoppedRuns;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Run would throw away in an output folder, asked before it goes: a stopped run's finished
 * shots, a finished run of the same task, the other task's outputs; nothing for an empty folder,
 * a run stopped before any shot finished, or files no Seiswork report vouches for.
 */
class OutputsAtStakeTest {

    private static final String MODEL = """
        {
          "name": "at-stake", "task": "model",
          "grid": { "nx": 61, "nz": 31, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 200, "vp": 2200 } ] },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.3, "sampleS": 0.004 },
          "sources": { "line": { "x0": 100, "dx": 200, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 61, "z": 20 } }
        }
        """;

    @TempDir
    Path dir;

    private ResolvedJob job(String spec) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec, "spec", "at-stake"), "spec");
    }

    @Test
    void aStoppedRunsFinishedShotsAreAskedFor() {
        Path out = dir.resolve("stopped");
        ResolvedJob job = job(MODEL);
        assertNull(OutputsAtStake.in(out, job), "nothing there yet");
        StoppedRuns.cancelAfter(job, out, 1, 1);
        OutputsAtStake s = OutputsAtStake.in(out, job);
        assertEquals(out + " holds a run that stopped with 1 of 3 shots done. Start it over? Its finished shots are"
                + " discarded (Resume goes on from them).", s.question());
        assertNull(s.shown(), "a stopped run has no result to show");
        assertTrue(s.kept().contains("Resume goes on with it"), s.kept());
    }

    @Test
    void theOtherTasksFinishedOutputsAreAskedForWhenAReportVouchesForThem() throws Exception {
        Path out = Files.createDirectories(dir.resolve("other"));
        Files.write(out.resolve("image.sgy"), new byte[3600]);
        Files.write(out.resolve("image.swv"), new byte[16]);
        ResolvedJob model = job(MODEL);
        assertNull(OutputsAtStake.in(out, model), "no run.json: anyone's files, which the run leaves alone");

        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        OutputsAtStake s = OutputsAtStake.in(out, model);
        assertEquals("Replace the rtm run in " + out + "? This model run removes its image.sgy, image.swv.", s.question());
        assertEquals(Task.RTM, s.shown(), "the finished image is shown when kept");

        Files.delete(out.resolve("image.swv"));
        assertEquals("Replace the rtm run in " + out + "? This model run removes its image.sgy.",
                OutputsAtStake.in(out, model).question());
        assertNull(OutputsAtStake.in(out, model).shown(), "an incomplete image is not shown");
    }

    @Test
    void aFinishedRunOfTheSameTaskIsAskedFor() throws Exception {
        Path out = dir.resolve("done");
        ResolvedJob job = job(MODEL);
        StoppedRuns.run(job, out, 1);
        OutputsAtStake s = OutputsAtStake.in(out, job);
        assertTrue(s.question().startsWith("Replace the finished shot gathers in " + out + "? shots.sgy will be"
                + " written over"), s.question());
        assertEquals(Task.MODEL, s.shown());
    }
}
