package io.seiswork.kernels.engine;

import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;

/**
 * The benchmarks' one-line refusal, before anything is allocated, of a grid whose Java arrays
 * need more heap than is free: otherwise the allocation dies with an {@link OutOfMemoryError}
 * stack trace (from {@code PaddedGrid.extend}, or the velocity array) after seconds of filling.
 * Shared by {@code seiswork bench} (both engines) and the benchmarks' own {@code main}s run by
 * the scripts on lent machines. The message is bare ("the 3D ... grid needs ..."): the engines'
 * mains put "bench: " before it, {@code seiswork bench} "seiswork bench: ".
 */
public final class BenchHeap {

    private BenchHeap() {
    }

    /** Bytes of Java heap that can still be allocated: the maximum heap less what is in use. */
    public static long freeBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * @param grid the grid in words, for example "3D 1000 x 1000 x 1000"
     * @param arrays which arrays, for example "stencil, order 8" or "host side: velocity and m"
     * @param needBytes heap bytes the benchmark allocates at its peak
     * @param freeBytes heap bytes free ({@link #freeBytes})
     * @param smaller the option that makes the grid smaller, for example "--grid"
     * @param heapHow how to give a larger heap, before "-Xmx...g": "SEISWORK_JAVA_OPTS=" or "java "
     * @throws IllegalStateException naming the grid, the need, the free heap and the two remedies
     */
    public static void require(String grid, String arrays, long needBytes, long freeBytes, String smaller,
            String heapHow) {
        if (needBytes > freeBytes) {
            long suggestGib = (needBytes + (needBytes >> 3) + (1L << 30) - 1) >> 30;
            throw new IllegalStateException(String.format(Locale.ROOT, "the %s grid needs %s of heap for the"
                    + " benchmark's arrays (%s), more than the %s the Java heap has free; use a smaller %s, or a"
                    + " larger heap (%s-Xmx%dg)", grid, MemoryEstimate.human(needBytes), arrays,
                    MemoryEstimate.human(freeBytes), smaller, heapHow, suggestGib));
        }
    }
}
