package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;

/**
 * A job's velocity (m/s) over its whole grid, read one window of columns at a time. A survey's
 * grid can hold far more nodes than memory (a 100 GB image is a 100 GB model), while each shot
 * is computed on a window of it (the migration aperture): so a job keeps its velocity as a field
 * and hands each shot the window it needs. A {@link VelocityModel} is the field held in one array;
 * other fields compute their values (layers, built-in models) or read them from files.
 *
 * <p>Every form of a model gives the same values for the same window, bit for bit, so that a job
 * computes the same image whether its model is held in memory or read window by window.
 *
 * <p>Fields are thread-safe: shots on several threads read their windows from one field at once.
 */
public interface VelocityField {

    /** The job's grid the field covers. */
    Grid grid();

    /** Smallest velocity over the whole grid, m/s. */
    float min();

    /** Largest velocity over the whole grid, m/s. */
    float max();

    /**
     * The velocities of columns {@code x0 .. x0 + window.nx() - 1} by {@code y0 .. y0 + window.ny() - 1}
     * of {@link #grid()}, full depth, as a model on {@code window} (a grid with the field's spacing
     * and nz whose first node is node (x0, y0, 0)).
     *
     * @throws IllegalArgumentException when the window does not lie inside the grid or does not fit one array
     */
    VelocityModel window(int x0, int y0, Grid window);

    /**
     * The whole field in one array, for work on the whole grid (a shot without an aperture, the
     * desktop's model views).
     *
     * @throws IllegalStateException when the grid does not fit one array ({@link Grid#fitsInArray()})
     */
    default VelocityModel whole() {
        if (!grid().fitsInArray()) {
            throw new IllegalStateException("the velocity model of " + grid().nodes() + " nodes does not fit in memory;"
                    + " only windows of it can be read");
        }
        return window(0, 0, grid());
    }

    /**
     * Checks that {@code window} at ({@code x0}, {@code y0}) lies inside {@code full}, with its spacing and depth.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static void requireWindow(Grid full, int x0, int y0, Grid window) {
        if (x0 < 0 || y0 < 0 || window.nz() != full.nz() || window.dx() != full.dx() || window.dy() != full.dy()
                || window.dz() != full.dz() || (long) x0 + window.nx() > full.nx() || (long) y0 + window.ny() > full.ny()
                || !window.fitsInArray()) {
            throw new IllegalArgumentException("window " + window + " at (" + x0 + ", " + y0 + ") does not lie inside "
                    + full + " or does not fit one array");
        }
    }
}
