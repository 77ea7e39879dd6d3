package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import org.junit.jupiter.api.Test;

/**
 * Traces brought to the propagator's levels against analytic signals. Data finer than the step
 * (0.2 ms data, 0.5 ms steps: f_N = 1000 Hz at the levels, a non-whole ratio of 2.5, and a delay
 * that puts no sample on a level) go through the anti-alias low-pass: a sine well inside the
 * band comes through, one above the levels' Nyquist frequency is removed rather than folded back
 * (taking the levels off the trace would keep all of it: 1400 Hz at 0.5 ms reads as 600 Hz).
 */
class TraceUpsamplerTest {

    private static final double DT = 0.0005;
    private static final Sampling FINE = new Sampling(1001, 0.0002, -0.00313);
    private static final int LEVELS = (int) (FINE.last() / DT);
    /** Levels at least this far from the trace's ends (the kernel's half-length, 12.5 ms, and more). */
    private static final double EDGE_S = 0.02;

    private static float[] sine(Sampling axis, double hz) {
        float[] t = new float[axis.count()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) Math.sin(2 * Math.PI * hz * axis.value(i));
        }
        return t;
    }

    private static boolean interior(int level) {
        double t = level * DT;
        return t >= Math.max(0, FINE.first()) + EDGE_S && t <= FINE.last() - EDGE_S;
    }

    @Test
    void aSineWellInsideTheBandIsKept() {
        // 0.04 to 0.8 of the levels' Nyquist, the pass band's edge: within the design's ripple (1e-4).
        for (double hz : new double[] {40, 300, 700, 800}) {
            float[] out = TraceUpsampler.toLevels(sine(FINE, hz), FINE, DT, LEVELS);
            double worst = 0;
            for (int l = 0; l < LEVELS; l++) {
                if (interior(l)) {
                    worst = Math.max(worst, Math.abs(out[l] - Math.sin(2 * Math.PI * hz * l * DT)));
                }
            }
            assertTrue(worst < 1e-4, hz + " Hz: largest error " + worst + " of a unit sine");
        }
    }

    @Test
    void aSineAboveTheLevelsNyquistIsRemovedNotFolded() {
        for (double hz : new double[] {1050, 1400, 2200}) {
            float[] out = TraceUpsampler.toLevels(sine(FINE, hz), FINE, DT, LEVELS);
            double sum = 0;
            int n = 0;
            for (int l = 0; l < LEVELS; l++) {
                if (interior(l)) {
                    sum += (double) out[l] * out[l];
                    n++;
                }
            }
            double db = 10 * Math.log10(sum / n / 0.5);  // against the sine's mean square, 1/2
            // The design's stop band starts at f_N, 80 dB down; the table's interpolation costs a few.
            assertTrue(db < -75, hz + " Hz: " + db + " dB");
        }
    }

    /** Nothing is sent before the shot: samples before 0 s are not brought to the levels, however large. */
    @Test
    void samplesBeforeTimeZeroAreLeftOut() {
        float[] t = new float[FINE.count()];
        for (int i = 0; i < t.length && FINE.value(i) < 0; i++) {
            t[i] = 1e4f;
        }
        float[] out = TraceUpsampler.toLevels(t, FINE, DT, LEVELS);
        for (float v : out) {
            assertEquals(0f, v);
        }
    }

    /** Data at least as coarse as the step are interpolated (cubic), exact where a level falls on a sample. */
    @Test
    void coarserDataAreInterpolatedExactlyOnTheirSamples() {
        Sampling coarse = new Sampling(101, 0.002, 0);
        float[] s = sine(coarse, 30);
        float[] out = TraceUpsampler.toLevels(s, coarse, DT, 401);
        for (int i = 0; i < coarse.count(); i++) {
            assertEquals(s[i], out[4 * i], "level " + 4 * i);
        }
        assertEquals(Math.sin(2 * Math.PI * 30 * 0.1005), out[201], 2e-3, "between samples");
    }
}
