package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;

/**
 * A shot gather as plain samples: trace after trace, as SEG-Y stores them.
 *
 * @param samples {@code samples[trace · time.count() + it]}
 * @param time time axis of every trace (seconds)
 * @param traces axis across the traces: receiver offset in metres, or trace number
 * @param tracesLabel axis title for {@code traces}, for example "offset (m)"
 */
public record Gather(float[] samples, Sampling time, Sampling traces, String tracesLabel) {

    public Gather {
        long n = (long) time.count() * traces.count();
        if (samples.length != n) {
            throw new IllegalArgumentException(traces.count() + " traces of " + time.count() + " samples need " + n
                    + " values, got " + samples.length);
        }
    }

    /** Sample {@code it} of trace {@code trace}. */
    public float value(int trace, int it) {
        return samples[trace * time.count() + it];
    }

    /** The samples transposed to rows of constant time ({@code [it · traces + trace]}), for raster display. */
    public float[] rowsByTime() {
        int nt = time.count();
        int n = traces.count();
        float[] out = new float[samples.length];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < nt; i++) {
                out[i * n + t] = samples[t * nt + i];
            }
        }
        return out;
    }

    /** The largest |sample|, the natural clip of a gather whose amplitudes are not yet known. */
    public double maxAbs() {
        double m = 0;
        for (float v : samples) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
