package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.CubicConvolution;
import io.seiswork.core.time.TimeStepping;

/**
 * Resamples receiver traces from the internal time step to the output axis while the time loop
 * runs, keeping only the last four levels per receiver (no nt-long internal traces).
 *
 * <p>Interpolation is the four-point cubic convolution (Keys, a = −0.5; Catmull–Rom), third-order
 * accurate and exact at the levels themselves. With {@code dt} ten or more times finer than the
 * output interval, as the CFL limit makes it, its error is far below the modelling error. When
 * the output interval is a whole number of steps (the default of
 * {@link io.seiswork.core.time.TimeStepping#fromCfl}) every output sample falls on a level
 * and is copied exactly. Levels before time 0 are zero (the medium is at rest). No low-pass
 * before taking the output samples: the spec's check ({@code JobResolver}) keeps the output
 * interval at most 1 / (2 f_max), so the wavelet's band lies below the output's Nyquist frequency.
 */
public final class TraceResampler {

    private final int receivers;
    private final double dtS;
    private final Sampling out;
    private final float[][] traces;
    private final float[] ring;
    /** Interpolation weights of the sample being emitted (reused: no allocation per step). */
    private final double[] w = new double[4];
    private int next;
    private int levels;

    /**
     * @param receivers number of traces
     * @param dtS internal time step in seconds
     * @param out output time axis in seconds
     */
    public TraceResampler(int receivers, double dtS, Sampling out) {
        this.receivers = receivers;
        this.dtS = dtS;
        this.out = out;
        this.traces = new float[receivers][out.count()];
        this.ring = new float[receivers * 4];
    }

    /**
     * Takes the values of level {@code n} (time n · dt), n = 0, 1, 2, … in order, and writes every
     * output sample that the levels so far determine.
     *
     * @param values one value per receiver
     */
    public void accept(float[] values) {
        int n = levels++;
        int slot = n & 3;
        for (int r = 0; r < receivers; r++) {
            ring[r * 4 + slot] = values[r];
        }
        // Output times in [(n - 2) dt, (n - 1) dt] use levels n - 3 .. n.
        while (next < out.count()) {
            double f = out.value(next) / dtS - (n - 2);
            if (f > 1 + 1e-9) {
                break;
            }
            emit(next, n, Math.max(0, Math.min(1, f)));
            next++;
        }
    }

    /** Whether every output sample has been written. */
    public boolean complete() {
        return next >= out.count();
    }

    /** The output traces, {@code [receiver][sample]}. */
    public float[][] traces() {
        return traces;
    }

    private void emit(int j, int n, double f) {
        CubicConvolution.weights(f, w);
        for (int r = 0; r < receivers; r++) {
            double s = w[0] * level(r, n - 3) + w[1] * level(r, n - 2) + w[2] * level(r, n - 1) + w[3] * level(r, n);
            traces[r][j] = (float) s;
        }
    }

    private float level(int r, int k) {
        return k < 0 ? 0f : ring[r * 4 + (k & 3)];
    }
}
