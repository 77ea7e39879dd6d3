package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The free surface p = 0 at z = 0 acts as a mirror with a sign flip: the recorded field is the
 * direct wave minus the wave of the image source at (xs, −zs).
 */
class FreeSurfaceTest {

    @Test
    void ghostHasOppositeSignAndTheTravelTimeOfTheMirroredSource() {
        double v = 2000;
        RickerWavelet w = new RickerWavelet(15, 1.5 / 15);
        Grid g = Grid.of2d(151, 101, 8);
        Position src = new Position(400, 0, 40);
        Position rec = new Position(640, 0, 80);
        Sampling out = new Sampling(301, 0.002, 0);
        ShotRecord r = Shots.run(VelocityModel.constant(g, (float) v), PhysicsOptions.defaults().withFreeSurface(true),
                src, w, List.of(rec), out, 0.8);
        double direct = src.distanceTo(rec);
        double ghost = new Position(src.x(), 0, -src.z()).distanceTo(rec);
        float[] pDirect = AnalyticGreen.trace(false, w, direct, v, out);
        float[] pImage = AnalyticGreen.trace(false, w, ghost, v, out);
        float[] ghostNum = Traces.minus(r.trace(0), pDirect);
        double scale = Traces.scale(ghostNum, pImage);
        int lag = Traces.bestLag(ghostNum, Traces.minus(new float[pImage.length], pImage), 20);
        double misfit = Misfit.relativeL2(r.trace(0), Traces.minus(pDirect, pImage));
        System.out.printf("free surface: ghost / image-source wave = %.4f, lag %d samples (ghost delay %.1f ms),"
                + " whole-trace misfit %.3f %%%n", scale, lag, 1e3 * (ghost - direct) / v, 100 * misfit);
        assertEquals(-1.0, scale, 0.03, "ghost amplitude relative to the image source");
        assertEquals(0, lag, "ghost travel time differs from the image source's by " + lag + " samples");
        assertTrue(misfit < 0.02, "direct minus image misfit " + misfit);
    }
}
