package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * The whole-array finishing that the streamed {@link ImageFinisher} replaced, kept unchanged as
 * the reference the streamed one must equal to the bit: {@code ImageFinisher.finish},
 * {@code LaplacianFilter.apply} and {@code DepthMute.apply} as they were.
 */
public final class ArrayFinish {

    private ArrayFinish() {
    }

    /** The old {@code ImageFinisher.finish}. */
    public static float[] finish(PartialImage stack, ImagingCondition condition, boolean laplacian, int order) {
        float[] img = laplacian ? laplacian(stack.image(), stack.grid(), order) : stack.image().clone();
        if (condition == ImagingCondition.SOURCE_NORMALIZED) {
            float[] u = stack.illumination();
            float max = 0;
            for (float v : u) {
                max = Math.max(max, v);
            }
            float eps = (float) (ImagingCondition.STABILISATION * max);
            if (max > 0) {
                for (int i = 0; i < img.length; i++) {
                    img[i] /= (u[i] + eps);
                }
            }
        }
        return img;
    }

    /** The old {@code LaplacianFilter.apply}. */
    public static float[] laplacian(float[] in, Grid g, int order) {
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

    /** The old {@code DepthMute.apply}: mutes {@code image} in place. */
    public static void mute(float[] image, Grid g, double topM, double taperM) {
        int nz = g.nz();
        float[] w = new float[nz];
        for (int iz = 0; iz < nz; iz++) {
            double z = iz * g.dz();
            if (z <= topM) {
                w[iz] = 0;
            } else if (z >= topM + taperM) {
                w[iz] = 1;
            } else {
                w[iz] = (float) (0.5 - 0.5 * Math.cos(Math.PI * (z - topM) / taperM));
            }
        }
        for (int c = 0; c < g.nx() * g.ny(); c++) {
            int base = c * nz;
            for (int iz = 0; iz < nz; iz++) {
                image[base + iz] *= w[iz];
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
