package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.Throughput;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.kernels.engine.BenchHeap;
import io.seiswork.kernels.engine.cpu.CpuBenchmark;
import io.seiswork.kernels.engine.cuda.CudaBenchmark;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seiswork bench}: propagator throughput on this machine, the stencil alone or a full
 * modelling shot, with warm-up and the median of several repetitions ({@link CpuBenchmark}).
 * The figure to compare with the C reference and Devito is {@code gptsPerSecond}: user grid
 * points × steps / second (absorbing layers not counted); {@code computedGptsPerSecond} counts
 * every updated point.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the wave propagator: Gpts/s = user grid points x steps / s, median of repetitions.",
            "--mode stencil: the interior update alone (what the C reference times).",
            "--mode shot: a full modelling shot with C-PML, source and receivers."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--grid", paramLabel = "N", description = "Cells per axis (N^3 in 3D, N x N in 2D); default 256 in"
            + " 3D, 1000 in 2D.")
    Integer grid;

    @Option(names = "--nx", description = "Cells along x (overrides --grid).")
    Integer nx;

    @Option(names = "--ny", description = "Cells along y, 3D only (overrides --grid).")
    Integer ny;

    @Option(names = "--nz", description = "Cells along z (overrides --grid).")
    Integer nz;

    @Option(names = "--dim", defaultValue = "3", description = "2 or 3 (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--steps", defaultValue = "100", description = "Time steps per repetition (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--order", defaultValue = "8", description = "Space order 2, 4 or 8 (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--engine", defaultValue = "cpu", description = "Engine: cpu (default) or gpu (3D or 2D N^d grid,"
            + " full step and stencil alone, bandwidth as a fraction of the card's peak).")
    String engine;

    @picocli.CommandLine.Mixin
    CpuThreadsOption threads = new CpuThreadsOption();

    @Option(names = "--mode", defaultValue = "stencil", description = "stencil or shot (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed warm-up repetitions (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repetitions", defaultValue = "5", description = "Timed repetitions (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--json", description = "Print JSON: gptsPerSecond, computedGptsPerSecond, grid, steps, order,"
            + " threads, engine, mode, medianSeconds, gptsPerSecondEach, ...")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the benchmark; a failure of the work (the heap refusals, no usable GPU, the engine's
     * own) is said as the command's usage errors are, "seiswork bench: ..." ({@link #named}).
     */
    @Override
    public Integer call() {
        try {
            return measure();
        } catch (RuntimeException e) {
            throw named(spec, e);
        }
    }

    /**
     * {@code e}, a failure of {@code bench}'s work, as a {@link NamedFailure} ("seiswork bench:
     * ..."): the heap refusals and no usable GPU (IllegalStateException) as the engine's own
     * (an IllegalArgumentException, an UncheckedIOException, a CUDA driver's error), which said
     * "seiswork: ..." beside the command's usage errors. A usage error itself (picocli's
     * ParameterException, exit 2 with the usage) is given back as it is.
     */
    static RuntimeException named(CommandLine.Model.CommandSpec spec, RuntimeException e) {
        if (e instanceof CommandLine.ParameterException) {
            return e;
        }
        return new NamedFailure(spec, UserErrorHandler.message(e), e);
    }

    private int measure() {
        requireOptionValues();
        if ("gpu".equals(engine)) {
            return gpu();
        }
        CpuBenchmark.Mode m = cpuMode();
        int n = grid != null ? grid : (dim == 3 ? 256 : 1000);
        int gx = nx != null ? nx : n;
        int gy = dim == 2 ? 1 : (ny != null ? ny : n);
        int gz = nz != null ? nz : n;
        int t = threads.resolve();
        requireGridSize(gx, gy, gz);
        CpuBenchmark.Config config = new CpuBenchmark.Config(gx, gy, gz, steps, order, t, m, warmup, repetitions);
        requireHeap(config, freeHeapBytes());
        CpuBenchmark.Result r;
        try {
            r = CpuBenchmark.run(config);
        } catch (OutOfMemoryError e) {
            // requireHeap leaves this to a heap too fragmented for arrays that fit in total.
            throw new IllegalStateException(String.format(Locale.ROOT, "ran out of Java heap for the %s grid"
                    + " (its arrays need %s); use a smaller --grid or a larger heap (SEISWORK_JAVA_OPTS=-Xmx...)",
                    describeGrid(config), MemoryEstimate.human(CpuBenchmark.heapBytes(config))));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("engine", engine).put("mode", mode).put("kernel", r.kernel());
            ArrayNode g = o.putArray("grid").add(gx);
            if (dim == 3) {
                g.add(gy);
            }
            g.add(gz);
            o.put("dim", dim).put("order", order).put("steps", steps).put("threads", t)
                    .put("warmups", warmup).put("repetitions", repetitions)
                    .put("gptsPerSecond", r.gptsPerSecond())
                    .put("computedGptsPerSecond", r.computedGptsPerSecond())
                    .put("computedPointsPerSecond", r.computedGptsPerSecond() * 1e9)
                    .put("userPoints", config.userPoints()).put("computedPoints", r.computedPoints())
                    .put("medianSeconds", r.medianSeconds())
                    .put("pointsDefinition", "gptsPerSecond = user grid points x steps / median seconds"
                            + " (absorbing layers excluded); computed* counts every updated point");
            ArrayNode each = o.putArray("gptsPerSecondEach");
            for (double v : r.gptsPerSecondEach()) {
                each.add(v);
            }
            out.println(o.toString());
        } else {
            out.printf(Locale.ROOT, "%s %dD order %d grid %s, %d steps, %d threads, %s: %s Gpts/s (user points),"
                    + " %s Gpts/s computed; median of %d (%.3f s)%n", mode, dim, order,
                    dim == 3 ? gx + "x" + gy + "x" + gz : gx + "x" + gz, steps, t, r.kernel(), Throughput.gpts(r.gptsPerSecond()),
                    Throughput.gpts(r.computedGptsPerSecond()), repetitions, r.medianSeconds());
        }
        out.flush();
        return 0;
    }

    /**
     * Refuses, each as a usage error naming its option (exit 2), the values no benchmark runs
     * with, before anything is measured or allocated.
     */
    private void requireOptionValues() {
        OptionValues.require("cpu".equals(engine) || "gpu".equals(engine), spec, "--engine", "cpu or gpu", engine);
        OptionValues.require(dim == 2 || dim == 3, spec, "--dim", "2 or 3", dim);
        // A 2D grid has one cell along y: an --ny given would be dropped without a word.
        OptionValues.require(dim == 3 || ny == null, spec, "--ny", "left out with --dim 2 (a 2D grid is x by z)", ny);
        OptionValues.require(SecondDerivative.isSupported(order), spec, "--order", "2, 4 or 8", order);
        OptionValues.require("stencil".equals(mode) || "shot".equals(mode), spec, "--mode", "stencil or shot", mode);
        OptionValues.require(steps >= 1, spec, "--steps", "1 or more", steps);
        OptionValues.require(warmup >= 0, spec, "--warmup", "0 or more", warmup);
        OptionValues.require(repetitions >= 1, spec, "--repetitions", "1 or more", repetitions);
    }

    private CpuBenchmark.Mode cpuMode() {
        return "shot".equals(mode) ? CpuBenchmark.Mode.SHOT : CpuBenchmark.Mode.STENCIL;
    }

    /**
     * Refuses, as a usage error naming the option that set it, a grid of {@code gx × gy × gz}
     * nodes (gy 1 in 2D) that no measure can be made on: an axis shorter than the stencil of
     * {@code --order} (order + 1 nodes: at order 8 on 2³ nodes every point's stencil reaches
     * past the grid on every side, and the figure printed was 0.000 Gpts/s), or a grid whose
     * padded arrays (the stencil's halo, z rounded up for the vector loops and, for a shot or the
     * GPU, the absorbing layers) are longer than one Java array ({@link Grid#MAX_POINTS}), which
     * the engine would refuse with a bare number once the command had started. The largest cube
     * named is found on the same arrays ({@link #fits}), so that it is accepted when given.
     */
    private void requireGridSize(int gx, int gy, int gz) {
        int smallest = 2 * SecondDerivative.ofOrder(order).radius() + 1;
        int[] sizes = {gx, gy, gz};
        Integer[] given = {nx, ny, nz};
        String[] names = {"--nx", "--ny", "--nz"};
        for (int a = 0; a < 3; a++) {
            if (a == 1 && dim == 2) {
                continue;
            }
            if (sizes[a] < smallest) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "%s %d: a grid of %s nodes is smaller than the order-%d stencil, %d nodes along each axis;"
                                + " the smallest grid at order %d is %d per axis (%s %d)",
                        option(given[a], names[a]), sizes[a], describe(gx, gy, gz), order, smallest, order, smallest,
                        option(given[a], names[a]), smallest));
            }
        }
        if (!fits(gx, gy, gz)) {
            boolean cube = grid != null && nx == null && ny == null && nz == null || "gpu".equals(engine);
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s: a grid of %s nodes (%.3g), padded with %s, is more than one Java array holds, %,d values;"
                            + " %s", cube ? "--grid " + grid : "--nx, --ny, --nz", describe(gx, gy, gz),
                    (double) gx * gy * gz, padding(), Grid.MAX_POINTS, cube ? "the largest " + (dim == 3 ? "cube" : "square")
                            + " padded with " + padding() + " is --grid " + largestCube() : "give fewer nodes"));
        }
    }

    /** What the engine pads the grid with: "the order-8 halo" or "C-PML layers and the order-8 halo". */
    private String padding() {
        return ("gpu".equals(engine) || cpuMode() == CpuBenchmark.Mode.SHOT ? "C-PML layers and " : "")
                + "the order-" + order + " halo";
    }

    /**
     * Whether the engine's arrays for a {@code gx × gy × gz} grid fit one Java array each: the
     * sizes the engine itself computes ({@link CpuBenchmark#heapBytes}, {@link CudaBenchmark#heapBytes}),
     * which refuse a grid that does not.
     */
    private boolean fits(int gx, int gy, int gz) {
        try {
            if ("gpu".equals(engine)) {
                CudaBenchmark.heapBytes(gx, order, dim == 3);
            } else {
                CpuBenchmark.heapBytes(new CpuBenchmark.Config(gx, gy, gz, 1, order, 1, cpuMode(), 0, 1));
            }
            return true;
        } catch (IllegalArgumentException | IllegalStateException tooLarge) {
            return false;
        }
    }

    /** The largest {@code --grid} whose cube (square in 2D) {@link #fits}: a bisection, fits being monotone in N. */
    int largestCube() {
        int lo = 1;
        int hi = Integer.MAX_VALUE;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi + 1) / 2);
            if (fits(mid, dim == 3 ? mid : 1, mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The option that set an axis: its own ({@code --nx}) when given, else {@code --grid}. */
    private static String option(Integer own, String name) {
        return own != null ? name : "--grid";
    }

    /** "100000 x 100000 x 100000" in 3D, "40 x 40" (x by z) in 2D. */
    private String describe(int gx, int gy, int gz) {
        return dim == 3 ? gx + " x " + gy + " x " + gz : gx + " x " + gz;
    }

    /**
     * Refuses, in one line and before anything is allocated, a benchmark whose arrays
     * ({@link CpuBenchmark#heapBytes}) need more heap than is free ({@link BenchHeap}).
     *
     * @param freeHeap bytes of Java heap free to allocate: the maximum heap less what is in use
     * @throws IllegalStateException naming the grid, the bytes needed and the bytes free
     */
    static void requireHeap(CpuBenchmark.Config config, long freeHeap) {
        BenchHeap.require(describeGrid(config), config.mode().name().toLowerCase(Locale.ROOT) + ", order "
                + config.spaceOrder(), CpuBenchmark.heapBytes(config), freeHeap, "--grid (or --nx, --ny, --nz)",
                "SEISWORK_JAVA_OPTS=");
    }

    /**
     * The same refusal for {@code --engine gpu}: its host side holds the velocity and the padded
     * v²dt² array together before uploading them ({@link CudaBenchmark#heapBytes}), 1.2 GiB at
     * the default 512³.
     */
    static void requireGpuHeap(int n, int dim, int order, long freeHeap) {
        BenchHeap.require(dim == 3 ? "3D " + n + " x " + n + " x " + n : "2D " + n + " x " + n, "GPU, host side,"
                + " order " + order, CudaBenchmark.heapBytes(n, order, dim == 3), freeHeap, "--grid",
                "SEISWORK_JAVA_OPTS=");
    }

    /** Bytes of Java heap that can still be allocated: the maximum heap less what is in use. */
    static long freeHeapBytes() {
        return BenchHeap.freeBytes();
    }

    /** "3D 1000 x 1000 x 1000" or "2D 40000 x 40000" (x by z). */
    private static String describeGrid(CpuBenchmark.Config c) {
        return c.ny() == 1 ? "2D " + c.nx() + " x " + c.nz() : "3D " + c.nx() + " x " + c.ny() + " x " + c.nz();
    }

    /**
     * The CUDA benchmark ({@link CudaBenchmark}): a cubic (or square) grid of {@code --grid} cells,
     * the full step and the stencil kernel alone, with the effective bandwidth as a fraction of the
     * card's peak. Without a usable GPU: one line saying why.
     */
    private int gpu() {
        int n = grid != null ? grid : (dim == 3 ? 512 : 4000);
        requireGridSize(n, dim == 3 ? n : 1, n);
        if (!CudaProbe.available()) {
            throw new IllegalStateException("--engine gpu: " + CudaProbe.reason());
        }
        requireGpuHeap(n, dim, order, freeHeapBytes());
        CudaBenchmark.Result r = CudaBenchmark.run(n, steps, order, dim == 3);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(gpuJson(r, n, dim, order, steps).toString());
        } else {
            out.println(r.describe());
        }
        out.flush();
        return 0;
    }

    /**
     * The JSON of {@code seiswork bench --engine gpu --json}: the engine's figures, then one object
     * per C-PML layout ({@code fullSteps}), the engine's full step by kernel ({@code stepParts})
     * and one object per stencil kernel timed ({@code stencilKernels}).
     */
    static ObjectNode gpuJson(CudaBenchmark.Result r, int n, int dim, int order, int steps) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("engine", "gpu").put("device", r.device().name());
        ArrayNode g = o.putArray("grid").add(n);
        if (dim == 3) {
            g.add(n);
        }
        g.add(n);
        o.put("dim", dim).put("order", order).put("steps", steps).putNull("threads")
                .put("gptsPerSecond", r.gptsPerSecond())
                .put("stencilGptsPerSecond", r.stencilGptsPerSecond())
                .put("effectiveBytesPerSecond", r.effectiveBytesPerS())
                .put("fractionOfPeakBandwidth", r.fractionOfPeak())
                .put("stencilFractionOfPeakBandwidth", r.stencilFractionOfPeak());
        o.put("cpml", r.fullSteps().get(0).layout().key());
        ArrayNode full = o.putArray("fullSteps");
        for (CudaBenchmark.StepTiming t : r.fullSteps()) {
            ObjectNode f = full.addObject().put("cpml", t.layout().key());
            if (t.error() != null) {
                f.put("error", t.error());
            } else {
                f.put("gptsPerSecond", r.gptsPerSecond(t)).put("fractionOfPeakBandwidth", r.fractionOfPeak(t))
                        .put("modelledFractionOfPeakBandwidth", r.modelledFractionOfPeak(t));
            }
        }
        ArrayNode parts = o.putArray("stepParts");
        for (CudaBenchmark.StepPart part : r.parts()) {
            parts.addObject().put("kernel", part.kernel()).put("launches", part.launches())
                    .put("msPerStep", part.seconds() / steps * 1e3);
        }
        ArrayNode kernels = o.putArray("stencilKernels");
        for (CudaBenchmark.StencilTiming t : r.stencils()) {
            ObjectNode k = kernels.addObject().put("variant", t.variant().key()).put("kernel", t.kernel());
            if (t.error() != null) {
                k.put("error", t.error());
            } else {
                k.put("gptsPerSecond", r.stencilGptsPerSecond(t))
                        .put("fractionOfPeakBandwidth", r.stencilFractionOfPeak(t));
            }
        }
        return o;
    }
}
