package io.seiswork.kernels.engine.cpu;

import java.util.List;

/**
 * The convolutional-PML memory variables of one side of one axis, stored only for the layer on
 * that side (plus a zero halo of one stencil radius along the axis, so the derivative of ψ needs
 * no bounds test), and their update.
 *
 * <p>For the damped axis ξ the second-order form (Pasalic and McGarry 2010) reads
 * <pre>
 *   ∂²p/∂t² = v² Σ_ξ ( ∂²p/∂ξ² + ∂ψ_ξ/∂ξ + ζ_ξ )
 *   ψ_ξⁿ = b ψ_ξⁿ⁻¹ + a ∂pⁿ/∂ξ
 *   ζ_ξⁿ = b ζ_ξⁿ⁻¹ + a ( ∂²pⁿ/∂ξ² + ∂ψ_ξⁿ/∂ξ )
 * </pre>
 * The interior stencil already adds {@code v² dt² ∂²p/∂ξ²} everywhere; this slab adds the
 * remaining {@code v² dt² (∂ψ/∂ξ + ζ)} in its layer cells only, so the boundary costs nothing in
 * the interior. Work is done per (x, y) column so that the propagator's column split across
 * threads also splits the layer work without write conflicts.
 *
 * <p>Box coordinates: local index {@code ((iy − y0) · bnx + (ix − x0)) · bnz + (iz − z0)}.
 */
final class CpmlSlab {

    /** Axis codes. */
    static final int X = 0;
    static final int Y = 1;
    static final int Z = 2;

    private final int axis;
    private final int l0;
    private final int l1;
    private final int x0;
    private final int y0;
    private final int z0;
    private final int bnx;
    private final int bny;
    private final int bnz;
    private final int strideP;
    private final int strideQ;
    private final int zFrom;
    private final int zTo;
    private final int padNz;
    private final int padNx;
    private final int radius;
    private final float[] a;
    private final float[] b;
    private final float[] mask;
    private final float[] d1;
    private final float[] d2;
    private final float d2c0;
    private final float[] psi;
    private final float[] zeta;
    private final boolean vector;
    private final boolean low;

    /**
     * @param grid padded grid
     * @param axis {@link #X}, {@link #Y} or {@link #Z}
     * @param l0 first padded index of the layer along the axis
     * @param l1 end (exclusive) of the layer along the axis
     * @param profile the axis' damping coefficients
     * @param d1 first-derivative weights a_k / h for k = 1 .. radius (index 0 unused), 1/m
     * @param d2 second-derivative weights c_k / h² for k = 0 .. radius, 1/m²
     * @param vector whether to use the Vector API loops ({@link VectorCpml}); the module
     *     must be present
     */
    CpmlSlab(PaddedGrid grid, int axis, int l0, int l1, CpmlProfile profile, float[] d1, float[] d2,
            boolean vector) {
        this.vector = vector;
        this.low = l0 == profile.lowStart() && l1 == profile.lowEnd();
        int r = grid.radius();
        this.axis = axis;
        this.l0 = l0;
        this.l1 = l1;
        this.radius = r;
        this.padNz = grid.nz();
        this.padNx = grid.nx();
        this.a = profile.a();
        this.b = profile.b();
        this.mask = profile.mask();
        this.d1 = d1;
        this.d2 = d2;
        this.d2c0 = d2[0];
        int cy0 = grid.y0();
        int cny = grid.y1() - grid.y0();
        switch (axis) {
            case X -> {
                x0 = l0 - r; bnx = l1 - l0 + 2 * r;
                y0 = cy0; bny = cny;
                z0 = r; bnz = grid.nz() - 2 * r;
                strideP = grid.nz();
                strideQ = bnz;
                zFrom = r; zTo = grid.nz() - r;
            }
            case Y -> {
                x0 = r; bnx = grid.nx() - 2 * r;
                y0 = l0 - r; bny = l1 - l0 + 2 * r;
                z0 = r; bnz = grid.nz() - 2 * r;
                strideP = grid.nx() * grid.nz();
                strideQ = bnx * bnz;
                zFrom = r; zTo = grid.nz() - r;
            }
            case Z -> {
                int[] span = zSpan(grid, l0, l1, profile, vector);
                int from = span[0];
                int to = span[1];
                x0 = r; bnx = grid.nx() - 2 * r;
                y0 = cy0; bny = cny;
                z0 = from - r; bnz = to - from + 2 * r;
                strideP = 1;
                strideQ = 1;
                zFrom = from; zTo = to;
            }
            default -> throw new IllegalArgumentException("axis " + axis);
        }
        psi = new float[bnx * bny * bnz];
        zeta = new float[psi.length];
    }

    /**
     * The z range {from, to} a z slab updates: the layer [l0, l1), widened with vectors to whole
     * vectors towards the interior (cells there have a = b = 0 and a zero mask, so they stay
     * untouched), unless it would reach the opposite layer of a very thin model.
     */
    private static int[] zSpan(PaddedGrid grid, int l0, int l1, CpmlProfile profile, boolean vector) {
        int from = l0;
        int to = l1;
        if (vector) {
            int span = (l1 - l0 + PaddedGrid.Z_ALIGN - 1) / PaddedGrid.Z_ALIGN * PaddedGrid.Z_ALIGN;
            boolean top = l0 < grid.nz() / 2;
            if (top && l0 + span <= profile.highStart()) {
                to = l0 + span;
            } else if (!top && l1 - span >= Math.max(profile.lowEnd(), grid.radius())) {
                from = l1 - span;
            }
        }
        return new int[] {from, to};
    }

    /**
     * Cells of the box of the slab that {@code new CpmlSlab(grid, axis, l0, l1, profile, ..., vector)}
     * makes, without making it: the length of each of its two memory arrays ψ and ζ (floats), for
     * sizing the heap before anything is allocated.
     */
    static long boxCells(PaddedGrid grid, int axis, int l0, int l1, CpmlProfile profile, boolean vector) {
        int r = grid.radius();
        long rows = grid.y1() - grid.y0();
        return switch (axis) {
            case X -> (long) (l1 - l0 + 2 * r) * rows * (grid.nz() - 2 * r);
            case Y -> (long) (grid.nx() - 2 * r) * (l1 - l0 + 2 * r) * (grid.nz() - 2 * r);
            case Z -> {
                int[] span = zSpan(grid, l0, l1, profile, vector);
                yield (long) (grid.nx() - 2 * r) * rows * (span[1] - span[0] + 2 * r);
            }
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    /** The arrays this slab holds: ψ and ζ (its own) and the profile's a, b and mask (shared per axis). */
    List<float[]> arrays() {
        return List.of(psi, zeta, a, b, mask);
    }

    /**
     * {@link #updatePsi} for the columns (iy, ix), ix in [ixFrom, ixTo), that this slab covers.
     * Working on a row of columns at once lets the vector code of the thin z layers set up its
     * coefficients once per row instead of once per column.
     */
    void updatePsiRow(float[] u, int iy, int ixFrom, int ixTo, float[] tmp) {
        int from = clipFrom(iy, ixFrom);
        int to = clipTo(iy, ixTo);
        if (from >= to) {
            return;
        }
        if (vector && axis == Z && VectorCpml.bound(zFrom, zTo) == zTo) {
            VectorCpml.updatePsiZRow(u, iy * padNx * padNz, padNz, psi, ((iy - y0) * bnx - x0) * bnz - z0, bnz,
                    a, b, d1, from, to, zFrom, zTo);
            return;
        }
        if (vector && axis != Z && VectorCpml.bound(zFrom, zTo) == zTo) {
            VectorCpml.updatePsiRow(u, iy * padNx * padNz, padNz, strideP, psi, ((iy - y0) * bnx - x0) * bnz - z0, bnz,
                    a, b, axis == X ? 0 : iy, axis == X ? 1 : 0, d1, from, to, zFrom, zTo);
            return;
        }
        for (int ix = from; ix < to; ix++) {
            updatePsi(u, iy, ix, tmp);
        }
    }

    /** {@link #correct} for the columns (iy, ix), ix in [ixFrom, ixTo), that this slab covers. */
    void correctRow(float[] u, float[] un, float[] m, int iy, int ixFrom, int ixTo, float[] t1, float[] t2) {
        int from = clipFrom(iy, ixFrom);
        int to = clipTo(iy, ixTo);
        if (from >= to) {
            return;
        }
        if (vector && axis == Z && VectorCpml.bound(zFrom, zTo) == zTo) {
            VectorCpml.correctZRow(u, un, m, iy * padNx * padNz, padNz, psi, zeta, ((iy - y0) * bnx - x0) * bnz - z0,
                    bnz, a, b, mask, d1, d2, from, to, zFrom, zTo);
            return;
        }
        for (int ix = from; ix < to; ix++) {
            correct(u, un, m, iy, ix, t1, t2);
        }
    }

    private int clipFrom(int iy, int ixFrom) {
        return switch (axis) {
            case X -> Math.max(ixFrom, l0);
            case Y -> iy >= l0 && iy < l1 ? ixFrom : Integer.MAX_VALUE;
            default -> ixFrom;
        };
    }

    private int clipTo(int iy, int ixTo) {
        return axis == X ? Math.min(ixTo, l1) : ixTo;
    }

    /**
     * Whether ψ of a column depends only on that column (z layers: ∂u/∂z), so that it can be
     * updated right before the column's correction, in the same sweep, instead of in a phase of
     * its own that every thread must finish first (x and y layers need their neighbours' ψ).
     */
    boolean columnLocal() {
        return axis == Z;
    }

    /** {@link #X}, {@link #Y} or {@link #Z}. */
    int axis() {
        return axis;
    }

    /** Whether this is the layer at the low (index 0) end of its axis. */
    boolean lowSide() {
        return low;
    }

    /** Whether padded index {@code i} along this slab's axis lies in its layer. */
    boolean covers(int i) {
        return i >= l0 && i < l1;
    }

    /** First padded index of the layer along the axis. */
    int layerStart() {
        return l0;
    }

    /** End (exclusive) of the layer along the axis. */
    int layerEnd() {
        return l1;
    }

    /** First z cell this slab updates (a z layer may be widened to whole vectors). */
    int zFrom() {
        return zFrom;
    }

    /** End (exclusive) of the z cells this slab updates. */
    int zTo() {
        return zTo;
    }

    /** Whether the z range is whole vectors, so the vector loops need no scalar tail. */
    boolean vectorAligned() {
        return vector && VectorCpml.bound(zFrom, zTo) == zTo;
    }

    float[] psi() {
        return psi;
    }

    float[] zeta() {
        return zeta;
    }

    /** Coefficient a per padded index along the axis. */
    float[] a() {
        return a;
    }

    /** Coefficient b per padded index along the axis. */
    float[] b() {
        return b;
    }

    /** 1 in the layer, 0 elsewhere, per padded index along the axis. */
    float[] mask() {
        return mask;
    }

    /** First-derivative weights a_k / h, k = 0 .. 4, zero beyond the radius (index 0 unused). */
    float[] d1Padded() {
        float[] p = new float[5];
        System.arraycopy(d1, 0, p, 0, Math.min(d1.length, 5));
        return p;
    }

    /** Index in ψ and ζ of padded cell (ix, iy, iz = 0); cell iz is at that plus iz. */
    int boxIndex(int iy, int ix) {
        return ((iy - y0) * bnx + (ix - x0)) * bnz - z0;
    }

    /** Distance in ψ between neighbours along the slab's axis. */
    int boxStride() {
        return strideQ;
    }

    /** Distance in ψ between neighbouring x columns. */
    int boxColumnStride() {
        return bnz;
    }

    /** Zeroes the memory variables (a new shot). */
    void reset() {
        java.util.Arrays.fill(psi, 0f);
        java.util.Arrays.fill(zeta, 0f);
    }

    /**
     * Advances ψ of column (iy, ix) to the current time level: {@code ψ = b ψ + a ∂u/∂ξ}.
     *
     * @param tmp scratch of at least the padded nz floats
     */
    void updatePsi(float[] u, int iy, int ix, float[] tmp) {
        final int p0 = (iy * padNx + ix) * padNz;
        final int q0 = ((iy - y0) * bnx + (ix - x0)) * bnz - z0;
        final int s = strideP;
        int zs = zFrom;
        final int ze = zTo;
        if (vector) {
            int end = VectorCpml.bound(zs, ze);
            if (axis == Z) {
                VectorCpml.updatePsiZRow(u, iy * padNx * padNz, padNz, psi, q0 - ix * bnz, bnz, a, b, d1, ix, ix + 1,
                        zs, end);
            } else {
                VectorCpml.updatePsiRow(u, iy * padNx * padNz, padNz, s, psi, q0 - ix * bnz, bnz, a, b,
                        axis == X ? 0 : iy, axis == X ? 1 : 0, d1, ix, ix + 1, zs, end);
            }
            if (end == ze) {
                return;
            }
            zs = end;
        }
        firstDerivative(u, p0, s, zs, ze, tmp);
        final float[] ps = psi;
        if (axis == Z) {
            final float[] aa = a;
            final float[] bb = b;
            for (int iz = zs; iz < ze; iz++) {
                ps[q0 + iz] = bb[iz] * ps[q0 + iz] + aa[iz] * tmp[iz];
            }
        } else {
            int c = axis == X ? ix : iy;
            final float ac = a[c];
            final float bc = b[c];
            for (int iz = zs; iz < ze; iz++) {
                ps[q0 + iz] = bc * ps[q0 + iz] + ac * tmp[iz];
            }
        }
    }

    /**
     * Adds the layer terms to the new field of column (iy, ix):
     * {@code un += v²dt² (∂ψ/∂ξ + ζ)} after updating {@code ζ = b ζ + a (∂²u/∂ξ² + ∂ψ/∂ξ)}.
     * Must run after {@link #updatePsi} has run for every column of the step and after the
     * interior stencil has written {@code un} for this column.
     *
     * @param m v² dt² per padded cell, m²
     * @param t1 scratch, padded nz floats
     * @param t2 scratch, padded nz floats
     */
    void correct(float[] u, float[] un, float[] m, int iy, int ix, float[] t1, float[] t2) {
        final int p0 = (iy * padNx + ix) * padNz;
        final int q0 = ((iy - y0) * bnx + (ix - x0)) * bnz - z0;
        int zs = zFrom;
        final int ze = zTo;
        if (vector) {
            int end = VectorCpml.bound(zs, ze);
            if (axis == Z) {
                VectorCpml.correctZRow(u, un, m, iy * padNx * padNz, padNz, psi, zeta, q0 - ix * bnz, bnz, a, b, mask,
                        d1, d2, ix, ix + 1, zs, end);
            } else {
                VectorCpml.correct(u, un, m, p0, strideP, psi, zeta, q0, strideQ, a, b, axis == X ? ix : iy, d1, d2,
                        zs, end);
            }
            if (end == ze) {
                return;
            }
            zs = end;
        }
        firstDerivative(psi, q0, strideQ, zs, ze, t1);
        secondDerivative(u, p0, strideP, zs, ze, t2);
        final float[] zt = zeta;
        if (axis == Z) {
            final float[] aa = a;
            final float[] bb = b;
            for (int iz = zs; iz < ze; iz++) {
                float dpsi = t1[iz];
                float z = bb[iz] * zt[q0 + iz] + aa[iz] * (t2[iz] + dpsi);
                zt[q0 + iz] = z;
                un[p0 + iz] += m[p0 + iz] * (dpsi + z);
            }
        } else {
            int c = axis == X ? ix : iy;
            final float ac = a[c];
            final float bc = b[c];
            for (int iz = zs; iz < ze; iz++) {
                float dpsi = t1[iz];
                float z = bc * zt[q0 + iz] + ac * (t2[iz] + dpsi);
                zt[q0 + iz] = z;
                un[p0 + iz] += m[p0 + iz] * (dpsi + z);
            }
        }
    }

    /** out[iz] = Σ_k d1[k] (f[base+iz+k·s] − f[base+iz−k·s]) for iz in [zs, ze). */
    private void firstDerivative(float[] f, int base, int s, int zs, int ze, float[] out) {
        final float w1 = d1[1];
        for (int iz = zs; iz < ze; iz++) {
            out[iz] = w1 * (f[base + iz + s] - f[base + iz - s]);
        }
        for (int k = 2; k <= radius; k++) {
            final float wk = d1[k];
            final int o = k * s;
            for (int iz = zs; iz < ze; iz++) {
                out[iz] += wk * (f[base + iz + o] - f[base + iz - o]);
            }
        }
    }

    /** out[iz] = d2[0] f[base+iz] + Σ_k d2[k] (f[base+iz+k·s] + f[base+iz−k·s]). */
    private void secondDerivative(float[] f, int base, int s, int zs, int ze, float[] out) {
        final float w0 = d2c0;
        final float w1 = d2[1];
        for (int iz = zs; iz < ze; iz++) {
            out[iz] = w0 * f[base + iz] + w1 * (f[base + iz + s] + f[base + iz - s]);
        }
        for (int k = 2; k <= radius; k++) {
            final float wk = d2[k];
            final int o = k * s;
            for (int iz = zs; iz < ze; iz++) {
                out[iz] += wk * (f[base + iz + o] + f[base + iz - o]);
            }
        }
    }
}
