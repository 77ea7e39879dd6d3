package io.seiswork.kernels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.cpu.CpuBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveEnginesTest {

    @Test
    void modelsAShotWithTheResolvedTimingAndReportsItsCost() {
        VelocityModel model = VelocityModel.constant(Grid.of2d(81, 61, 10), 2000f);
        Sampling out = new Sampling(101, 0.004, 0);
        PhysicsOptions physics = PhysicsOptions.defaults();
        TimeStepping timing = WaveEngines.resolveTiming(model, physics, out);
        try (WaveEngine engine = WaveEngines.create("auto")) {
            ShotRecord r = WaveEngines.modelShot(engine, model, new Position(400, 0, 100),
                    List.of(new Position(200, 0, 100), new Position(600, 0, 100), new Position(400, 0, 500)),
                    RickerWavelet.of(10), physics, out, ProgressListener.NONE, CancellationToken.none());
            assertEquals(3, r.receivers());
            assertEquals(out.count(), r.trace(0).length);
            assertEquals(timing.steps(), r.stats().steps());
            assertEquals(timing.dtS(), r.stats().dtS());
            assertTrue(r.stats().gptsPerSecond() > 0);
            // Symmetric receivers record the same trace.
            for (int i = 0; i < out.count(); i++) {
                assertEquals(r.trace(0)[i], r.trace(1)[i], 1e-6 * Math.abs(r.trace(0)[i]) + 1e-12);
            }
        }
    }

    @Test
    void unknownEngineKindsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WaveEngines.create("gpu"));
        assertTrue(e.getMessage().contains("gpu"), e.getMessage());
    }

    @Test
    void receiversOutsideTheGridAreRejectedNamingThem() {
        VelocityModel model = VelocityModel.constant(Grid.of2d(11, 11, 10), 2000f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShotRequest.of(model,
                PhysicsOptions.defaults(), new Position(50, 0, 50), RickerWavelet.of(10),
                List.of(new Position(50, 0, 150)), new Sampling(10, 0.004, 0)));
        assertTrue(e.getMessage().contains("receiver 0"), e.getMessage());
    }

    @Test
    void benchmarkReportsThroughput() {
        CpuBenchmark.Result r = CpuBenchmark.run(32, 4, 8, 2, true);
        assertTrue(r.gptsPerSecond() > 0);
        assertTrue(r.gridPoints() >= 32L * 32 * 32);
    }
}
