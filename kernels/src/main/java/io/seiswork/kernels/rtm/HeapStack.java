package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/** A stack's sums in two heap arrays: for a grid that fits one array and a share of the heap. */
final class HeapStack extends StackStore {

    private final float[] image;
    private final float[] illumination;

    /** @throws IllegalStateException when the grid does not fit one array */
    HeapStack(Grid grid) {
        super(grid);
        this.image = new float[grid.points()];
        this.illumination = new float[grid.points()];
    }

    @Override
    void addImage(long at, float[] src, int from, int n) {
        int i = (int) at;
        for (int k = 0; k < n; k++) {
            image[i + k] += src[from + k];
        }
    }

    @Override
    float addIllumination(long at, float[] src, int from, int n, float max) {
        int i = (int) at;
        for (int k = 0; k < n; k++) {
            float s = illumination[i + k] + src[from + k];
            illumination[i + k] = s;
            max = Math.max(max, s);
        }
        return max;
    }

    /** Sets the image sum at nodes {@code at .. at + n) to {@code src[0 .. n)} (a stack loaded from its file). */
    void setImage(int at, float[] src, int n) {
        System.arraycopy(src, 0, image, at, n);
    }

    /** Sets the illumination sum at nodes {@code at .. at + n) to {@code src[0 .. n)}. */
    void setIllumination(int at, float[] src, int n) {
        System.arraycopy(src, 0, illumination, at, n);
    }

    @Override
    void readImage(long at, float[] dst, int from, int n) {
        System.arraycopy(image, (int) at, dst, from, n);
    }

    @Override
    void readIllumination(long at, float[] dst, int from, int n) {
        System.arraycopy(illumination, (int) at, dst, from, n);
    }

    @Override
    public void close() {
    }
}
