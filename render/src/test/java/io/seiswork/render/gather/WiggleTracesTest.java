package io.seiswork.render.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import org.junit.jupiter.api.Test;

/** The wiggles handed to the JavaFX thread: bounded by the plot's pixels, their peaks kept. */
class WiggleTracesTest {

    /** 2000 traces × 2000 samples of 1 ms, 10 m apart, all {@code value}. */
    private static float[] filled(float value) {
        float[] s = new float[2000 * 2000];
        java.util.Arrays.fill(s, value);
        return s;
    }

    private static Gather big(float[] s) {
        return new Gather(s, new Sampling(2000, 0.001, 0), new Sampling(2000, 10, 0), "receiver");
    }

    @Test
    void countsFollowThePlotsPixelsAndNeverExceedTheGather() {
        assertEquals(250, WiggleTraces.tracesFor(2000, 500));
        assertEquals(48, WiggleTraces.tracesFor(48, 500), "a gather that fits: every trace");
        assertEquals(2, WiggleTraces.tracesFor(2000, 1), "first and last at least");
        assertEquals(1, WiggleTraces.tracesFor(1, 500));
        assertEquals(300, WiggleTraces.rowsFor(2000, 299.5));
        assertEquals(250, WiggleTraces.rowsFor(250, 414));
        assertThrows(IllegalArgumentException.class,
                () -> WiggleTraces.of(GatherFixtures.gather(), 1, 1, 49, 10));
    }

    /**
     * 2000 × 2000 samples (4 M vertices drawn whole) in a 500 × 300 px plot: 250 traces, the
     * first and last among them, at most 2 vertices a pixel row, in time order.
     */
    @Test
    void aLargeGatherIsReducedToThePlotsPixels() {
        float[] s = new float[2000 * 2000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(i * 0.37);
        }
        Gather g = big(s);
        WiggleTraces w = WiggleTraces.of(g, 1, 1, WiggleTraces.tracesFor(2000, 500), WiggleTraces.rowsFor(2000, 300));
        assertEquals(250, w.traces().size());
        assertEquals(0, w.traces().getFirst().axis());
        assertEquals(19990, w.traces().getLast().axis());
        assertEquals(19990.0 / 249, w.spacing(), 1e-9, "deflections in spacings of the drawn traces");
        assertTrue(w.vertices() <= 250 * 2 * 300, "bounded by the plot: " + w.vertices());
        assertTrue(w.vertices() >= 250 * 300, "every row drawn: " + w.vertices());
        for (WiggleTraces.Wiggle t : w.traces()) {
            for (int i = 1; i < t.time().length; i++) {
                assertTrue(t.time()[i] > t.time()[i - 1], "time increases at vertex " + i);
            }
        }
    }

    /**
     * One sample of a trace at the clip among zeros (picking every 7th sample would miss it):
     * every drawn wiggle still swings its full half spacing, at the spike's own time, and a
     * negative spike its full negative swing.
     */
    @Test
    void aOneSampleSpikeKeepsItsAmplitudeAndTime() {
        float[] s = filled(0);
        for (int k = 0; k < 2000; k++) {
            s[k * 2000 + 1234] = 2f;  // the clip
            s[k * 2000 + 7] = -1f;    // half the clip
        }
        Gather g = big(s);
        WiggleTraces w = WiggleTraces.of(g, 2, 1, WiggleTraces.tracesFor(2000, 500), WiggleTraces.rowsFor(2000, 300));
        for (WiggleTraces.Wiggle t : w.traces()) {
            int max = 0;
            int min = 0;
            for (int i = 1; i < t.deflection().length; i++) {
                max = t.deflection()[i] > t.deflection()[max] ? i : max;
                min = t.deflection()[i] < t.deflection()[min] ? i : min;
            }
            assertEquals(0.5, t.deflection()[max], 0, "trace at " + t.axis());
            assertEquals(1.234, t.time()[max], 1e-12);
            assertEquals(-0.25, t.deflection()[min], 0, "trace at " + t.axis());
            assertEquals(0.007, t.time()[min], 1e-12);
        }
    }

    /** A gather that fits is drawn sample for sample: deflection = value / clip × gain / 2, clamped. */
    @Test
    void aGatherThatFitsIsEverySample() {
        Gather g = GatherFixtures.gather();
        WiggleTraces w = WiggleTraces.of(g, 0.5, 1.5, 48, 250);
        assertEquals(48 * 250, w.vertices());
        WiggleTraces.Wiggle t = w.traces().get(24);
        assertEquals(g.traces().value(24), t.axis());
        assertEquals(25, w.spacing());
        for (int i = 0; i < 250; i++) {
            assertEquals(g.time().value(i), t.time()[i], 1e-12);
            assertEquals(Math.clamp(g.value(24, i) / 0.5, -1, 1) * 0.75, t.deflection()[i], 1e-6);
        }
    }

    /**
     * Where a trace has no samples (NaN) it has no vertices: a run after its delay, another after
     * a gap, one separator between them, with or without reduction.
     */
    @Test
    void noSamplesNoVertices() {
        Gather full = GatherFixtures.gather();
        float[] s = full.samples().clone();
        java.util.Arrays.fill(s, 0, 100, Float.NaN);
        java.util.Arrays.fill(s, 150, 160, Float.NaN);
        Gather g = new Gather(s, full.time(), full.traces(), full.tracesLabel());
        for (int rows : new int[] {250, 25}) {
            WiggleTraces.Wiggle t = WiggleTraces.of(g, 1, 1, 48, rows).traces().getFirst();
            int separators = 0;
            for (int i = 0; i < t.time().length; i++) {
                if (Double.isNaN(t.deflection()[i])) {
                    separators++;
                    continue;
                }
                double time = t.time()[i];
                assertTrue(time >= 0.4 && !(time >= 0.6 && time < 0.64), rows + " rows: a vertex at " + time);
            }
            assertEquals(1, separators, rows + " rows");
        }
        assertEquals(250 - 110 + 47 * 250, WiggleTraces.of(g, 1, 1, 48, 250).vertices());
    }
}
