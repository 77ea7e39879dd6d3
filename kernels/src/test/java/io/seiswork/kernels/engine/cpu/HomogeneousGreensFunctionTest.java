package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Homogeneous media against the analytic Green's functions of the physics convention: arrival
 * time and amplitude together through the relative L2 misfit of whole traces, at several offsets
 * and directions, with the grid at 6.4–6.7 points per minimum wavelength (v / 2.5 f0).
 */
class HomogeneousGreensFunctionTest {

    @Test
    void twoDimensionalTracesMatchTheAnalyticGreensFunction() {
        double v = 2000;
        double h = 8;                        // λmin = 2000 / 37.5 = 53.3 m: 6.7 points
        RickerWavelet w = new RickerWavelet(15, 1.5 / 15);
        Grid g = Grid.of2d(201, 201, h);
        VelocityModel model = VelocityModel.constant(g, (float) v);
        Position src = new Position(800, 0, 800);
        List<Position> rec = List.of(new Position(1000, 0, 800), new Position(1080, 0, 1080),
                new Position(800, 0, 400), new Position(480, 0, 880));
        Sampling out = new Sampling(351, 0.002, 0);
        ShotRecord r = Shots.run(model, PhysicsOptions.defaults(), src, w, rec, out, 0.8);
        for (int i = 0; i < rec.size(); i++) {
            double dist = src.distanceTo(rec.get(i));
            float[] ana = AnalyticGreen.trace(false, w, dist, v, out);
            double misfit = Misfit.relativeL2(r.trace(i), ana);
            System.out.printf("2D homogeneous, offset %.1f m: misfit %.3f %%, peak num %.4e ana %.4e%n", dist,
                    100 * misfit, Traces.peak(r.trace(i)), Traces.peak(ana));
            assertTrue(misfit < 0.02, "2D misfit at " + dist + " m = " + misfit);
        }
    }

    @Test
    void offGridSourceAndReceiversMatchTheAnalyticGreensFunction() {
        double v = 2000;
        RickerWavelet w = new RickerWavelet(15, 1.5 / 15);
        VelocityModel model = VelocityModel.constant(Grid.of2d(201, 201, 8), (float) v);
        Position src = new Position(803.1, 0, 797.4);
        List<Position> rec = List.of(new Position(1003.7, 0, 811.3), new Position(642.2, 0, 555.5));
        Sampling out = new Sampling(301, 0.002, 0);
        ShotRecord r = Shots.run(model, PhysicsOptions.defaults(), src, w, rec, out, 0.8);
        for (int i = 0; i < rec.size(); i++) {
            double dist = src.distanceTo(rec.get(i));
            double misfit = Misfit.relativeL2(r.trace(i), AnalyticGreen.trace(false, w, dist, v, out));
            System.out.printf("2D homogeneous, off-grid source and receiver, offset %.1f m: misfit %.3f %%%n", dist,
                    100 * misfit);
            assertTrue(misfit < 0.02, "off-grid misfit at " + dist + " m = " + misfit);
        }
    }

    @Test
    void unequalSpacingsAlongXAndZMatchTheAnalyticGreensFunction() {
        double v = 2000;
        RickerWavelet w = new RickerWavelet(15, 1.5 / 15);
        VelocityModel model = VelocityModel.constant(new Grid(201, 1, 251, 8, 8, 6), (float) v);
        Position src = new Position(800, 0, 750);
        List<Position> rec = List.of(new Position(1040, 0, 750), new Position(800, 0, 450),
                new Position(1000, 0, 900));
        Sampling out = new Sampling(301, 0.002, 0);
        ShotRecord r = Shots.run(model, PhysicsOptions.defaults(), src, w, rec, out, 0.8);
        for (int i = 0; i < rec.size(); i++) {
            double dist = src.distanceTo(rec.get(i));
            double misfit = Misfit.relativeL2(r.trace(i), AnalyticGreen.trace(false, w, dist, v, out));
            System.out.printf("2D homogeneous, dx = 8 m, dz = 6 m, offset %.1f m: misfit %.3f %%%n", dist,
                    100 * misfit);
            assertTrue(misfit < 0.02, "misfit at " + dist + " m with dx != dz = " + misfit);
        }
    }

    @Test
    void threeDimensionalTracesMatchTheAnalyticGreensFunction() {
        double v = 2000;
        double h = 5;                        // λmin = 2000 / 62.5 = 32 m: 6.4 points
        RickerWavelet w = new RickerWavelet(25, 1.5 / 25);
        Grid g = Grid.of3d(81, 81, 81, h);
        VelocityModel model = VelocityModel.constant(g, (float) v);
        Position src = new Position(150, 200, 150);
        List<Position> rec = List.of(new Position(250, 200, 150), new Position(150, 200, 300),
                new Position(250, 300, 250), new Position(50, 150, 150));
        Sampling out = new Sampling(201, 0.001, 0);
        ShotRecord r = Shots.run(model, PhysicsOptions.defaults(), src, w, rec, out, 0.8);
        for (int i = 0; i < rec.size(); i++) {
            double dist = src.distanceTo(rec.get(i));
            float[] ana = AnalyticGreen.trace(true, w, dist, v, out);
            double misfit = Misfit.relativeL2(r.trace(i), ana);
            System.out.printf("3D homogeneous, offset %.1f m: misfit %.3f %%, peak num %.4e ana %.4e%n", dist,
                    100 * misfit, Traces.peak(r.trace(i)), Traces.peak(ana));
            assertTrue(misfit < 0.02, "3D misfit at " + dist + " m = " + misfit);
        }
    }
}
