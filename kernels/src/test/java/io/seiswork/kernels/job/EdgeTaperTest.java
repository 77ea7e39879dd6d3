package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Sampling;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Where a recorded trace is tapered on the run's axis: at its edges strictly inside it, nowhere else. */
class EdgeTaperTest {

    private static final Sampling OUT = new Sampling(151, 0.004, 0);  // 0 .. 600 ms

    private static float[] ones() {
        float[] t = new float[OUT.count()];
        Arrays.fill(t, 1);
        return t;
    }

    @Test
    void aTraceStartingAndEndingInsideRampsUpAndDown() {
        float[] t = ones();
        ShotComputer.taperedEdges(t, OUT, 0.1, 0.5, 0.04);  // 100 .. 500 ms, 40 ms ramps
        assertEquals(0, t[25], 1e-6, "0 at the first sample");
        assertEquals(0.5, t[30], 1e-6, "half way up the ramp at 120 ms");
        assertEquals(1, t[35], 1e-6, "1 from 140 ms");
        assertEquals(1, t[115], 1e-6, "1 until 460 ms");
        assertEquals(0.5, t[120], 1e-6, "half way down at 480 ms");
        assertEquals(0, t[125], 1e-6, "0 at the last sample");
    }

    @Test
    void edgesAtOrOutsideTheModelledTimeAreLeftAlone() {
        float[] t = ones();
        ShotComputer.taperedEdges(t, OUT, -0.08, 0.9, 0.04);  // starts before the shot, ends after the run
        assertArrayEquals(ones(), t);
        ShotComputer.taperedEdges(t, OUT, 0, 0.6, 0.04);  // exactly the modelled axis
        assertArrayEquals(ones(), t);
    }

    /** A file shorter than the run: only its end is tapered. */
    @Test
    void aShortFileIsTaperedAtItsEndOnly() {
        float[] t = ones();
        ShotComputer.taperedEdges(t, OUT, 0, 0.4, 0.04);
        assertEquals(1, t[0], 0);
        assertEquals(1, t[90], 1e-6);
        assertEquals(0.5, t[95], 1e-6);
    }

    @Test
    void theTaperIsTwoPeriodsOfThePeakFrequencyAndAtLeastThreeSamples() {
        assertEquals(2 / 15.0, ShotComputer.edgeTaperS(0.004, 15), 1e-12);
        assertEquals(0.012, ShotComputer.edgeTaperS(0.004, 1000), 1e-12);
    }
}
