package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.core.time.TimeStepping;

/**
 * Propagator throughput for {@code seiswork bench}: a cubic 3D grid (or a square 2D one), a
 * velocity gradient, a source in the middle, the default absorbing layers; the same code path as
 * a real shot. Grid points counted are those updated per step (layers included).
 */
public final class CpuBenchmark {

    /**
     * @param gridPoints points updated per step
     * @param steps steps timed (after a warm-up of the same length)
     * @param seconds wall seconds of the timed steps
     * @param threads threads used
     * @param kernel interior kernel ("vector 16 lanes" or "scalar")
     */
    public record Result(long gridPoints, int steps, double seconds, int threads, String kernel) {

        /** Billions of grid-point updates per second. */
        public double gptsPerSecond() {
            return gridPoints * (double) steps / seconds / 1e9;
        }
    }

    private CpuBenchmark() {
    }

    /**
     * Times {@code steps} steps after as many warm-up steps (the JIT compiles the kernels during
     * the warm-up).
     *
     * @param n grid size per axis (user grid, before layers)
     * @param steps steps to time, at least 1
     * @param spaceOrder 2, 4 or 8
     * @param threads threads, at least 1
     * @param threeD a n³ grid when true, n² (2D) otherwise
     */
    public static Result run(int n, int steps, int spaceOrder, int threads, boolean threeD) {
        Grid g = threeD ? Grid.of3d(n, n, n, 10) : Grid.of2d(n, n, 10);
        float[] v = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    v[g.index(ix, iy, iz)] = 1500f + 2000f * iz / n;
                }
            }
        }
        VelocityModel model = new VelocityModel(g, v);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(spaceOrder);
        double dt = 0.8 * TimeStepping.maxStableDtS(model, spaceOrder);
        try (WorkerPool pool = new WorkerPool(threads)) {
            Propagator p = new Propagator(model, physics, dt, 10, pool);
            PointSpread s = p.spread(new Position(n * 5.0, threeD ? n * 5.0 : 0, n * 5.0));
            for (int i = 0; i < steps; i++) {
                p.step();
                p.inject(s, 1f);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                p.step();
                p.inject(s, 1f);
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            return new Result(p.computedPoints(), steps, sec, threads, p.kernelName());
        }
    }
}
