package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review item 3: a run that runs out of Java heap stops with one line saying what it was doing,
 * the heap and how to raise it, and its run.json says so, rather than an OutOfMemoryError's stack
 * trace (the 6000 x 5000 job that passed the memory check at -Xmx430m).
 */
class OutOfHeapTest {

    @TempDir
    Path dir;

    /** An engine that models as the CPU engine does, until shot {@code failing}, which runs out of heap. */
    private static final class RunsOutOnShot implements WaveEngine {
        private final CpuWaveEngine cpu = new CpuWaveEngine();
        private final int failing;
        private int calls;

        RunsOutOnShot(int failing) {
            this.failing = failing;
        }

        @Override
        public ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel) {
            if (++calls == failing) {
                throw new OutOfMemoryError("Java heap space");
            }
            return cpu.model(request, progress, cancel);
        }

        @Override
        public String name() {
            return cpu.name();
        }

        @Override
        public void close() {
            cpu.close();
        }
    }

    @Test
    void aShotThatRunsOutOfHeapIsOneLineNamingTheShotAndTheHeap() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(ResumeTest.MODEL, "spec", "oom"),
                "spec");
        Path out = dir.resolve("out");
        try (RunsOutOnShot engine = new RunsOutOnShot(2)) {
            LocalRunner runner = new LocalRunner(new EngineSelection(engine, "test"), RunListener.NONE,
                    CancellationToken.none());
            var e = assertThrows(IllegalStateException.class, () -> runner.run(job, out));
            long heap = Runtime.getRuntime().maxMemory();
            long suggest = (long) Math.ceil(1.5 * heap / (1L << 30));
            String expected = "ran out of Java heap while modelling shot 2 (2 of 4 to run): the heap is "
                    + io.seiswork.core.spec.MemoryEstimate.human(heap) + "; raise it with SEISWORK_JAVA_OPTS=-Xmx"
                    + suggest + "g (or more), or coarsen the grid (Java heap space)";
            assertEquals(expected, e.getMessage());
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            var report = new ObjectMapper().readTree(out.resolve(LocalRunner.REPORT_FILE).toFile());
            assertEquals("failed", report.get("status").asText());
            assertEquals(expected, report.get("error").asText());
        }
    }

    /** The message for the heap of the review's case, and before any shot. */
    @Test
    void theMessageSuggestsALargerHeap() {
        var e = RunActivity.outOfHeap("preparing the run", 430L << 20, new OutOfMemoryError("Java heap space"));
        assertEquals("ran out of Java heap while preparing the run: the heap is 430.0 MiB; raise it with"
                + " SEISWORK_JAVA_OPTS=-Xmx1g (or more), or coarsen the grid (Java heap space)", e.getMessage());
        assertEquals("ran out of Java heap while writing: the heap is 4.0 GiB; raise it with SEISWORK_JAVA_OPTS=-Xmx6g"
                + " (or more), or coarsen the grid (Java heap space)", RunActivity.outOfHeap("writing", 4L << 30,
                new OutOfMemoryError("Java heap space")).getMessage());
        RunActivity activity = new RunActivity(RunListener.NONE);
        activity.begin(io.seiswork.core.spec.Task.RTM);
        assertEquals("preparing the run (the velocity models, the memory plan, the data file)", activity.doing());
        activity.runStarted(3, "cpu");
        activity.shotStarted(7);
        assertEquals("migrating shot 7 (1 of 3 to run)", activity.doing());
        activity.shotFinished(7, 1);
        assertEquals("finishing and writing the image", activity.doing());
    }
}
