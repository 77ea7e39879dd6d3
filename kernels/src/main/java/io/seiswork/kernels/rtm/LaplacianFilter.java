package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * The negative Laplacian {@code −∇²} of an image, the classic filter against RTM's
 * low-wavenumber backscatter (Youn and Zhou 2001): the artefact is the cross-correlation of
 * waves travelling the same way (source and receiver fields both down- or up-going), which
 * has wavenumbers near zero, while reflectors image at {@code |k| = 2ω cos θ / v}. Multiplying
 * by {@code |k|²} removes the first and keeps the second (with a ω² spectral tilt). Coefficients
 * from {@link SecondDerivative}.
 *
 * <p>At the grid's edges nothing outside is assumed. Counting it as zero made every edge a step
 * from the image's value to 0, whose second derivative framed the image (the layered demo's first
 * column at 1.02 of the median column's RMS, its last row at 0.40 against 0.06 above it); a
 * replicated edge value would still answer a field linear across the edge. Instead each axis's
 * second derivative uses only nodes inside: within {@code radius} nodes of an end the centred
 * stencil of the highest order that fits (2 × the distance, rounded down to an order
 * {@link SecondDerivative} has), and on the end node itself the order-2 stencil of its inner
 * neighbour (f₀ − 2f₁ + f₂) / h². Every one of these is exact for a quadratic, so a field linear
 * in any direction gives 0 and a quadratic its exact −∇², edge nodes included; and none
 * amplifies noise more than the order-2 stencil.
 *
 * <p>Computed one plane of constant y at a time, from that plane and the {@link #radius()}
 * planes on each side, so an image far larger than memory is filtered as it streams by. Each
 * node sums in double, in the same order whatever the size of the image.
 */
public final class LaplacianFilter {

    private final Grid grid;
    /** The operator's radius: nodes this far from every edge use the full stencil. */
    private final int r;
    /** Planes read on each side: the operator's radius, and 2 for an edge node's inner neighbour. */
    private final int window;
    private final Axis x;
    private final Axis y;
    private final Axis z;

    /**
     * @param g the image's grid (spacings in metres)
     * @param order 2, 4 or 8
     */
    public LaplacianFilter(Grid g, int order) {
        SecondDerivative op = SecondDerivative.ofOrder(order);
        this.grid = g;
        this.r = op.radius();
        this.window = Math.max(r, 2);
        this.x = new Axis(op, g.dx());
        this.y = new Axis(op, g.dy());
        this.z = new Axis(op, g.dz());
    }

    /** Planes needed on each side of the one filtered: order / 2, and at least 2 (see above). */
    public int radius() {
        return window;
    }

    /**
     * {@code −∇²} of plane y = {@code iy}, in units of the image per m².
     *
     * @param around {@code 2·radius + 1} planes: {@code around[radius + k]} is plane {@code iy + k}
     *     (nx · nz values, z contiguous, then x), null where that plane lies outside the grid; in
     *     2D only {@code around[radius]} is read
     * @param iy the plane filtered
     * @param out receives the filtered plane (nx · nz values)
     */
    public void applyToPlane(float[][] around, int iy, float[] out) {
        applyToColumns(around, iy, out, 0, grid.nx());
    }

    /**
     * As {@link #applyToPlane}, for the plane's columns {@code ixFrom .. ixTo − 1} only: each
     * node's value depends on nothing else written, so parts of a plane may be filtered at once.
     */
    public void applyToColumns(float[][] around, int iy, float[] out, int ixFrom, int ixTo) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        boolean is2d = grid.is2d();
        float[] in = around[window];
        boolean yInside = is2d || (iy >= r && iy < ny - r);
        double[] cx = x.full;
        double[] cy = y.full;
        double[] cz = z.full;
        for (int ix = ixFrom; ix < ixTo; ix++) {
            int base = ix * nz;
            boolean xInside = ix >= r && ix < nx - r;
            for (int iz = 0; iz < nz; iz++) {
                int i = base + iz;
                if (!(yInside && xInside && iz >= r && iz < nz - r)) {
                    out[i] = (float) -nearEdge(around, in, i, ix, iy, iz);
                    continue;
                }
                double s = (cx[0] + cz[0] + (is2d ? 0 : cy[0])) * in[i];
                for (int k = 1; k <= r; k++) {
                    s += cz[k] * (in[i + k] + in[i - k]);
                    s += cx[k] * (in[i + k * nz] + in[i - k * nz]);
                    if (!is2d) {
                        s += cy[k] * (around[window + k][i] + around[window - k][i]);
                    }
                }
                out[i] = (float) -s;
            }
        }
    }

    /**
     * ∇² at a node within the operator's radius of an edge, axis by axis from nodes inside only.
     * No closure per node: a 1000³ image at order 8 has some 24 million such nodes.
     */
    private double nearEdge(float[][] around, float[] in, int i, int ix, int iy, int iz) {
        int nz = grid.nz();
        double s = z.second(iz, grid.nz(), in, i, 1) + x.second(ix, grid.nx(), in, i, nz);
        if (!grid.is2d()) {
            s += y.across(iy, grid.ny(), around, window, i);
        }
        return s;
    }

    /** One axis's second-derivative weights, per m²: the full stencil and the narrower ones near its ends. */
    private static final class Axis {

        private final double[] full;
        /** {@code near[d]}: the weights at d nodes from an end, d = 1 .. radius − 1. */
        private final double[][] near;
        private final double invH2;

        Axis(SecondDerivative op, double h) {
            this.full = weights(op, h);
            this.near = new double[op.radius()][];
            for (int d = 1; d < op.radius(); d++) {
                int order = 2 * d;
                while (!SecondDerivative.isSupported(order)) {
                    order -= 2;
                }
                near[d] = weights(SecondDerivative.ofOrder(order), h);
            }
            this.invH2 = 1 / (h * h);
        }

        /**
         * d²f/dξ² at node {@code pos} of an axis of {@code n} nodes whose values lie in {@code a}
         * from index {@code i}, {@code stride} apart; 0 on an axis too short for a second difference.
         */
        double second(int pos, int n, float[] a, int i, int stride) {
            if (n < 3) {
                return 0;
            }
            int d = Math.min(pos, n - 1 - pos);
            if (d == 0) {
                int in = (pos == 0 ? 1 : -1) * stride;
                return invH2 * (a[i] - 2 * a[i + in] + a[i + 2 * in]);
            }
            double[] c = d < near.length ? near[d] : full;
            double s = c[0] * a[i];
            for (int k = 1; k < c.length; k++) {
                s += c[k] * (a[i + k * stride] + a[i - k * stride]);
            }
            return s;
        }

        /**
         * The same across planes: node {@code i} of plane {@code centre + k} of {@code planes} is the
         * value k nodes further along.
         */
        double across(int pos, int n, float[][] planes, int centre, int i) {
            if (n < 3) {
                return 0;
            }
            int d = Math.min(pos, n - 1 - pos);
            if (d == 0) {
                int in = pos == 0 ? 1 : -1;
                return invH2 * (planes[centre][i] - 2 * planes[centre + in][i] + planes[centre + 2 * in][i]);
            }
            double[] c = d < near.length ? near[d] : full;
            double s = c[0] * planes[centre][i];
            for (int k = 1; k < c.length; k++) {
                s += c[k] * (planes[centre + k][i] + planes[centre - k][i]);
            }
            return s;
        }
    }

    private static double[] weights(SecondDerivative op, double h) {
        double[] w = new double[op.radius() + 1];
        for (int k = 0; k <= op.radius(); k++) {
            w[k] = op.coefficient(k) / (h * h);
        }
        return w;
    }
}
