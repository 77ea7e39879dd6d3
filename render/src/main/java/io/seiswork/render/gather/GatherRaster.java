package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;

/**
 * The samples of a gather's variable-density raster, at most {@link #OVERSAMPLE} times the plot's
 * device pixels each way: a gather's size is unbounded (a 201 × 201-receiver spread of 2001
 * samples is 81 M pixels, a 323 MB image larger than the largest texture Prism draws), the plot
 * is not. Each raster pixel takes the sample at its centre (nearest, no averaging: amplitudes
 * stay the gather's); at twice the screen's pixels the screen's own smoothing then blends
 * neighbours. A gather that fits is its samples one for one. Call off the JavaFX thread.
 */
final class GatherRaster {

    /** Raster pixels per device pixel of the plot, at most, each way. */
    static final double OVERSAMPLE = 2;

    private GatherRaster() {
    }

    /** Raster columns for {@code traces} across a plot {@code widthPx} device pixels wide. */
    static int columnsFor(int traces, double widthPx) {
        return (int) Math.min(traces, Math.max(1, Math.ceil(OVERSAMPLE * widthPx)));
    }

    /** Raster rows for {@code samples} down a plot {@code heightPx} device pixels high. */
    static int rowsFor(int samples, double heightPx) {
        return (int) Math.min(samples, Math.max(1, Math.ceil(OVERSAMPLE * heightPx)));
    }

    /**
     * {@code g} as rows of constant time, {@code columns} × {@code rows} (each no more than the
     * gather has); its axes span the gather's traces and times, cell edge to cell edge.
     */
    static Slice slice(Gather g, int columns, int rows) {
        Sampling tr = g.traces();
        Sampling t = g.time();
        if (columns >= tr.count() && rows >= t.count()) {
            return new Slice(SliceOrientation.INLINE, 0, 0, tr, t, g.rowsByTime());
        }
        int[] trace = centres(tr.count(), columns);
        int[] sample = centres(t.count(), rows);
        float[] v = new float[trace.length * sample.length];
        for (int c = 0; c < trace.length; c++) {
            for (int r = 0; r < sample.length; r++) {
                v[r * trace.length + c] = g.value(trace[c], sample[r]);
            }
        }
        return new Slice(SliceOrientation.INLINE, 0, 0, axis(tr, trace.length), axis(t, sample.length), v);
    }

    /** The indices of {@code n} nearest the centres of {@code m} equal cells (all of them when m ≥ n). */
    private static int[] centres(int n, int m) {
        int k = Math.min(n, m);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = (int) Math.min(n - 1, (long) ((j + 0.5) * n / k));
        }
        return out;
    }

    /** {@code s}'s extent (half a sample beyond each end) in {@code m} equal cells. */
    private static Sampling axis(Sampling s, int m) {
        if (m == s.count()) {
            return s;
        }
        double delta = s.delta() * s.count() / m;
        return new Sampling(m, delta, s.first() - s.delta() / 2 + delta / 2);
    }
}
