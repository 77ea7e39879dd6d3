package io.seiswork.kernels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            RunStats timed = engine.stats.get(engine.stats.size() - 1);
            assertEquals(timed.gptsPerSecond(), m.gptsPerSecond(), 1e-12);
            long warmSteps = 0;
            for (int i = 0; i < engine.asked.size(); i++) {
                ShotRequest r = engine.asked.get(i);
                assertEquals(shot.model(), r.model());
                assertEquals(shot.source(), r.source());
                assertEquals(shot.receivers(), r.receivers());
                assertEquals(shot.timing().dtS(), r.timing().dtS());
                assertTrue(r.timing().steps() <= 400, "never beyond the shot's own steps");
                if (i < engine.asked.size() - 1) {
                    // Warm-up runs double until one reaches a quarter of the run (100 steps).
                    assertEquals(EngineSpeed.WARMUP_STEPS << i, r.timing().steps());
                    assertTrue(warmSteps < 100, "a warm-up run after the quarter was used up");
                    warmSteps += r.timing().steps();
                }
            }
        }
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
