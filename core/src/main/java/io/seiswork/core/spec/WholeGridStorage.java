package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;

/**
 * Where a migration keeps its arrays over the job's whole grid: its two velocity models and its
 * stack (image and illumination), 4 bytes each per node. A workstation's small jobs keep them on
 * the heap. A survey's do not fit there (a 100 GB image is 25 billion nodes, more than one Java
 * array holds and than any heap): its models are then read one shot's window at a time
 * ({@link io.seiswork.core.velocity.VelocityField}) and its stack lives in a memory-mapped
 * scratch file, so that the heap holds only what each shot computes on.
 */
public enum WholeGridStorage {

    /** Models and stack in heap arrays. */
    HEAP,

    /** Models read by windows, stack in a memory-mapped file. */
    OUT_OF_CORE;

    /** Bytes per node of the whole-grid arrays: velocity, migration velocity, image, illumination. */
    public static final long BYTES_PER_NODE = 16;

    /**
     * The storage of a job on {@code grid} under a memory budget: the heap while the grid fits one
     * array and its whole-grid arrays take at most half of the budget, leaving the other half to
     * the shots; out of core otherwise.
     *
     * @param budgetBytes the memory a job may use (the resolver's budget)
     */
    public static WholeGridStorage of(Grid grid, long budgetBytes) {
        return grid.fitsInArray() && BYTES_PER_NODE * grid.nodes() <= budgetBytes / 2 ? HEAP : OUT_OF_CORE;
    }

    /** What the whole-grid arrays of a job on {@code grid} hold on the heap while its shots run, bytes. */
    public long heapBytes(Grid grid) {
        return this == HEAP ? BYTES_PER_NODE * grid.nodes() : 0;
    }

    /**
     * One line for the user on where a job on {@code grid} keeps its whole grid, for example
     * "whole grid out of core: 4,000,000,000 nodes; the models are read a window at a time and the
     * 29.8 GiB stack is a memory-mapped scratch file".
     */
    public String describe(Grid grid) {
        return this == HEAP
                ? String.format(java.util.Locale.ROOT, "whole grid on the heap: %,d nodes, %s for the models and the stack",
                        grid.nodes(), MemoryEstimate.human(heapBytes(grid)))
                : String.format(java.util.Locale.ROOT, "whole grid out of core: %,d nodes; the models are read a window at"
                        + " a time and the %s stack is a memory-mapped scratch file", grid.nodes(),
                        MemoryEstimate.human(8 * grid.nodes()));
    }
}
