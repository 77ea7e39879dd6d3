package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * The negative Laplacian {@code −∇²} of an image, the classic filter against RTM's
 * low-wavenumber backscatter (Youn and Zhou 2001): the artefact is the cross-correlation of
 * waves travelling the same way (source and receiver fields both down- or up-going), which
 * has wavenumbers near zero, while reflectors image at {@code |k| = 2ω cos θ / v}. Multiplying
 * by {@code |k|²} removes the first and keeps the second (with a ω² spectral tilt). Coefficients
 * from {@link SecondDerivative}; outside the grid counts as zero.
 *
 * <p>Computed one plane of constant y at a time, from that plane and the {@link #radius()}
 * planes on each side, so an image far larger than memory is filtered as it streams by. Each
 * node sums in double, in the same order whatever the size of the image.
 */
public final class LaplacianFilter {

    private final Grid grid;
    private final int r;
    private final double[] cx;
    private final double[] cy;
    private final double[] cz;

    /**
     * @param g the image's grid (spacings in metres)
     * @param order 2, 4 or 8
     */
    public LaplacianFilter(Grid g, int order) {
        SecondDerivative op = SecondDerivative.ofOrder(order);
        this.grid = g;
        this.r = op.radius();
        this.cx = weights(op, g.dx());
        this.cy = weights(op, g.dy());
        this.cz = weights(op, g.dz());
    }

    /** Planes needed on each side of the one filtered (order / 2). */
    public int radius() {
        return r;
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
        float[] in = around[r];
        for (int ix = ixFrom; ix < ixTo; ix++) {
            int base = ix * nz;
            for (int iz = 0; iz < nz; iz++) {
                int i = base + iz;
                double s = (cx[0] + cz[0] + (is2d ? 0 : cy[0])) * in[i];
                for (int k = 1; k <= r; k++) {
                    s += cz[k] * ((iz + k < nz ? in[i + k] : 0) + (iz - k >= 0 ? in[i - k] : 0));
                    s += cx[k] * ((ix + k < nx ? in[i + k * nz] : 0) + (ix - k >= 0 ? in[i - k * nz] : 0));
                    if (!is2d) {
                        s += cy[k] * ((iy + k < ny ? around[r + k][i] : 0) + (iy - k >= 0 ? around[r - k][i] : 0));
                    }
                }
                out[i] = (float) -s;
            }
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
