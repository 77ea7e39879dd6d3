package io.seiswork.cloud.s3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ranged GETs that fetch byte ranges of an object ({@link ArtifactStore#copyRanges}): ranges
 * in ascending order separated by gaps under {@code maxGapBytes} are fetched by one GET, its gap
 * bytes dropped (a shot's traces split into many short runs would otherwise cost a request each,
 * each with its latency and price), and no GET is above {@code maxGetBytes} (a part).
 *
 * <p>The plan is made in one pass over the ranges, each step either ending a range or filling a
 * GET, so its work is linear in the ranges plus the GETs: a shot of data sorted by anything but
 * shot has a range per trace, 100 000 and more, and a plan that looked at every range of a group
 * for each GET of it was quadratic in them.
 */
final class RangeGets {

    /**
     * One GET and the bytes of it kept.
     *
     * @param offset the GET's first byte in the object
     * @param length bytes the GET brings, at most a part
     * @param keep pairs (offset from the GET's first byte, length), ascending and not overlapping:
     *     the ranges' bytes
     */
    record Get(long offset, long length, long[] keep) {
    }

    private RangeGets() {
    }

    /**
     * The GETs for {@code ranges}, in order: their kept bytes, one after the other, are the
     * ranges' bytes in the ranges' order. A GET begins and ends on a range's bytes, never in a
     * gap.
     *
     * @param ranges pairs (offset, length) in bytes; a range that overlaps or lies before the one
     *     before it is never merged with it: it starts a GET of its own. Empty ranges are skipped.
     * @param maxGapBytes ranges whose gap is below this share a GET (0: none do)
     * @param maxGetBytes the most one GET brings, at least 1
     * @throws IllegalArgumentException for an odd count, a negative offset or length, or a range
     *     whose end is past {@link Long#MAX_VALUE}
     */
    static List<Get> plan(long[] ranges, long maxGapBytes, long maxGetBytes) {
        return plan(ranges, maxGapBytes, maxGetBytes, () -> { });
    }

    /**
     * {@link #plan(long[], long, long)}, calling {@code step} once per step of its loop: what the
     * tests count to show the plan's work is linear without timing it.
     */
    static List<Get> plan(long[] ranges, long maxGapBytes, long maxGetBytes, Runnable step) {
        check(ranges, maxGapBytes, maxGetBytes);
        return gets(ranges, maxGapBytes, maxGetBytes, step);
    }

    /** The plan of ranges and sizes checked. */
    private static List<Get> gets(long[] ranges, long maxGapBytes, long maxGetBytes, Runnable step) {
        List<Get> gets = new ArrayList<>();
        Keep keep = new Keep();
        int i = next(ranges, 0, step);
        long from = i < ranges.length ? ranges[i] : 0;  // the next byte to fetch, within range i
        while (i < ranges.length) {
            // One GET from `from`: the ranges that follow the one before with a gap under
            // maxGapBytes join it while it has room; a range too long for it goes on in the next.
            long start = from;
            long limit = start + Math.min(maxGetBytes, Long.MAX_VALUE - start);  // no overflow
            long end;
            keep.clear();
            while (true) {
                step.run();
                long rangeEnd = ranges[i] + ranges[i + 1];
                end = Math.min(rangeEnd, limit);
                keep.add(from - start, end - from);
                if (end < rangeEnd) {
                    from = end;  // the GET is full: range i goes on in the next
                    break;
                }
                i = next(ranges, i + 2, step);
                if (i == ranges.length) {
                    break;
                }
                from = ranges[i];
                if (from < rangeEnd || from - rangeEnd >= maxGapBytes || from >= limit) {
                    break;  // before or over the last, too far, or no room: the next GET begins on it
                }
            }
            gets.add(new Get(start, end - start, keep.toArray()));
        }
        return gets;
    }

    /** The index of the first non-empty range at or after pair index {@code i}, or the array's length. */
    private static int next(long[] ranges, int i, Runnable step) {
        while (i < ranges.length && ranges[i + 1] == 0) {
            step.run();
            i += 2;
        }
        return i;
    }

    private static void check(long[] ranges, long maxGapBytes, long maxGetBytes) {
        if (ranges.length % 2 != 0) {
            throw new IllegalArgumentException("ranges must be (offset, length) pairs, got " + ranges.length + " numbers");
        }
        if (maxGapBytes < 0 || maxGetBytes < 1) {
            throw new IllegalArgumentException("gap must be >= 0 and GET size >= 1 byte, got " + maxGapBytes + " and "
                    + maxGetBytes);
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] < 0 || ranges[i + 1] < 0 || ranges[i] > Long.MAX_VALUE - ranges[i + 1]) {
                throw new IllegalArgumentException("range " + i / 2 + ": offset " + ranges[i] + " and length "
                        + ranges[i + 1] + " are not a range of bytes");
            }
        }
    }

    /** A growing list of (offset, length) pairs, unboxed. */
    private static final class Keep {
        private long[] pairs = new long[8];
        private int size;

        void clear() {
            size = 0;
        }

        /** Adds a pair, or lengthens the last when it ends where this one begins (adjacent ranges). */
        void add(long offset, long length) {
            if (size > 0 && pairs[size - 2] + pairs[size - 1] == offset) {
                pairs[size - 1] += length;
                return;
            }
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * size);
            }
            pairs[size++] = offset;
            pairs[size++] = length;
        }

        long[] toArray() {
            return Arrays.copyOf(pairs, size);
        }
    }
}
