package io.seiswork.kernels.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The whole update of absorbing-layer cells in one pass, with the Vector API: the Laplacian,
 * the C-PML terms {@code ∂ψ/∂ξ + ζ} of the damped axes and the leapfrog, writing the new field
 * once.
 *
 * <p>Why: with the C-PML added as a correction after the interior stencil, every layer cell was
 * visited twice, and the second visit re-read nine field values for {@code ∂²u/∂ξ²} (which the
 * stencil had just summed), the velocity term, and read and wrote the new field again. At
 * 256³ with 20-cell layers about 40 % of the computed cells are layer cells (z layers widened
 * to whole vectors); one pass took the shot from 0.242 to 0.272 Gpts/s on one thread
 * (docs/engine.md, experiments). Here the stencil keeps the damped axis' second derivative
 * in its own sum, adds the layer terms, and stores once; per damped axis a layer cell costs the
 * eight ψ loads of {@code ∂ψ/∂ξ} and the ζ load and store on top of the stencil.
 *
 * <p>The ψ of the damped axes must already be at the current level (updated row by row in the
 * sweep for z and for x layers within one tile, in the propagator's ψ phase for y). The loops are written for radius 4; lower
 * orders pad their weights with zeros and their offsets with 0 (a redundant L1 load of the
 * centre), as in {@link VectorCpml}. In 2D the y weights are all zero.
 *
 * <p>Variants by damped axes (one strided axis, x and y, z) rather than flags: a vector merged
 * from two branches is a value C2 may box, which costs more than the arithmetic.
 */
final class VectorLayerKernel {

    private static final VectorSpecies<Float> S = VectorStencilKernel.S;
    private static final int R = 4;

    private final int sx;
    private final int sy;
    private final float[] wx;
    private final float[] wy;
    private final float[] wz;

    VectorLayerKernel(StencilKernel stencil) {
        this.sx = stencil.stepX();
        this.sy = stencil.strideY();
        this.wx = pad(stencil.weightsX());
        this.wy = pad(stencil.weightsY());
        this.wz = pad(stencil.weightsZ());
    }

    /** Weights k = 0 .. 4, zero beyond the table's radius. */
    static float[] pad(float[] w) {
        float[] p = new float[R + 1];
        System.arraycopy(w, 0, p, 0, Math.min(w.length, R + 1));
        return p;
    }

    /** Offset of term k: k · stride, or 0 where the weight is zero (beyond the radius, or no y axis). */
    private static int off(float[] w, int k, int stride) {
        return w[k] != 0f ? k * stride : 0;
    }

    /**
     * {@code count} neighbouring x columns damped along one strided axis (x: {@code alongX},
     * else y), cells [zs, end) in whole vectors. One call per run of columns, as in
     * {@link VectorStencilKernel#columns}: per-call set-up is not paid per column.
     *
     * @param p0 flat index of the first column's cell iz = 0 (columns {@code sx} apart)
     * @param psi ψ of the damped axis, at the current level
     * @param zeta ζ of the damped axis (updated here)
     * @param q0 index of the first column's cell iz = 0 in ψ and ζ
     * @param qColumn distance in ψ between neighbouring x columns
     * @param sQ ψ stride along the damped axis
     * @param a C-PML coefficient a per padded index along the damped axis
     * @param b C-PML coefficient b, likewise
     * @param c index into a and b of the first column (x: its ix; y: the row's iy)
     * @param cStep 1 when the coefficients change with the column (x), 0 when they do not (y)
     * @param d1 first-derivative weights of the damped axis, k = 0 .. 4 (see {@link #pad})
     */
    void columnOne(float[] u, float[] un, float[] m, int p0, int count, int zs, int end, boolean alongX, float[] psi,
            float[] zeta, int q0, int qColumn, int sQ, float[] a, float[] b, int c, int cStep, float[] d1) {
        final float[] we = alongX ? wx : wy;
        final float[] wo = alongX ? wy : wx;
        final int se = alongX ? sx : sy;
        final int so = alongX ? sy : sx;
        final FloatVector z1 = FloatVector.broadcast(S, wz[1]);
        final FloatVector z2 = FloatVector.broadcast(S, wz[2]);
        final FloatVector z3 = FloatVector.broadcast(S, wz[3]);
        final FloatVector z4 = FloatVector.broadcast(S, wz[4]);
        final int oz1 = off(wz, 1, 1);
        final int oz2 = off(wz, 2, 1);
        final int oz3 = off(wz, 3, 1);
        final int oz4 = off(wz, 4, 1);
        final FloatVector o1 = FloatVector.broadcast(S, wo[1]);
        final FloatVector o2 = FloatVector.broadcast(S, wo[2]);
        final FloatVector o3 = FloatVector.broadcast(S, wo[3]);
        final FloatVector o4 = FloatVector.broadcast(S, wo[4]);
        final int oo1 = off(wo, 1, so);
        final int oo2 = off(wo, 2, so);
        final int oo3 = off(wo, 3, so);
        final int oo4 = off(wo, 4, so);
        final float e0 = we[0];
        final FloatVector e1 = FloatVector.broadcast(S, we[1]);
        final FloatVector e2 = FloatVector.broadcast(S, we[2]);
        final FloatVector e3 = FloatVector.broadcast(S, we[3]);
        final FloatVector e4 = FloatVector.broadcast(S, we[4]);
        final int oe1 = off(we, 1, se);
        final int oe2 = off(we, 2, se);
        final int oe3 = off(we, 3, se);
        final int oe4 = off(we, 4, se);
        final FloatVector g1 = FloatVector.broadcast(S, d1[1]);
        final FloatVector g2 = FloatVector.broadcast(S, d1[2]);
        final FloatVector g3 = FloatVector.broadcast(S, d1[3]);
        final FloatVector g4 = FloatVector.broadcast(S, d1[4]);
        final int og1 = off(d1, 1, sQ);
        final int og2 = off(d1, 2, sQ);
        final int og3 = off(d1, 3, sQ);
        final int og4 = off(d1, 4, sQ);
        final float rest0 = wz[0] + wo[0];
        final int step = S.length();
        for (int col = 0; col < count; col++) {
            final float ac = a[c + col * cStep];
            final float bc = b[c + col * cStep];
            final int pc = p0 + col * sx;
            final int qc = q0 + col * qColumn;
            for (int iz = zs; iz < end; iz += step) {
                final int i = pc + iz;
                final int q = qc + iz;
                FloatVector ctr = FloatVector.fromArray(S, u, i);
                FloatVector rest = ctr.mul(rest0);
                rest = FloatVector.fromArray(S, u, i - oz1).add(FloatVector.fromArray(S, u, i + oz1)).fma(z1, rest);
                rest = FloatVector.fromArray(S, u, i - oz2).add(FloatVector.fromArray(S, u, i + oz2)).fma(z2, rest);
                rest = FloatVector.fromArray(S, u, i - oz3).add(FloatVector.fromArray(S, u, i + oz3)).fma(z3, rest);
                rest = FloatVector.fromArray(S, u, i - oz4).add(FloatVector.fromArray(S, u, i + oz4)).fma(z4, rest);
                rest = FloatVector.fromArray(S, u, i - oo1).add(FloatVector.fromArray(S, u, i + oo1)).fma(o1, rest);
                rest = FloatVector.fromArray(S, u, i - oo2).add(FloatVector.fromArray(S, u, i + oo2)).fma(o2, rest);
                rest = FloatVector.fromArray(S, u, i - oo3).add(FloatVector.fromArray(S, u, i + oo3)).fma(o3, rest);
                rest = FloatVector.fromArray(S, u, i - oo4).add(FloatVector.fromArray(S, u, i + oo4)).fma(o4, rest);
                FloatVector d2 = ctr.mul(e0);
                d2 = FloatVector.fromArray(S, u, i - oe1).add(FloatVector.fromArray(S, u, i + oe1)).fma(e1, d2);
                d2 = FloatVector.fromArray(S, u, i - oe2).add(FloatVector.fromArray(S, u, i + oe2)).fma(e2, d2);
                d2 = FloatVector.fromArray(S, u, i - oe3).add(FloatVector.fromArray(S, u, i + oe3)).fma(e3, d2);
                d2 = FloatVector.fromArray(S, u, i - oe4).add(FloatVector.fromArray(S, u, i + oe4)).fma(e4, d2);
                FloatVector dpsi = FloatVector.fromArray(S, psi, q + og1).sub(FloatVector.fromArray(S, psi, q - og1)).mul(g1);
                dpsi = FloatVector.fromArray(S, psi, q + og2).sub(FloatVector.fromArray(S, psi, q - og2)).fma(g2, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + og3).sub(FloatVector.fromArray(S, psi, q - og3)).fma(g3, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + og4).sub(FloatVector.fromArray(S, psi, q - og4)).fma(g4, dpsi);
                FloatVector zt = FloatVector.fromArray(S, zeta, q).mul(bc).add(d2.add(dpsi).mul(ac));
                zt.intoArray(zeta, q);
                FloatVector lap = rest.add(d2).add(dpsi.add(zt));
                lap.fma(FloatVector.fromArray(S, m, i), ctr.add(ctr).sub(FloatVector.fromArray(S, un, i))).intoArray(un, i);
            }
        }
    }

    /**
     * {@code count} neighbouring x columns damped along x and along y (a vertical edge of the
     * box), cells [zs, end) in whole vectors; parameters as {@link #columnOne}, once per axis
     * (the x coefficients change with the column, the y ones do not). The C-PML coefficients
     * enter as scalar operands: held as four more broadcast vectors beside the 34 this loop keeps,
     * C2 allocated two of them per call (measured, JDK 25).
     */
    void columnTwo(float[] u, float[] un, float[] m, int p0, int count, int zs, int end,
            float[] psiX, float[] zetaX, int qx0, int qxColumn, int sQx, float[] axs, float[] bxs, int ix0,
            float[] d1x, float[] psiY, float[] zetaY, int qy0, int qyColumn, int sQy, float ay, float by, float[] d1y) {
        final FloatVector z1 = FloatVector.broadcast(S, wz[1]);
        final FloatVector z2 = FloatVector.broadcast(S, wz[2]);
        final FloatVector z3 = FloatVector.broadcast(S, wz[3]);
        final FloatVector z4 = FloatVector.broadcast(S, wz[4]);
        final int oz1 = off(wz, 1, 1);
        final int oz2 = off(wz, 2, 1);
        final int oz3 = off(wz, 3, 1);
        final int oz4 = off(wz, 4, 1);
        final float x0 = wx[0];
        final FloatVector x1 = FloatVector.broadcast(S, wx[1]);
        final FloatVector x2 = FloatVector.broadcast(S, wx[2]);
        final FloatVector x3 = FloatVector.broadcast(S, wx[3]);
        final FloatVector x4 = FloatVector.broadcast(S, wx[4]);
        final int ox1 = off(wx, 1, sx);
        final int ox2 = off(wx, 2, sx);
        final int ox3 = off(wx, 3, sx);
        final int ox4 = off(wx, 4, sx);
        final float y0 = wy[0];
        final FloatVector y1 = FloatVector.broadcast(S, wy[1]);
        final FloatVector y2 = FloatVector.broadcast(S, wy[2]);
        final FloatVector y3 = FloatVector.broadcast(S, wy[3]);
        final FloatVector y4 = FloatVector.broadcast(S, wy[4]);
        final int oy1 = off(wy, 1, sy);
        final int oy2 = off(wy, 2, sy);
        final int oy3 = off(wy, 3, sy);
        final int oy4 = off(wy, 4, sy);
        final FloatVector gx1 = FloatVector.broadcast(S, d1x[1]);
        final FloatVector gx2 = FloatVector.broadcast(S, d1x[2]);
        final FloatVector gx3 = FloatVector.broadcast(S, d1x[3]);
        final FloatVector gx4 = FloatVector.broadcast(S, d1x[4]);
        final int px1 = off(d1x, 1, sQx);
        final int px2 = off(d1x, 2, sQx);
        final int px3 = off(d1x, 3, sQx);
        final int px4 = off(d1x, 4, sQx);
        final FloatVector gy1 = FloatVector.broadcast(S, d1y[1]);
        final FloatVector gy2 = FloatVector.broadcast(S, d1y[2]);
        final FloatVector gy3 = FloatVector.broadcast(S, d1y[3]);
        final FloatVector gy4 = FloatVector.broadcast(S, d1y[4]);
        final int py1 = off(d1y, 1, sQy);
        final int py2 = off(d1y, 2, sQy);
        final int py3 = off(d1y, 3, sQy);
        final int py4 = off(d1y, 4, sQy);
        final float zc = wz[0];
        final int step = S.length();
        for (int col = 0; col < count; col++) {
            final float ax = axs[ix0 + col];
            final float bx = bxs[ix0 + col];
            final int pc = p0 + col * sx;
            final int qxc = qx0 + col * qxColumn;
            final int qyc = qy0 + col * qyColumn;
            for (int iz = zs; iz < end; iz += step) {
                final int i = pc + iz;
                final int qx = qxc + iz;
                final int qy = qyc + iz;
                FloatVector c = FloatVector.fromArray(S, u, i);
                FloatVector rest = c.mul(zc);
                rest = FloatVector.fromArray(S, u, i - oz1).add(FloatVector.fromArray(S, u, i + oz1)).fma(z1, rest);
                rest = FloatVector.fromArray(S, u, i - oz2).add(FloatVector.fromArray(S, u, i + oz2)).fma(z2, rest);
                rest = FloatVector.fromArray(S, u, i - oz3).add(FloatVector.fromArray(S, u, i + oz3)).fma(z3, rest);
                rest = FloatVector.fromArray(S, u, i - oz4).add(FloatVector.fromArray(S, u, i + oz4)).fma(z4, rest);
                FloatVector dx2 = c.mul(x0);
                dx2 = FloatVector.fromArray(S, u, i - ox1).add(FloatVector.fromArray(S, u, i + ox1)).fma(x1, dx2);
                dx2 = FloatVector.fromArray(S, u, i - ox2).add(FloatVector.fromArray(S, u, i + ox2)).fma(x2, dx2);
                dx2 = FloatVector.fromArray(S, u, i - ox3).add(FloatVector.fromArray(S, u, i + ox3)).fma(x3, dx2);
                dx2 = FloatVector.fromArray(S, u, i - ox4).add(FloatVector.fromArray(S, u, i + ox4)).fma(x4, dx2);
                FloatVector dy2 = c.mul(y0);
                dy2 = FloatVector.fromArray(S, u, i - oy1).add(FloatVector.fromArray(S, u, i + oy1)).fma(y1, dy2);
                dy2 = FloatVector.fromArray(S, u, i - oy2).add(FloatVector.fromArray(S, u, i + oy2)).fma(y2, dy2);
                dy2 = FloatVector.fromArray(S, u, i - oy3).add(FloatVector.fromArray(S, u, i + oy3)).fma(y3, dy2);
                dy2 = FloatVector.fromArray(S, u, i - oy4).add(FloatVector.fromArray(S, u, i + oy4)).fma(y4, dy2);
                FloatVector dpx = FloatVector.fromArray(S, psiX, qx + px1).sub(FloatVector.fromArray(S, psiX, qx - px1)).mul(gx1);
                dpx = FloatVector.fromArray(S, psiX, qx + px2).sub(FloatVector.fromArray(S, psiX, qx - px2)).fma(gx2, dpx);
                dpx = FloatVector.fromArray(S, psiX, qx + px3).sub(FloatVector.fromArray(S, psiX, qx - px3)).fma(gx3, dpx);
                dpx = FloatVector.fromArray(S, psiX, qx + px4).sub(FloatVector.fromArray(S, psiX, qx - px4)).fma(gx4, dpx);
                FloatVector dpy = FloatVector.fromArray(S, psiY, qy + py1).sub(FloatVector.fromArray(S, psiY, qy - py1)).mul(gy1);
                dpy = FloatVector.fromArray(S, psiY, qy + py2).sub(FloatVector.fromArray(S, psiY, qy - py2)).fma(gy2, dpy);
                dpy = FloatVector.fromArray(S, psiY, qy + py3).sub(FloatVector.fromArray(S, psiY, qy - py3)).fma(gy3, dpy);
                dpy = FloatVector.fromArray(S, psiY, qy + py4).sub(FloatVector.fromArray(S, psiY, qy - py4)).fma(gy4, dpy);
                FloatVector ztx = FloatVector.fromArray(S, zetaX, qx).mul(bx).add(dx2.add(dpx).mul(ax));
                ztx.intoArray(zetaX, qx);
                FloatVector zty = FloatVector.fromArray(S, zetaY, qy).mul(by).add(dy2.add(dpy).mul(ay));
                zty.intoArray(zetaY, qy);
                FloatVector lap = rest.add(dx2).add(dy2).add(dpx.add(ztx)).add(dpy.add(zty));
                lap.fma(FloatVector.fromArray(S, m, i), c.add(c).sub(FloatVector.fromArray(S, un, i))).intoArray(un, i);
            }
        }
    }

    /**
     * Columns ix in [ixFrom, ixTo) of one y row, damped along z only, cells [zs, end) of a z
     * layer widened to whole vectors: the layer terms are multiplied by {@code mask} (1 in the
     * layer, 0 in the widening, where ∂ψ/∂z is not zero next to the layer).
     *
     * @param pRow flat index of column ix = 0, iz = 0 of the row
     * @param qRow index of column ix = 0, iz = 0 of the row in ψ and ζ; column stride {@code qStride}
     * @param a C-PML coefficient a per padded z
     * @param b C-PML coefficient b per padded z
     * @param mask 1 in the layer, 0 elsewhere, per padded z
     * @param d1 first-derivative weights along z, k = 0 .. 4
     */
    void zRow(float[] u, float[] un, float[] m, int pRow, int ixFrom, int ixTo, int zs, int end, float[] psi,
            float[] zeta, int qRow, int qStride, float[] a, float[] b, float[] mask, float[] d1) {
        final FloatVector x1 = FloatVector.broadcast(S, wx[1]);
        final FloatVector x2 = FloatVector.broadcast(S, wx[2]);
        final FloatVector x3 = FloatVector.broadcast(S, wx[3]);
        final FloatVector x4 = FloatVector.broadcast(S, wx[4]);
        final int ox1 = off(wx, 1, sx);
        final int ox2 = off(wx, 2, sx);
        final int ox3 = off(wx, 3, sx);
        final int ox4 = off(wx, 4, sx);
        final FloatVector y1 = FloatVector.broadcast(S, wy[1]);
        final FloatVector y2 = FloatVector.broadcast(S, wy[2]);
        final FloatVector y3 = FloatVector.broadcast(S, wy[3]);
        final FloatVector y4 = FloatVector.broadcast(S, wy[4]);
        final int oy1 = off(wy, 1, sy);
        final int oy2 = off(wy, 2, sy);
        final int oy3 = off(wy, 3, sy);
        final int oy4 = off(wy, 4, sy);
        final float z0 = wz[0];
        final FloatVector z1 = FloatVector.broadcast(S, wz[1]);
        final FloatVector z2 = FloatVector.broadcast(S, wz[2]);
        final FloatVector z3 = FloatVector.broadcast(S, wz[3]);
        final FloatVector z4 = FloatVector.broadcast(S, wz[4]);
        final int oz1 = off(wz, 1, 1);
        final int oz2 = off(wz, 2, 1);
        final int oz3 = off(wz, 3, 1);
        final int oz4 = off(wz, 4, 1);
        final FloatVector g1 = FloatVector.broadcast(S, d1[1]);
        final FloatVector g2 = FloatVector.broadcast(S, d1[2]);
        final FloatVector g3 = FloatVector.broadcast(S, d1[3]);
        final FloatVector g4 = FloatVector.broadcast(S, d1[4]);
        final int og1 = off(d1, 1, 1);
        final int og2 = off(d1, 2, 1);
        final int og3 = off(d1, 3, 1);
        final int og4 = off(d1, 4, 1);
        final float rest0 = wx[0] + wy[0];
        final int step = S.length();
        for (int ix = ixFrom; ix < ixTo; ix++) {
            final int p0 = pRow + ix * sx;
            final int q0 = qRow + ix * qStride;
            for (int iz = zs; iz < end; iz += step) {
                final int i = p0 + iz;
                final int q = q0 + iz;
                FloatVector c = FloatVector.fromArray(S, u, i);
                FloatVector rest = c.mul(rest0);
                rest = FloatVector.fromArray(S, u, i - ox1).add(FloatVector.fromArray(S, u, i + ox1)).fma(x1, rest);
                rest = FloatVector.fromArray(S, u, i - ox2).add(FloatVector.fromArray(S, u, i + ox2)).fma(x2, rest);
                rest = FloatVector.fromArray(S, u, i - ox3).add(FloatVector.fromArray(S, u, i + ox3)).fma(x3, rest);
                rest = FloatVector.fromArray(S, u, i - ox4).add(FloatVector.fromArray(S, u, i + ox4)).fma(x4, rest);
                rest = FloatVector.fromArray(S, u, i - oy1).add(FloatVector.fromArray(S, u, i + oy1)).fma(y1, rest);
                rest = FloatVector.fromArray(S, u, i - oy2).add(FloatVector.fromArray(S, u, i + oy2)).fma(y2, rest);
                rest = FloatVector.fromArray(S, u, i - oy3).add(FloatVector.fromArray(S, u, i + oy3)).fma(y3, rest);
                rest = FloatVector.fromArray(S, u, i - oy4).add(FloatVector.fromArray(S, u, i + oy4)).fma(y4, rest);
                FloatVector d2 = c.mul(z0);
                d2 = FloatVector.fromArray(S, u, i - oz1).add(FloatVector.fromArray(S, u, i + oz1)).fma(z1, d2);
                d2 = FloatVector.fromArray(S, u, i - oz2).add(FloatVector.fromArray(S, u, i + oz2)).fma(z2, d2);
                d2 = FloatVector.fromArray(S, u, i - oz3).add(FloatVector.fromArray(S, u, i + oz3)).fma(z3, d2);
                d2 = FloatVector.fromArray(S, u, i - oz4).add(FloatVector.fromArray(S, u, i + oz4)).fma(z4, d2);
                FloatVector dpsi = FloatVector.fromArray(S, psi, q + og1).sub(FloatVector.fromArray(S, psi, q - og1)).mul(g1);
                dpsi = FloatVector.fromArray(S, psi, q + og2).sub(FloatVector.fromArray(S, psi, q - og2)).fma(g2, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + og3).sub(FloatVector.fromArray(S, psi, q - og3)).fma(g3, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + og4).sub(FloatVector.fromArray(S, psi, q - og4)).fma(g4, dpsi);
                FloatVector zt = FloatVector.fromArray(S, zeta, q).mul(FloatVector.fromArray(S, b, iz))
                        .add(FloatVector.fromArray(S, a, iz).mul(d2.add(dpsi)));
                zt.intoArray(zeta, q);
                FloatVector lap = dpsi.add(zt).fma(FloatVector.fromArray(S, mask, iz), rest.add(d2));
                lap.fma(FloatVector.fromArray(S, m, i), c.add(c).sub(FloatVector.fromArray(S, un, i))).intoArray(un, i);
            }
        }
    }
}
