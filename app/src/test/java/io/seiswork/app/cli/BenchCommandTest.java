package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.kernels.engine.cpu.CpuBenchmark;
import io.seiswork.kernels.engine.cuda.CudaBenchmark;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code seiswork bench} through {@link Main#newCommandLine()}: tiny grids, JSON contract only. */
class BenchCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"stencil", "shot"})
    void jsonReportsTheContractFields(String mode) throws Exception {
        CliRun r = run("bench", "--nx", "24", "--ny", "20", "--nz", "16", "--steps", "3", "--order", "4", "--threads",
                "2", "--mode", mode, "--warmup", "0", "--repetitions", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("gptsPerSecond").asDouble() > 0);
        assertEquals(24, j.get("grid").get(0).asInt());
        assertEquals(20, j.get("grid").get(1).asInt());
        assertEquals(16, j.get("grid").get(2).asInt());
        assertEquals(3, j.get("steps").asInt());
        assertEquals(4, j.get("order").asInt());
        assertEquals(2, j.get("threads").asInt());
        assertEquals("cpu", j.get("engine").asText());
        assertEquals(mode, j.get("mode").asText());
        assertEquals(24L * 20 * 16, j.get("userPoints").asLong());
        assertTrue(j.get("computedPointsPerSecond").asDouble() >= j.get("gptsPerSecond").asDouble() * 1e9 * 0.999);
        assertEquals(2, j.get("gptsPerSecondEach").size());
    }

    @Test
    void twoDimensionalGridHasTwoAxes() throws Exception {
        CliRun r = run("bench", "--dim", "2", "--grid", "40", "--steps", "2", "--warmup", "0", "--repetitions", "1",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("grid").size());
        assertEquals(40L * 40, j.get("userPoints").asLong());
    }

    /**
     * A grid whose arrays exceed the heap is refused in one line naming the grid, the bytes its
     * arrays need and the heap free, before allocating (it used to die with an OutOfMemoryError
     * stack trace from PaddedGrid.extend). The grid is sized so that its velocity alone (the
     * benchmark's first array) would take half the heap and fit, while all its arrays (at least
     * 4 times that) do not: a check made after allocating would show as gigabytes allocated.
     */
    @ParameterizedTest
    @ValueSource(strings = {"stencil", "shot"})
    void aGridLargerThanTheHeapIsRefusedInOneLineBeforeAllocating(String mode) {
        int n = (int) Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0);
        CpuBenchmark.Config config = new CpuBenchmark.Config(n, 1, n, 1, 8, 2,
                CpuBenchmark.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), 1, 5);
        long need = CpuBenchmark.heapBytes(config);
        long velocityBytes = 4L * n * n;
        assertTrue(need > 4 * velocityBytes, "at least the velocity and the three padded fields: " + need);
        assumeTrue(need > Runtime.getRuntime().maxMemory(), "this test JVM's heap holds a " + n + " x " + n + " grid");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        CliRun r = run("bench", "--dim", "2", "--grid", Integer.toString(n), "--steps", "1", "--threads", "2", "--mode",
                mode);
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
        // Every thread's allocations while the command ran (command-line parsing, the message:
        // a few MB) against the velocity array the refusal must come before.
        assertTrue(allocated < velocityBytes / 100, "refused before allocating the " + MemoryEstimate.human(velocityBytes)
                + " velocity, yet " + MemoryEstimate.human(allocated) + " were allocated while it ran");
        assertEquals(1, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("seiswork bench: the 2D " + n + " x " + n + " grid needs " + MemoryEstimate.human(need)
                + " of heap for the benchmark's arrays (" + mode + ", order 8), more than the "), err);
        assertTrue(err.contains("--grid"), err);
        assertTrue(!err.contains("OutOfMemoryError"), err);
    }

    @Test
    void theHeapCheckRefusesOneByteShortAndAcceptsExactlyEnough() {
        CpuBenchmark.Config config = new CpuBenchmark.Config(64, 48, 40, 10, 4, 2, CpuBenchmark.Mode.SHOT, 0, 1);
        long need = CpuBenchmark.heapBytes(config);
        BenchCommand.requireHeap(config, need);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BenchCommand.requireHeap(config, need - 1));
        assertTrue(e.getMessage().contains("3D 64 x 48 x 40 grid needs " + MemoryEstimate.human(need)), e.getMessage());
        assertTrue(e.getMessage().contains("more than the " + MemoryEstimate.human(need - 1)), e.getMessage());
    }

    /**
     * {@code --engine gpu} holds the velocity and the padded v²dt² array on the heap before
     * uploading them (1.2 GiB at 512³): the same one-line refusal, one byte short.
     */
    @Test
    void theGpuBenchsHostArraysAreCheckedToo() {
        long need = CudaBenchmark.heapBytes(512, 8, true);
        assertTrue(need > 4L * 2 * 512 * 512 * 512, "velocity and the padded m: " + need);
        BenchCommand.requireGpuHeap(512, 3, 8, need);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BenchCommand.requireGpuHeap(512, 3, 8, need - 1));
        assertTrue(e.getMessage().startsWith("the 3D 512 x 512 x 512 grid needs " + MemoryEstimate.human(need)
                + " of heap for the benchmark's arrays (GPU, host side, order 8), more than the "), e.getMessage());
        assertTrue(e.getMessage().contains("SEISWORK_JAVA_OPTS=-Xmx2g"), e.getMessage());
    }

    /**
     * A grid whose padded arrays are longer than one Java array is a usage error naming --grid,
     * the limit in values and the largest cube the engine takes (it was exit 1 from deep in the
     * engine, and the hint named a cube of 2^40 nodes, which was then refused).
     */
    @Test
    void aGridLargerThanOneArrayIsAUsageErrorNamingTheOption() {
        CliRun r = run("bench", "--grid", "1400");
        assertEquals(2, r.exit(), r.err());
        // Order 8 pads each axis with a 4-node halo on both sides and rounds z up to 16: 1280 gives
        // 1288 x 1288 x 1288 = 2,136,719,872 values, 1281 gives 1289 x 1289 x 1304 = 2,166,623,384.
        assertEquals("seiswork bench: --grid 1400: a grid of 1400 x 1400 x 1400 nodes (2.74e+09), padded with"
                + " the order-8 halo, is more than one Java array holds, 2,147,483,631 values; the largest cube padded"
                + " with the order-8 halo is --grid 1280", r.err().lines().findFirst().orElseThrow());
        assertEquals(2, run("bench", "--grid", "100000").exit(), "beyond 2^40 nodes as well");
        CliRun nx = run("bench", "--nx", "40000", "--ny", "40000", "--nz", "16");
        assertEquals(2, nx.exit(), nx.err());
        assertTrue(nx.err().startsWith("seiswork bench: --nx, --ny, --nz: a grid of 40000 x 40000 x 16 nodes"
                + " (2.56e+10), padded with the order-8 halo, is more than one Java array holds, 2,147,483,631 values;"
                + " give fewer nodes\n"), nx.err());
    }

    /**
     * The largest cube (square in 2D) named is the real limit, padding included, for each mode and
     * dimension: refused one node larger (exit 2), and past the usage check at that size (here the
     * heap check refuses it, exit 1, as this test JVM's heap is far below the 25 GB it needs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"3 stencil", "3 shot", "2 stencil", "2 shot"})
    void theLargestCubeNamedIsAcceptedAndOneMoreIsNot(String dimAndMode) {
        String dim = dimAndMode.split(" ")[0];
        String mode = dimAndMode.split(" ")[1];
        CliRun over = run("bench", "--dim", dim, "--mode", mode, "--grid", "60000");
        assertEquals(2, over.exit(), over.err());
        int largest = largest(over);
        // Near the cube (or square) root of the one-array limit, less the halo and layers.
        double root = Math.pow(Integer.MAX_VALUE - 16.0, 1.0 / Integer.parseInt(dim));
        assertTrue(largest < root && largest > root - ("shot".equals(mode) ? 60 : 20), largest + " vs " + root);
        CliRun oneMore = run("bench", "--dim", dim, "--mode", mode, "--grid", Integer.toString(largest + 1));
        assertEquals(2, oneMore.exit(), oneMore.err());
        assertEquals(largest, largest(oneMore));
        long need = CpuBenchmark.heapBytes(new CpuBenchmark.Config(largest, "3".equals(dim) ? largest : 1, largest, 100,
                8, 1, CpuBenchmark.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), 1, 5));
        assumeTrue(need > Runtime.getRuntime().maxMemory(), "this test JVM's heap holds the largest grid");
        CliRun atLimit = run("bench", "--dim", dim, "--mode", mode, "--grid", Integer.toString(largest), "--threads", "1");
        assertEquals(1, atLimit.exit(), atLimit.err());
        assertTrue(atLimit.err().startsWith("seiswork bench: the " + dim + "D " + largest + " x "), atLimit.err());
    }

    /** The N of "the largest ... is --grid N" in a refusal. */
    private static int largest(CliRun r) {
        String first = r.err().lines().findFirst().orElseThrow();
        return Integer.parseInt(first.replaceAll(".* is --grid (\\d+)$", "$1"));
    }

    /** A grid shorter than the stencil measures nothing (it printed 0.000 Gpts/s): refused with the smallest. */
    @Test
    void aGridSmallerThanTheStencilIsRefusedNamingTheSmallest() {
        CliRun r = run("bench", "--grid", "2");
        assertEquals(2, r.exit(), r.err());
        assertEquals("seiswork bench: --grid 2: a grid of 2 x 2 x 2 nodes is smaller than the order-8 stencil, 9 nodes"
                + " along each axis; the smallest grid at order 8 is 9 per axis (--grid 9)",
                r.err().lines().findFirst().orElseThrow());
        CliRun nz = run("bench", "--dim", "2", "--nx", "40", "--nz", "4", "--order", "4");
        assertEquals(2, nz.exit(), nz.err());
        assertTrue(nz.err().startsWith("seiswork bench: --nz 4: a grid of 40 x 4 nodes is smaller than the order-4"
                + " stencil, 5 nodes along each axis"), nz.err());
        CliRun smallest = run("bench", "--dim", "2", "--grid", "5", "--order", "4", "--steps", "1", "--warmup", "0",
                "--repetitions", "1", "--threads", "1");
        assertEquals(0, smallest.exit(), smallest.err());
    }

    @Test
    void unknownModeIsAUsageError() {
        CliRun r = run("bench", "--mode", "fast");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--mode must be stencil or shot, got \"fast\""), r.err());
    }

    /** A usage error is the message, a pointer to --help and exit code 2, not the whole usage text. */
    @Test
    void badValuesAndMisspeltOptionsAreOneMessageAndAPointerToHelp() {
        CliRun r = run("bench", "--order", "6");
        assertEquals(2, r.exit());
        assertEquals("seiswork bench: --order must be 2, 4 or 8, got 6\n"
                + "See 'seiswork bench --help' for the options.", r.err().strip().replace("\r\n", "\n"));
        CliRun typo = run("bench", "--thread", "2");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("seiswork bench: Unknown option"), typo.err());
        assertTrue(typo.err().contains("--threads"), "suggests the option meant: " + typo.err());
        assertTrue(!typo.err().contains("Usage:"), typo.err());
    }

    /**
     * Every failure of the work is named after the command, the engine's own too (an
     * IllegalArgumentException, an UncheckedIOException, a CUDA error: they said "seiswork: ...",
     * only IllegalStateException was named); a usage error is let through to picocli (exit 2).
     */
    @Test
    void theEnginesOwnFailuresAreNamedAfterTheCommandButUsageErrorsPassThrough() {
        picocli.CommandLine bench = Main.newCommandLine().getSubcommands().get("bench");
        var spec = bench.getCommandSpec();
        var expected = new java.util.LinkedHashMap<RuntimeException, String>();
        expected.put(new IllegalArgumentException("grid must have at least 1 cell per axis, got 0 x 1 x 1"),
                "seiswork bench: grid must have at least 1 cell per axis, got 0 x 1 x 1");
        expected.put(new java.io.UncheckedIOException(new java.io.IOException("seiswork.ptx: no such file")),
                "seiswork bench: seiswork.ptx: no such file");
        // BenchHeap's refusal is bare: the command's name goes before it once.
        expected.put(new IllegalStateException("the 3D 4096 x 4096 x 4096 grid needs 1.5 TiB of heap"),
                "seiswork bench: the 3D 4096 x 4096 x 4096 grid needs 1.5 TiB of heap");
        expected.put(new jcuda.CudaException("CUDA_ERROR_OUT_OF_MEMORY"), "seiswork bench: CUDA_ERROR_OUT_OF_MEMORY");
        for (var e : expected.entrySet()) {
            RuntimeException named = BenchCommand.named(spec, e.getKey());
            var err = new java.io.StringWriter();
            UserErrorHandler.report(named, new java.io.PrintWriter(err));
            assertTrue(named instanceof NamedFailure, e.getKey().toString());
            assertEquals(e.getValue(), err.toString().strip());
        }
        var usage = new picocli.CommandLine.ParameterException(bench, "--order must be 2, 4 or 8, got 6");
        assertTrue(BenchCommand.named(spec, usage) == usage, "a usage error stays one (exit 2 with the usage)");
    }

    @Test
    void gpuBenchWithoutAGpuSaysWhyInOneLine() throws Exception {
        assumeFalse(CudaProbe.available(), "a GPU is usable here: the no-GPU message is not exercised");
        CliRun r = run("bench", "--engine", "gpu", "--grid", "16", "--steps", "2", "--json");
        assertEquals(1, r.exit());
        // Named as bench's usage errors are ("seiswork bench: --order must be ..."), the JSON failure the same line.
        assertEquals("seiswork bench: --engine gpu: " + CudaProbe.reason(), r.err().strip());
        assertEquals("seiswork bench: --engine gpu: " + CudaProbe.reason(), new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out()).path("failure").path("message").asText(), r.out());
    }

    /**
     * The GPU benchmark's JSON keys are a contract (scripts and the docs read them): built from a
     * result of the H200's shape (no GPU needed), every figure is where the docs say, a failed
     * layout or kernel carries its error instead of figures, and the full step by kernel is in
     * milliseconds per step.
     */
    @Test
    void gpuJsonCarriesEveryFigureUnderItsDocumentedKey() {
        var h200 = new io.seiswork.kernels.engine.cuda.DeviceInfo(0, "NVIDIA H200", 9, 0, 139L << 30, 132, 3_201_000,
                6016, 13000, "fatbin");
        var fused = new io.seiswork.kernels.engine.cuda.CudaBenchmark.StepTiming(
                io.seiswork.kernels.engine.cuda.CpmlLayout.FUSED, 0.193);
        var marching = new io.seiswork.kernels.engine.cuda.CudaBenchmark.StepTiming(
                io.seiswork.kernels.engine.cuda.CpmlLayout.MARCHING, Double.NaN, "CUDA_ERROR_LAUNCH_FAILED");
        var pipelined = new io.seiswork.kernels.engine.cuda.CudaBenchmark.StencilTiming(
                io.seiswork.kernels.engine.cuda.StencilVariant.PIPELINED, "stencil3d_r4", 0.0988);
        var wide = new io.seiswork.kernels.engine.cuda.CudaBenchmark.StencilTiming(
                io.seiswork.kernels.engine.cuda.StencilVariant.WIDE_PREFETCH, "stencil3d_wide_r4", 0.09);
        var r = new io.seiswork.kernels.engine.cuda.CudaBenchmark.Result(170_634_240L, 36_917_760L, 100,
                java.util.List.of(fused, marching), java.util.List.of(pipelined, wide), h200,
                h200.peakBandwidthBytesPerS(), java.util.List.of(
                        new io.seiswork.kernels.engine.cuda.CudaBenchmark.StepPart("cpml_psi_r4", 6, 0.02),
                        new io.seiswork.kernels.engine.cuda.CudaBenchmark.StepPart("stencil3d_r4", 1, 0.078)));
        JsonNode j = BenchCommand.gpuJson(r, 512, 3, 8, 100);
        assertEquals("gpu", j.get("engine").asText());
        assertEquals("[512,512,512]", j.get("grid").toString());
        assertEquals(r.gptsPerSecond(), j.get("gptsPerSecond").asDouble(), 1e-9);
        assertEquals(r.stencilFractionOfPeak(), j.get("stencilFractionOfPeakBandwidth").asDouble(), 1e-12);
        assertEquals("fused", j.get("cpml").asText());
        assertEquals("fused", j.get("fullSteps").get(0).get("cpml").asText());
        assertTrue(j.get("fullSteps").get(0).has("modelledFractionOfPeakBandwidth"));
        assertEquals("CUDA_ERROR_LAUNCH_FAILED", j.get("fullSteps").get(1).get("error").asText());
        assertTrue(!j.get("fullSteps").get(1).has("gptsPerSecond"));
        assertEquals("cpml_psi_r4", j.get("stepParts").get(0).get("kernel").asText());
        assertEquals(6, j.get("stepParts").get(0).get("launches").asInt());
        assertEquals(0.2, j.get("stepParts").get(0).get("msPerStep").asDouble(), 1e-12);
        assertEquals("wide", j.get("stencilKernels").get(1).get("variant").asText());
        assertEquals(r.stencilFractionOfPeak(wide), j.get("stencilKernels").get(1).get("fractionOfPeakBandwidth")
                .asDouble(), 1e-12);
    }
}
