package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;

/**
 * A shot gather as plain samples: trace after trace, as SEG-Y stores them.
 *
 * <p>A sample may be NaN: no sample there, for a trace that starts later or ends earlier than the
 * others when the traces of a shot were recorded from different times (their SEG-Y delays). The
 * view draws it blank, the clip and {@link #maxAbs} leave it out.
 *
 * @param samples {@code samples[trace · time.count() + it]}, NaN where a trace has no sample
 * @param time time axis of every trace (seconds; its first value the time of the first sample,
 *     not necessarily 0)
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

    /** The largest |sample| (NaN left out), the natural clip of a gather whose amplitudes are not yet known. */
    public double maxAbs() {
        double m = 0;
        for (float v : samples) {
            if (Math.abs(v) > m) {
                m = Math.abs(v);
            }
        }
        return m;
    }
}
