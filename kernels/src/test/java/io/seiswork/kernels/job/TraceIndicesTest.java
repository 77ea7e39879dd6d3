package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A shot's trace indices read back as added, as runs or one number a trace. */
class TraceIndicesTest {

    private static TraceIndices of(long fileTraces, long... traces) {
        TraceIndices.Builder b = new TraceIndices.Builder(fileTraces);
        for (long t : traces) {
            b.add(t);
        }
        return b.build();
    }

    @Test
    void consecutiveTracesAreOneRun() {
        long[] traces = new long[1000];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = 5000 + i;
        }
        TraceIndices t = of(10_000, traces);
        assertEquals(1000, t.count());
        assertArrayEquals(traces, t.toArray());
        assertArrayEquals(new long[] {5000, 1000}, t.runs());
    }

    @Test
    void aFewRunsStayRuns() {
        TraceIndices t = of(100, 0, 1, 2, 7, 9, 10);
        assertArrayEquals(new long[] {0, 1, 2, 7, 9, 10}, t.toArray());
        assertArrayEquals(new long[] {0, 3, 7, 1, 9, 2}, t.runs());
    }

    /** A shot of data sorted by offset: every trace its own run, kept one number each from the 17th on. */
    @Test
    void interleavedTracesReadBackAsAdded() {
        for (long fileTraces : new long[] {10_000, 1L << 40}) {
            long offset = fileTraces > Integer.MAX_VALUE ? 3_000_000_000L : 0;
            long[] traces = new long[500];
            for (int i = 0; i < traces.length; i++) {
                traces[i] = offset + 7L * i + (i % 3);
            }
            TraceIndices t = of(fileTraces, traces);
            assertEquals(500, t.count());
            assertArrayEquals(traces, t.toArray());
            assertArrayEquals(TraceIndices.runsOf(traces), t.runs());
            assertEquals(1000, t.runs().length);
        }
    }

    @Test
    void tracesOutOfOrderAreRefused() {
        TraceIndices.Builder b = new TraceIndices.Builder(100);
        b.add(5);
        // Named from 1 in the message, as every message counts traces: index 5 is trace 6.
        assertEquals("trace 6 added after trace 6: a shot's traces are added in file order",
                assertThrows(IllegalArgumentException.class, () -> b.add(5)).getMessage());
        assertEquals("trace 1 added after trace 6: a shot's traces are added in file order",
                assertThrows(IllegalArgumentException.class, () -> b.add(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceIndices.Builder(100).build());
    }

    @Test
    void runsOfAscendingTraces() {
        assertArrayEquals(new long[] {0, 3, 7, 1, 9, 2}, TraceIndices.runsOf(new long[] {0, 1, 2, 7, 9, 10}));
        assertArrayEquals(new long[0], TraceIndices.runsOf(new long[0]));
    }
}
