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
 * Source–receiver reciprocity G(B, A) = G(A, B) of the constant-density acoustic equation, in a
 * heterogeneous model (gradient, a fast lens, a slow layer) with both points off the grid nodes.
 */
class ReciprocityTest {

    @Test
    void swappingSourceAndReceiverGivesTheSameTrace() {
        Grid g = Grid.of2d(161, 121, 8);
        float[] v = new float[g.points()];
        for (int ix = 0; ix < g.nx(); ix++) {
            for (int iz = 0; iz < g.nz(); iz++) {
                double x = ix * g.dx();
                double z = iz * g.dz();
                double vel = 1800 + 0.8 * z;
                vel += 600 * Math.exp(-(Math.pow(x - 640, 2) + Math.pow(z - 450, 2)) / (2 * 90 * 90));
                if (z > 700 && z < 780) {
                    vel -= 300;
                }
                v[g.index(ix, 0, iz)] = (float) vel;
            }
        }
        VelocityModel model = new VelocityModel(g, v);
        RickerWavelet w = new RickerWavelet(12, 1.5 / 12);
        Position a = new Position(203.3, 0, 51.7);
        Position b = new Position(1011.1, 0, 842.6);
        Sampling out = new Sampling(501, 0.002, 0);
        ShotRecord ab = Shots.run(model, PhysicsOptions.defaults(), a, w, List.of(b), out, 0.8);
        ShotRecord ba = Shots.run(model, PhysicsOptions.defaults(), b, w, List.of(a), out, 0.8);
        double misfit = Misfit.relativeL2(ab.trace(0), ba.trace(0));
        System.out.printf("reciprocity: relative L2 difference %.4f %%%n", 100 * misfit);
        assertTrue(Traces.peak(ab.trace(0)) > 0, "no signal recorded");
        assertTrue(misfit < 0.01, "reciprocity misfit " + misfit);
    }
}
