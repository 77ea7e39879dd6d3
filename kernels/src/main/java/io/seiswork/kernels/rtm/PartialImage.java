package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * The migrated image of one or more shots before the imaging condition's normalisation: the
 * cross-correlation sum and the source illumination on the user's grid, kept apart so that a
 * stack of any number of partial images can be normalised once, globally.
 *
 * @param grid the user's grid
 * @param image {@code Σ S·R dt} per node, z contiguous ({@link Grid#index})
 * @param illumination {@code Σ S² dt} per node
 * @param shots number of shots summed into this image
 */
public record PartialImage(Grid grid, float[] image, float[] illumination, int shots) {

    public PartialImage {
        if (image.length != grid.points() || illumination.length != grid.points()) {
            throw new IllegalArgumentException("image and illumination must have " + grid.points()
                    + " values for the grid, got " + image.length + " and " + illumination.length);
        }
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
    }

    /** An empty image (no shots) on {@code grid}. */
    public static PartialImage empty(Grid grid) {
        return new PartialImage(grid, new float[grid.points()], new float[grid.points()], 0);
    }
}
