package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import java.nio.file.Path;

/**
 * Sums partial images one at a time into one running stack: the same code stacks a local run's
 * shots as they finish and a cloud job's {@code shots/<n>.bin} files after the last shot. Only
 * the stack is held in memory; files are streamed block by block.
 */
public final class ImageStacker {

    private final Grid grid;
    private final float[] image;
    private final float[] illumination;
    private int shots;

    /** An empty stack on {@code grid}. */
    public ImageStacker(Grid grid) {
        this.grid = grid;
        this.image = new float[grid.points()];
        this.illumination = new float[grid.points()];
    }

    /**
     * Adds an in-memory partial image where it lies (a shot's window, or the whole grid).
     *
     * @throws IllegalArgumentException when it does not lie inside the stack's grid
     */
    public void add(PartialImage p) {
        WindowPlacement at;
        try {
            at = new WindowPlacement(p.window(), grid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partial image on grid " + p.grid() + " at (" + p.x0() + ", " + p.y0()
                    + "), the stack on " + grid, e);
        }
        float[] a = p.image();
        float[] b = p.illumination();
        if (at.identity()) {
            for (int i = 0; i < image.length; i++) {
                image[i] += a[i];
                illumination[i] += b[i];
            }
        } else {
            at.addNext(a, 0, a.length, image);
            at.restart();
            at.addNext(b, 0, b.length, illumination);
        }
        shots += p.shots();
    }

    /**
     * Adds a partial image file (see {@link PartialImageFile}), streamed.
     *
     * @throws IllegalArgumentException when it is on another grid or not a partial image
     */
    public void add(Path file) {
        int n = PartialImageFile.header(file).shots();
        PartialImageFile.addInto(file, image, illumination, grid);
        shots += n;
    }

    /** Shots stacked so far. */
    public int shots() {
        return shots;
    }

    /** The stack so far (live arrays: later adds change them). */
    public PartialImage result() {
        return new PartialImage(grid, image, illumination, shots);
    }
}
