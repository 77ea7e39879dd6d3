package io.seiswork.kernels.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The interior update of every space order (2, 4, 8) written with the Vector API, for JVMs
 * started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Why: C2 does not auto-vectorise a stencil whose loads sit a runtime stride away from the
 * store into another {@code float[]} (it cannot rule out that the arrays alias), so the plain
 * loops of {@link StencilKernel} run one float at a time. Here each z-row is processed a vector
 * (8 floats with AVX2, 16 with AVX-512) at a time; the few cells of a row that do not fill a
 * vector go to the scalar kernel. Same operations in the same order as the scalar kernel, so the
 * results agree to rounding.
 */
final class VectorStencilKernel implements ColumnKernel {

    /**
     * Vector shape: the platform's preferred one unless the system property
     * {@code seiswork.cpu.vectorBits} (128, 256 or 512) asks for another.
     */
    static final VectorSpecies<Float> S = species();

    /**
     * The narrower shape used by the kernels that measured faster with it: at most 256 bits
     * (8 floats), or {@link #S} when the system property fixes the shape. Measured on AVX-512
     * (docs/benchmarks.md, "Vector width"): 256-bit vectors run 3D order 4 about 10 % and every
     * 2D order 13–29 % faster than 512-bit ones, 3D order 8 about 11 % and 3D order 2 about 5 %
     * slower, so the 3D order-8 and order-2 loops keep {@link #S}.
     */
    static final VectorSpecies<Float> H = narrow();

    private static String fixedBits() {
        String bits = System.getProperty("seiswork.cpu.vectorBits");
        return bits == null || bits.isBlank() ? null : bits.trim();
    }

    private static VectorSpecies<Float> species() {
        String bits = fixedBits();
        if (bits == null) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.parseInt(bits)));
    }

    private static VectorSpecies<Float> narrow() {
        VectorSpecies<Float> s = species();
        return fixedBits() == null && s.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : s;
    }

    private final StencilKernel scalar;
    private final int radius;
    private final boolean is3d;
    private final int sx;
    private final int sy;
    private final float c0;
    private final float[] cx;
    private final float[] cy;
    private final float[] cz;

    VectorStencilKernel(StencilKernel scalar) {
        this.scalar = scalar;
        this.radius = scalar.radius();
        this.is3d = scalar.is3d();
        this.sx = scalar.stepX();
        this.sy = scalar.strideY();
        this.c0 = scalar.center();
        this.cx = scalar.weightsX();
        this.cy = scalar.weightsY();
        this.cz = scalar.weightsZ();
    }

    /** The shape this kernel's loops use for its dimension and order. */
    private VectorSpecies<Float> used() {
        return shapeFor(is3d, radius);
    }

    /** The shape of the loops for a 2D or 3D stencil of this radius (see {@link #H}). */
    static VectorSpecies<Float> shapeFor(boolean is3d, int radius) {
        return !is3d || radius == 2 ? H : S;
    }

    @Override
    public int stepX() {
        return sx;
    }

    @Override
    public String describe() {
        return "vector " + used().length() + " lanes";
    }

    /**
     * The update of {@code count} neighbouring x columns. Each loop below runs over all of them
     * in one call: setting up a call (13 coefficient vectors broadcast, strides) once per column
     * cost 8–12 % of the 3D order-8 stencil (measured, 1 and 2 threads), since a column is only
     * 16–19 vectors long.
     */
    @Override
    public void columns(float[] u, float[] un, float[] m, int base, int count, int zs, int ze, float[] lap) {
        int end = zs + used().loopBound(ze - zs);
        switch (radius) {
            case 1 -> {
                if (is3d) {
                    column2d3(u, un, m, base, count, zs, end);
                } else {
                    column2d2(u, un, m, base, count, zs, end);
                }
            }
            case 2 -> {
                if (is3d) {
                    column4d3(u, un, m, base, count, zs, end);
                } else {
                    column4d2(u, un, m, base, count, zs, end);
                }
            }
            default -> {
                if (is3d) {
                    int pairs = count / 2;
                    column8d3pair(u, un, m, base, pairs, zs, end);
                    if (count > 2 * pairs) {
                        column8d3(u, un, m, base + 2 * pairs * sx, 1, zs, end);
                    }
                } else {
                    column8d2(u, un, m, base, count, zs, end);
                }
            }
        }
        if (end < ze) {
            for (int k = 0; k < count; k++) {
                scalar.column(u, un, m, base + k * sx, end, ze, lap);
            }
        }
    }

    /** As {@link StencilKernel#column}. */
    @Override
    public void column(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap) {
        columns(u, un, m, base, 1, zs, ze, lap);
    }

    private void column2d2(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(H, cz[1]);
        final FloatVector x1 = FloatVector.broadcast(H, cx[1]);
        final int sx1 = sx;
        final int step = H.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(H, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(H, u, i - 1)
                        .add(FloatVector.fromArray(H, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(H, u, i - sx1)
                        .add(FloatVector.fromArray(H, u, i + sx1)).fma(x1, l);
                FloatVector prev = FloatVector.fromArray(H, un, i);
                FloatVector mm = FloatVector.fromArray(H, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    private void column2d3(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(S, cz[1]);
        final FloatVector y1 = FloatVector.broadcast(S, cy[1]);
        final FloatVector x1 = FloatVector.broadcast(S, cx[1]);
        final int sy1 = sy;
        final int sx1 = sx;
        final int step = S.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(S, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(S, u, i - 1)
                        .add(FloatVector.fromArray(S, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(S, u, i - sy1)
                        .add(FloatVector.fromArray(S, u, i + sy1)).fma(y1, l);
                l = FloatVector.fromArray(S, u, i - sx1)
                        .add(FloatVector.fromArray(S, u, i + sx1)).fma(x1, l);
                FloatVector prev = FloatVector.fromArray(S, un, i);
                FloatVector mm = FloatVector.fromArray(S, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    private void column4d2(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(H, cz[1]);
        final FloatVector z2 = FloatVector.broadcast(H, cz[2]);
        final FloatVector x1 = FloatVector.broadcast(H, cx[1]);
        final FloatVector x2 = FloatVector.broadcast(H, cx[2]);
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int step = H.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(H, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(H, u, i - 1)
                        .add(FloatVector.fromArray(H, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(H, u, i - 2)
                        .add(FloatVector.fromArray(H, u, i + 2)).fma(z2, l);
                l = FloatVector.fromArray(H, u, i - sx1)
                        .add(FloatVector.fromArray(H, u, i + sx1)).fma(x1, l);
                l = FloatVector.fromArray(H, u, i - sx2)
                        .add(FloatVector.fromArray(H, u, i + sx2)).fma(x2, l);
                FloatVector prev = FloatVector.fromArray(H, un, i);
                FloatVector mm = FloatVector.fromArray(H, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    private void column4d3(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(H, cz[1]);
        final FloatVector z2 = FloatVector.broadcast(H, cz[2]);
        final FloatVector y1 = FloatVector.broadcast(H, cy[1]);
        final FloatVector y2 = FloatVector.broadcast(H, cy[2]);
        final FloatVector x1 = FloatVector.broadcast(H, cx[1]);
        final FloatVector x2 = FloatVector.broadcast(H, cx[2]);
        final int sy1 = sy;
        final int sy2 = 2 * sy;
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int step = H.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(H, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(H, u, i - 1)
                        .add(FloatVector.fromArray(H, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(H, u, i - 2)
                        .add(FloatVector.fromArray(H, u, i + 2)).fma(z2, l);
                l = FloatVector.fromArray(H, u, i - sy1)
                        .add(FloatVector.fromArray(H, u, i + sy1)).fma(y1, l);
                l = FloatVector.fromArray(H, u, i - sy2)
                        .add(FloatVector.fromArray(H, u, i + sy2)).fma(y2, l);
                l = FloatVector.fromArray(H, u, i - sx1)
                        .add(FloatVector.fromArray(H, u, i + sx1)).fma(x1, l);
                l = FloatVector.fromArray(H, u, i - sx2)
                        .add(FloatVector.fromArray(H, u, i + sx2)).fma(x2, l);
                FloatVector prev = FloatVector.fromArray(H, un, i);
                FloatVector mm = FloatVector.fromArray(H, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    private void column8d2(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(H, cz[1]);
        final FloatVector z2 = FloatVector.broadcast(H, cz[2]);
        final FloatVector z3 = FloatVector.broadcast(H, cz[3]);
        final FloatVector z4 = FloatVector.broadcast(H, cz[4]);
        final FloatVector x1 = FloatVector.broadcast(H, cx[1]);
        final FloatVector x2 = FloatVector.broadcast(H, cx[2]);
        final FloatVector x3 = FloatVector.broadcast(H, cx[3]);
        final FloatVector x4 = FloatVector.broadcast(H, cx[4]);
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int sx3 = 3 * sx;
        final int sx4 = 4 * sx;
        final int step = H.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(H, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(H, u, i - 1)
                        .add(FloatVector.fromArray(H, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(H, u, i - 2)
                        .add(FloatVector.fromArray(H, u, i + 2)).fma(z2, l);
                l = FloatVector.fromArray(H, u, i - 3)
                        .add(FloatVector.fromArray(H, u, i + 3)).fma(z3, l);
                l = FloatVector.fromArray(H, u, i - 4)
                        .add(FloatVector.fromArray(H, u, i + 4)).fma(z4, l);
                l = FloatVector.fromArray(H, u, i - sx1)
                        .add(FloatVector.fromArray(H, u, i + sx1)).fma(x1, l);
                l = FloatVector.fromArray(H, u, i - sx2)
                        .add(FloatVector.fromArray(H, u, i + sx2)).fma(x2, l);
                l = FloatVector.fromArray(H, u, i - sx3)
                        .add(FloatVector.fromArray(H, u, i + sx3)).fma(x3, l);
                l = FloatVector.fromArray(H, u, i - sx4)
                        .add(FloatVector.fromArray(H, u, i + sx4)).fma(x4, l);
                FloatVector prev = FloatVector.fromArray(H, un, i);
                FloatVector mm = FloatVector.fromArray(H, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    private void column8d3(float[] u, float[] un, float[] m, int base0, int count, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(S, cz[1]);
        final FloatVector z2 = FloatVector.broadcast(S, cz[2]);
        final FloatVector z3 = FloatVector.broadcast(S, cz[3]);
        final FloatVector z4 = FloatVector.broadcast(S, cz[4]);
        final FloatVector y1 = FloatVector.broadcast(S, cy[1]);
        final FloatVector y2 = FloatVector.broadcast(S, cy[2]);
        final FloatVector y3 = FloatVector.broadcast(S, cy[3]);
        final FloatVector y4 = FloatVector.broadcast(S, cy[4]);
        final FloatVector x1 = FloatVector.broadcast(S, cx[1]);
        final FloatVector x2 = FloatVector.broadcast(S, cx[2]);
        final FloatVector x3 = FloatVector.broadcast(S, cx[3]);
        final FloatVector x4 = FloatVector.broadcast(S, cx[4]);
        final int sy1 = sy;
        final int sy2 = 2 * sy;
        final int sy3 = 3 * sy;
        final int sy4 = 4 * sy;
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int sx3 = 3 * sx;
        final int sx4 = 4 * sx;
        final int step = S.length();
        for (int col = 0; col < count; col++) {
            final int base = base0 + col * sx;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                FloatVector c = FloatVector.fromArray(S, u, i);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(S, u, i - 1)
                        .add(FloatVector.fromArray(S, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(S, u, i - 2)
                        .add(FloatVector.fromArray(S, u, i + 2)).fma(z2, l);
                l = FloatVector.fromArray(S, u, i - 3)
                        .add(FloatVector.fromArray(S, u, i + 3)).fma(z3, l);
                l = FloatVector.fromArray(S, u, i - 4)
                        .add(FloatVector.fromArray(S, u, i + 4)).fma(z4, l);
                l = FloatVector.fromArray(S, u, i - sy1)
                        .add(FloatVector.fromArray(S, u, i + sy1)).fma(y1, l);
                l = FloatVector.fromArray(S, u, i - sy2)
                        .add(FloatVector.fromArray(S, u, i + sy2)).fma(y2, l);
                l = FloatVector.fromArray(S, u, i - sy3)
                        .add(FloatVector.fromArray(S, u, i + sy3)).fma(y3, l);
                l = FloatVector.fromArray(S, u, i - sy4)
                        .add(FloatVector.fromArray(S, u, i + sy4)).fma(y4, l);
                l = FloatVector.fromArray(S, u, i - sx1)
                        .add(FloatVector.fromArray(S, u, i + sx1)).fma(x1, l);
                l = FloatVector.fromArray(S, u, i - sx2)
                        .add(FloatVector.fromArray(S, u, i + sx2)).fma(x2, l);
                l = FloatVector.fromArray(S, u, i - sx3)
                        .add(FloatVector.fromArray(S, u, i + sx3)).fma(x3, l);
                l = FloatVector.fromArray(S, u, i - sx4)
                        .add(FloatVector.fromArray(S, u, i + sx4)).fma(x4, l);
                FloatVector prev = FloatVector.fromArray(S, un, i);
                FloatVector mm = FloatVector.fromArray(S, m, i);
                l.fma(mm, c.add(c).sub(prev)).intoArray(un, i);
            }
        }
    }

    /**
     * Order 8, 3D, {@code pairs} pairs of neighbouring x columns (base and base + sx) from
     * {@code base0}, two columns per pass: unroll-and-jam
     * over x. The two columns share 8 of their 18 x-neighbour and centre loads (the x line
     * ix − 4 .. ix + 5 is loaded once), 46 loads for two points instead of 54.
     */
    private void column8d3pair(float[] u, float[] un, float[] m, int base0, int pairs, int zs, int end) {
        final float a0 = c0;
        final FloatVector z1 = FloatVector.broadcast(S, cz[1]);
        final FloatVector z2 = FloatVector.broadcast(S, cz[2]);
        final FloatVector z3 = FloatVector.broadcast(S, cz[3]);
        final FloatVector z4 = FloatVector.broadcast(S, cz[4]);
        final FloatVector y1 = FloatVector.broadcast(S, cy[1]);
        final FloatVector y2 = FloatVector.broadcast(S, cy[2]);
        final FloatVector y3 = FloatVector.broadcast(S, cy[3]);
        final FloatVector y4 = FloatVector.broadcast(S, cy[4]);
        final FloatVector x1 = FloatVector.broadcast(S, cx[1]);
        final FloatVector x2 = FloatVector.broadcast(S, cx[2]);
        final FloatVector x3 = FloatVector.broadcast(S, cx[3]);
        final FloatVector x4 = FloatVector.broadcast(S, cx[4]);
        final int sy1 = sy;
        final int sy2 = 2 * sy;
        final int sy3 = 3 * sy;
        final int sy4 = 4 * sy;
        final int sx1 = sx;
        final int sx2 = 2 * sx;
        final int sx3 = 3 * sx;
        final int sx4 = 4 * sx;
        final int sx5 = 5 * sx;
        final int step = S.length();
        for (int pair = 0; pair < pairs; pair++) {
            final int base = base0 + 2 * pair * sx1;
            final int last = base + end;
            for (int i = base + zs; i < last; i += step) {
                final int j = i + sx1;
                FloatVector xm4 = FloatVector.fromArray(S, u, i - sx4);
                FloatVector xm3 = FloatVector.fromArray(S, u, i - sx3);
                FloatVector xm2 = FloatVector.fromArray(S, u, i - sx2);
                FloatVector xm1 = FloatVector.fromArray(S, u, i - sx1);
                FloatVector c = FloatVector.fromArray(S, u, i);
                FloatVector d = FloatVector.fromArray(S, u, i + sx1);
                FloatVector xp2 = FloatVector.fromArray(S, u, i + sx2);
                FloatVector xp3 = FloatVector.fromArray(S, u, i + sx3);
                FloatVector xp4 = FloatVector.fromArray(S, u, i + sx4);
                FloatVector xp5 = FloatVector.fromArray(S, u, i + sx5);
                FloatVector l = c.mul(a0);
                l = FloatVector.fromArray(S, u, i - 1)
                        .add(FloatVector.fromArray(S, u, i + 1)).fma(z1, l);
                l = FloatVector.fromArray(S, u, i - 2)
                        .add(FloatVector.fromArray(S, u, i + 2)).fma(z2, l);
                l = FloatVector.fromArray(S, u, i - 3)
                        .add(FloatVector.fromArray(S, u, i + 3)).fma(z3, l);
                l = FloatVector.fromArray(S, u, i - 4)
                        .add(FloatVector.fromArray(S, u, i + 4)).fma(z4, l);
                l = FloatVector.fromArray(S, u, i - sy1)
                        .add(FloatVector.fromArray(S, u, i + sy1)).fma(y1, l);
                l = FloatVector.fromArray(S, u, i - sy2)
                        .add(FloatVector.fromArray(S, u, i + sy2)).fma(y2, l);
                l = FloatVector.fromArray(S, u, i - sy3)
                        .add(FloatVector.fromArray(S, u, i + sy3)).fma(y3, l);
                l = FloatVector.fromArray(S, u, i - sy4)
                        .add(FloatVector.fromArray(S, u, i + sy4)).fma(y4, l);
                l = xm1.add(d).fma(x1, l);
                l = xm2.add(xp2).fma(x2, l);
                l = xm3.add(xp3).fma(x3, l);
                l = xm4.add(xp4).fma(x4, l);
                FloatVector r = d.mul(a0);
                r = FloatVector.fromArray(S, u, j - 1)
                        .add(FloatVector.fromArray(S, u, j + 1)).fma(z1, r);
                r = FloatVector.fromArray(S, u, j - 2)
                        .add(FloatVector.fromArray(S, u, j + 2)).fma(z2, r);
                r = FloatVector.fromArray(S, u, j - 3)
                        .add(FloatVector.fromArray(S, u, j + 3)).fma(z3, r);
                r = FloatVector.fromArray(S, u, j - 4)
                        .add(FloatVector.fromArray(S, u, j + 4)).fma(z4, r);
                r = FloatVector.fromArray(S, u, j - sy1)
                        .add(FloatVector.fromArray(S, u, j + sy1)).fma(y1, r);
                r = FloatVector.fromArray(S, u, j - sy2)
                        .add(FloatVector.fromArray(S, u, j + sy2)).fma(y2, r);
                r = FloatVector.fromArray(S, u, j - sy3)
                        .add(FloatVector.fromArray(S, u, j + sy3)).fma(y3, r);
                r = FloatVector.fromArray(S, u, j - sy4)
                        .add(FloatVector.fromArray(S, u, j + sy4)).fma(y4, r);
                r = c.add(xp2).fma(x1, r);
                r = xm1.add(xp3).fma(x2, r);
                r = xm2.add(xp4).fma(x3, r);
                r = xm3.add(xp5).fma(x4, r);
                l.fma(FloatVector.fromArray(S, m, i), c.add(c).sub(FloatVector.fromArray(S, un, i))).intoArray(un, i);
                r.fma(FloatVector.fromArray(S, m, j), d.add(d).sub(FloatVector.fromArray(S, un, j))).intoArray(un, j);
            }
        }
    }
}
