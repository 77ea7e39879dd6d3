package io.seiswork.kernels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Measuring an engine for a run-time estimate ({@link EngineSpeed}) runs the run's own shot, cut
 * short, and stops warming up at a quarter of the run's steps: measuring never costs much of what
 * it measures. The figure is the engine's own throughput of the timed run.
 */
class EngineSpeedTest {

    /** Passes shots to the CPU engine and keeps what it was asked to run. */
    private static final class Recording implements WaveEngine {
        final CpuWaveEngine cpu = new CpuWaveEngine(1);
        final List<ShotRequest> asked = new ArrayList<>();
        final List<RunStats> stats = new ArrayList<>();

        @Override
        public ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel) {
            asked.add(request);
            ShotRecord r = cpu.model(request, progress, cancel);
            stats.add(r.stats());
            return r;
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

    private static ShotRequest shot(int steps) {
        Grid g = Grid.of2d(60, 40, 10);
        VelocityModel v = VelocityModel.constant(g, 2000f);
        double dt = 0.8 * TimeStepping.maxStableDtS(v, 8);
        List<Position> receivers = List.of(new Position(100, 0, 20), new Position(400, 0, 20));
        return new ShotRequest(v, PhysicsOptions.defaults(), new Position(300, 0, 200), new RickerWavelet(15, 0.08),
                receivers, new TimeStepping(dt, steps, new Sampling(steps / 4, 4 * dt, 0)));
    }

    @Test
    void theShotIsCutShortAndTheWarmUpStopsAtAQuarterOfTheRun() {
        ShotRequest shot = shot(400);
        try (Recording engine = new Recording()) {
            EngineSpeed.Measured m = EngineSpeed.measure(engine, shot, 400, CancellationToken.none());
            assertTrue(m.gptsPerSecond() > 0 && m.warmupSeconds() >= 0, m.toString());
            assertTrue(m.settled(), "a quarter of a short run spent warming up: as good as it gets");
            double[] timed = new double[EngineSpeed.TIMED_REPETITIONS];
            for (int i = 0; i < timed.length; i++) {
                timed[i] = engine.stats.get(engine.asked.size() - timed.length + i).gptsPerSecond();
            }
            java.util.Arrays.sort(timed);
            assertEquals(timed[timed.length / 2], m.gptsPerSecond(), 1e-9 * timed[0], "the median of the timed runs");
            assertEquals(timed[0], m.slowestGptsPerSecond(), 1e-9 * timed[0]);
            assertEquals(timed[timed.length - 1], m.fastestGptsPerSecond(), 1e-9 * timed[0]);
            long warmSteps = 0;
            for (int i = 0; i < engine.asked.size(); i++) {
                ShotRequest r = engine.asked.get(i);
                assertEquals(shot.model(), r.model());
                assertEquals(shot.source(), r.source());
                assertEquals(shot.receivers(), r.receivers());
                assertEquals(shot.timing().dtS(), r.timing().dtS());
                assertTrue(r.timing().steps() <= 400, "never beyond the shot's own steps");
                if (i < engine.asked.size() - EngineSpeed.TIMED_REPETITIONS) {
                    // Warm-up runs double until one reaches a quarter of the run (100 steps).
                    assertEquals(EngineSpeed.WARMUP_STEPS << i, r.timing().steps());
                    assertTrue(warmSteps < 100, "a warm-up run after the quarter was used up");
                    warmSteps += r.timing().steps();
                }
            }
        }
    }

    /**
     * Reports made-up times: {@code secondsPerStep} of the call's index, so that the warm-up runs
     * and each timed run have a speed the test chose.
     */
    private static final class Scripted implements WaveEngine {
        final IntToDoubleFunction secondsPerStep;
        final List<RunStats> stats = new ArrayList<>();

        Scripted(IntToDoubleFunction secondsPerStep) {
            this.secondsPerStep = secondsPerStep;
        }

        @Override
        public ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel) {
            cancel.throwIfCancelled("start");
            int steps = request.timing().steps();
            RunStats s = new RunStats(steps, request.timing().dtS(), 1_000_000,
                    steps * secondsPerStep.applyAsDouble(stats.size()));
            stats.add(s);
            return new ShotRecord(new float[0][steps], request.timing().outputS(), s);
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }

    /** Warm-up: four runs at 30 ms a step (compiling, the JIT busy), then 1 ms a step ± 4 %, the JIT quiet. */
    private static double warming(int call) {
        return call < 4 ? 30e-3 : 1e-3 * (1 + 0.04 * (call % 3 - 1));
    }

    /** A JIT that says only how long it has compiled, from {@code millis}: never a compilation under way. */
    private static EngineSpeed.Jit compiled(LongSupplier millis) {
        return new EngineSpeed.Jit() {
            @Override
            public long compilationMillis() {
                return millis.getAsLong();
            }

            @Override
            public boolean compilingEngine() {
                return false;
            }
        };
    }

    private static EngineSpeed.Jit jitBusyFor(Scripted engine, int calls) {
        long[] ms = {0};
        return compiled(() -> engine.stats.size() <= calls ? ms[0] += 1000 : ms[0]);
    }

    /** How many warm-up runs {@code script} takes with the JIT busy for its first {@code busyCalls} calls (it is deterministic). */
    private static int warmUpRuns(IntToDoubleFunction script, int busyCalls) {
        Scripted probe = new Scripted(script);
        EngineSpeed.measure(probe, shot(100_000), 10_000_000, CancellationToken.none(), jitBusyFor(probe, busyCalls));
        return probe.stats.size() - EngineSpeed.TIMED_REPETITIONS;
    }

    @Test
    void theSpeedIsTheMedianTimedRunNotTheFastestNorTheLastWarmUpRun() {
        int warmRuns = warmUpRuns(EngineSpeedTest::warming, 4);
        assertTrue(warmRuns > 4, "warm-up runs " + warmRuns);
        // The same again, with timed runs that vary: the third is the fastest, the first the median.
        double[] timed = {1.10e-3, 1.30e-3, 0.90e-3, 1.20e-3, 1.05e-3};
        Scripted engine = new Scripted(i -> i >= warmRuns ? timed[i - warmRuns] : warming(i));
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(100_000), 10_000_000, CancellationToken.none(),
                jitBusyFor(engine, 4));
        assertEquals(warmRuns + EngineSpeed.TIMED_REPETITIONS, engine.stats.size());
        assertEquals(1e6 / 1.10e-3 / 1e9, m.gptsPerSecond(), 1e-9, "the median timed run (1.10 ms a step)");
        assertEquals(1e6 / 0.90e-3 / 1e9, m.fastestGptsPerSecond(), 1e-9);
        assertEquals(1e6 / 1.30e-3 / 1e9, m.slowestGptsPerSecond(), 1e-9);
        double lastWarm = engine.stats.get(warmRuns - 1).gptsPerSecond();
        assertTrue(Math.abs(lastWarm - m.gptsPerSecond()) > 0.05, "not the last warm-up run: " + lastWarm);
        // Start-up: the warm-up's time beyond its steps at the median speed, most of it the compiling
        // runs' 2 + 4 + 8 + 16 steps at 30 ms.
        double warmWall = 0;
        long warmSteps = 0;
        for (int i = 0; i < warmRuns; i++) {
            warmWall += engine.stats.get(i).wallSeconds();
            warmSteps += engine.stats.get(i).steps();
        }
        assertEquals(warmWall - warmSteps * 1.10e-3, m.warmupSeconds(), 1e-9, m.toString());
        assertTrue(m.warmupSeconds() > 0.9 * 30 * (30e-3 - 1.1e-3), m.toString());
        assertTrue(m.settled(), "two warm-up runs agreed while the JIT was quiet");
    }

    /**
     * A busy machine, the JIT done: every warm-up run at 1 ms a step, and one of the timed runs
     * catches a quiet burst at 0.2 ms. Neither the speed nor the start-up follows the burst: taken
     * as the speed it made the estimate 5 × short, and the warm-up's time beyond it 0.8 of the
     * warm-up counted as start-up that no run pays.
     */
    @Test
    void aQuietBurstInTheTimedRunsIsNotTheSpeedAndMakesNoStartUp() {
        IntToDoubleFunction steady = i -> 1e-3;
        int warmRuns = warmUpRuns(steady, 0);
        double[] timed = {1.0e-3, 1.2e-3, 0.2e-3, 0.9e-3, 1.1e-3};
        Scripted engine = new Scripted(i -> i >= warmRuns ? timed[i - warmRuns] : 1e-3);
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(100_000), 10_000_000, CancellationToken.none(),
                compiled(() -> 0L));
        assertEquals(1.0, m.gptsPerSecond(), 1e-9, "1e6 points a step at the median 1 ms");
        assertEquals(5.0, m.fastestGptsPerSecond(), 1e-9, "the burst: 0.2 ms a step");
        assertEquals(1 / 1.2, m.slowestGptsPerSecond(), 1e-9);
        assertEquals(0, m.warmupSeconds(), 1e-9, "the warm-up ran at the median speed: no start-up to pay");
        assertTrue(m.settled(), m.toString());
    }

    /**
     * The audit's 3D case at a load of 10: the kernel still C1 code at the warm-up's time limit,
     * its last two runs agreeing (365 ms a step), the JIT busy until the last. One quiet run is no
     * sign that the kernel was compiled (its C2 compilation came later): not settled.
     */
    @Test
    void twoAgreeingRunsAreNotSettledUnlessTheJitWasQuietOverBoth() {
        // 10 ms a step: runs of 2 to 512 steps, then 978 that end at 20 s; the JIT busy over all but that last one.
        Scripted engine = new Scripted(i -> 10e-3);
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(1_000_000), 100_000_000, CancellationToken.none(),
                jitBusyFor(engine, 9));
        assertEquals(10 + EngineSpeed.TIMED_REPETITIONS, engine.stats.size(), "warmed up to the time limit");
        assertFalse(m.settled(), "the JIT quiet over one run only: the code timed may not have been compiled");
    }

    /** A JIT that compiled nothing more, and has the engine's code under way while {@code underWay} says so. */
    private static EngineSpeed.Jit compiling(java.util.function.BooleanSupplier underWay) {
        return new EngineSpeed.Jit() {
            @Override
            public long compilationMillis() {
                return 0;
            }

            @Override
            public boolean compilingEngine() {
                return underWay.getAsBoolean();
            }
        };
    }

    /**
     * A C2 compilation of the kernel under way for longer than the last warm-up runs and the timed
     * runs together (its thread waiting for a core on a busy machine): the compilation time does
     * not move until it is done, yet the JIT is not quiet. Once it is done the warm-up settles.
     */
    @Test
    void anEngineCompilationUnderWayIsNotQuietThoughNoTimeWasAdded() {
        // Half-compiled code, agreeing with itself at 5 ms a step; the compilation ends after call 9.
        Scripted engine = new Scripted(i -> i < 10 ? 5e-3 : 1e-3);
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(1_000_000), 100_000_000, CancellationToken.none(),
                compiling(() -> engine.stats.size() < 10));
        assertTrue(engine.stats.size() > 10 + EngineSpeed.TIMED_REPETITIONS, "warmed up past the compilation");
        assertEquals(1.0, m.gptsPerSecond(), 1e-9, "timed on the compiled code: 1e6 points at 1 ms a step");
        assertTrue(m.settled(), m.toString());
        // Never done within the warm-up's limit: not settled.
        EngineSpeed.Measured never = EngineSpeed.measure(new Scripted(i -> 5e-3), shot(1_000_000), 100_000_000,
                CancellationToken.none(), compiling(() -> true));
        assertFalse(never.settled(), never.toString());
    }

    /** HotSpot's compile queue, as {@code Compiler.queue} prints it: the engine's methods count, others do not. */
    @Test
    void theCompileQueueNamesTheEnginesMethods() {
        String others = """
                Current compiles:
                C2 CompilerThread0  1521   !   4       com.sun.tools.javac.jvm.ClassReader::classSigToType (530 bytes)

                C1 compile queue:
                Empty

                C2 compile queue:
                1462       4       io.seiswork.app.desktop.ProjectWindow::refresh (13 bytes)
                """;
        assertFalse(JitActivity.namesEngine(others));
        assertTrue(JitActivity.namesEngine(others.replace("com.sun.tools.javac.jvm.ClassReader",
                "io.seiswork.kernels.engine.cpu.VectorLayerKernel")));
        assertTrue(JitActivity.namesEngine(others + "1917 %     4       io.seiswork.core.grid.Grid::index @ 4 (41 bytes)\n"));
    }

    /** The JIT compiling while the timed runs ran (the kernel reaching C2 only then): not settled. */
    @Test
    void theJitCompilingDuringTheTimedRunsLeavesItUnsettled() {
        int warmRuns = warmUpRuns(EngineSpeedTest::warming, 4);
        Scripted engine = new Scripted(EngineSpeedTest::warming);
        long[] ms = {0};
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(100_000), 10_000_000, CancellationToken.none(),
                compiled(() -> engine.stats.size() <= 4 || engine.stats.size() > warmRuns ? ms[0] += 1000 : ms[0]));
        assertEquals(warmRuns + EngineSpeed.TIMED_REPETITIONS, engine.stats.size(), "the same warm-up");
        assertFalse(m.settled(), m.toString());
    }

    @Test
    void aWarmUpThatNeverSettlesStopsAtItsTimeLimitAndIsNotTimed() {
        // The JIT never quiet (a busy machine): the warm-up goes on to MAX_WARMUP_SECONDS of stepping,
        // not to the old 4 s, and the timed runs after it give the speed even if the warm-up was slow.
        // 10 ms a step: runs of 2 to 512 steps, then 978 that end at 20 s, then the timed runs at 0.5 ms.
        Scripted engine = new Scripted(i -> i < 10 ? 10e-3 : 0.5e-3);
        long[] jit = {0};
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(1_000_000), 100_000_000, CancellationToken.none(),
                compiled(() -> jit[0] += 1_000_000));
        double warmWall = 0;
        for (int i = 0; i < engine.stats.size() - EngineSpeed.TIMED_REPETITIONS; i++) {
            warmWall += engine.stats.get(i).wallSeconds();
        }
        assertEquals(10 + EngineSpeed.TIMED_REPETITIONS, engine.stats.size());
        assertTrue(warmWall >= 0.999 * EngineSpeed.MAX_WARMUP_SECONDS && warmWall < 1.01 * EngineSpeed.MAX_WARMUP_SECONDS,
                "warm-up stepping " + warmWall + " s");
        assertEquals(1e6 / 0.5e-3 / 1e9, m.gptsPerSecond(), 1e-9);
        assertFalse(m.settled(), "the JIT never quiet: the speed may be of code still compiling");
    }

    @Test
    void aWarmUpWhoseTimingsNeverAgreeWithTheJitQuietCountsAsSettled() {
        // Another program disturbs every other run (10 ms and 20 ms a step), the JIT idle: the time
        // limit ends the warm-up, and measuring again would not do better, so it is not flagged.
        Scripted engine = new Scripted(i -> i % 2 == 0 ? 10e-3 : 20e-3);
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(1_000_000), 100_000_000, CancellationToken.none(),
                compiled(() -> 0L));
        double warmWall = 0;
        for (int i = 0; i < engine.stats.size() - EngineSpeed.TIMED_REPETITIONS; i++) {
            warmWall += engine.stats.get(i).wallSeconds();
        }
        assertTrue(warmWall >= 0.999 * EngineSpeed.MAX_WARMUP_SECONDS, "warm-up stepping " + warmWall + " s");
        assertTrue(m.settled(), "the JIT quiet: the speed is as good as this machine gives");
    }

    @Test
    void aCancelledMeasurementStops() {
        CancellationToken cancelled = CancellationToken.none();
        cancelled.cancel();
        try (Recording engine = new Recording()) {
            assertThrows(CancelledException.class, () -> EngineSpeed.measure(engine, shot(50), 50, cancelled));
        }
    }
}
