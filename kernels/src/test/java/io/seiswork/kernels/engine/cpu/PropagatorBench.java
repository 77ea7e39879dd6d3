package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;

/** Manual throughput check (not a test): java ... PropagatorBench N STEPS WIDTH THREADS [2d]. */
public final class PropagatorBench {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        boolean twoD = args.length > 4;
        Grid g = twoD ? Grid.of2d(n, n, 10) : Grid.of3d(n, n, n, 10);
        VelocityModel model = VelocityModel.constant(g, 2000f);
        try (WorkerPool pool = new WorkerPool(threads)) {
            Propagator p = new Propagator(model, PhysicsOptions.defaults().withBoundaryWidth(width), 1e-3, 10, pool);
            PointSpread s = p.spread(new io.seiswork.core.geometry.Position(n * 5, n * 5, n * 5));
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    p.step();
                    p.inject(s, 1f);
                }
                double sec = (System.nanoTime() - t0) * 1e-9;
                System.out.printf("n=%d width=%d threads=%d: %.3f s, %.3f Gpts/s (computed %d pts)%n", n, width,
                        threads, sec, p.computedPoints() * (double) steps / sec / 1e9, p.computedPoints());
            }
        }
    }
}
