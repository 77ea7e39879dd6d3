package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.spec.MemoryEstimate;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The CPU migration computes each receiver's data a level at a time as its field steps back
 * ({@link ReceiverLevels}) instead of holding every level: the values must be the floats the GPU
 * uploads ({@link ReceiverData#levels}) and those the whole-array code gave before, bit for bit,
 * since the CPU images, the local/cloud byte identity and resumed runs depend on them.
 */
class ReceiverLevelsTest {

    /** Internal step in seconds, and the levels 0 .. STEPS. */
    private static final double DT = 0.0005;
    private static final int STEPS = 400;

    /**
     * Trace axes against the 0.5 ms step: coarser (4 ms, 1 ms), equal, finer (0.2 ms, through the
     * low-pass), starting before 0 s (a negative delay), at 0, and after 0 (a positive delay,
     * off the levels' grid).
     */
    private static final List<Sampling> AXES = List.of(
            new Sampling(60, 0.004, -0.05), new Sampling(60, 0.004, 0.013), new Sampling(150, 0.001, 0),
            new Sampling(300, DT, -0.0102), new Sampling(380, DT, 0.0031),
            new Sampling(1200, 0.0002, -0.03), new Sampling(500, 0.0002, 0.0107));

    private static float[] trace(Random rnd, int n) {
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    /** Level by level, in the receiver field's order (nt down to 0), back into an array at level l. */
    private static float[] stepped(ReceiverLevels r, int steps) {
        float[] out = new float[steps + 1];
        for (int l = steps; l >= 0; l--) {
            out[l] = r.next();
            assertEquals(l, r.level());
        }
        return out;
    }

    @Test
    void levelByLevelEqualsTheUploadedLevelsExactly() {
        Random rnd = new Random(7);
        for (boolean migration : new boolean[] {false, true}) {
            for (Sampling axis : AXES) {
                float[] t = trace(rnd, axis.count());
                String what = axis + (migration ? ", −∂/∂t" : ", d");
                assertArrayEquals(ReceiverData.levels(t, axis, DT, STEPS, migration),
                        stepped(new ReceiverLevels(t, axis, DT, STEPS, migration), STEPS), what);
            }
        }
    }

    /**
     * Receivers interleaved as {@link ReceiverWavefield#stepBack} takes them (one level of every
     * receiver, then the next level): each keeps its own window.
     */
    @Test
    void interleavedReceiversKeepTheirOwnWindows() {
        Random rnd = new Random(11);
        int n = AXES.size();
        float[][] traces = new float[n][];
        ReceiverLevels[] levels = new ReceiverLevels[n];
        for (int r = 0; r < n; r++) {
            traces[r] = trace(rnd, AXES.get(r).count());
            levels[r] = new ReceiverLevels(traces[r], AXES.get(r), DT, STEPS, true);
        }
        float[][] got = new float[n][STEPS + 1];
        for (int l = STEPS; l >= 0; l--) {
            for (int r = 0; r < n; r++) {
                got[r][l] = levels[r].next();
            }
        }
        for (int r = 0; r < n; r++) {
            assertArrayEquals(ReceiverData.levels(traces[r], AXES.get(r), DT, STEPS, true), got[r], AXES.get(r)
                    .toString());
        }
        assertThrows(IllegalStateException.class, levels[0]::next);
    }

    /**
     * −∂d/∂t against its definition on the whole array of d's levels ({@link TraceUpsampler#toLevels}):
     * {@code −(d[l+1] − d[l−1]) / 2dt}, one-sided at levels 0 and nt; a single level gives 0.
     */
    @Test
    void migrationDataAreMinusTheCentredDifferenceOfTheLevels() {
        Random rnd = new Random(3);
        for (Sampling axis : AXES) {
            float[] t = trace(rnd, axis.count());
            float[] d = TraceUpsampler.toLevels(t, axis, DT, STEPS + 1);
            float[] m = stepped(new ReceiverLevels(t, axis, DT, STEPS, true), STEPS);
            assertEquals((float) ((d[0] - d[1]) / DT), m[0], axis.toString());
            for (int l = 1; l < STEPS; l++) {
                assertEquals((float) ((d[l - 1] - d[l + 1]) / (2 * DT)), m[l], axis + " level " + l);
            }
            assertEquals((float) ((d[STEPS - 1] - d[STEPS]) / DT), m[STEPS], axis.toString());
        }
        assertArrayEquals(new float[] {0}, stepped(new ReceiverLevels(new float[] {1, 2}, AXES.get(3), DT, 0, true),
                0));
    }

    /**
     * The same floats as the whole-array code that held every level (R × (nt + 1)) before: the
     * CRC-32 of every case's levels, d and −∂d/∂t, was computed with that code (commit 22e1796).
     */
    @Test
    void levelsAreThoseOfTheWholeArrayCodeBitForBit() {
        assertEquals(WHOLE_ARRAY_CRC, crcOfAllCases());
    }

    /** {@link #crcOfAllCases} with the whole-array code of commit 22e1796. */
    private static final long WHOLE_ARRAY_CRC = 258_591_743L;

    static long crcOfAllCases() {
        Random rnd = new Random(2024);
        CRC32 crc = new CRC32();
        for (boolean migration : new boolean[] {false, true}) {
            for (Sampling axis : AXES) {
                for (float v : ReceiverData.levels(trace(rnd, axis.count()), axis, DT, STEPS, migration)) {
                    int bits = Float.floatToRawIntBits(v);
                    crc.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8),
                        (byte) bits});
                }
            }
        }
        return crc.getValue();
    }

    /**
     * What a receiver costs besides its trace, measured as the bytes allocated to set up 10 000
     * of them (interpolated and low-passed): within {@link MemoryEstimate#RECEIVER_LEVEL_BYTES},
     * which the migration's memory estimate counts per receiver instead of nt + 1 floats.
     */
    @Test
    void aReceiverCostsNoMoreThanTheEstimateCounts() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 10_000;
        float[] t = trace(new Random(5), 1200);
        for (Sampling axis : List.of(AXES.get(0), AXES.get(5))) {
            ReceiverLevels[] keep = new ReceiverLevels[n];
            new ReceiverLevels(t, axis, DT, STEPS, true).next(); // classes loaded, lambda linked
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int r = 0; r < n; r++) {
                keep[r] = new ReceiverLevels(t, axis, DT, STEPS, true);
            }
            long perReceiver = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            System.out.printf("%s: %d bytes a receiver (estimate %d)%n", axis, perReceiver,
                    MemoryEstimate.RECEIVER_LEVEL_BYTES);
            assertTrue(perReceiver <= MemoryEstimate.RECEIVER_LEVEL_BYTES, axis + ": " + perReceiver + " B a receiver");
            assertEquals(n, keep.length);
        }
    }
}
