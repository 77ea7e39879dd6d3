package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;

/**
 * The migrated image of one or more shots before the imaging condition's normalisation: the
 * cross-correlation sum and the source illumination, kept apart so that a stack of any number of
 * partial images can be normalised once, globally.
 *
 * <p>A shot migrated on its window ({@link ShotWindow}, the migration aperture) has its partial
 * image on the window's grid, placed at node ({@code x0}, {@code y0}) of the job's grid; a stack,
 * or a shot of a job without an aperture, is on the job's grid at (0, 0).
 *
 * @param grid the grid the values are on: the job's, or a shot's window
 * @param image {@code Σ S·R dt} per node, z contiguous ({@link Grid#index})
 * @param illumination {@code Σ S² dt} per node
 * @param shots number of shots summed into this image
 * @param x0 node of the job's grid where {@code grid}'s first node lies, in x
 * @param y0 the same in y
 */
public record PartialImage(Grid grid, float[] image, float[] illumination, int shots, int x0, int y0) {

    public PartialImage {
        if (image.length != grid.points() || illumination.length != grid.points()) {
            throw new IllegalArgumentException("image and illumination must have " + grid.points()
                    + " values for the grid, got " + image.length + " and " + illumination.length);
        }
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        if (x0 < 0 || y0 < 0) {
            throw new IllegalArgumentException("origin must be >= 0, got (" + x0 + ", " + y0 + ")");
        }
    }

    /** A partial image on the job's own grid (origin (0, 0)). */
    public PartialImage(Grid grid, float[] image, float[] illumination, int shots) {
        this(grid, image, illumination, shots, 0, 0);
    }

    /** An empty image (no shots) on {@code grid}. */
    public static PartialImage empty(Grid grid) {
        return new PartialImage(grid, new float[grid.points()], new float[grid.points()], 0);
    }

    /**
     * This image placed where {@code window} lies in the job's grid.
     *
     * @throws IllegalArgumentException when the image is not on the window's grid
     */
    public PartialImage placedAt(ShotWindow window) {
        if (!window.grid().equals(grid)) {
            throw new IllegalArgumentException("partial image on " + grid + ", the window is " + window.grid());
        }
        return new PartialImage(grid, image, illumination, shots, window.x0(), window.y0());
    }

    /** Where this image lies in the job's grid. */
    public ShotWindow window() {
        return new ShotWindow(x0, y0, grid);
    }
}
