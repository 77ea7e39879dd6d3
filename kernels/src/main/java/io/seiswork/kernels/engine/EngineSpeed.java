package io.seiswork.kernels.engine;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

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
 *       JIT all but idle while it ran, after at least {@value #MIN_WARMUP_SECONDS} s (half-compiled
 *       steps agree with each other too: 23 ms twice in a row on a 101 × 81 × 61 grid, against
 *       2.7 ms compiled), or
 *   <li>reaches the shot's own steps, {@value #MAX_WARMUP_SECONDS} s of stepping, or a quarter of
 *       the run's steps.
 * </ul>
 * Then {@value #TIMED_REPETITIONS} timed runs of about {@value #TARGET_SECONDS} s together, and
 * the best of them gives the speed (its time loop only, set-up excluded, as every throughput
 * Seiswork reports): never a warm-up run, whose code may still be compiling, and not a run that
 * another program's burst slowed down. What the warm-up took beyond that speed is the start-up a
 * run in this JVM still pays.
 *
 * <p>Before, the warm-up stopped at 4 s and its last run was taken as the timing: on a busy
 * 2-core machine that timed C1 code, 30 × slower, and estimated 42 minutes for a run of 21 s.
 *
 * @see Measured
 */
public final class EngineSpeed {

    /**
     * @param gptsPerSecond billions of computed grid-point updates per second (absorbing layers
     *     included) once the engine runs at full speed
     * @param warmupSeconds the seconds the warm-up took beyond that speed (the JIT compiling the
     *     CPU kernels): what a run starting now in this JVM pays once; 0 when it was warm already
     * @param settled false when the warm-up reached {@link #MAX_WARMUP_SECONDS} with the JIT still
     *     compiling during its last run: the code timed may not have been compiled yet (a desktop
     *     just started, its JIT busy with the window, on a loaded machine), so the speed may be
     *     many times low, and measuring again later gives the real one. True when the warm-up
     *     settled, or ran out of time with the JIT quiet (timings another program disturbs: a
     *     second measurement would not do better)
     */
    public record Measured(double gptsPerSecond, double warmupSeconds, boolean settled) {
    }

    /** Wall time the timed runs aim at together, seconds. */
    public static final double TARGET_SECONDS = 0.4;

    /** Timed runs after the warm-up; the fastest gives the speed. */
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
        return measure(engine, shot, runSteps, cancel, EngineSpeed::compilationMillis);
    }

    /** {@link #measure} with the JIT's compilation time read from {@code jitMillis} (for tests). */
    static Measured measure(WaveEngine engine, ShotRequest shot, long runSteps, CancellationToken cancel,
            LongSupplier jitMillis) {
        int most = Math.max(1, Math.min(MAX_STEPS, shot.timing().steps()));
        int steps = Math.min(WARMUP_STEPS, most);
        double warmWall = 0;
        long warmSteps = 0;
        double previous = Double.NaN;
        double perStep;
        boolean settled;
        long compiled = jitMillis.getAsLong();
        while (true) {
            RunStats last = engine.model(shortened(shot, steps), ProgressListener.NONE, cancel).stats();
            warmWall += last.wallSeconds();
            warmSteps += last.steps();
            perStep = last.wallSeconds() / Math.max(1, last.steps());
            long compiledNow = jitMillis.getAsLong();
            boolean jitQuiet = compiledNow - compiled <= QUIET_JIT_PERCENT / 100.0 * 1e3 * last.wallSeconds();
            settled = warmWall >= MIN_WARMUP_SECONDS && jitQuiet
                    && Math.abs(perStep - previous) <= SETTLED_PERCENT / 100.0 * previous;
            compiled = compiledNow;
            if (settled || steps == most || warmSteps >= runSteps / 4) {
                settled = true;  // agreed, or the run is short: a quarter of it or its shot's steps spent warming up
                break;
            }
            if (warmWall >= MAX_WARMUP_SECONDS) {
                settled = jitQuiet;
                break;
            }
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
        RunStats best = null;
        for (int i = 0; i < repetitions; i++) {
            RunStats timed = engine.model(shortened(shot, timedSteps), ProgressListener.NONE, cancel).stats();
            if (best == null || timed.gptsPerSecond() > best.gptsPerSecond()) {
                best = timed;
            }
        }
        double secondsPerStep = best.wallSeconds() / Math.max(1, best.steps());
        return new Measured(Math.max(0, best.gptsPerSecond()), Math.max(0, warmWall - warmSteps * secondsPerStep),
                settled);
    }

    /**
     * Milliseconds the JIT has spent compiling so far, or -1 where the JVM does not say: a run
     * during which it did not move ran code that was already compiled.
     */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** {@code shot} with only its first {@code steps} time steps (same dt), output every step. */
    public static ShotRequest shortened(ShotRequest shot, int steps) {
        double dt = shot.timing().dtS();
        TimeStepping t = new TimeStepping(dt, steps, new Sampling(steps, dt, 0));
        return new ShotRequest(shot.model(), shot.physics(), shot.source(), shot.wavelet(), shot.receivers(), t);
    }
}
