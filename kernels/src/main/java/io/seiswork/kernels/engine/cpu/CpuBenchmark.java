package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.BenchHeap;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Propagator throughput for {@code seiswork bench}, measured with the discipline of a JMH run:
 * warm-up repetitions that are thrown away (the JIT compiles the kernels there), then several
 * timed repetitions on the same threads, reported as their median.
 *
 * <p>Two modes, so that the engine can be set beside the C reference
 * ({@code /work/shared/bench/cstencil}) and beside a real run:
 * <ul>
 *   <li>{@link Mode#STENCIL}: the interior update alone, exactly what the C reference times: the
 *       user's grid with a zero halo and nothing else (no absorbing layer, no source, no
 *       receivers), the same column kernels and thread split as a shot.
 *   <li>{@link Mode#SHOT}: a full modelling shot through {@link CpuWaveEngine#model}: default
 *       width-20 C-PML on every side, a Ricker source in the middle, a line of receivers near
 *       the top (one per x node) resampled to the output axis every step.
 * </ul>
 * Both report points per second two ways: the user's grid points (the definition the C reference
 * and Devito use, {@link Result#gptsPerSecond()}) and the points actually updated, absorbing
 * layers and z rounding included ({@link Result#computedGptsPerSecond()}).
 *
 * <p>Model: a velocity gradient 1500 → 3500 m/s along z, 10 m cells, dt at 0.8 of the CFL limit.
 */
public final class CpuBenchmark {

    /** What is timed. */
    public enum Mode {
        /** Interior stencil only, no boundary, source or receivers. */
        STENCIL,
        /** Full modelling shot: C-PML, source, receivers. */
        SHOT
    }

    /**
     * @param nx user grid cells along x
     * @param ny user grid cells along y (1 for 2D)
     * @param nz user grid cells along z
     * @param steps time steps per repetition, at least 1
     * @param spaceOrder 2, 4 or 8
     * @param threads threads, at least 1
     * @param mode what is timed
     * @param warmups repetitions run and discarded before timing, at least 0
     * @param repetitions timed repetitions, at least 1
     */
    public record Config(int nx, int ny, int nz, int steps, int spaceOrder, int threads, Mode mode, int warmups,
            int repetitions) {

        public Config {
            if (nx < 1 || ny < 1 || nz < 1) {
                throw new IllegalArgumentException("grid must have at least 1 cell per axis, got " + nx + " x " + ny
                        + " x " + nz);
            }
            if (steps < 1 || threads < 1 || warmups < 0 || repetitions < 1) {
                throw new IllegalArgumentException("need steps >= 1, threads >= 1, warmups >= 0, repetitions >= 1;"
                        + " got " + steps + ", " + threads + ", " + warmups + ", " + repetitions);
            }
            PhysicsOptions.defaults().withSpaceOrder(spaceOrder); // checks the order
        }

        /** User grid points. */
        public long userPoints() {
            return (long) nx * ny * nz;
        }
    }

    /**
     * @param config what was run
     * @param computedPoints grid points updated per step (layers and z rounding included)
     * @param seconds wall seconds of each timed repetition, in run order
     * @param kernel interior kernel ("vector 16 lanes" or "scalar")
     */
    public record Result(Config config, long computedPoints, double[] seconds, String kernel) {

        public Result {
            seconds = seconds.clone();
        }

        /** Median wall seconds of the timed repetitions. */
        public double medianSeconds() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        /** Billions of user grid points × steps per second, at the median time. */
        public double gptsPerSecond() {
            return config.userPoints() * (double) config.steps() / medianSeconds() / 1e9;
        }

        /** Billions of updated grid points (layers included) × steps per second, at the median time. */
        public double computedGptsPerSecond() {
            return computedPoints * (double) config.steps() / medianSeconds() / 1e9;
        }

        /** User-point rate of each repetition (Gpts/s), in run order. */
        public double[] gptsPerSecondEach() {
            double[] g = new double[seconds.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = config.userPoints() * (double) config.steps() / seconds[i] / 1e9;
            }
            return g;
        }
    }

    private static final double CELL_M = 10;

    private CpuBenchmark() {
    }

    /**
     * Heap bytes {@link #run} allocates for {@code c} at its peak, from the same arrays, before
     * allocating any: the velocity model on the user's grid ({@link Config#userPoints()} floats),
     * the propagator's arrays ({@link Propagator#heapBytes}: no layer in {@link Mode#STENCIL}, the
     * default width-20 C-PML in {@link Mode#SHOT}) and, for a shot, the wavelet, the receivers'
     * spreads (at their largest) and their traces, twice (the last repetition's record is still
     * held while the next one records).
     *
     * @throws IllegalArgumentException when the padded grid is more than one Java array holds
     */
    public static long heapBytes(Config c) {
        Grid g = grid(c);
        long velocity = (long) g.points() * Float.BYTES;
        if (c.mode() == Mode.STENCIL) {
            return velocity + Propagator.heapBytes(g, c.spaceOrder(), 0, false, c.threads(), true);
        }
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(c.spaceOrder());
        long propagator = Propagator.heapBytes(g, c.spaceOrder(), physics.boundaryWidth(), physics.freeSurface(),
                c.threads(), true);
        long receivers = g.nx();
        long spreadEntries = (receivers + 1) * (long) Math.pow(2 * PointSpread.HALF_WIDTH, g.is2d() ? 2 : 3);
        long traces = 2 * receivers * c.steps() * Float.BYTES;
        long perReceiver = 5L * receivers * Float.BYTES; // the level's values and the resampler's ring of 4
        long wavelet = (long) c.steps() * Float.BYTES;
        return velocity + propagator + spreadEntries * (Integer.BYTES + Float.BYTES) + traces + perReceiver + wavelet;
    }

    private static Grid grid(Config c) {
        return c.ny() == 1 ? Grid.of2d(c.nx(), c.nz(), CELL_M) : Grid.of3d(c.nx(), c.ny(), c.nz(), CELL_M);
    }

    /** Runs the warm-up and timed repetitions of {@code c}. */
    public static Result run(Config c) {
        Grid g = grid(c);
        VelocityModel model = gradient(g);
        double dt = 0.8 * TimeStepping.maxStableDtS(model, c.spaceOrder());
        return c.mode() == Mode.STENCIL ? stencil(c, model, dt) : shot(c, model, dt);
    }

    private static Result stencil(Config c, VelocityModel model, double dt) {
        try (WorkerPool pool = new WorkerPool(c.threads())) {
            Propagator p = Propagator.interiorOnly(model, c.spaceOrder(), dt, pool);
            double[] sec = new double[c.repetitions()];
            for (int rep = -c.warmups(); rep < c.repetitions(); rep++) {
                pulse(p);
                long t0 = System.nanoTime();
                for (int i = 0; i < c.steps(); i++) {
                    p.step();
                }
                double t = (System.nanoTime() - t0) * 1e-9;
                if (rep >= 0) {
                    sec[rep] = t;
                }
            }
            return new Result(c, p.computedPoints(), sec, p.kernelName());
        }
    }

    private static Result shot(Config c, VelocityModel model, double dt) {
        Grid g = model.grid();
        List<Position> receivers = new ArrayList<>();
        double yMid = g.yAxis().last() / 2;
        for (int ix = 0; ix < g.nx(); ix++) {
            receivers.add(new Position(ix * g.dx(), yMid, Math.min(2, g.nz() - 1) * g.dz()));
        }
        Position source = new Position(g.xAxis().last() / 2, yMid, g.zAxis().last() / 2);
        TimeStepping timing = new TimeStepping(dt, c.steps(), new Sampling(c.steps(), dt, 0));
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(c.spaceOrder());
        ShotRequest request = new ShotRequest(model, physics, source, new RickerWavelet(15, 0.08), receivers, timing);
        double[] sec = new double[c.repetitions()];
        long computed = 0;
        // No job: the benchmarked shot's own work chooses its kernels (bench --mode shot).
        try (CpuWaveEngine engine = new CpuWaveEngine(c.threads(), KernelChoice.perPropagation())) {
            for (int rep = -c.warmups(); rep < c.repetitions(); rep++) {
                ShotRecord r = engine.model(request, (step, total) -> { }, CancellationToken.none());
                computed = r.stats().computedPoints();
                if (rep >= 0) {
                    sec[rep] = r.stats().wallSeconds();
                }
            }
            return new Result(c, computed, sec, ColumnKernel.describe(true, !g.is2d(), c.spaceOrder()));
        }
    }

    /**
     * Both levels set to the C reference's initial field, a Gaussian of 6 cells' radius in the
     * middle: the timed steps see the same mix of zeros and small values (no denormal storm
     * from a spike's leading edge).
     */
    private static void pulse(Propagator p) {
        p.reset();
        PaddedGrid pg = p.grid();
        Grid g = pg.user();
        float[] u = p.current();
        float[] up = p.previous();
        for (int iy = 0; iy < g.ny(); iy++) {
            double dy = g.is2d() ? 0 : (iy - g.ny() / 2.0) / 6;
            for (int ix = 0; ix < g.nx(); ix++) {
                double dx = (ix - g.nx() / 2.0) / 6;
                int base = pg.userIndex(ix, iy, 0);
                for (int iz = 0; iz < g.nz(); iz++) {
                    double dz = (iz - g.nz() / 2.0) / 6;
                    float v = (float) Math.exp(-(dx * dx + dy * dy + dz * dz));
                    u[base + iz] = v;
                    up[base + iz] = v;
                }
            }
        }
    }

    /**
     * Command line for machines without the application's dependencies (the GPU machines, through
     * {@code scripts/gpu-cpu-bench.sh}): {@code [--grid N] [--steps K] [--order 8] [--threads T]
     * [--mode stencil|shot] [--repetitions R]}, 3D N³; prints one line with the user-point and
     * computed-point rates, or refuses in one line on standard error (status 1) a grid whose
     * arrays the heap cannot hold, as {@code seiswork bench} does ({@link BenchHeap}).
     */
    public static void main(String[] args) {
        int status = main(args, System.out, System.err, BenchHeap.freeBytes());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #main(String[])} with its streams and the free heap given; returns the exit status. */
    static int main(String[] args, PrintStream out, PrintStream err, long freeHeap) {
        int n = 256;
        int steps = 100;
        int order = 8;
        int threads = Runtime.getRuntime().availableProcessors();
        int reps = 3;
        Mode mode = Mode.STENCIL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--grid" -> n = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--order" -> order = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repetitions" -> reps = Integer.parseInt(args[++i]);
                case "--mode" -> mode = Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                default -> {
                    err.println("usage: CpuBenchmark [--grid N] [--steps K] [--order 2|4|8] [--threads T]"
                            + " [--mode stencil|shot] [--repetitions R]");
                    return 64;
                }
            }
        }
        Config config = new Config(n, n, n, steps, order, threads, mode, 1, reps);
        try {
            BenchHeap.require("3D " + n + " x " + n + " x " + n, mode.name().toLowerCase(Locale.ROOT) + ", order "
                    + order, heapBytes(config), freeHeap, "--grid", "java ");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("bench: " + e.getMessage());
            return 1;
        }
        Result r = run(config);
        out.printf(Locale.ROOT, "cpu-bench mode=%s grid=%d order=%d threads=%d steps=%d kernel=%s"
                + " Gpts/s=%.3f computed=%.3f%n", mode.name().toLowerCase(Locale.ROOT), n, order, threads,
                steps, r.kernel().replace(' ', '-'), r.gptsPerSecond(), r.computedGptsPerSecond());
        return 0;
    }

    private static VelocityModel gradient(Grid g) {
        float[] v = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    v[g.index(ix, iy, iz)] = 1500f + 2000f * iz / Math.max(1, g.nz() - 1);
                }
            }
        }
        return new VelocityModel(g, v);
    }
}
