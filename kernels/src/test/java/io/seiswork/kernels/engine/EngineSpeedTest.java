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
            double best = 0;
            for (int i = engine.asked.size() - EngineSpeed.TIMED_REPETITIONS; i < engine.asked.size(); i++) {
                best = Math.max(best, engine.stats.get(i).gptsPerSecond());
            }
            assertEquals(best, m.gptsPerSecond(), 1e-12, "the best of the timed runs");
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

    private static LongSupplier jitBusyFor(Scripted engine, int calls) {
        long[] ms = {0};
        return () -> engine.stats.size() <= calls ? ms[0] += 1000 : ms[0];
    }

    @Test
    void theSpeedIsTheBestTimedRunNotTheLastWarmUpRun() {
        ShotRequest shot = shot(100_000);
        // A first measurement finds how many warm-up runs this script takes (it is deterministic).
        Scripted probe = new Scripted(EngineSpeedTest::warming);
        EngineSpeed.measure(probe, shot, 10_000_000, CancellationToken.none(), jitBusyFor(probe, 4));
        int warmRuns = probe.stats.size() - EngineSpeed.TIMED_REPETITIONS;
        assertTrue(warmRuns > 4, "warm-up runs " + warmRuns);
        // The same again, with timed runs that vary: the third is the fastest.
        double[] timed = {1.10e-3, 1.30e-3, 0.90e-3, 1.20e-3, 1.05e-3};
        Scripted engine = new Scripted(i -> i >= warmRuns ? timed[i - warmRuns] : warming(i));
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot, 10_000_000, CancellationToken.none(),
                jitBusyFor(engine, 4));
        assertEquals(warmRuns + EngineSpeed.TIMED_REPETITIONS, engine.stats.size());
        assertEquals(1e6 / 0.90e-3 / 1e9, m.gptsPerSecond(), 1e-9, "the fastest timed run (0.90 ms a step)");
        double lastWarm = engine.stats.get(warmRuns - 1).gptsPerSecond();
        assertTrue(Math.abs(lastWarm - m.gptsPerSecond()) > 0.05, "not the last warm-up run: " + lastWarm);
        // The compiling runs count as start-up: 2 + 4 + 8 + 16 steps at 30 ms, less those steps at speed.
        assertTrue(m.warmupSeconds() > 30 * (30e-3 - 0.9e-3) * 0.99, m.toString());
        assertTrue(m.settled(), "two warm-up runs agreed while the JIT was quiet");
    }

    @Test
    void aWarmUpThatNeverSettlesStopsAtItsTimeLimitAndIsNotTimed() {
        // The JIT never quiet (a busy machine): the warm-up goes on to MAX_WARMUP_SECONDS of stepping,
        // not to the old 4 s, and the timed runs after it give the speed even if the warm-up was slow.
        // 10 ms a step: runs of 2 to 512 steps, then 978 that end at 20 s, then the timed runs at 0.5 ms.
        Scripted engine = new Scripted(i -> i < 10 ? 10e-3 : 0.5e-3);
        long[] jit = {0};
        EngineSpeed.Measured m = EngineSpeed.measure(engine, shot(1_000_000), 100_000_000, CancellationToken.none(),
                () -> jit[0] += 1_000_000);
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
                () -> 0L);
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
