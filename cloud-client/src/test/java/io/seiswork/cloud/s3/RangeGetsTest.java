package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Ranges a short gap apart share a GET, its gap bytes dropped; no GET is above a part, none
 * begins or ends in a gap; and the plan takes a step per range or GET, not per range and GET.
 */
class RangeGetsTest {

    private static final long MIB = 1 << 20;

    /** What the GETs' kept bytes are of an object whose byte i is (byte) i: compared with the ranges' own. */
    private static byte[] kept(List<RangeGets.Get> gets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RangeGets.Get g : gets) {
            long[] k = g.keep();
            for (int i = 0; i < k.length; i += 2) {
                for (long b = 0; b < k[i + 1]; b++) {
                    out.write((byte) (g.offset() + k[i] + b));
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] wanted(long[] ranges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ranges.length; i += 2) {
            for (long b = 0; b < ranges[i + 1]; b++) {
                out.write((byte) (ranges[i] + b));
            }
        }
        return out.toByteArray();
    }

    @Test
    void tracesOfOneShotInterleavedWithOthersAreOneGet() {
        // Common-offset sorted: a trace of 744 bytes of this shot every 3 traces.
        long[] ranges = new long[2 * 100];
        for (int i = 0; i < 100; i++) {
            ranges[2 * i] = 3600 + 3L * 744 * i;
            ranges[2 * i + 1] = 744;
        }
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 4 * MIB, 64 * MIB);
        assertEquals(1, gets.size(), "one GET, not 100");
        assertEquals(3600, gets.get(0).offset());
        assertEquals(3L * 744 * 99 + 744, gets.get(0).length(), "the gaps between, fetched and dropped");
        assertArrayEquals(wanted(ranges), kept(gets));
    }

    @Test
    void aGapOf4MibOrMoreOrRangesOutOfOrderStartAnotherGet() {
        long[] ranges = {0, 10, 10 + 4 * MIB - 1, 5, 20 + 8 * MIB, 5, 100, 3, 0, 0};
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 4 * MIB, 64 * MIB);
        assertEquals(3, gets.size());
        assertEquals(0, gets.get(0).offset());
        assertEquals(4 * MIB + 14, gets.get(0).length(), "a gap just under 4 MiB is fetched");
        assertArrayEquals(new long[] {0, 10, 10 + 4 * MIB - 1, 5}, gets.get(0).keep());
        assertEquals(20 + 8 * MIB, gets.get(1).offset(), "a gap over 4 MiB is not");
        assertEquals(100, gets.get(2).offset(), "a range before the one it follows: its own GET");
        assertArrayEquals(new long[] {0, 3}, gets.get(2).keep());
    }

    @Test
    void noGetIsAbovePartSizeAndAPieceSplitAcrossGetsKeepsItsBytes() {
        long[] ranges = {7, 5 * MIB + 3, 5 * MIB + 20, 11 * MIB};
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 4 * MIB, 5 * MIB);
        for (RangeGets.Get g : gets) {
            assertEquals(true, g.length() <= 5 * MIB, "at most a part");
        }
        assertEquals(4, gets.size(), "16 MiB + 20 bytes of span in 5 MiB parts");
        long[] small = {7, 300, 400, 50, 1000, 1};
        assertArrayEquals(wanted(small), kept(RangeGets.plan(small, 4 * MIB, 5 * MIB)));
        assertArrayEquals(wanted(small), kept(RangeGets.plan(small, 100, 256)), "split across small GETs too");
    }

    /**
     * 200,000 ranges of 1000 bytes, 1 byte apart, in GETs of 1500 bytes: one group of 200,000
     * ranges in some 133,000 GETs. The plan that looked at every range of a group for each of its
     * GETs made 2.7e10 steps of it (it did not end in minutes); this one makes one per range or
     * GET, counted, not timed.
     */
    @Test
    void aPlanOf200000RangesTakesAStepPerRangeOrGet() {
        int n = 200_000;
        long length = 1000;
        long part = 1500;
        long[] ranges = new long[2 * n + 4];
        for (int i = 0; i < n; i++) {
            ranges[2 * i] = 3600 + i * (length + 1);
            ranges[2 * i + 1] = length;
        }
        ranges[2 * n] = ranges[2 * n - 2] + length;  // two empty ranges at the end are skipped
        ranges[2 * n + 2] = 5;
        AtomicLong steps = new AtomicLong();
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 4 * MIB, part, steps::incrementAndGet);
        long span = n * (length + 1) - 1;
        assertTrue(gets.size() >= span / part && gets.size() <= span / (part - 1) + 1,
                gets.size() + " GETs: all but the last full, but for one byte where a GET would end in a gap");
        long quadratic = (long) n * gets.size();
        assertTrue(steps.get() <= n + 2 + gets.size(), steps.get() + " steps for " + n + " ranges and " + gets.size()
                + " GETs");
        System.out.printf("RangeGets.plan: %,d ranges in %,d GETs of at most %,d bytes: %,d steps (the quadratic plan:"
                + " %,d)%n", n, gets.size(), part, steps.get(), quadratic);
        checkPlan(ranges, gets, 4 * MIB, part);
    }

    @Test
    void adjacentRangesShareAGetAndOneKeptRun() {
        List<RangeGets.Get> gets = RangeGets.plan(new long[] {100, 10, 110, 10, 120, 0, 120, 5}, 4 * MIB, 64 * MIB);
        assertEquals(1, gets.size());
        assertEquals(new RangeGets.Get(100, 25, null).offset(), gets.get(0).offset());
        assertEquals(25, gets.get(0).length());
        assertArrayEquals(new long[] {0, 25}, gets.get(0).keep(), "adjacent ranges are one run to write");
        assertEquals(2, RangeGets.plan(new long[] {100, 10, 110, 10}, 0, 64 * MIB).size(), "a gap of 0 is not below 0");
    }

    @Test
    void overlappingOrEarlierRangesAreNeverMergedButStillComeInOrder() {
        long[] overlapping = {0, 100, 50, 100, 150, 10};
        List<RangeGets.Get> gets = RangeGets.plan(overlapping, 4 * MIB, 64 * MIB);
        assertEquals(2, gets.size(), "the second range overlaps the first: a GET of its own, which the third joins");
        assertEquals(50, gets.get(1).offset());
        assertArrayEquals(new long[] {0, 110}, gets.get(1).keep());
        checkPlan(overlapping, gets, 4 * MIB, 64 * MIB);
        long[] backwards = {500, 10, 400, 10, 300, 10, 300, 10};
        gets = RangeGets.plan(backwards, 4 * MIB, 64 * MIB);
        assertEquals(4, gets.size(), "every range before the one it follows, the same one twice included");
        checkPlan(backwards, gets, 4 * MIB, 64 * MIB);
    }

    @Test
    void aGetNeverBeginsInAGap() {
        // Gaps under maxGap, but the next range begins past the part's end: its GET begins on it.
        long[] ranges = {0, 40, 60, 10, 75, 30, 120, 10};
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 100, 50);
        assertEquals(List.of(0L, 60L, 120L), gets.stream().map(RangeGets.Get::offset).toList());
        assertEquals(List.of(40L, 45L, 10L), gets.stream().map(RangeGets.Get::length).toList());
        checkPlan(ranges, gets, 100, 50);
    }

    @Test
    void offsetsNearTheLargestLongDoNotOverflow() {
        long max = Long.MAX_VALUE;
        long[] ranges = {max - 100, 50, max - 40, 40};
        List<RangeGets.Get> gets = RangeGets.plan(ranges, 4 * MIB, 64 * MIB);
        assertEquals(1, gets.size());
        assertEquals(max - 100, gets.get(0).offset());
        assertEquals(100, gets.get(0).length());
        assertArrayEquals(new long[] {0, 50, 60, 40}, gets.get(0).keep());
        List<RangeGets.Get> small = RangeGets.plan(ranges, 4 * MIB, 30);
        checkPlan(ranges, small, 4 * MIB, 30);
        assertEquals(max, small.getLast().offset() + small.getLast().length(), "the last byte of the largest offset");
        checkPlan(new long[] {max - 1, 1}, RangeGets.plan(new long[] {max - 1, 1}, max, max), max, max);
    }

    @Test
    void rangesThatAreNotRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RangeGets.plan(new long[] {1, 2, 3}, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> RangeGets.plan(new long[] {-1, 2}, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> RangeGets.plan(new long[] {1, -2}, 10, 10));
        var e = assertThrows(IllegalArgumentException.class, () -> RangeGets.plan(new long[] {0, 1, Long.MAX_VALUE, 2}, 10,
                10));
        assertEquals("range 1: offset 9223372036854775807 and length 2 are not a range of bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RangeGets.plan(new long[] {0, 1}, 10, 0));
    }

    /** Random ranges (sorted or not, empty, adjacent, overlapping), random gap and part sizes: the rule holds for all. */
    @Test
    void randomRangesKeepTheRule() {
        Random random = new Random(20261129);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(40);
            long[] ranges = new long[2 * n];
            long at = random.nextInt(1000);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                ranges[2 * i] = kind == 0 ? random.nextInt(5000) : kind == 1 ? Math.max(0, at - random.nextInt(50)) : at
                        + (kind == 2 ? 0 : random.nextInt(300));
                ranges[2 * i + 1] = kind == 3 ? 0 : 1 + random.nextInt(200);
                at = ranges[2 * i] + ranges[2 * i + 1];
            }
            long gap = random.nextInt(150);
            long part = 1 + random.nextInt(300);
            checkPlan(ranges, RangeGets.plan(ranges, gap, part), gap, part);
        }
    }

    /**
     * Checks a plan against its rule: GETs of 1 to {@code part} bytes, each beginning and ending on
     * kept bytes, its kept runs ascending with gaps under {@code maxGap}; their bytes, in order,
     * the ranges'; and a GET ends before the next range only when that range could not join it
     * (before or over the last range, a gap of {@code maxGap} or more, or past the part) or when
     * it is full.
     */
    private static void checkPlan(long[] ranges, List<RangeGets.Get> gets, long maxGap, long part) {
        List<long[]> runs = new ArrayList<>();
        RangeGets.Get before = null;
        for (RangeGets.Get g : gets) {
            long[] k = g.keep();
            assertTrue(g.length() >= 1 && g.length() <= part, "a GET of " + g.length() + " bytes");
            assertEquals(0, k[0], "a GET begins on kept bytes");
            assertEquals(g.length(), k[k.length - 2] + k[k.length - 1], "a GET ends on kept bytes");
            for (int p = 0; p < k.length; p += 2) {
                assertTrue(k[p + 1] > 0);
                if (p > 0) {
                    long gapBytes = k[p] - (k[p - 2] + k[p - 1]);
                    assertTrue(gapBytes > 0 && gapBytes < maxGap, "kept runs ascending, gaps under the limit");
                }
                add(runs, g.offset() + k[p], k[p + 1]);
            }
            if (before != null) {
                long beforeEnd = before.offset() + before.length();
                boolean continues = g.offset() == beforeEnd && before.length() == part;
                boolean couldNotJoin = g.offset() < beforeEnd || g.offset() - beforeEnd >= maxGap
                        || g.offset() >= before.offset() + part;
                assertTrue(continues || couldNotJoin, "GET at " + g.offset() + " could have joined the one at "
                        + before.offset());
            }
            before = g;
        }
        List<long[]> wanted = new ArrayList<>();
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i + 1] > 0) {
                add(wanted, ranges[i], ranges[i + 1]);
            }
        }
        assertEquals(wanted.size(), runs.size(), "the ranges' runs");
        for (int i = 0; i < wanted.size(); i++) {
            assertArrayEquals(wanted.get(i), runs.get(i), "run " + i);
        }
    }

    /** Appends a run of bytes, joined to the last when it goes on from it. */
    private static void add(List<long[]> runs, long offset, long length) {
        if (!runs.isEmpty() && runs.getLast()[0] + runs.getLast()[1] == offset) {
            runs.getLast()[1] += length;
        } else {
            runs.add(new long[] {offset, length});
        }
    }
}
