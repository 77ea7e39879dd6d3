package io.seiswork.kernels.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the C-PML column updates of {@link CpmlSlab}, one fused loop per column
 * instead of the scalar code's passes over scratch rows (which C2 cannot vectorise for the same
 * aliasing reason as the stencil). Only called after {@link ColumnKernel#best} found the
 * {@code jdk.incubator.vector} module; the cells of a row that do not fill a vector are left to
 * the scalar code.
 */
final class VectorCpml {

    private static final VectorSpecies<Float> S = VectorStencilKernel.S;

    private VectorCpml() {
    }

    /** Number of leading cells of [zs, ze) that whole vectors cover. */
    static int bound(int zs, int ze) {
        return zs + S.loopBound(ze - zs);
    }

    /**
     * ψ = b ψ + a Σ_k d1[k] (u[p+k·s] − u[p−k·s]) for cells [zs, end); a and b either per cell
     * (arrays indexed by z, {@code perCell}) or constant (index {@code c} of the arrays).
     */
    static void updatePsi(float[] u, int p0, int s, float[] psi, int q0, float[] a, float[] b, boolean perCell,
            int c, float[] d1, int radius, int zs, int end) {
        final int step = S.length();
        FloatVector ac = FloatVector.broadcast(S, perCell ? 0f : a[c]);
        FloatVector bc = FloatVector.broadcast(S, perCell ? 0f : b[c]);
        for (int iz = zs; iz < end; iz += step) {
            int i = p0 + iz;
            FloatVector d = diff(u, i, s, 1).mul(d1[1]);
            for (int k = 2; k <= radius; k++) {
                d = diff(u, i, s, k).fma(FloatVector.broadcast(S, d1[k]), d);
            }
            FloatVector av = perCell ? FloatVector.fromArray(S, a, iz) : ac;
            FloatVector bv = perCell ? FloatVector.fromArray(S, b, iz) : bc;
            int q = q0 + iz;
            FloatVector ps = FloatVector.fromArray(S, psi, q);
            ps.mul(bv).add(av.mul(d)).intoArray(psi, q);
        }
    }

    /**
     * ζ = b ζ + a (∂²u + ∂ψ); un += m (∂ψ + ζ) for cells [zs, end); see {@link #updatePsi} for a, b.
     */
    static void correct(float[] u, float[] un, float[] m, int p0, int sP, float[] psi, float[] zeta, int q0, int sQ,
            float[] a, float[] b, boolean perCell, int c, float[] d1, float[] d2, int radius, int zs, int end) {
        final int step = S.length();
        FloatVector ac = FloatVector.broadcast(S, perCell ? 0f : a[c]);
        FloatVector bc = FloatVector.broadcast(S, perCell ? 0f : b[c]);
        for (int iz = zs; iz < end; iz += step) {
            int i = p0 + iz;
            int q = q0 + iz;
            FloatVector dpsi = diff(psi, q, sQ, 1).mul(d1[1]);
            FloatVector lap = FloatVector.fromArray(S, u, i).mul(d2[0]);
            lap = sum(u, i, sP, 1).fma(FloatVector.broadcast(S, d2[1]), lap);
            for (int k = 2; k <= radius; k++) {
                dpsi = diff(psi, q, sQ, k).fma(FloatVector.broadcast(S, d1[k]), dpsi);
                lap = sum(u, i, sP, k).fma(FloatVector.broadcast(S, d2[k]), lap);
            }
            FloatVector av = perCell ? FloatVector.fromArray(S, a, iz) : ac;
            FloatVector bv = perCell ? FloatVector.fromArray(S, b, iz) : bc;
            FloatVector z = FloatVector.fromArray(S, zeta, q).mul(bv).add(av.mul(lap.add(dpsi)));
            z.intoArray(zeta, q);
            FloatVector mm = FloatVector.fromArray(S, m, i);
            FloatVector.fromArray(S, un, i).add(mm.mul(dpsi.add(z))).intoArray(un, i);
        }
    }

    private static FloatVector diff(float[] f, int i, int s, int k) {
        return FloatVector.fromArray(S, f, i + k * s).sub(FloatVector.fromArray(S, f, i - k * s));
    }

    private static FloatVector sum(float[] f, int i, int s, int k) {
        return FloatVector.fromArray(S, f, i + k * s).add(FloatVector.fromArray(S, f, i - k * s));
    }
}
