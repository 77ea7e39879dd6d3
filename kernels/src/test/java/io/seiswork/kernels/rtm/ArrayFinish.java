package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * The whole-array finishing that the streamed {@link ImageFinisher} replaced, kept as the
 * reference the streamed one must equal to the bit: {@code ImageFinisher.finish} and
 * {@code DepthMute.apply} as they were, and {@code −∇²} on the whole array written out node by
 * node here, independent of the {@link LaplacianFilter} the streamed finish uses.
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
     * {@code −∇²} of the whole image, written out node by node from the filter's definition and
     * not with {@link LaplacianFilter}, so that the streamed finish is checked against something
     * independent of it: on each axis the centred stencil of {@code order} from
     * {@link SecondDerivative} (coefficients / h², per m²); within order / 2 nodes of an end the
     * centred stencil of the highest order that fits (2 × the distance, rounded down to a
     * supported order); on the end node the order-2 stencil of its inner neighbour,
     * {@code (f₀ − 2f₁ + f₂) / h²}; nothing along an axis of fewer than 3 nodes, nor along y in
     * 2D. The sums are in double, in the order the filter promises to keep whatever the image's
     * size (its javadoc): where every axis has the full stencil, the centre weights first and
     * then, for k = 1 .. order / 2, z, x and y; elsewhere z's second derivative, then x's, then
     * y's. That makes the reference equal to the bit, so a streamed image may be compared with it
     * bit for bit. ({@code LaplacianFilterTest} checks the filter's values against analytic
     * Laplacians, edges included.)
     */
    public static float[] laplacian(float[] in, Grid g, int order) {
        int r = order / 2;
        int[] size = {g.nx(), g.ny(), g.nz()};
        double[] h = {g.dx(), g.dy(), g.dz()};
        boolean is2d = g.is2d();
        float[] out = new float[in.length];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    int[] node = {ix, iy, iz};
                    boolean full = ix >= r && ix < g.nx() - r && iz >= r && iz < g.nz() - r
                            && (is2d || iy >= r && iy < g.ny() - r);
                    double s;
                    if (full) {
                        s = (weight(order, 0, h[X]) + weight(order, 0, h[Z]) + (is2d ? 0 : weight(order, 0, h[Y])))
                                * in[g.index(ix, iy, iz)];
                        for (int k = 1; k <= r; k++) {
                            s += weight(order, k, h[Z]) * (at(in, g, node, Z, k) + at(in, g, node, Z, -k));
                            s += weight(order, k, h[X]) * (at(in, g, node, X, k) + at(in, g, node, X, -k));
                            if (!is2d) {
                                s += weight(order, k, h[Y]) * (at(in, g, node, Y, k) + at(in, g, node, Y, -k));
                            }
                        }
                    } else {
                        s = second(in, g, node, Z, size[Z], h[Z], order) + second(in, g, node, X, size[X], h[X], order);
                        if (!is2d) {
                            s += second(in, g, node, Y, size[Y], h[Y], order);
                        }
                    }
                    out[g.index(ix, iy, iz)] = (float) -s;
                }
            }
        }
        return out;
    }

    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    /** Coefficient k of the order's second derivative over h², per m². */
    private static double weight(int order, int k, double h) {
        return SecondDerivative.ofOrder(order).coefficient(k) / (h * h);
    }

    /** The image at {@code node} moved {@code k} nodes along {@code axis}. */
    private static float at(float[] in, Grid g, int[] node, int axis, int k) {
        int[] p = node.clone();
        p[axis] += k;
        return in[g.index(p[0], p[1], p[2])];
    }

    /** d²f/dξ² along {@code axis} (n nodes, spacing h) at {@code node}, from nodes inside only. */
    private static double second(float[] in, Grid g, int[] node, int axis, int n, double h, int order) {
        if (n < 3) {
            return 0;
        }
        int pos = node[axis];
        int d = Math.min(pos, n - 1 - pos);
        if (d == 0) {
            int inward = pos == 0 ? 1 : -1;
            return (1 / (h * h)) * (at(in, g, node, axis, 0) - 2 * at(in, g, node, axis, inward)
                    + at(in, g, node, axis, 2 * inward));
        }
        int q = order;
        if (d < order / 2) {
            q = 2 * d;
            while (!SecondDerivative.isSupported(q)) {
                q -= 2;
            }
        }
        double s = weight(q, 0, h) * at(in, g, node, axis, 0);
        for (int k = 1; k <= q / 2; k++) {
            s += weight(q, k, h) * (at(in, g, node, axis, k) + at(in, g, node, axis, -k));
        }
        return s;
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
