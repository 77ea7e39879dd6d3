package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cpu.UnforcedKernelChoice;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.JobKernels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU engine a GPU run of engine "auto" hands a shot that does not fit the device takes the
 * job's kernels, not the shot's own: a small shot of a survey of 200 falls back onto the vector
 * kernels, says so, and writes the bytes the job's CPU engine writes for it, where weighing the
 * propagation alone would have put it on the scalar kernels (other bytes). Runs without a GPU:
 * the fallback is the seam the GPU engine calls. The property is cleared here (the kernels' tests
 * force the vector kernels).
 */
@ExtendWith(UnforcedKernelChoice.class)
class CpuFallbackTest {

    /** 200 shots of 101 x 81 cells, 0.5 s: a few million point-steps each, 10^9 for the job. */
    private static final String SPEC = """
        {
          "name": "fallback",
          "task": "model",
          "grid": { "nx": 101, "nz": 81, "dx": 10, "dz": 10 },
          "velocity": { "constant": 2000 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 0, "dx": 5, "n": 200, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 101, "z": 20 } },
          "engine": "auto"
        }
        """;

    @TempDir
    Path dir;

    /**
     * {@code seiswork run --threads} reaches the GPU engine's CPU fallback through the selection
     * ({@link EngineSelection#withCpuThreads}), which left a GPU selection alone before. Needs a
     * GPU: without one engine "auto" selects the CPU, whose threads the other tests check.
     */
    @Test
    void theThreadsOptionReachesTheGpuEnginesFallback() {
        assumeTrue(CudaProbe.available(), "no usable GPU here: " + CudaProbe.reason());
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "fallback"), "spec");
        try (var selected = JobEngine.select(job).withCpuThreads(1).engine()) {
            CudaWaveEngine gpu = (CudaWaveEngine) selected;
            assertEquals(1, gpu.cpuFallbackThreads());
        }
        try (var selected = JobEngine.select(job).withCpuThreads(null).engine()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), ((CudaWaveEngine) selected).cpuFallbackThreads());
        }
    }

    @Test
    void aShotThatFallsBackRunsOnTheJobsKernelsNotItsOwn() {
        try (CpuWaveEngine probe = new CpuWaveEngine(1, KernelChoice.forJob(1e9))) {
            assumeTrue(probe.name().contains("Vector API"), "the jdk.incubator.vector module is not in this JVM");
        }
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "fallback"), "spec");
        Shot shot = job.geometry().shots().get(7);
        ShotRequest request = new ShotRequest(job.velocity().whole(), PhysicsOptions.of(job.spec().physics()),
                shot.source(), job.spec().wavelet().toWavelet(), shot.receivers(), job.time());
        KernelChoice kernels = JobKernels.of(job, job.geometry().shots());
        String tooBig = "the shot needs 9 GiB of GPU memory, 1.00 GiB of 80.00 GiB are free";
        try (CpuFallback fallback = new CpuFallback(kernels);
                CpuWaveEngine alone = new CpuWaveEngine(KernelChoice.perPropagation());
                var jobsCpu = EngineSelection.select(EngineChoice.CPU, null, kernels).engine()) {
            // Weighed alone, the shot is small enough for the scalar kernels.
            assertEquals("scalar", alone.propagator(request).kernelName());
            assertNull(fallback.lastReason());
            ShotRecord fell = fallback.model(tooBig, request, ProgressListener.NONE, CancellationToken.none());
            String reason = fallback.lastReason();
            System.out.println("  [fallback] " + reason);
            assertTrue(reason.startsWith("engine \"auto\": " + tooBig + "; this shot runs on the CPU, cpu ("), reason);
            assertTrue(reason.endsWith(", Vector API)"), "the job's kernels: " + reason);
            ShotRecord cpu = jobsCpu.model(request, ProgressListener.NONE, CancellationToken.none());
            ShotRecord scalar = alone.model(request, ProgressListener.NONE, CancellationToken.none());
            boolean differs = false;
            for (int r = 0; r < fell.receivers(); r++) {
                assertArrayEquals(cpu.trace(r), fell.trace(r), "receiver " + r + ": the job's CPU engine's bytes");
                differs |= !Arrays.equals(scalar.trace(r), fell.trace(r));
            }
            assertTrue(differs, "the scalar kernels' traces differ in their last bits, so the test tells them apart");
            fallback.ranOnGpu();
            assertNull(fallback.lastReason());
        }
        // seiswork run --threads 1: the fallen-back shot runs on one thread, not one per processor.
        try (CpuFallback fallback = new CpuFallback(kernels)) {
            assertEquals(Runtime.getRuntime().availableProcessors(), fallback.threads(), "no --threads: every core");
            fallback.useThreads(1);
            assertEquals(1, fallback.threads());
            fallback.model(tooBig, request, ProgressListener.NONE, CancellationToken.none());
            assertTrue(fallback.lastReason().endsWith("this shot runs on the CPU, cpu (1 thread, Vector API)"),
                    fallback.lastReason());
            // Another count after a shot: the next shot's engine has it.
            fallback.useThreads(2);
            fallback.model(tooBig, request, ProgressListener.NONE, CancellationToken.none());
            assertTrue(fallback.lastReason().endsWith("cpu (2 threads, Vector API)"), fallback.lastReason());
        }
        // The job's engine, whichever path it took, names the same kernels.
        try (var e = JobEngine.select(job.withEngine(EngineChoice.CPU)).engine()) {
            assertTrue(e.name().endsWith(", Vector API)"), e.name());
        }
    }
}
