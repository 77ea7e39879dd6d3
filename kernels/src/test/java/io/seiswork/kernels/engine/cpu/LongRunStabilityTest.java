package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Long runs stay stable: after the wave has left a small model through the C-PML, the field
 * decays to a tiny fraction of its peak and does not grow again (late-time PML instability would
 * show as growth). Strong contrast next to the layer, at the default CFL safety.
 */
class LongRunStabilityTest {

    @ParameterizedTest(name = "{0}D, {1} steps, free surface {2}")
    @CsvSource({"2, 12000, false", "2, 12000, true", "3, 1500, false"})
    void fieldDecaysAndStaysSmallAfterTheWaveHasLeft(int dims, int steps, boolean freeSurface) {
        Grid g = dims == 2 ? Grid.of2d(81, 61, 10) : Grid.of3d(31, 31, 31, 10);
        float[] v = new float[g.points()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i / g.nz()) % 2 == 0 && i % g.nz() > g.nz() / 2 ? 4500f : 1500f;
        }
        VelocityModel model = new VelocityModel(g, v);
        PhysicsOptions physics = PhysicsOptions.defaults().withFreeSurface(freeSurface);
        double dt = 0.8 * TimeStepping.maxStableDtS(model, 8);
        RickerWavelet w = new RickerWavelet(15, 1.5 / 15);
        try (WorkerPool pool = new WorkerPool(2)) {
            Propagator p = new Propagator(model, physics, dt, 15, pool);
            PointSpread s = p.spread(new Position(g.dx() * (g.nx() / 2), g.dy() * (g.ny() / 2), 30));
            double peak = 0;
            double late = 0;
            double lateMax = 0;
            for (int n = 0; n < steps; n++) {
                p.step();
                p.inject(s, (float) w.amplitude(n * dt));
                if (n % 50 == 0 || n == steps - 1) {
                    double now = Traces.peak(p.current());
                    peak = Math.max(peak, now);
                    if (n > steps / 2) {
                        lateMax = Math.max(lateMax, now);
                    }
                    late = now;
                }
            }
            System.out.printf("stability %dD fs %b: peak %.3e, max |p| in 2nd half %.3e, final %.3e%n", dims,
                    freeSurface, peak, lateMax, late);
            assertTrue(Double.isFinite(lateMax) && lateMax < 1e-3 * peak,
                    "field did not decay: " + lateMax + " vs peak " + peak);
        }
    }
}
