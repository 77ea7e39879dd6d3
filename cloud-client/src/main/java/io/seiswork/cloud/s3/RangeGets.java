package io.seiswork.cloud.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * The ranged GETs that fetch byte ranges of an object ({@link ArtifactStore#copyRanges}): ranges
 * in ascending order separated by gaps under {@code maxGapBytes} are fetched by one GET, its gap
 * bytes dropped (a shot's traces split into many short runs would otherwise cost a request each,
 * each with its latency and price), and no GET is above {@code maxGetBytes} (a part).
 */
final class RangeGets {

    /**
     * One GET and the bytes of it kept.
     *
     * @param keep pairs (offset from the GET's first byte, length), ascending: the ranges' bytes
     */
    record Get(long offset, long length, long[] keep) {
    }

    private RangeGets() {
    }

    /**
     * The GETs for {@code ranges}, in order: their kept bytes, one after the other, are the
     * ranges' bytes in the ranges' order.
     *
     * @param ranges pairs (offset, length); ranges not after the one before (or empty) start a GET
     *     of their own
     */
    static List<Get> plan(long[] ranges, long maxGapBytes, long maxGetBytes) {
        List<Get> gets = new ArrayList<>();
        int i = 0;
        while (i < ranges.length) {
            if (ranges[i + 1] == 0) {
                i += 2;
                continue;
            }
            List<long[]> pieces = new ArrayList<>();
            long start = ranges[i], end = ranges[i] + ranges[i + 1];
            pieces.add(new long[] {start, end});
            int j = i + 2;
            while (j < ranges.length && (ranges[j + 1] == 0
                    || ranges[j] >= end && ranges[j] - end < maxGapBytes)) {
                if (ranges[j + 1] > 0) {
                    pieces.add(new long[] {ranges[j], ranges[j] + ranges[j + 1]});
                    end = ranges[j] + ranges[j + 1];
                }
                j += 2;
            }
            for (long at = start; at < end; at += maxGetBytes) {
                long to = Math.min(end, at + maxGetBytes);
                List<Long> keep = new ArrayList<>();
                for (long[] p : pieces) {
                    long from = Math.max(p[0], at), until = Math.min(p[1], to);
                    if (until > from) {
                        keep.add(from - at);
                        keep.add(until - from);
                    }
                }
                if (!keep.isEmpty()) {
                    gets.add(new Get(at, to - at, keep.stream().mapToLong(Long::longValue).toArray()));
                }
            }
            i = j;
        }
        return gets;
    }
}
