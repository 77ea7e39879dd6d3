package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The wiggles of a gather reduced to the plot's device pixels, computed off the JavaFX thread so
 * that the JavaFX thread draws a number of vertices bounded by the plot's size, not the gather's
 * (a 201 × 201-receiver spread of 2001 samples is 81 M samples; drawn whole, twice a redraw).
 *
 * <p>Traces: at most one every {@link #PIXELS_PER_TRACE} device pixels of the plot's width,
 * picked evenly, the first and last always kept. Samples: each trace's samples are binned into
 * the plot's pixel rows; a bin contributes its least and its greatest sample (in the order they
 * occur, at their own times), so a one-sample spike still swings to its full amplitude at its
 * own time however many samples share its pixel row. A gather that fits (no more traces than
 * half the width's pixels, no more samples than its rows) is drawn sample for sample, as before.
 *
 * <p>Deflection is {@code clamp(value / clip, -1, 1) · gain / 2} in spacings of the traces
 * drawn ({@link #spacing}), so neighbouring wiggles touch at the clip when the gain is 1, also
 * when only every n-th trace is drawn.
 *
 * @param spacing distance between the drawn traces in trace-axis units (the gather's trace
 *     spacing when every trace is drawn)
 * @param traces the drawn traces, left to right
 */
public record WiggleTraces(double spacing, List<Wiggle> traces) {

    /** Device pixels of the plot's width per drawn trace, at least. */
    public static final double PIXELS_PER_TRACE = 2;

    /**
     * One drawn trace.
     *
     * @param axis its position on the trace axis
     * @param time the times of its vertices in seconds, increasing within a run
     * @param deflection the vertices' deflections in {@link WiggleTraces#spacing}s; a vertex whose
     *     deflection (and time) is NaN separates two runs of samples the trace has (NaN samples in
     *     the gather: before its delay, after its end), which the view leaves undrawn
     */
    public record Wiggle(double axis, double[] time, double[] deflection) {
    }

    /** How many of {@code traces} are drawn across a plot {@code widthPx} device pixels wide. */
    public static int tracesFor(int traces, double widthPx) {
        return (int) Math.min(traces, Math.max(Math.min(traces, 2), Math.floor(widthPx / PIXELS_PER_TRACE)));
    }

    /** How many bins {@code samples} are reduced to down a plot {@code heightPx} device pixels high. */
    public static int rowsFor(int samples, double heightPx) {
        return (int) Math.min(samples, Math.max(1, Math.ceil(heightPx)));
    }

    /**
     * Deflections of {@code g} with amplitude {@code clip} mapped to {@code gain} / 2 trace
     * spacings, reduced to {@code traces} traces (the first and last among them) and its samples
     * to {@code rows} bins: for a plot, {@link #tracesFor} its width and {@link #rowsFor} its
     * height in device pixels. Neither count can exceed the gather's.
     */
    public static WiggleTraces of(Gather g, double clip, double gain, int traces, int rows) {
        Sampling tr = g.traces();
        int n = tr.count();
        if (traces < 1 || traces > n || rows < 1 || rows > g.time().count()) {
            throw new IllegalArgumentException("wiggles of " + n + " traces of " + g.time().count()
                    + " samples cannot be reduced to " + traces + " traces of " + rows + " rows");
        }
        int m = traces;
        double c = clip > 0 ? clip : 1;
        List<Wiggle> out = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            int k = m == 1 ? 0 : (int) Math.round(j * (n - 1.0) / (m - 1));
            out.add(trace(g, k, rows, c, gain));
        }
        double spacing = m <= 1 ? tr.delta() : (tr.last() - tr.first()) / (m - 1);
        return new WiggleTraces(spacing, List.copyOf(out));
    }

    /** Trace {@code k} of {@code g}: the least and greatest sample of each of {@code rows} bins. */
    private static Wiggle trace(Gather g, int k, int rows, double clip, double gain) {
        Sampling t = g.time();
        int nt = t.count();
        Vertices out = new Vertices(2 * rows + 2);
        for (int r = 0; r < rows; r++) {
            int from = (int) ((long) r * nt / rows);
            int to = (int) ((long) (r + 1) * nt / rows);
            int lo = -1;
            int hi = -1;
            for (int i = from; i <= to; i++) {
                float s = i < to ? g.value(k, i) : Float.NaN;
                if (!Float.isNaN(s)) {
                    lo = lo < 0 || s < g.value(k, lo) ? i : lo;
                    hi = hi < 0 || s > g.value(k, hi) ? i : hi;
                    continue;
                }
                // A run of samples within this bin ends (a NaN, or the bin's end): its extremes, in order.
                if (lo >= 0) {
                    int first = Math.min(lo, hi);
                    int second = Math.max(lo, hi);
                    out.add(t.value(first), deflection(g.value(k, first), clip, gain));
                    if (second != first) {
                        out.add(t.value(second), deflection(g.value(k, second), clip, gain));
                    }
                    lo = -1;
                    hi = -1;
                }
                if (i < to) {
                    out.gap();
                }
            }
        }
        return new Wiggle(g.traces().value(k), Arrays.copyOf(out.time, out.count), Arrays.copyOf(out.deflection,
                out.count));
    }

    /** A growing list of vertices, runs separated by one NaN vertex. */
    private static final class Vertices {
        private double[] time;
        private double[] deflection;
        private int count;

        Vertices(int capacity) {
            time = new double[capacity];
            deflection = new double[capacity];
        }

        void add(double t, double d) {
            if (count == time.length) {
                time = Arrays.copyOf(time, 2 * count + 2);
                deflection = Arrays.copyOf(deflection, time.length);
            }
            time[count] = t;
            deflection[count++] = d;
        }

        /** Ends the run drawn so far (nothing when there is none, or it has just ended). */
        void gap() {
            if (count > 0 && !Double.isNaN(deflection[count - 1])) {
                add(Double.NaN, Double.NaN);
            }
        }
    }

    private static double deflection(float value, double clip, double gain) {
        return Math.clamp(value / clip, -1, 1) * gain / 2;
    }

    /** The vertices handed to the JavaFX thread to draw (run separators left out). */
    public int vertices() {
        int count = 0;
        for (Wiggle w : traces) {
            for (double x : w.deflection()) {
                if (!Double.isNaN(x)) {
                    count++;
                }
            }
        }
        return count;
    }
}
