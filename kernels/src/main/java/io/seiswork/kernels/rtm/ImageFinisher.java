package io.seiswork.kernels.rtm;

/**
 * Turns a stack of partial images into the final image: the optional {@link LaplacianFilter} on
 * the cross-correlation, then the {@link ImagingCondition}'s normalisation by the stacked
 * illumination (applied once, after stacking, so that it is global and not per shot).
 */
public final class ImageFinisher {

    private ImageFinisher() {
    }

    /**
     * @param stack summed image and illumination
     * @param condition plain or source-normalised cross-correlation
     * @param laplacian whether to apply {@code −∇²}
     * @param order stencil order of the Laplacian (2, 4 or 8)
     * @return a new array on the stack's grid
     */
    public static float[] finish(PartialImage stack, ImagingCondition condition, boolean laplacian, int order) {
        float[] img = laplacian ? LaplacianFilter.apply(stack.image(), stack.grid(), order) : stack.image().clone();
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
}
