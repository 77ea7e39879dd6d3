package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.BenchHeap;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;

/**
 * GPU propagator throughput for {@code seiswork bench --engine gpu} and
 * {@code scripts/gpu-check.sh}: the same model as {@code engine.cpu.CpuBenchmark} (a cubic 3D or
 * square 2D grid of 10 m cells, velocity 1500 → 3500 m/s with depth, a source in the middle
 * injected every step, the default 20-cell C-PML on all sides), timed with CUDA events after as
 * many warm-up steps, in the engine's C-PML layout and then in the other one; then the interior
 * stencil kernel alone for as many steps.
 *
 * <p>Bandwidth figures (docs/gpu.md):
 * <ul>
 *   <li>effective: Gpts/s × {@value #BYTES_PER_POINT} B, the least DRAM traffic of the fused
 *       update (read u once, read and write un, read m; 4-byte floats);
 *   <li>stencil kernel alone: the same for the interior kernel without the C-PML, the figure
 *       to hold against the target of 60 % of peak;
 *   <li>modelled traffic of a full step: 16 B per point plus, per C-PML slab cell, the layout's
 *       {@link CpmlLayout#bytesPerSlabCell()} (24 B fused, 40 B separate), which says how close the
 *       whole step is to the memory limit.
 * </ul>
 */
public final class CudaBenchmark {

    /** Minimum DRAM bytes per point update of the fused stencil (two wavefields + velocity). */
    public static final int BYTES_PER_POINT = 16;

    /**
     * Device time of {@code steps} steps of one interior stencil kernel alone over the compute region.
     *
     * @param variant the variant asked for
     * @param kernel the entry point that ran (the pipelined one where the variant does not fit)
     * @param seconds CUDA-event time (NaN when the kernel failed)
     * @param error why the kernel failed (one line), or null
     */
    public record StencilTiming(StencilVariant variant, String kernel, double seconds, String error) {

        /** A kernel that ran. */
        public StencilTiming(StencilVariant variant, String kernel, double seconds) {
            this(variant, kernel, seconds, null);
        }
    }

    /**
     * Device time of {@code steps} full steps (stencil, C-PML, source) in one C-PML layout.
     *
     * @param layout how the corrections were launched
     * @param seconds CUDA-event time (NaN when a kernel failed)
     * @param error why it failed (one line), or null
     */
    public record StepTiming(CpmlLayout layout, double seconds, String error) {

        /** Steps that ran. */
        public StepTiming(CpmlLayout layout, double seconds) {
            this(layout, seconds, null);
        }
    }

    /**
     * Device time of one entry point's launches in the engine's full step, each launch timed alone
     * over the benchmark's steps: where the full step's time goes.
     *
     * @param kernel the entry point
     * @param launches its launches per step (one per slab or layer box)
     * @param seconds CUDA-event time of those launches over all timed steps
     */
    public record StepPart(String kernel, int launches, double seconds) {
    }

    /**
     * @param gridPoints points updated per step (user grid plus layers)
     * @param layerCells C-PML slab cells updated per step (summed over slabs)
     * @param steps timed steps
     * @param fullSteps device time of the timed full steps: the engine's C-PML layout first, then
     *     the other
     * @param stencils device time of as many steps of the interior stencil kernel alone: the
     *     engine's variant first, then every other variant the device can run
     * @param device the GPU
     * @param peakBytesPerS the card's peak DRAM bandwidth from its attributes (0 if unknown)
     * @param parts the engine's full step by entry point, in launch order (empty when not timed)
     */
    public record Result(long gridPoints, long layerCells, int steps, List<StepTiming> fullSteps,
            List<StencilTiming> stencils, DeviceInfo device, double peakBytesPerS, List<StepPart> parts) {

        /** Device time of the engine's full steps, seconds. */
        public double seconds() {
            return fullSteps.get(0).seconds();
        }

        /** Billions of grid-point updates per second (the engine's full steps). */
        public double gptsPerSecond() {
            return gptsPerSecond(fullSteps.get(0));
        }

        /** Billions of grid-point updates per second of one full-step timing. */
        public double gptsPerSecond(StepTiming t) {
            return gridPoints * (double) steps / t.seconds() / 1e9;
        }

        /** Effective memory bandwidth in bytes per second: Gpts/s × {@link #BYTES_PER_POINT}. */
        public double effectiveBytesPerS() {
            return gptsPerSecond() * 1e9 * BYTES_PER_POINT;
        }

        /** Effective bandwidth as a fraction of the peak (NaN when the peak is unknown). */
        public double fractionOfPeak() {
            return fraction(effectiveBytesPerS());
        }

        /** Gpts/s of the engine's interior stencil kernel alone. */
        public double stencilGptsPerSecond() {
            return stencilGptsPerSecond(stencils.get(0));
        }

        /** Gpts/s of one stencil timing. */
        public double stencilGptsPerSecond(StencilTiming t) {
            return gridPoints * (double) steps / t.seconds() / 1e9;
        }

        /** Bandwidth of the engine's stencil kernel alone (× 16 B) as a fraction of the peak. */
        public double stencilFractionOfPeak() {
            return stencilFractionOfPeak(stencils.get(0));
        }

        /** Bandwidth of one stencil timing (× 16 B) as a fraction of the peak. */
        public double stencilFractionOfPeak(StencilTiming t) {
            return fraction(stencilGptsPerSecond(t) * 1e9 * BYTES_PER_POINT);
        }

        /** Modelled DRAM traffic of the engine's full steps per second, as a fraction of the peak. */
        public double modelledFractionOfPeak() {
            return modelledFractionOfPeak(fullSteps.get(0));
        }

        /** Modelled DRAM traffic (stencil + the layout's C-PML) of one full-step timing, as a fraction of the peak. */
        public double modelledFractionOfPeak(StepTiming t) {
            double bytesPerStep = (double) gridPoints * BYTES_PER_POINT
                    + (double) layerCells * t.layout().bytesPerSlabCell();
            return fraction(bytesPerStep * steps / t.seconds());
        }

        /** Effective bandwidth (Gpts/s × 16 B) of one full-step timing as a fraction of the peak. */
        public double fractionOfPeak(StepTiming t) {
            return fraction(gptsPerSecond(t) * 1e9 * BYTES_PER_POINT);
        }

        private double fraction(double bytesPerS) {
            return peakBytesPerS > 0 ? bytesPerS / peakBytesPerS : Double.NaN;
        }

        /** Lines for the terminal: the card, one per full-step layout, then one per stencil kernel timed. */
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "%s, peak %.0f GB/s (memory clock x bus width x 2)", device.name(), peakBytesPerS / 1e9));
            for (int i = 0; i < fullSteps.size(); i++) {
                StepTiming t = fullSteps.get(i);
                String what = String.format(Locale.ROOT, "%n  full step (stencil + C-PML + source), C-PML %s%s",
                        t.layout().key(), i == 0 ? ", the engine's" : "");
                if (t.error() != null) {
                    b.append(what).append(": failed: ").append(t.error());
                    continue;
                }
                b.append(what).append(String.format(Locale.ROOT,
                        ": %d points/step, %d steps in %.3f s: %.2f Gpts/s, effective %.0f GB/s (%d B/pt) = %s of "
                                + "peak; modelled traffic incl. C-PML (%d slab cells x %d B) = %s of peak",
                        gridPoints, steps, t.seconds(), gptsPerSecond(t), gptsPerSecond(t) * BYTES_PER_POINT,
                        BYTES_PER_POINT, percent(fractionOfPeak(t)), layerCells, t.layout().bytesPerSlabCell(),
                        percent(modelledFractionOfPeak(t))));
            }
            if (!parts.isEmpty()) {
                b.append(String.format(Locale.ROOT, "%n  full step by kernel, C-PML %s (each launch timed alone), "
                        + "ms per step:", fullSteps.get(0).layout().key()));
                double sum = 0;
                for (StepPart part : parts) {
                    double ms = part.seconds() / steps * 1e3;
                    sum += ms;
                    b.append(String.format(Locale.ROOT, " %s%s %.3f,", part.kernel(),
                            part.launches() > 1 ? " x" + part.launches() : "", ms));
                }
                b.append(String.format(Locale.ROOT, " sum %.3f of the full step's %.3f", sum,
                        fullSteps.get(0).seconds() / steps * 1e3));
            }
            for (int i = 0; i < stencils.size(); i++) {
                StencilTiming t = stencils.get(i);
                if (t.error() != null) {
                    b.append(String.format(Locale.ROOT, "%n  stencil kernel alone, %s (%s): failed: %s",
                            t.variant().key(), t.kernel(), t.error()));
                    continue;
                }
                b.append(String.format(Locale.ROOT,
                        "%n  stencil kernel alone, %s (%s)%s: %.2f Gpts/s, %.0f GB/s = %s of peak (target >= 60 %%)",
                        t.variant().key(), t.kernel(), i == 0 ? ", the engine's" : "", stencilGptsPerSecond(t),
                        stencilGptsPerSecond(t) * BYTES_PER_POINT, percent(stencilFractionOfPeak(t))));
            }
            return b.toString();
        }

        private static String percent(double f) {
            return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * f);
        }
    }

    private CudaBenchmark() {
    }

    /**
     * Heap bytes {@link #run} holds at its peak for an {@code n}-cell grid, computed before
     * allocating any: the velocity on the user's grid and, beside it until both are uploaded,
     * the v²dt² array on the padded grid (default width-20 C-PML and the stencil's halo, z
     * aligned; {@code StepPlan}). The C-PML profiles, spreads and the like are kilobytes.
     *
     * @throws IllegalArgumentException when a grid is more than one Java array holds
     */
    public static long heapBytes(int n, int spaceOrder, boolean threeD) {
        Grid g = threeD ? Grid.of3d(n, n, n, 10) : Grid.of2d(n, n, 10);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(spaceOrder);
        PaddedGrid padded = new PaddedGrid(g, physics.boundaryWidth(), physics.operator().radius(),
                physics.freeSurface());
        return ((long) g.points() + padded.points()) * Float.BYTES;
    }

    /**
     * Times {@code steps} steps after as many warm-up steps.
     *
     * @param n grid size per axis (user grid, before layers)
     * @param steps steps to time, at least 1
     * @param spaceOrder 2, 4 or 8
     * @param threeD an n³ grid when true, n² (2D) otherwise
     * @throws IllegalStateException when no GPU is usable (with the probe's reason)
     */
    public static Result run(int n, int steps, int spaceOrder, boolean threeD) {
        Grid g = threeD ? Grid.of3d(n, n, n, 10) : Grid.of2d(n, n, 10);
        float[] v = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    v[g.index(ix, iy, iz)] = 1500f + 2000f * iz / n;
                }
            }
        }
        VelocityModel model = new VelocityModel(g, v);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(spaceOrder);
        double dt = 0.8 * TimeStepping.maxStableDtS(model, spaceOrder);
        Position centre = new Position(n * 5.0, threeD ? n * 5.0 : 0, n * 5.0);
        ShotRequest request = new ShotRequest(model, physics, centre, RickerWavelet.of(10), List.of(),
                new TimeStepping(dt, 2 * steps, new Sampling(2, dt, 0)));
        CudaWaveEngine engine = new CudaWaveEngine();
        CudaPropagator p = null;
        Result result = null;
        try {
            p = engine.propagator(request);
            result = measure(engine, p, centre, steps);
            return result;
        } finally {
            // After a failed kernel the context is unusable and freeing fails too; the figures
            // measured before it are what matters then (and when the body threw, its exception).
            boolean failed = result == null || result.stencils().stream().anyMatch(t -> t.error() != null)
                    || result.fullSteps().stream().anyMatch(t -> t.error() != null);
            CudaPropagator opened = p;
            close(failed, () -> {
                if (opened != null) {
                    opened.close();
                }
            }, engine::close);
        }
    }

    private static Result measure(CudaWaveEngine engine, CudaPropagator p, Position centre, int steps) {
        CudaPropagator.DevicePoints src = p.points(List.of(p.spread(centre)));
        CUdeviceptr one = p.upload(new float[] {1f});
        for (int i = 0; i < steps; i++) {
            p.step();
            p.inject(src, one);
        }
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        cuEventCreate(start, 0);
        cuEventCreate(stop, 0);
        boolean failed = false;
        try {
            List<StepTiming> fullSteps = new ArrayList<>();
            fullSteps.add(timeSteps(p, p.cpml(), src, one, steps, start, stop));
            List<StepPart> parts = timeParts(p, steps, start, stop);
            List<StencilTiming> stencils = new ArrayList<>();
            stencils.add(timeStencil(p, p.stencil(), steps, start, stop));
            for (StencilVariant other : StencilVariant.values()) {
                if (other != p.stencil() && other.deviceReason(engine.device()) == null
                        && p.stencilUnfitReason(other) == null) {
                    try {
                        stencils.add(timeStencil(p, other, steps, start, stop));
                    } catch (RuntimeException e) {
                        // An alternative kernel that fails (a trap poisons the context) must not
                        // cost the figures of the engine's own: report it and stop there.
                        stencils.add(new StencilTiming(other, "its kernel", Double.NaN, firstLine(e)));
                        failed = true;
                        break;
                    }
                }
            }
            // The other C-PML layout last: a kernel that fails there costs no other figure.
            for (CpmlLayout other : CpmlLayout.values()) {
                if (other != p.cpml() && !failed) {
                    try {
                        for (int i = 0; i < steps; i++) {  // warm-up, as for the engine's layout
                            p.step(other);
                            p.inject(src, one);
                        }
                        fullSteps.add(timeSteps(p, other, src, one, steps, start, stop));
                    } catch (RuntimeException e) {
                        fullSteps.add(new StepTiming(other, Double.NaN, firstLine(e)));
                        failed = true;
                    }
                }
            }
            DeviceInfo d = engine.device();
            return new Result(p.computedPoints(), p.layerCells(), steps, List.copyOf(fullSteps), List.copyOf(stencils),
                    d, d.peakBandwidthBytesPerS(), parts);
        } finally {
            close(failed, () -> cuEventDestroy(start), () -> cuEventDestroy(stop));
        }
    }

    private static String firstLine(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.lines().findFirst().orElse("");
    }

    /** {@code steps} full steps with a source injection each, in one C-PML layout. */
    private static StepTiming timeSteps(CudaPropagator p, CpmlLayout layout, CudaPropagator.DevicePoints src,
            CUdeviceptr one, int steps, CUevent start, CUevent stop) {
        cuEventRecord(start, p.stream());
        for (int i = 0; i < steps; i++) {
            p.step(layout);
            p.inject(src, one);
        }
        return new StepTiming(layout, elapsedSeconds(start, stop, p));
    }

    private static double elapsedSeconds(CUevent start, CUevent stop, CudaPropagator p) {
        cuEventRecord(stop, p.stream());
        cuEventSynchronize(stop);
        float[] ms = new float[1];
        cuEventElapsedTime(ms, start, stop);
        return ms[0] * 1e-3;
    }

    /**
     * Each launch of the engine's step timed alone over {@code steps} repetitions (after one
     * untimed), summed per entry point in launch order.
     */
    private static List<StepPart> timeParts(CudaPropagator p, int steps, CUevent start, CUevent stop) {
        List<String> kernels = p.stepKernels(p.cpml());
        Map<String, double[]> byKernel = new LinkedHashMap<>();  // entry point -> {seconds, launches}
        for (int k = 0; k < kernels.size(); k++) {
            p.launchOnly(p.cpml(), k);
            cuEventRecord(start, p.stream());
            for (int i = 0; i < steps; i++) {
                p.launchOnly(p.cpml(), k);
            }
            double[] sum = byKernel.computeIfAbsent(kernels.get(k), x -> new double[2]);
            sum[0] += elapsedSeconds(start, stop, p);
            sum[1]++;
        }
        List<StepPart> parts = new ArrayList<>();
        byKernel.forEach((kernel, sum) -> parts.add(new StepPart(kernel, (int) sum[1], sum[0])));
        return List.copyOf(parts);
    }

    /** {@code steps} steps of the interior stencil alone with one kernel variant, after one untimed launch. */
    private static StencilTiming timeStencil(CudaPropagator p, StencilVariant variant, int steps, CUevent start,
            CUevent stop) {
        String kernel = p.stepStencilOnly(variant);
        cuEventRecord(start, p.stream());
        for (int i = 0; i < steps; i++) {
            p.stepStencilOnly(variant);
        }
        return new StencilTiming(variant, kernel, elapsedSeconds(start, stop, p));
    }

    /** Runs every freeing step; the first failure is thrown unless {@code quietly}. */
    private static void close(boolean quietly, Release.Step... steps) {
        RuntimeException first = Release.all(steps);
        if (first != null && !quietly) {
            throw first;
        }
    }

    /**
     * Command line: {@code [--grid N] [--steps K] [--order 8] [--2d]}; prints the probe line and
     * one result line; exit status 2 when no GPU is usable.
     */
    public static void main(String[] args) {
        int n = 512;
        int steps = 100;
        int order = 8;
        boolean threeD = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--grid" -> n = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--order" -> order = Integer.parseInt(args[++i]);
                case "--2d" -> threeD = false;
                default -> {
                    System.err.println("usage: CudaBenchmark [--grid N] [--steps K] [--order 2|4|8] [--2d]");
                    System.exit(64);
                }
            }
        }
        if (!CudaProbe.available()) {
            System.out.println("gpu: not usable: " + CudaProbe.reason());
            System.exit(2);
        }
        try {
            BenchHeap.require((threeD ? "3D " : "2D ") + n + "^" + (threeD ? 3 : 2), "GPU, host side, order " + order,
                    heapBytes(n, order, threeD), BenchHeap.freeBytes(), "--grid", "java ");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("gpu: " + CudaProbe.reason());
        Result r = run(n, steps, order, threeD);
        System.out.println("bench " + (threeD ? "3D " + n + "^3" : "2D " + n + "^2") + " order " + order + ": "
                + r.describe());
    }
}
