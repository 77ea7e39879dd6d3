package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.stencil.SecondDerivative;

/**
 * The interior update of one (x, y) column of the padded grid:
 * {@code un = 2u − un + v²dt² ∇²u}, with {@code un} holding the previous level on entry and the
 * next level on exit (two buffers, updated in place).
 *
 * <p>Written for the JIT: each space order and dimension has its own method with the stencil
 * spelled out, inner loops run over contiguous z with loop-invariant offsets and no calls, and
 * the update is split in two passes over a scratch row (z and y neighbours, then x neighbours
 * and the time update) so that fewer array streams are live at once (the C reference's "split"
 * variant). Coefficients are {@link SecondDerivative}'s divided by the axis spacing squared.
 */
final class StencilKernel implements ColumnKernel {

    private final int radius;
    private final boolean is3d;
    private final int sx;
    private final int sy;
    private final float center;
    private final float[] cx;
    private final float[] cy;
    private final float[] cz;

    /**
     * @param op second-derivative operator (space order)
     * @param grid padded grid (strides)
     * @param dxM spacing along x in metres
     * @param dyM spacing along y in metres (unused in 2D)
     * @param dzM spacing along z in metres
     */
    StencilKernel(SecondDerivative op, PaddedGrid grid, double dxM, double dyM, double dzM) {
        radius = op.radius();
        is3d = !grid.is2d();
        sx = grid.nz();
        sy = grid.nx() * grid.nz();
        cx = weights(op, dxM);
        cy = weights(op, is3d ? dyM : Double.POSITIVE_INFINITY);
        cz = weights(op, dzM);
        double c0 = op.coefficient(0) * (1 / (dxM * dxM) + 1 / (dzM * dzM) + (is3d ? 1 / (dyM * dyM) : 0));
        center = (float) c0;
    }

    @Override
    public String describe() {
        return "scalar";
    }

    boolean is3d() {
        return is3d;
    }

    int radius() {
        return radius;
    }

    @Override
    public int stepX() {
        return sx;
    }

    /** Flat-index stride of y. */
    int strideY() {
        return sy;
    }

    /** Combined centre weight c0 Σ 1/h², 1/m². */
    float center() {
        return center;
    }

    float[] weightsX() {
        return cx.clone();
    }

    float[] weightsY() {
        return cy.clone();
    }

    float[] weightsZ() {
        return cz.clone();
    }

    /** Second-derivative weights c_k / h² in 1/m² for k = 0 .. radius (zero for h = ∞). */
    static float[] weights(SecondDerivative op, double hM) {
        float[] w = new float[op.radius() + 1];
        for (int k = 0; k <= op.radius(); k++) {
            w[k] = Double.isInfinite(hM) ? 0f : (float) (op.coefficient(k) / (hM * hM));
        }
        return w;
    }

    /**
     * Updates cells [zs, ze) of the column starting at flat index {@code base}.
     *
     * @param m v² dt² per padded cell, m²
     * @param lap scratch row of at least the padded nz floats
     */
    @Override
    public void column(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        if (is3d) {
            switch (radius) {
                case 1 -> column2d3(u, un, m, base, zs, ze, lap);
                case 2 -> column4d3(u, un, m, base, zs, ze, lap);
                default -> column8d3(u, un, m, base, zs, ze, lap);
            }
        } else {
            switch (radius) {
                case 1 -> column2d2(u, un, m, base, zs, ze, lap);
                case 2 -> column4d2(u, un, m, base, zs, ze, lap);
                default -> column8d2(u, un, m, base, zs, ze, lap);
            }
        }
    }

    private void column2d2(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final int sx1 = sx;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1]));
        }
    }

    private void column2d3(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final float y1 = cy[1];
        final int sx1 = sx;
        final int sy1 = sy;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1])
                    + y1 * (u[i - sy1] + u[i + sy1]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1]));
        }
    }

    private void column4d2(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final float z2 = cz[2];
        final float x2 = cx[2];
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1])
                    + z2 * (u[i - 2] + u[i + 2]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1])
                    + x2 * (u[i - sx2] + u[i + sx2]));
        }
    }

    private void column4d3(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final float y1 = cy[1];
        final float z2 = cz[2];
        final float x2 = cx[2];
        final float y2 = cy[2];
        final int sx1 = sx;
        final int sy1 = sy;
        final int sx2 = 2 * sx;
        final int sy2 = 2 * sy;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1])
                    + z2 * (u[i - 2] + u[i + 2])
                    + y1 * (u[i - sy1] + u[i + sy1])
                    + y2 * (u[i - sy2] + u[i + sy2]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1])
                    + x2 * (u[i - sx2] + u[i + sx2]));
        }
    }

    private void column8d2(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final float z2 = cz[2];
        final float x2 = cx[2];
        final float z3 = cz[3];
        final float x3 = cx[3];
        final float z4 = cz[4];
        final float x4 = cx[4];
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int sx3 = 3 * sx;
        final int sx4 = 4 * sx;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1])
                    + z2 * (u[i - 2] + u[i + 2])
                    + z3 * (u[i - 3] + u[i + 3])
                    + z4 * (u[i - 4] + u[i + 4]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1])
                    + x2 * (u[i - sx2] + u[i + sx2])
                    + x3 * (u[i - sx3] + u[i + sx3])
                    + x4 * (u[i - sx4] + u[i + sx4]));
        }
    }

    private void column8d3(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        final float c0 = center;
        final float z1 = cz[1];
        final float x1 = cx[1];
        final float y1 = cy[1];
        final float z2 = cz[2];
        final float x2 = cx[2];
        final float y2 = cy[2];
        final float z3 = cz[3];
        final float x3 = cx[3];
        final float y3 = cy[3];
        final float z4 = cz[4];
        final float x4 = cx[4];
        final float y4 = cy[4];
        final int sx1 = sx;
        final int sy1 = sy;
        final int sx2 = 2 * sx;
        final int sy2 = 2 * sy;
        final int sx3 = 3 * sx;
        final int sy3 = 3 * sy;
        final int sx4 = 4 * sx;
        final int sy4 = 4 * sy;
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            lap[iz] = c0 * u[i]
                    + z1 * (u[i - 1] + u[i + 1])
                    + z2 * (u[i - 2] + u[i + 2])
                    + z3 * (u[i - 3] + u[i + 3])
                    + z4 * (u[i - 4] + u[i + 4])
                    + y1 * (u[i - sy1] + u[i + sy1])
                    + y2 * (u[i - sy2] + u[i + sy2])
                    + y3 * (u[i - sy3] + u[i + sy3])
                    + y4 * (u[i - sy4] + u[i + sy4]);
        }
        for (int iz = zs; iz < ze; iz++) {
            final int i = base + iz;
            un[i] = 2f * u[i] - un[i] + m[i] * (lap[iz]
                    + x1 * (u[i - sx1] + u[i + sx1])
                    + x2 * (u[i - sx2] + u[i + sx2])
                    + x3 * (u[i - sx3] + u[i + sx3])
                    + x4 * (u[i - sx4] + u[i + sx4]));
        }
    }
}
