package io.seiswork.render.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import org.junit.jupiter.api.Test;

/** The gather's clip at a percentile of |amplitude|, and the t² gain applied before it. */
class GatherClipTest {

    private static Gather oneTrace(float[] samples) {
        return new Gather(samples, new Sampling(samples.length, 0.004, 0), new Sampling(1, 1, 1), "receiver");
    }

    @Test
    void theClipIsThePercentileOfTheAbsoluteAmplitudes() {
        float[] s = new float[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 2 == 0 ? i : -i;  // |values| 0 ... 999, signs alternating
        }
        assertEquals(989, GatherClip.percentile(oneTrace(s), 99), 1e-9);
        assertEquals(899, GatherClip.percentile(oneTrace(s), 90), 1e-9);
        assertEquals(999, GatherClip.percentile(oneTrace(s), 100), 1e-9);
    }

    /** A direct wave 1000 times stronger than everything else no longer sets the clip (half of it did). */
    @Test
    void aDominantDirectWaveSaturatesInsteadOfGreyingTheRest() {
        float[] s = new float[1000];
        java.util.Arrays.fill(s, 0.001f);
        s[3] = 1f;
        assertEquals(0.001, GatherClip.percentile(oneTrace(s), 99), 1e-9);
    }

    @Test
    void aMostlySilentGatherClipsAtItsLargestAmplitude() {
        float[] s = new float[1000];
        s[500] = -2f;
        assertEquals(2, GatherClip.percentile(oneTrace(s), 99), 1e-9);
        assertEquals(0, GatherClip.percentile(oneTrace(new float[10]), 99), 1e-9);
    }

    /**
     * ±Inf samples (a modelling run that blew up) are left out like NaN, not taken as the clip
     * (an infinite clip scales nothing); a gather with no finite sample has no clip (NaN).
     */
    @Test
    void nonFiniteSamplesAreLeftOutAndNoneFiniteGivesNoClip() {
        float[] s = new float[100];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < 10 ? (i % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY) : i < 20 ? Float.NaN : 3f;
        }
        assertEquals(3, GatherClip.percentile(oneTrace(s), 99), 0);
        float[] none = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertTrue(Double.isNaN(GatherClip.percentile(oneTrace(none), 99)), "no clip without a finite sample");
    }

    @Test
    void tSquaredGainMultipliesEachSampleByItsTimeSquared() {
        float[] s = {1, 1, 1, -1};
        Gather g = GatherGain.T_SQUARED.apply(new Gather(s, new Sampling(4, 0.5, 0), new Sampling(1, 1, 1), "r"));
        assertEquals(0, g.value(0, 0), 0);
        assertEquals(0.25, g.value(0, 1), 1e-7);
        assertEquals(1, g.value(0, 2), 1e-7);
        assertEquals(-2.25, g.value(0, 3), 1e-6);
        assertEquals(1f, s[3] * -1, 0, "the gather itself is untouched");
        assertEquals("t²", GatherGain.T_SQUARED.toString());
        assertEquals("variable density", GatherStyle.VARIABLE_DENSITY.toString());
    }

    @Test
    void tSquaredGainFollowsEachTracesOwnTimes() {
        float[] s = {1, 2, 3, 4, 5, 6};  // two traces of three samples, trace by trace
        Gather g = GatherGain.T_SQUARED.apply(new Gather(s, new Sampling(3, 1, 1), new Sampling(2, 1, 1), "r"));
        float[] expected = {1, 8, 27, 4, 20, 54};
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[k * 3 + i], g.value(k, i), 1e-5, "trace " + k + " sample " + i);
            }
        }
    }
}
