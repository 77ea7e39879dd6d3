package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * Where an {@link ImageStacker}'s two running sums over the job's grid live: on the heap
 * ({@link HeapStack}) or in a memory-mapped scratch file ({@link MappedStack}) when the grid is
 * larger than the heap or one array allows. Both are addressed by node offsets of the job's grid
 * ({@link Grid#offset}, {@code long}) and add with the same float additions, so a stack does not
 * depend on where it is held, to the bit.
 */
abstract sealed class StackStore implements AutoCloseable permits HeapStack, MappedStack {

    private final Grid grid;

    StackStore(Grid grid) {
        this.grid = grid;
    }

    /** The job's grid the sums are on. */
    final Grid grid() {
        return grid;
    }

    /** Adds {@code src[from .. from + n)} into the image sum at nodes {@code at .. at + n). */
    abstract void addImage(long at, float[] src, int from, int n);

    /**
     * Adds {@code src[from .. from + n)} into the illumination sum at nodes {@code at .. at + n).
     *
     * @param max the largest illumination so far
     * @return {@code Math.max} of {@code max} and every sum this add wrote
     */
    abstract float addIllumination(long at, float[] src, int from, int n, float max);

    /** Copies the image sum at nodes {@code at .. at + n) into {@code dst[from ..]}. */
    abstract void readImage(long at, float[] dst, int from, int n);

    /** Copies the illumination sum at nodes {@code at .. at + n) into {@code dst[from ..]}. */
    abstract void readIllumination(long at, float[] dst, int from, int n);

    /** Releases the sums (and a scratch file). */
    @Override
    public abstract void close();
}
