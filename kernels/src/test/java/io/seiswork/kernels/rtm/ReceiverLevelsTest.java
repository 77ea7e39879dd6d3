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
import org.junit.jupiter.api.Test;

/**
 * The CPU migration computes each receiver's data a level at a time as its field steps back
 * ({@link ReceiverLevels}) instead of holding every level: the values must be the floats the GPU
 * uploads ({@link ReceiverData#levels}) bit for bit, since the CPU images, the local/cloud byte
 * identity and resumed runs depend on them; and those values are checked against a plain
 * whole-array reference written here and against the derivative of a sine.
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
     * The same values as a plain whole-array reference written here, independent of
     * {@link TraceUpsampler} and of the window of three levels: every level of d computed on its
     * own (Keys' cubic convolution from its textbook formula where the trace's interval is at
     * least dt; where it is finer, the anti-alias kernel evaluated exactly, not from its table,
     * summed over every sample at or after 0 s), then {@code −∂/∂t} as the centred difference
     * over that array. Float for float where the levels are interpolated; where the trace is
     * finer than dt, within the rounding of the kernel's table ({@link #tolerance}: the largest
     * difference seen is about 2 % of it).
     */
    @Test
    void levelsAreThoseOfAPlainWholeArrayReference() {
        Random rnd = new Random(2024);
        for (boolean migration : new boolean[] {false, true}) {
            for (Sampling axis : AXES) {
                float[] t = trace(rnd, axis.count());
                float[] want = wholeArray(t, axis, migration);
                float[] got = stepped(new ReceiverLevels(t, axis, DT, STEPS, migration), STEPS);
                double tolerance = tolerance(t, axis, migration);
                for (int l = 0; l <= STEPS; l++) {
                    assertEquals(want[l], got[l], tolerance, axis + (migration ? ", −∂/∂t" : ", d") + " level " + l);
                }
            }
        }
    }

    /**
     * −∂/∂t of a sampled sine, against calculus: on the levels' own axis (no interpolation) the
     * centred difference of sin ωt is {@code ω cos ωt · sin(ω dt) / (ω dt)} exactly, so each
     * interior level is {@code −ω cos(ω l dt)} times that gain (0.99934 at 20 Hz); levels 0 and nt
     * are the one-sided differences of the sine. Only the float rounding of the samples remains:
     * 2 ulp of 1 over 2 dt, 1.2e-4 against an amplitude ω = 126 per second. On a 4 ms axis (h) the
     * levels are interpolated: Keys' cubic is third-order accurate, so its slope is second order,
     * and the derivative must be −ω cos ωt within (ωh)²/6 of ω at 5, 10 and 20 Hz (the error
     * measured is about (ωh)²/9: 0.18 %, 0.7 %, 2.8 %, falling 4 times as the frequency halves).
     */
    @Test
    void aSinesDerivativeIsMinusOmegaCosine() {
        double f = 20;
        double w = 2 * Math.PI * f;
        Sampling onLevels = new Sampling(STEPS + 1, DT, 0);
        float[] m = stepped(new ReceiverLevels(sine(onLevels, w), onLevels, DT, STEPS, true), STEPS);
        double gain = Math.sin(w * DT) / (w * DT);
        double rounding = 2 * Math.ulp(1f) / (2 * DT);
        assertEquals(-Math.sin(w * DT) / DT, m[0], 2 * rounding, "level 0");
        for (int l = 1; l < STEPS; l++) {
            assertEquals(-w * Math.cos(w * l * DT) * gain, m[l], rounding, "level " + l);
        }
        assertEquals(-(Math.sin(w * STEPS * DT) - Math.sin(w * (STEPS - 1) * DT)) / DT, m[STEPS], 2 * rounding,
                "level nt");

        Sampling coarse = new Sampling(60, 0.004, 0);
        for (double fc : new double[] {5, 10, 20}) {
            double wc = 2 * Math.PI * fc;
            double wh = wc * coarse.delta();
            float[] mc = stepped(new ReceiverLevels(sine(coarse, wc), coarse, DT, STEPS, true), STEPS);
            // From level 9: level 8's difference reaches into the first interval, where sample −1 is missing.
            for (int l = 9; l < STEPS - 8; l++) {
                assertEquals(-wc * Math.cos(wc * l * DT), mc[l], wc * wh * wh / 6, fc + " Hz on 4 ms samples, level " + l);
            }
        }
    }

    private static float[] sine(Sampling axis, double w) {
        float[] s = new float[axis.count()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(w * axis.value(i));
        }
        return s;
    }

    /** The reference's levels: every level of d in one array, then {@code −∂/∂t} over it for a migration. */
    private static float[] wholeArray(float[] trace, Sampling axis, boolean migration) {
        float[] d = new float[STEPS + 1];
        for (int l = 0; l <= STEPS; l++) {
            d[l] = (float) (axis.delta() >= DT ? keys(trace, axis, l * DT) : lowPassed(trace, axis, l * DT));
        }
        if (!migration) {
            return d;
        }
        float[] m = new float[STEPS + 1];
        m[0] = (float) ((d[0] - d[1]) / DT);
        for (int l = 1; l < STEPS; l++) {
            m[l] = (float) ((d[l - 1] - d[l + 1]) / (2 * DT));
        }
        m[STEPS] = (float) ((d[STEPS - 1] - d[STEPS]) / DT);
        return m;
    }

    /** Keys (1981), a = −0.5, at time {@code t}: Σ trace[j] · W(x − j); 0 outside the trace's span. */
    private static double keys(float[] trace, Sampling axis, double t) {
        double x = axis.fractionalIndex(t);
        if (x < -1e-9 || x > trace.length - 1 + 1e-9) {
            return 0;
        }
        double sum = 0;
        for (int j = (int) Math.floor(x) - 1; j <= (int) Math.floor(x) + 2; j++) {
            double s = Math.abs(x - j);
            double wj = s <= 1 ? 1.5 * s * s * s - 2.5 * s * s + 1 : s < 2 ? -0.5 * s * s * s + 2.5 * s * s - 4 * s + 2 : 0;
            if (j >= 0 && j < trace.length) {
                sum += trace[j] * wj;
            }
        }
        return sum;
    }

    /** Σ over the samples at or after 0 s of trace[j] · Δ · h(t − t_j), h the exact windowed sinc (per second). */
    private static double lowPassed(float[] trace, Sampling axis, double t) {
        double sum = 0;
        for (int j = 0; j < trace.length; j++) {
            if (axis.value(j) >= -1e-12) {
                sum += trace[j] * LowPassResampler.exactKernel(Math.abs(t - axis.value(j)) / DT) * axis.delta() / DT;
            }
        }
        return sum;
    }

    /**
     * How far the reference may be from the code: nothing where the levels are interpolated (the
     * same floats: each level is one double sum rounded once); finer than dt, the table's
     * rounding, 1e-6 of the kernel's peak, times the samples it sums (√ of the 50 dt / Δ the
     * kernel spans, for white noise), plus a float's last bits; −∂/∂t divides a difference of two levels by dt.
     */
    private static double tolerance(float[] trace, Sampling axis, boolean migration) {
        if (axis.delta() >= DT) {
            return 0;
        }
        double peak = 0;
        for (float v : trace) {
            peak = Math.max(peak, Math.abs(v));
        }
        double d = 2 * Math.ulp((float) (4 * peak)) + 1e-6 * peak * Math.sqrt(50 * DT / axis.delta());
        return migration ? 2 * d / DT : d;
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
