package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * Turns a stack of partial images into the final image: the optional {@link LaplacianFilter} on
 * the cross-correlation, then the {@link ImagingCondition}'s normalisation by the stacked
 * illumination (applied once, after stacking, so that it is global and not per shot), then a
 * {@link DepthMute}.
 *
 * <p>Streamed plane by plane (planes of constant y, in order): only {@code 2·r + 1} planes of the
 * stacked image (r the filter's radius, 0 without it), one of illumination and the finished one
 * are in memory, whatever the size of the grid. One plane alone ({@link #finishPlane}) is finished
 * from its neighbourhood only, by the same code, so a preview is the same plane of the final image
 * to the bit. Each node's value goes through the same float operations in the same order however
 * the image is cut: the filter's double sum, the division by {@code U + ε}, the mute's weight.
 */
public final class ImageFinisher {

    /** Receives the finished planes in order; the array is reused for the next plane. */
    @FunctionalInterface
    public interface PlaneSink {
        /**
         * @param iy the plane's y index
         * @param plane nx · nz finished values, z contiguous, then x
         */
        void accept(int iy, float[] plane);
    }

    private final ImageStacker stack;
    private final boolean normalised;
    private final LaplacianFilter filter;
    private final DepthMute mute;
    private final int planeNodes;

    /**
     * @param stack summed image and illumination
     * @param condition plain or source-normalised cross-correlation
     * @param laplacian whether to apply {@code −∇²}
     * @param order stencil order of the Laplacian (2, 4 or 8)
     * @param mute the mute applied last ({@link DepthMute#none()} for none)
     */
    public ImageFinisher(ImageStacker stack, ImagingCondition condition, boolean laplacian, int order, DepthMute mute) {
        Grid g = stack.grid();
        this.stack = stack;
        this.normalised = condition == ImagingCondition.SOURCE_NORMALIZED;
        this.filter = laplacian ? new LaplacianFilter(g, order) : null;
        this.mute = mute;
        this.planeNodes = g.nx() * g.nz();
    }

    /**
     * Finishes every plane of the stack as it is now, y = 0 first, each handed to {@code sink}.
     */
    public void finishAll(PlaneSink sink) {
        RollingPlanes planes = new RollingPlanes(stack, radius());
        Scratch s = new Scratch();
        for (int iy = 0; iy < stack.grid().ny(); iy++) {
            finish(iy, planes.around(iy), s);
            sink.accept(iy, s.out);
        }
    }

    /**
     * Finishes plane y = {@code iy} alone, from the stacked planes {@code iy − r .. iy + r}: the
     * same values as that plane of {@link #finishAll}.
     *
     * @return nx · nz values, z contiguous, then x
     */
    public float[] finishPlane(int iy) {
        if (iy < 0 || iy >= stack.grid().ny()) {
            throw new IllegalArgumentException("plane y = " + iy + " outside 0 .. " + (stack.grid().ny() - 1));
        }
        Scratch s = new Scratch();
        finish(iy, new RollingPlanes(stack, radius()).around(iy), s);
        return s.out;
    }

    private int radius() {
        return filter == null ? 0 : filter.radius();
    }

    /** The arrays one pass reuses from plane to plane. */
    private final class Scratch {
        final float[] out = new float[planeNodes];
        final float[] illumination = normalised ? new float[planeNodes] : null;
        final float max = normalised ? stack.maxIllumination() : 0;
        final float eps = (float) (ImagingCondition.STABILISATION * max);
    }

    private void finish(int iy, float[][] around, Scratch s) {
        float[] img = s.out;
        if (filter != null) {
            filter.applyToPlane(around, iy, img);
        } else {
            System.arraycopy(around[0], 0, img, 0, planeNodes);
        }
        if (normalised && s.max > 0) {
            float[] u = s.illumination;
            stack.readIllumination(iy, u);
            float eps = s.eps;
            for (int i = 0; i < planeNodes; i++) {
                img[i] /= (u[i] + eps);
            }
        }
        mute.apply(img);
    }
}
