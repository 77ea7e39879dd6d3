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
 */
public final class LaplacianFilter {

    private LaplacianFilter() {
    }

    /**
     * @param in values on {@code g}, z contiguous
     * @param g the grid (spacings in metres)
     * @param order 2, 4 or 8
     * @return a new array, {@code −∇² in} in units of {@code in} per m²
     */
    public static float[] apply(float[] in, Grid g, int order) {
        SecondDerivative op = SecondDerivative.ofOrder(order);
        int r = op.radius();
        double[] cx = weights(op, g.dx());
        double[] cy = weights(op, g.dy());
        double[] cz = weights(op, g.dz());
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        float[] out = new float[in.length];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                int base = g.index(ix, iy, 0);
                for (int iz = 0; iz < nz; iz++) {
                    int i = base + iz;
                    double s = (cx[0] + cz[0] + (g.is2d() ? 0 : cy[0])) * in[i];
                    for (int k = 1; k <= r; k++) {
                        s += cz[k] * ((iz + k < nz ? in[i + k] : 0) + (iz - k >= 0 ? in[i - k] : 0));
                        s += cx[k] * ((ix + k < nx ? in[i + k * nz] : 0) + (ix - k >= 0 ? in[i - k * nz] : 0));
                        if (!g.is2d()) {
                            int sy = nx * nz;
                            s += cy[k] * ((iy + k < ny ? in[i + k * sy] : 0) + (iy - k >= 0 ? in[i - k * sy] : 0));
                        }
                    }
                    out[i] = (float) -s;
                }
            }
        }
        return out;
    }

    private static double[] weights(SecondDerivative op, double h) {
        double[] w = new double[op.radius() + 1];
        for (int k = 0; k <= op.radius(); k++) {
            w[k] = op.coefficient(k) / (h * h);
        }
        return w;
    }
}
