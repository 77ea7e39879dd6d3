package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flat interface between 2000 and 3000 m/s: the reflected wave (two-layer run minus the
 * homogeneous run) against R times the wave of the image source at the path length, R =
 * (v2 − v1) / (v2 + v1) = 0.2 at normal incidence.
 */
class TwoLayerReflectionTest {

    @Test
    void reflectionHasTheTravelTimeOfTheReflectorAndTheNormalIncidenceCoefficient() {
        double v1 = 2000;
        double v2 = 3000;
        double h = 5;
        RickerWavelet w = new RickerWavelet(25, 1.5 / 25);
        Grid g = Grid.of3d(61, 61, 81, h);
        int interfaceIndex = 60;                         // nodes iz >= 60 are in layer 2
        double interfaceZ = (interfaceIndex - 0.5) * h;  // halfway between the last v1 and first v2 node
        float[] vel = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    vel[g.index(ix, iy, iz)] = (float) (iz < interfaceIndex ? v1 : v2);
                }
            }
        }
        Position src = new Position(150, 150, 100);
        Position rec = new Position(150, 150, 100);
        Sampling out = new Sampling(301, 0.001, 0);
        PhysicsOptions physics = PhysicsOptions.defaults();
        ShotRecord layered = Shots.run(new VelocityModel(g, vel), physics, src, w, List.of(rec), out, 0.8);
        ShotRecord homogeneous = Shots.run(VelocityModel.constant(g, (float) v1), physics, src, w, List.of(rec),
                out, 0.8);
        float[] reflected = Traces.minus(layered.trace(0), homogeneous.trace(0));
        double path = 2 * (interfaceZ - src.z());
        float[] image = AnalyticGreen.trace(true, w, path, v1, out);
        double r = (v2 - v1) / (v2 + v1);
        int lag = Traces.bestLag(reflected, image, 20);
        double measured = Traces.peak(reflected) / Traces.peak(image)
                * Math.signum(reflected[Traces.peakIndex(reflected)]) * Math.signum(image[Traces.peakIndex(image)]);
        double error = Math.abs(measured - r) / r;
        System.out.printf("two-layer: reflection coefficient %.4f (expected %.4f, error %.2f %%), time lag %d samples"
                + " of 1 ms at t = %.1f ms%n", measured, r, 100 * error, lag, 1e3 * (path / v1 + w.delayS()));
        assertTrue(Math.abs(lag) <= 1, "reflection arrives " + lag + " ms off the reflector's travel time");
        assertTrue(error < 0.05, "reflection coefficient " + measured + " vs " + r);
    }
}
