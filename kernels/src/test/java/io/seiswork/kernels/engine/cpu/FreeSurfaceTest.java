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

    private static final double V = 2000;
    private static final RickerWavelet W = new RickerWavelet(15, 1.5 / 15);
    private static final Grid G = Grid.of2d(151, 101, 8);
    private static final Sampling OUT = new Sampling(301, 0.002, 0);

    /** The trace at {@code rec} of a shot at {@code src} in velocity V under a free surface. */
    private static ShotRecord shot(Position src, Position rec) {
        return Shots.run(VelocityModel.constant(G, (float) V), PhysicsOptions.defaults().withFreeSurface(true), src, W,
                List.of(rec), OUT, 0.8);
    }

    @Test
    void ghostHasOppositeSignAndTheTravelTimeOfTheMirroredSource() {
        Position src = new Position(400, 0, 40);
        Position rec = new Position(640, 0, 80);
        ShotRecord r = shot(src, rec);
        double direct = src.distanceTo(rec);
        double ghost = new Position(src.x(), 0, -src.z()).distanceTo(rec);
        float[] pDirect = AnalyticGreen.trace(false, W, direct, V, OUT);
        float[] pImage = AnalyticGreen.trace(false, W, ghost, V, OUT);
        float[] ghostNum = Traces.minus(r.trace(0), pDirect);
        double scale = Traces.scale(ghostNum, pImage);
        int lag = Traces.bestLag(ghostNum, Traces.minus(new float[pImage.length], pImage), 20);
        double misfit = Misfit.relativeL2(r.trace(0), Traces.minus(pDirect, pImage));
        System.out.printf("free surface: ghost / image-source wave = %.4f, lag %d samples (ghost delay %.1f ms),"
                + " whole-trace misfit %.3f %%%n", scale, lag, 1e3 * (ghost - direct) / V, 100 * misfit);
        assertEquals(-1.0, scale, 0.03, "ghost amplitude relative to the image source");
        assertEquals(0, lag, "ghost travel time differs from the image source's by " + lag + " samples");
        assertTrue(misfit < 0.02, "direct minus image misfit " + misfit);
    }

    /**
     * Why the spec refuses a source or receiver at z = 0 under a free surface (JobResolver): there
     * the pressure is zero, so the trace is exactly zero; one cell down (z = dz) the point and its
     * ghost nearly cancel but the record is the analytic direct minus image wave, not zero.
     */
    @Test
    void onTheSurfaceNothingIsRecordedOneCellDownTheGhostedWaveIs() {
        float[] onSurface = shot(new Position(400, 0, 0), new Position(640, 0, 0)).trace(0);
        assertEquals(0.0, Traces.peak(onSurface), "z = 0: the free surface holds p = 0");

        Position src = new Position(400, 0, G.dz());
        Position rec = new Position(640, 0, G.dz());
        float[] oneDown = shot(src, rec).trace(0);
        float[] expected = Traces.minus(AnalyticGreen.trace(false, W, src.distanceTo(rec), V, OUT),
                AnalyticGreen.trace(false, W, new Position(src.x(), 0, -src.z()).distanceTo(rec), V, OUT));
        double misfit = Misfit.relativeL2(oneDown, expected);
        System.out.printf("free surface, z = dz: max |p| %.3e (analytic %.3e), misfit to direct - image %.3f %%%n",
                Traces.peak(oneDown), Traces.peak(expected), 100 * misfit);
        assertTrue(Traces.peak(oneDown) > 0.5 * Traces.peak(expected), "z = dz records the ghosted wave");
        assertTrue(misfit < 0.03, "direct minus image misfit " + misfit);
    }
}
