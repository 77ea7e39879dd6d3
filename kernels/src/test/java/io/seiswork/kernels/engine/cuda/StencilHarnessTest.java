package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stencil variant harness (scripts/bench/cuda-stencil-variants.cu, run on GPU machines by
 * scripts/gpu-stencil-variants.sh) includes seiswork.cu and launches its kernels with their
 * argument lists: it must keep compiling as the kernels change, or the next GPU session loses
 * its device time to a build error. Runs where the "cuda" Maven profile is active (it passes
 * nvcc's path as {@code seiswork.nvcc}); skipped elsewhere, saying so.
 */
class StencilHarnessTest {

    @Test
    void theVariantHarnessCompilesAgainstTheShippedKernels(@TempDir Path tmp) throws IOException, InterruptedException {
        String nvcc = System.getProperty("seiswork.nvcc");
        assumeTrue(nvcc != null && Files.isExecutable(Path.of(nvcc)),
                "no nvcc for this build (the cuda profile is not active): the harness is not compiled");
        Path harness = Path.of("..", "scripts", "bench", "cuda-stencil-variants.cu").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(harness), harness + " missing");
        Path log = tmp.resolve("nvcc.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(nvcc, "-arch=sm_90", "-std=c++17", "-o", tmp.resolve("variants").toString(),
                harness.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
        String out = Files.readString(log);
        System.out.printf("  [harness] nvcc %s: exit %d in %.1f s%n", harness.getFileName(), p.exitValue(),
                (System.nanoTime() - t0) * 1e-9);
        assertEquals(0, p.exitValue(), "nvcc failed on the harness:\n" + out);
        assertTrue(Files.isExecutable(tmp.resolve("variants")), "no executable produced");
    }
}
