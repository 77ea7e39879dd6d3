package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A shot's delays as a pass over the headers adds them: one number while they agree, one per trace once they differ. */
class TraceDelaysTest {

    @Test
    void sharedDelaysKeepOneNumber() {
        TraceDelays.Builder b = new TraceDelays.Builder();
        for (int i = 0; i < 100_000; i++) {
            b.add(-37.5);
        }
        assertTrue(b.shared(), "no per-trace array for a shot whose traces share one delay");
        TraceDelays d = b.build();
        assertTrue(d.shared());
        assertEquals(-0.0375, d.ofTrace(0), 0.0);
        assertEquals(-0.0375, d.ofTrace(99_999), 0.0);
    }

    /** A second value late in the shot: every trace before it keeps the first delay, each after its own. */
    @Test
    void aSecondValueStartsOnePerTrace() {
        TraceDelays.Builder b = new TraceDelays.Builder();
        for (int i = 0; i < 1000; i++) {
            b.add(i < 700 ? 100 : 100 + (i - 699) * 0.5);
            assertEquals(i < 700, b.shared());
        }
        TraceDelays d = b.build();
        assertFalse(d.shared());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i < 700 ? 0.1 : (100 + (i - 699) * 0.5) * 1e-3, d.ofTrace(i), 1e-9, "trace " + i);
        }
        assertEquals(0.2, TraceDelays.of(new double[] {0.1, 0.2, 0.1}).ofTrace(1), 1e-9);
    }
}
