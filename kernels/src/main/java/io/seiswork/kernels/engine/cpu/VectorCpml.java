package io.seiswork.kernels.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the C-PML column updates of {@link CpmlSlab} for every space order: one
 * fused loop per column instead of the scalar code's passes over scratch rows (which C2 cannot
 * vectorise, for the same aliasing reason as the stencil), with the coefficients held in
 * registers; the cells of a row that do not fill a vector are left to the scalar code (masked
 * vectors were measured 3x slower on this JDK). Only called after {@link ColumnKernel#vectorAvailable()} found the
 * {@code jdk.incubator.vector} module.
 */
final class VectorCpml {

    private static final VectorSpecies<Float> S = VectorStencilKernel.S;

    private VectorCpml() {
    }

    /**
     * Weight k of a derivative table of radius {@code d.length − 1}, 0 beyond it. The loops are
     * written for radius 4; for orders 2 and 4 the missing terms get weight 0 and offset 0
     * (a load of the centre, in bounds), so one set of loops serves every order at the cost of
     * a few redundant L1 loads and fmas in the layer.
     */
    private static float weight(float[] d, int k) {
        return k < d.length ? d[k] : 0f;
    }

    /** Offset of term k (k · stride), or 0 beyond the table's radius; see {@link #weight}. */
    private static int offset(float[] d, int k, int stride) {
        return k < d.length ? k * stride : 0;
    }

    /** End of the leading cells of [zs, ze) that whole vectors cover. */
    static int bound(int zs, int ze) {
        return zs + S.loopBound(ze - zs);
    }


    /**
     * ζ = b ζ + a (∂²u + ∂ψ); un += m (∂ψ + ζ) for cells [zs, end), whole vectors; see
     * {@link #updatePsiRow} for a, b (entry {@code c}).
     */
    static void correct(float[] u, float[] un, float[] m, int p0, int sP, float[] psi, float[] zeta, int q0, int sQ,
            float[] a, float[] b, int c, float[] d1, float[] d2, int zs, int end) {
        final int q2 = offset(d1, 2, sQ);
        final int q3 = offset(d1, 3, sQ);
        final int q4 = offset(d1, 4, sQ);
        final int p2 = offset(d2, 2, sP);
        final int p3 = offset(d2, 3, sP);
        final int p4 = offset(d2, 4, sP);
        final int step = S.length();
        final FloatVector w1 = FloatVector.broadcast(S, weight(d1, 1));
        final FloatVector w2 = FloatVector.broadcast(S, weight(d1, 2));
        final FloatVector w3 = FloatVector.broadcast(S, weight(d1, 3));
        final FloatVector w4 = FloatVector.broadcast(S, weight(d1, 4));
        final FloatVector v0 = FloatVector.broadcast(S, weight(d2, 0));
        final FloatVector v1 = FloatVector.broadcast(S, weight(d2, 1));
        final FloatVector v2 = FloatVector.broadcast(S, weight(d2, 2));
        final FloatVector v3 = FloatVector.broadcast(S, weight(d2, 3));
        final FloatVector v4 = FloatVector.broadcast(S, weight(d2, 4));
        final FloatVector av = FloatVector.broadcast(S, a[c]);
        final FloatVector bv = FloatVector.broadcast(S, b[c]);
        for (int iz = zs; iz < end; iz += step) {
            int i = p0 + iz;
            int q = q0 + iz;
            FloatVector dpsi = FloatVector.fromArray(S, psi, q + sQ)
                    .sub(FloatVector.fromArray(S, psi, q - sQ)).mul(w1);
            dpsi = FloatVector.fromArray(S, psi, q + q2)
                    .sub(FloatVector.fromArray(S, psi, q - q2)).fma(w2, dpsi);
            dpsi = FloatVector.fromArray(S, psi, q + q3)
                    .sub(FloatVector.fromArray(S, psi, q - q3)).fma(w3, dpsi);
            dpsi = FloatVector.fromArray(S, psi, q + q4)
                    .sub(FloatVector.fromArray(S, psi, q - q4)).fma(w4, dpsi);
            FloatVector lap = FloatVector.fromArray(S, u, i).mul(v0);
            lap = FloatVector.fromArray(S, u, i + sP)
                    .add(FloatVector.fromArray(S, u, i - sP)).fma(v1, lap);
            lap = FloatVector.fromArray(S, u, i + p2)
                    .add(FloatVector.fromArray(S, u, i - p2)).fma(v2, lap);
            lap = FloatVector.fromArray(S, u, i + p3)
                    .add(FloatVector.fromArray(S, u, i - p3)).fma(v3, lap);
            lap = FloatVector.fromArray(S, u, i + p4)
                    .add(FloatVector.fromArray(S, u, i - p4)).fma(v4, lap);
            FloatVector z = FloatVector.fromArray(S, zeta, q).mul(bv).add(av.mul(lap.add(dpsi)));
            z.intoArray(zeta, q);
            FloatVector mm = FloatVector.fromArray(S, m, i);
            FloatVector.fromArray(S, un, i).add(mm.mul(dpsi.add(z))).intoArray(un, i);
        }
    }

    /**
     * ψ = b ψ + a Σ_k d1[k] (u[p+k·s] − u[p−k·s]) for a row of columns ix in [ixFrom, ixTo) of an x or
     * y layer, cells [zs, end) in whole vectors, in one call
     * (the set-up per call cost more than this short loop per column): column ix starts at
     * {@code pRow + ix · pStride} in the field and {@code qRow + ix · qStride} in ψ; its
     * coefficients are entry {@code c0 + ix · cStep} of a and b (x layers: cStep 1, c0 0; y
     * layers: cStep 0, c0 the row).
     *
     * @param s field stride along the layer's axis
     */
    static void updatePsiRow(float[] u, int pRow, int pStride, int s, float[] psi, int qRow, int qStride,
            float[] a, float[] b, int c0, int cStep, float[] d1, int ixFrom, int ixTo, int zs, int end) {
        final int step = S.length();
        final FloatVector w1 = FloatVector.broadcast(S, weight(d1, 1));
        final FloatVector w2 = FloatVector.broadcast(S, weight(d1, 2));
        final FloatVector w3 = FloatVector.broadcast(S, weight(d1, 3));
        final FloatVector w4 = FloatVector.broadcast(S, weight(d1, 4));
        final int s2 = offset(d1, 2, s);
        final int s3 = offset(d1, 3, s);
        final int s4 = offset(d1, 4, s);
        for (int ix = ixFrom; ix < ixTo; ix++) {
            final int p0 = pRow + ix * pStride;
            final int q0 = qRow + ix * qStride;
            final float ac = a[c0 + ix * cStep];
            final float bc = b[c0 + ix * cStep];
            for (int iz = zs; iz < end; iz += step) {
                int i = p0 + iz;
                FloatVector d = FloatVector.fromArray(S, u, i + s)
                        .sub(FloatVector.fromArray(S, u, i - s)).mul(w1);
                d = FloatVector.fromArray(S, u, i + s2)
                        .sub(FloatVector.fromArray(S, u, i - s2)).fma(w2, d);
                d = FloatVector.fromArray(S, u, i + s3)
                        .sub(FloatVector.fromArray(S, u, i - s3)).fma(w3, d);
                d = FloatVector.fromArray(S, u, i + s4)
                        .sub(FloatVector.fromArray(S, u, i - s4)).fma(w4, d);
                int q = q0 + iz;
                FloatVector.fromArray(S, psi, q).mul(bc).add(d.mul(ac)).intoArray(psi, q);
            }
        }
    }

    /**
     * ψ = b ψ + a Σ_k d1[k] (u[p+k] − u[p−k]) for a row of columns ix in [ixFrom, ixTo) of a z
     * layer, cells [zs, end) in whole vectors, a and b indexed by z: column ix starts at
     * {@code pRow + ix · pStride} in the field and {@code qRow + ix · qStride} in ψ. A variant of
     * its own rather than a flag in {@link #updatePsiRow}: a vector chosen by a condition is a
     * merge C2 may box, which costs more than the arithmetic.
     */
    static void updatePsiZRow(float[] u, int pRow, int pStride, float[] psi, int qRow, int qStride, float[] a,
            float[] b, float[] d1, int ixFrom, int ixTo, int zs, int end) {
        final int s = 1;
        final int step = S.length();
        final FloatVector w1 = FloatVector.broadcast(S, weight(d1, 1));
        final FloatVector w2 = FloatVector.broadcast(S, weight(d1, 2));
        final FloatVector w3 = FloatVector.broadcast(S, weight(d1, 3));
        final FloatVector w4 = FloatVector.broadcast(S, weight(d1, 4));
        final int s2 = offset(d1, 2, s);
        final int s3 = offset(d1, 3, s);
        final int s4 = offset(d1, 4, s);
        for (int ix = ixFrom; ix < ixTo; ix++) {
            final int p0 = pRow + ix * pStride;
            final int q0 = qRow + ix * qStride;
            for (int iz = zs; iz < end; iz += step) {
                int i = p0 + iz;
                FloatVector d = FloatVector.fromArray(S, u, i + s)
                        .sub(FloatVector.fromArray(S, u, i - s)).mul(w1);
                d = FloatVector.fromArray(S, u, i + s2)
                        .sub(FloatVector.fromArray(S, u, i - s2)).fma(w2, d);
                d = FloatVector.fromArray(S, u, i + s3)
                        .sub(FloatVector.fromArray(S, u, i - s3)).fma(w3, d);
                d = FloatVector.fromArray(S, u, i + s4)
                        .sub(FloatVector.fromArray(S, u, i - s4)).fma(w4, d);
                FloatVector av = FloatVector.fromArray(S, a, iz);
                FloatVector bv = FloatVector.fromArray(S, b, iz);
                int q = q0 + iz;
                FloatVector.fromArray(S, psi, q).mul(bv).add(av.mul(d)).intoArray(psi, q);
            }
        }
    }

    /**
     * As {@link #correct} for a row of columns of a z layer (see {@link #updatePsiZRow}), whose
     * range may extend past the layer to whole vectors: the update of un is multiplied by
     * {@code mask} (1 in the layer, 0 outside), since ∂ψ is not zero just outside it.
     */
    static void correctZRow(float[] u, float[] un, float[] m, int pRow, int pStride, float[] psi, float[] zeta,
            int qRow, int qStride, float[] a, float[] b, float[] mask, float[] d1, float[] d2, int ixFrom, int ixTo,
            int zs, int end) {
        final int sP = 1;
        final int sQ = 1;
        final int q2 = offset(d1, 2, sQ);
        final int q3 = offset(d1, 3, sQ);
        final int q4 = offset(d1, 4, sQ);
        final int p2 = offset(d2, 2, sP);
        final int p3 = offset(d2, 3, sP);
        final int p4 = offset(d2, 4, sP);
        final int step = S.length();
        final FloatVector w1 = FloatVector.broadcast(S, weight(d1, 1));
        final FloatVector w2 = FloatVector.broadcast(S, weight(d1, 2));
        final FloatVector w3 = FloatVector.broadcast(S, weight(d1, 3));
        final FloatVector w4 = FloatVector.broadcast(S, weight(d1, 4));
        final FloatVector v0 = FloatVector.broadcast(S, weight(d2, 0));
        final FloatVector v1 = FloatVector.broadcast(S, weight(d2, 1));
        final FloatVector v2 = FloatVector.broadcast(S, weight(d2, 2));
        final FloatVector v3 = FloatVector.broadcast(S, weight(d2, 3));
        final FloatVector v4 = FloatVector.broadcast(S, weight(d2, 4));
        for (int ix = ixFrom; ix < ixTo; ix++) {
            final int p0 = pRow + ix * pStride;
            final int q0 = qRow + ix * qStride;
            for (int iz = zs; iz < end; iz += step) {
                int i = p0 + iz;
                int q = q0 + iz;
                FloatVector dpsi = FloatVector.fromArray(S, psi, q + sQ)
                        .sub(FloatVector.fromArray(S, psi, q - sQ)).mul(w1);
                dpsi = FloatVector.fromArray(S, psi, q + q2)
                        .sub(FloatVector.fromArray(S, psi, q - q2)).fma(w2, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + q3)
                        .sub(FloatVector.fromArray(S, psi, q - q3)).fma(w3, dpsi);
                dpsi = FloatVector.fromArray(S, psi, q + q4)
                        .sub(FloatVector.fromArray(S, psi, q - q4)).fma(w4, dpsi);
                FloatVector lap = FloatVector.fromArray(S, u, i).mul(v0);
                lap = FloatVector.fromArray(S, u, i + sP)
                        .add(FloatVector.fromArray(S, u, i - sP)).fma(v1, lap);
                lap = FloatVector.fromArray(S, u, i + p2)
                        .add(FloatVector.fromArray(S, u, i - p2)).fma(v2, lap);
                lap = FloatVector.fromArray(S, u, i + p3)
                        .add(FloatVector.fromArray(S, u, i - p3)).fma(v3, lap);
                lap = FloatVector.fromArray(S, u, i + p4)
                        .add(FloatVector.fromArray(S, u, i - p4)).fma(v4, lap);
                FloatVector av = FloatVector.fromArray(S, a, iz);
                FloatVector bv = FloatVector.fromArray(S, b, iz);
                FloatVector z = FloatVector.fromArray(S, zeta, q).mul(bv).add(av.mul(lap.add(dpsi)));
                z.intoArray(zeta, q);
                FloatVector mm = FloatVector.fromArray(S, m, i).mul(FloatVector.fromArray(S, mask, iz));
                FloatVector.fromArray(S, un, i).add(mm.mul(dpsi.add(z))).intoArray(un, i);
            }
        }
    }
}
