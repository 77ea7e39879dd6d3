package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/** Manual check (not a test): interior kernel alone, one thread. */
public final class KernelBench {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        PaddedGrid g = new PaddedGrid(Grid.of3d(n, n, n, 10), 4, 4, false);
        ColumnKernel k = ColumnKernel.best(new StencilKernel(SecondDerivative.ORDER_8, g, 10, 10, 10), true);
        float[] u = new float[g.points()];
        float[] un = new float[g.points()];
        float[] m = new float[g.points()];
        java.util.Arrays.fill(m, 0.1f);
        float[] lap = new float[g.nz()];
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                for (int iy = 4; iy < g.ny() - 4; iy++) {
                    for (int ix = 4; ix < g.nx() - 4; ix++) {
                        k.column(u, un, m, (iy * g.nx() + ix) * g.nz(), 4, g.nz() - 4, lap);
                    }
                }
                float[] t = u;
                u = un;
                un = t;
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("%s: %.3f Gpts/s%n", k.describe(), g.computedPoints() * (double) steps / sec / 1e9);
        }
    }
}
