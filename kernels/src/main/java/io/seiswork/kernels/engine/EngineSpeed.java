package io.seiswork.kernels.engine;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;

/**
 * An engine's speed on one shot of a run, measured by running that shot for a few seconds at
 * most: what a run-time estimate divides the run's work by. The shot keeps its grid, physics,
 * source and receivers, so absorbing layers, space order, threads and the device weigh as they
 * will in the run; only its number of time steps is cut.
 *
 * <p>In a fresh JVM the CPU kernels start interpreted, then run through the C1 compiler, where the
 * Vector API's vectors are objects: on the 401 × 201 demo grid the first steps take 24 ms each and
 * the C2-compiled ones 0.07 ms, about 1.5 s later on an idle machine, but up to 20 s later when
 * other programs keep the cores busy (the JIT's threads wait for the CPU too: measured with
 * {@code -XX:+PrintCompilation} at a load of 10 on 2 cores, the layer kernel reached C2 after
 * 19.8 s). So warm-up runs come first, from {@value #WARMUP_STEPS} steps, twice as long each,
 * until one of them
 * <ul>
 *   <li>agrees with the one before on the time per step within {@value #SETTLED_PERCENT} %, the
 *       JIT all but idle while both ran, after at least {@value #MIN_WARMUP_SECONDS} s (half-compiled
 *       steps agree with each other too: 23 ms twice in a row on a 101 × 81 × 61 grid, against
 *       2.7 ms compiled), or
 *   <li>reaches the shot's own steps, {@value #MAX_WARMUP_SECONDS} s of stepping, or a quarter of
 *       the run's steps.
 * </ul>
 * Then {@value #TIMED_REPETITIONS} timed runs of about {@value #TARGET_SECONDS} s together, and
 * their median gives the speed (its time loop only, set-up excluded, as every throughput Seiswork
 * reports), their fastest and slowest how far it moved while timed ({@link StepTimes}): never a
 * warm-up run, whose code may still be compiling. What the warm-up took beyond the median speed is
 * the start-up a run in a fresh JVM still pays.
 *
 * <p>Before, the warm-up stopped at 4 s and its last run was taken as the timing: on a busy
 * 2-core machine that timed C1 code, 30 × slower, and estimated 42 minutes for a run of 21 s.
 * Then the fastest of 5 timed runs of 0.08 s was taken: at a load of 10 on 2 cores one of them
 * caught a quiet burst at 0.37 ms a step while the others took 1.5–3.5 ms and the run averaged
 * 1.6, so the speed was 3–5 × high, and the start-up, the warm-up's time beyond it, many seconds
 * long (17 s, where the run paid about 9); and two warm-up runs of C1 code that agreed (the
 * 101 × 81 × 61 salt model at 365 ms a step, 24 ms compiled, at the 20 s limit) counted as
 * settled because the second, of 1 s, happened to see the JIT idle, its C2 compilation of the
 * kernel still to come. Now the JIT has to be quiet over the last two warm-up runs and while the
 * timed runs run, and quiet means none of the engine's code compiling or waiting to be at the end
 * of each ({@link JitActivity}), not only no compilation finished during it.
 *
 * @see Measured
 */
public final class EngineSpeed {

    /**
     * @param timed seconds per step of the timed runs: their median is the engine's speed once it
     *     runs at full speed, the spread from fastest to slowest how much other programs moved it
     *     while it was timed (a few per cent on an idle machine)
     * @param pointsPerStep grid points updated per step of the shot measured, absorbing layers included
     * @param warmUp the warm-up runs' stepping time (their time loops) and steps
     * @param settled false when the code timed may not have been compiled yet: the warm-up reached
     *     {@link #MAX_WARMUP_SECONDS} without the JIT quiet over its last two runs, or the JIT
     *     compiled during the timed runs (a desktop just started, its JIT busy with the window, on a
     *     loaded machine), so the speed may be many times low, and measuring again later gives the
     *     real one. True when the warm-up settled, or ran out of time with the JIT quiet (timings
     *     another program disturbs: a second measurement would not do better), and the JIT stayed
     *     quiet while the timed runs ran
     */
    public record Measured(StepTimes timed, long pointsPerStep, WarmUp warmUp, boolean settled) {

        /** Billions of computed grid-point updates per second (absorbing layers included): the median timed run's. */
        public double gptsPerSecond() {
            return gpts(timed.median());
        }

        /** The slowest timed run's speed, billions of point updates per second. */
        public double slowestGptsPerSecond() {
            return gpts(timed.slowest());
        }

        /** The fastest timed run's speed, billions of point updates per second. */
        public double fastestGptsPerSecond() {
            return gpts(timed.fastest());
        }

        /**
         * Seconds the warm-up took beyond the median speed (the JIT compiling the CPU kernels):
         * what a run starting in a fresh JVM pays once; 0 when this JVM was warm already.
         */
        public double warmupSeconds() {
            return warmUp.secondsBeyond(timed.median());
        }

        private double gpts(double secondsPerStep) {
            return secondsPerStep > 0 ? pointsPerStep / secondsPerStep / 1e9 : 0;
        }
    }

    /**
     * Wall time the timed runs aim at together, seconds: each long enough to span many of the
     * scheduler's time slices when other programs want the cores too.
     */
    public static final double TARGET_SECONDS = 1;

    /** Timed runs after the warm-up; their median gives the speed. */
    public static final int TIMED_REPETITIONS = 5;

    /** Most wall time of the timed runs together, seconds (shots whose steps are long). */
    public static final double MAX_TIMED_SECONDS = 3;

    /** Time steps of the first warm-up run. */
    public static final int WARMUP_STEPS = 2;

    /** Two warm-up runs in a row within this many per cent of each other per step: warm. */
    public static final int SETTLED_PERCENT = 10;

    /**
     * The JIT counts as quiet during a run when it compiled for at most this many per cent of the
     * run's wall time (it never stops entirely).
     */
    public static final int QUIET_JIT_PERCENT = 2;

    /** Least stepping time spent warming up before two runs that agree count as warm, seconds. */
    public static final double MIN_WARMUP_SECONDS = 1;

    /**
     * Most stepping time spent warming up, seconds: on an idle machine the kernels settle in
     * about 1.5 s; on a busy one the JIT may need ten times that, and timing before it is done
     * measures C1 code, 30 × slower.
     */
    public static final double MAX_WARMUP_SECONDS = 20;

    /** Most time steps of one run (tiny grids on fast engines). */
    public static final int MAX_STEPS = 4096;

    private EngineSpeed() {
    }

    /**
     * The speed of {@code engine} on {@code shot}.
     *
     * @param shot a shot of the run; at most its own number of steps is run at a time
     * @param runSteps time steps of the whole run (shots × propagations × steps): the warm-up
     *     stops at a quarter of them, so that measuring never costs much of what it measures
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     */
    public static Measured measure(WaveEngine engine, ShotRequest shot, long runSteps, CancellationToken cancel) {
        return measure(engine, shot, runSteps, cancel, new JitActivity());
    }

    /** What a measurement asks of the JIT: {@link JitActivity}, or a script in tests. */
    interface Jit {

        /** Milliseconds spent compiling so far (compilations done), or -1 where the JVM does not say. */
        long compilationMillis();

        /** Whether the engine's code is being compiled or waits to be, now; false where the JVM does not say. */
        boolean compilingEngine();
    }

    /** {@link #measure} asking {@code jit} what the JIT is doing (for tests). */
    static Measured measure(WaveEngine engine, ShotRequest shot, long runSteps, CancellationToken cancel, Jit jit) {
        int most = Math.max(1, Math.min(MAX_STEPS, shot.timing().steps()));
        int steps = Math.min(WARMUP_STEPS, most);
        double warmWall = 0;
        long warmSteps = 0;
        double previous = Double.NaN;
        double perStep;
        boolean settled;
        boolean quietBefore = false;  // the JIT quiet during the warm-up run before the last
        boolean shortRun;  // as good as it gets: the shot's own steps, or a quarter of the run, spent warming up
        long compiled = jit.compilationMillis();
        while (true) {
            RunStats last = engine.model(shortened(shot, steps), ProgressListener.NONE, cancel).stats();
            warmWall += last.wallSeconds();
            warmSteps += last.steps();
            perStep = last.wallSeconds() / Math.max(1, last.steps());
            long compiledNow = jit.compilationMillis();
            boolean jitQuiet = quiet(jit, compiledNow - compiled, last.wallSeconds());
            // The JIT quiet over both runs: one quiet run may be a gap before the kernel's C2 compilation.
            settled = warmWall >= MIN_WARMUP_SECONDS && jitQuiet && quietBefore
                    && Math.abs(perStep - previous) <= SETTLED_PERCENT / 100.0 * previous;
            compiled = compiledNow;
            shortRun = steps == most || warmSteps >= runSteps / 4;
            if (settled || shortRun) {
                settled = true;  // agreed, or the run is short: a quarter of it or its shot's steps spent warming up
                break;
            }
            if (warmWall >= MAX_WARMUP_SECONDS) {
                settled = jitQuiet && quietBefore;
                break;
            }
            quietBefore = jitQuiet;
            previous = perStep;
            // Twice as many steps, but not far past the warm-up's time limit.
            long fits = perStep > 0 ? (long) Math.ceil((MAX_WARMUP_SECONDS - warmWall) / perStep) : most;
            steps = (int) Math.max(1, Math.min(Math.min(most, 2L * steps), fits));
        }
        int minSteps = Math.min(3, most);
        long wanted = perStep > 0 ? Math.round(TARGET_SECONDS / TIMED_REPETITIONS / perStep) : most;
        int timedSteps = (int) Math.max(minSteps, Math.min(most, wanted));
        long fit = perStep > 0 ? (long) Math.floor(MAX_TIMED_SECONDS / (timedSteps * perStep)) : TIMED_REPETITIONS;
        int repetitions = (int) Math.max(1, Math.min(TIMED_REPETITIONS, fit));
        double[] secondsPerStep = new double[repetitions];
        double timedWall = 0;
        long points = 0;
        for (int i = 0; i < repetitions; i++) {
            RunStats timed = engine.model(shortened(shot, timedSteps), ProgressListener.NONE, cancel).stats();
            secondsPerStep[i] = timed.wallSeconds() / Math.max(1, timed.steps());
            timedWall += timed.wallSeconds();
            points = timed.computedPoints();
        }
        // The JIT compiling while the timed runs ran: they may have timed code not yet compiled.
        boolean timedQuiet = quiet(jit, jit.compilationMillis() - compiled, timedWall);
        return new Measured(StepTimes.of(secondsPerStep), points, new WarmUp(warmWall, warmSteps),
                settled && (timedQuiet || shortRun));
    }

    /**
     * Whether the JIT was quiet over a run of {@code wallSeconds}: it finished compilations for
     * at most {@value #QUIET_JIT_PERCENT} % of that time, and none of the engine's is under way or
     * waiting at its end (a long one adds its time only when it is done).
     */
    private static boolean quiet(Jit jit, long compiledMillis, double wallSeconds) {
        return compiledMillis <= QUIET_JIT_PERCENT / 100.0 * 1e3 * wallSeconds && !jit.compilingEngine();
    }

    /** {@code shot} with only its first {@code steps} time steps (same dt), output every step. */
    public static ShotRequest shortened(ShotRequest shot, int steps) {
        double dt = shot.timing().dtS();
        TimeStepping t = new TimeStepping(dt, steps, new Sampling(steps, dt, 0));
        return new ShotRequest(shot.model(), shot.physics(), shot.source(), shot.wavelet(), shot.receivers(), t);
    }
}
