package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges a short gap apart share a GET, its gap bytes dropped; no GET is above a part. */
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
}
