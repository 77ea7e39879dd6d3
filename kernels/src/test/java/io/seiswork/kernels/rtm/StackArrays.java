package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * A small stack or finished image gathered into one array ({@link Grid#index} order), for tests
 * that compare whole images: production code reads and finishes a stack plane by plane only.
 */
public final class StackArrays {

    private StackArrays() {
    }

    /** The stacked image sums. */
    public static float[] image(ImageStacker stack) {
        Grid g = stack.grid();
        float[] all = new float[g.points()];
        float[] plane = new float[g.nx() * g.nz()];
        for (int iy = 0; iy < g.ny(); iy++) {
            stack.readImage(iy, plane);
            System.arraycopy(plane, 0, all, g.index(0, iy, 0), plane.length);
        }
        return all;
    }

    /** The stacked illumination sums. */
    public static float[] illumination(ImageStacker stack) {
        Grid g = stack.grid();
        float[] all = new float[g.points()];
        float[] plane = new float[g.nx() * g.nz()];
        for (int iy = 0; iy < g.ny(); iy++) {
            stack.readIllumination(iy, plane);
            System.arraycopy(plane, 0, all, g.index(0, iy, 0), plane.length);
        }
        return all;
    }

    /** The stack as a partial image on its grid (copies). */
    public static PartialImage partialImage(ImageStacker stack) {
        return new PartialImage(stack.grid(), image(stack), illumination(stack), stack.shots());
    }

    /** Every plane {@code finisher} finishes, in one array. */
    public static float[] finished(ImageFinisher finisher, Grid g) {
        float[] all = new float[g.points()];
        finisher.finishAll((iy, plane) -> System.arraycopy(plane, 0, all, g.index(0, iy, 0), plane.length));
        return all;
    }
}
