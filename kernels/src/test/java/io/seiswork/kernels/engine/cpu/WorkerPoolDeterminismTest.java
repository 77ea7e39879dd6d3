package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results do not depend on the team ({@link WorkerPool}): chunk boundaries are fixed and each
 * chunk is run by exactly one member, whichever claims or steals it, so the wavefields after N
 * steps are bit for bit the same on 1, 2, 3 and 5 threads. The least chunk is 1 point, so the
 * small grids really are cut into several chunks per member; C-PML layers on every side and,
 * in some cases, a free surface.
 */
class WorkerPoolDeterminismTest {

    @ParameterizedTest(name = "{0}D order {1} free surface {2}")
    @CsvSource({"2, 8, true", "2, 4, false", "3, 8, true", "3, 4, false"})
    void wavefieldsAreBitIdenticalOnAnyTeam(int dims, int order, boolean freeSurface) {
        // 2D: 181 + 2 x 6 padded columns make 7 x tiles; 3D: 31 padded y rows of one tile each.
        Grid g = dims == 2 ? new Grid(181, 1, 41, 10, 10, 12) : new Grid(19, 19, 21, 10, 11, 12);
        Random rnd = new Random(7);
        float[] v = new float[g.points()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1500 + 1500 * rnd.nextFloat();
        }
        VelocityModel model = new VelocityModel(g, v);
        double dt = 0.7 * TimeStepping.maxStableDtS(model, order);
        double f0 = 15;
        RickerWavelet w = new RickerWavelet(f0, 0.04);
        PhysicsOptions physics = new PhysicsOptions(order, 6, freeSurface);
        float[] current = null;
        float[] previous = null;
        for (int size : new int[] {1, 2, 3, 5}) {
            try (WorkerPool pool = new WorkerPool(size, 1)) {
                Propagator prop = new Propagator(model, physics, dt, f0, pool);
                assertTrue(size == 1 || prop.chunksPerPhase() >= size,
                        size + " threads: chunks per phase " + prop.chunksPerPhase());
                PointSpread spread = prop.spread(new Position(5 * g.dx(), g.is2d() ? 0 : 6 * g.dy(), 3 * g.dz()));
                for (int n = 0; n < 120; n++) {
                    prop.step();
                    prop.inject(spread, (float) w.amplitude(n * dt));
                }
                if (current == null) {
                    current = prop.current().clone();
                    previous = prop.previous().clone();
                    assertTrue(maxAbs(current) > 0, "the wave has left the source");
                } else {
                    assertTrue(Arrays.equals(current, prop.current()), size + " threads: current() differs from 1 thread");
                    assertTrue(Arrays.equals(previous, prop.previous()), size + " threads: previous() differs from 1 thread");
                }
            }
        }
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
