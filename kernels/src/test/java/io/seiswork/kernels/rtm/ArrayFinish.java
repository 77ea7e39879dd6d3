package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * The whole-array finishing that the streamed {@link ImageFinisher} replaced, kept unchanged as
 * the reference the streamed one must equal to the bit: {@code ImageFinisher.finish} and
 * {@code DepthMute.apply} as they were, and the Laplacian filter on the whole array.
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

    /**
     * The {@link LaplacianFilter} on the whole image held in memory, each plane given all its
     * neighbours from the one array: the reference for the streamed finish's rolling planes. (The
     * old whole-array filter counted the outside of the grid as zero; the filter's own values,
     * edges included, are checked against analytic Laplacians by {@code LaplacianFilterTest}.)
     */
    public static float[] laplacian(float[] in, Grid g, int order) {
        LaplacianFilter filter = new LaplacianFilter(g, order);
        int w = filter.radius();
        int plane = g.nx() * g.nz();
        float[] out = new float[in.length];
        float[][] around = new float[2 * w + 1][];
        float[] filtered = new float[plane];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int k = -w; k <= w; k++) {
                int j = iy + k;
                around[w + k] = j < 0 || j >= g.ny() ? null
                        : java.util.Arrays.copyOfRange(in, j * plane, (j + 1) * plane);
            }
            filter.applyToPlane(around, iy, filtered);
            System.arraycopy(filtered, 0, out, iy * plane, plane);
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
}
