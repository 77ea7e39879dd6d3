package io.seiswork.core.segy;

/**
 * The 3D layout of a file's traces, inferred from the inline, crossline and offset (37) words.
 *
 * <p>A <em>sorted cube</em> ({@link Sorting#INLINE_SORTED} or {@link Sorting#CROSSLINE_SORTED})
 * has exactly one trace per (inline, crossline, offset), in nested order: offsets fastest, then
 * the fast line key, then the slow one, each strictly monotonic (increasing or decreasing).
 * Anything else is {@link Sorting#UNSTRUCTURED}: then the ranges are still given, and
 * {@link #occupiedPositions()} says how many distinct (inline, crossline) positions hold traces,
 * so a sparse survey (dead or missing traces) shows as {@code occupied < inlineCount * crosslineCount}.
 *
 * @param sorting how the traces are ordered
 * @param inlineMin smallest inline number
 * @param inlineMax largest inline number
 * @param inlineCount number of distinct inline numbers, or -1 when too many to count
 * @param crosslineMin smallest crossline number
 * @param crosslineMax largest crossline number
 * @param crosslineCount number of distinct crossline numbers, or -1 when too many to count
 * @param offsetCount traces per (inline, crossline) in a cube (1 post-stack); -1 when unstructured
 * @param occupiedPositions distinct (inline, crossline) pairs holding traces, or -1 when too many to count
 */
public record SegyGeometry(
        Sorting sorting,
        int inlineMin,
        int inlineMax,
        int inlineCount,
        int crosslineMin,
        int crosslineMax,
        int crosslineCount,
        int offsetCount,
        long occupiedPositions) {

    /** Trace order of a file. */
    public enum Sorting {
        /** Crosslines vary fastest (after offsets): the usual post-stack order. */
        INLINE_SORTED,
        /** Inlines vary fastest (after offsets). */
        CROSSLINE_SORTED,
        /** Not a full sorted cube (sparse, irregular, 2D line, shot gathers...). */
        UNSTRUCTURED
    }

    /** Whether this is a full sorted cube, so that inline/crossline ranges describe every trace. */
    public boolean isCube() {
        return sorting != Sorting.UNSTRUCTURED;
    }

    /**
     * Grid positions (inlineCount × crosslineCount) without a trace: 0 for a cube, the dead or
     * missing positions of a sparse survey; -1 when not counted.
     */
    public long missingPositions() {
        if (inlineCount < 0 || crosslineCount < 0 || occupiedPositions < 0) {
            return -1;
        }
        return (long) inlineCount * crosslineCount - occupiedPositions;
    }
}
