package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optimised propagator (split column kernels, PML slabs, threads) against
 * {@link ReferencePropagator}: the whole padded field, layers included, agrees to single-precision
 * rounding (float sums in another order, accumulated over 150 steps: a few 1e-6 of the peak)
 * after the wave has crossed into every layer.
 */
class PropagatorMatchesReferenceTest {

    @ParameterizedTest(name = "{0}D order {1} free surface {2} vector kernel allowed {3} three cells deep {4}")
    @CsvSource({
        "2, 2, false, true, false", "2, 4, false, true, false", "2, 8, false, true, false", "2, 8, true, true, false",
        "2, 8, false, false, false", "2, 4, true, true, false", "3, 2, false, true, false", "3, 4, true, true, false",
        "3, 8, false, true, false", "3, 8, true, true, false", "3, 8, true, false, false", "2, 2, false, false, false",
        "2, 4, true, false, false", "3, 2, true, false, false", "3, 4, false, false, false", "3, 8, false, true, true",
        "3, 4, false, true, true"
    })
    void fieldsAgreeToRounding(int dims, int order, boolean freeSurface, boolean vector, boolean thin) {
        Grid g = dims == 2 ? new Grid(47, 1, 41, 10, 10, 12) : new Grid(19, 17, thin ? 3 : 21, 10, 11, 12);
        Random rnd = new Random(42);
        float[] v = new float[g.points()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1500 + 1500 * rnd.nextFloat();
        }
        VelocityModel model = new VelocityModel(g, v);
        int width = 6;
        double dt = 0.7 * TimeStepping.maxStableDtS(model, order);
        double f0 = 12;
        RickerWavelet w = new RickerWavelet(f0, 0.05);
        PhysicsOptions physics = new PhysicsOptions(order, width, freeSurface);
        ReferencePropagator ref = new ReferencePropagator(model, order, width, freeSurface, dt, f0);
        // Chunks of any size: the small grid is still cut into many, claimed by both threads.
        try (WorkerPool pool = new WorkerPool(2, 1)) {
            Propagator prop = new Propagator(model, physics, dt, f0, pool, vector);
            assertTrue(prop.chunksPerPhase() >= 2, "chunks per phase " + prop.chunksPerPhase());
            Position src = new Position(3 * g.dx(), g.is2d() ? 0 : 4 * g.dy(), 2 * g.dz());
            PointSpread spread = prop.spread(src);
            int cell = ref.grid().userIndex(3, g.is2d() ? 0 : 4, 2);
            double cellVolume = g.dx() * g.dz() * (g.is2d() ? 1 : g.dy());
            int steps = 150;
            for (int n = 0; n < steps; n++) {
                float f = (float) w.amplitude(n * dt);
                prop.step();
                prop.inject(spread, f);
                ref.step();
                ref.injectAt(cell, f, cellVolume);
            }
            float[] a = prop.current();
            float[] b = ref.current();
            double peak = Traces.peak(b);
            double maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
            // The wave must have reached the far layers, or the test would prove little.
            PaddedGrid pg = ref.grid();
            int farCorner = pg.index(pg.nx() - pg.radius() - 2, pg.is2d() ? 0 : pg.ny() - pg.radius() - 2,
                    pg.nz() - pg.radius() - 2);
            System.out.printf("reference check %dD order %d fs %b kernel %s, layers in %s: max |diff| / peak = %.2e%n",
                    dims, order, freeSurface, prop.kernelName(), prop.singlePassLayers() ? "one pass" : "a second pass",
                    maxDiff / peak);
            // A model three cells deep: the z layers cannot be widened to whole vectors without
            // overlapping, so the vector kernels correct the layer cells after the stencil.
            assertEquals(vector && !thin && ColumnKernel.vectorAvailable(), prop.singlePassLayers(),
                    "layer update path for this case");
            assertTrue(peak > 0 && b[farCorner] != 0, "wave did not reach the far absorbing corner");
            assertTrue(maxDiff <= 3e-5 * peak, "max difference " + maxDiff + " vs peak " + peak);
        }
    }
}
