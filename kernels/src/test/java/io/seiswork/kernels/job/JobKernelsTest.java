package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cpu.UnforcedKernelChoice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's CPU engine takes the kernels of the job's whole work (docs/engine.md "Small jobs"): a
 * survey of many small shots the vector kernels, whose warm-up it pays once; a job of one small
 * shot the scalar ones; and a run of some of the job's shots the kernels of the whole job. The
 * rule, not its timings; the kernels' tests force the vector kernels, so the property is cleared
 * here.
 */
@ExtendWith(UnforcedKernelChoice.class)
class JobKernelsTest {

    private static final String PROPERTY = KernelChoice.PROPERTY;
    /** 101 x 81 cells of 10 m, 0.5 s at 2000 m/s: a few million point-steps a shot. */
    private static final String SPEC = """
        {
          "name": "kernels",
          "task": "%s",
          "grid": { "nx": 101, "nz": 81, "dx": 10, "dz": 10 },
          "velocity": { "constant": 2000 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 0, "dx": %s, "n": %d, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 101, "z": 20 } },
          %s
          "engine": "cpu"
        }
        """;

    @TempDir
    Path dir;

    private ResolvedJob job(String task, int shots) {
        String text = SPEC.formatted(task, shots == 1 ? "10" : String.valueOf(1000.0 / shots), shots,
                task.equals("rtm") ? "\"data\": \"synthetic\"," : "");
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "kernels"), "spec");
    }

    /** The kernels a shot of {@code job}'s engine runs on. */
    private static String kernelsOf(EngineSelection selected, ResolvedJob job, Shot shot) {
        ShotRequest r = new ShotRequest(job.velocity().whole(), PhysicsOptions.of(job.spec().physics()),
                shot.source(), job.spec().wavelet().toWavelet(), shot.receivers(), job.time());
        return ((CpuWaveEngine) selected.engine()).propagator(r).kernelName();
    }

    @Test
    void aSurveyOfManySmallShotsTakesTheVectorKernelsAndOneSmallShotTheScalarOnes() {
        assumeTrue(new CpuWaveEngine(1).name().contains("Vector API"), "the jdk.incubator.vector module is not in this JVM");
        ResolvedJob one = job("model", 1);
        ResolvedJob many = job("model", 200);
        double shot = JobKernels.pointSteps(one, one.geometry().shots());
        assertTrue(shot < 2e8 / 10, "a small shot: " + shot);
        assertEquals(200 * shot, JobKernels.pointSteps(many, many.geometry().shots()), 1e-9 * shot);
        try (var e = JobEngine.select(one).engine()) {
            assertEquals("cpu (" + ((CpuWaveEngine) e).threads() + (((CpuWaveEngine) e).threads() == 1 ? " thread" : " threads")
                    + ", scalar)", e.name());
        }
        EngineSelection selected = JobEngine.select(one);
        try (var e = selected.engine()) {
            assertEquals("scalar", kernelsOf(selected, one, one.geometry().shots().get(0)));
        }
        selected = JobEngine.select(many);
        try (var e = selected.engine()) {
            assertTrue(e.name().endsWith("Vector API)"), e.name());
            // Each shot alone is small: it runs on the vector kernels because the job has 200 of them.
            assertTrue(kernelsOf(selected, many, many.geometry().shots().get(7)).startsWith("vector"));
        }
        // --threads keeps the job's kernels.
        try (var e = JobEngine.select(many).withCpuThreads(1).engine()) {
            assertEquals("cpu (1 thread, Vector API)", e.name());
        }
    }

    /** Forcing either family still wins over the job's work. */
    @Test
    void thePropertyWinsOverTheJobsWork() {
        ResolvedJob many = job("model", 200);
        System.setProperty(PROPERTY, "false");
        EngineSelection forced = JobEngine.select(many);
        try (var e = forced.engine()) {
            assertEquals("scalar", kernelsOf(forced, many, many.geometry().shots().get(0)));
            assertTrue(e.name().endsWith("scalar)"), e.name());
        }
    }

    /**
     * A migration of synthetic data weighs four propagations a shot: the data's, their direct
     * wave's, the source's, the receivers'.
     */
    @Test
    void aMigrationWeighsItsPropagations() {
        ResolvedJob model = job("model", 4);
        ResolvedJob rtm = job("rtm", 4);
        double m = JobKernels.pointSteps(model, model.geometry().shots());
        assertEquals(4 * m, JobKernels.pointSteps(rtm, rtm.geometry().shots()), 1e-9 * m);
    }
}
