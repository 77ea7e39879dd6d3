package io.seiswork.kernels.job;

import java.util.Arrays;

/**
 * The times of the first samples of one shot's recorded traces, after the shot: the SEG-Y delay
 * recording time (trace header byte 109, time scalar 215). Field gathers usually share one delay
 * per shot, so that case keeps one number (a double, exact); traces whose delays differ (a
 * per-channel static, a spliced record) keep one float of milliseconds per trace — 4 bytes a
 * trace, to 7 significant digits (under 0.002 ms at the largest delay of 32,767 ms, far below
 * any sample interval).
 *
 * <p>A pass over a file's headers adds each trace's delay with a {@link Builder}, which holds only
 * the first delay until a second value appears: no per-trace object, nothing per trace at all for
 * a shot whose traces share one.
 */
public final class TraceDelays {

    /** The delay shared by every trace, milliseconds (NaN when they differ). */
    private final double sharedMs;
    /** One delay per trace, milliseconds, or null when they share {@link #sharedMs}. */
    private final float[] perTraceMs;

    private TraceDelays(double sharedMs, float[] perTraceMs) {
        this.sharedMs = sharedMs;
        this.perTraceMs = perTraceMs;
    }

    /** @param delaysS the delay of each trace of the shot in its order, seconds */
    static TraceDelays of(double[] delaysS) {
        if (delaysS.length == 0) {
            throw new IllegalArgumentException("a shot has at least one trace");
        }
        Builder b = new Builder();
        for (double d : delaysS) {
            b.add(d * 1e3);
        }
        return b.build();
    }

    /** The time of the first sample of trace {@code i} (0-based, in the shot's order), seconds. */
    double ofTrace(int i) {
        return ofTraceMs(i) * 1e-3;
    }

    /** The delay of trace {@code i} (0-based, in the shot's order), milliseconds, as stored. */
    public double ofTraceMs(int i) {
        return perTraceMs == null ? sharedMs : perTraceMs[i];
    }

    /** Bytes of heap the per-trace delays hold: 0 when the traces share one. */
    public long arrayBytes() {
        return perTraceMs == null ? 0 : 4L * perTraceMs.length;
    }

    /** Whether every trace of the shot has the same delay. */
    public boolean shared() {
        return perTraceMs == null;
    }

    @Override
    public String toString() {
        return shared() ? sharedMs + " ms" : Arrays.toString(perTraceMs) + " ms";
    }

    /** The delays of one shot's traces, added in order. */
    public static final class Builder {

        private int count;
        private double firstMs;
        /** Started when a second value appears; grown by half again when full. */
        private float[] ms;

        /** Adds the next trace's delay, milliseconds. */
        public void add(double delayMs) {
            if (count == 0) {
                firstMs = delayMs;
            } else if (ms == null && Double.compare(delayMs, firstMs) != 0) {
                ms = new float[Math.max(16, count + count / 2 + 1)];
                Arrays.fill(ms, 0, count, (float) firstMs);
            }
            if (ms != null) {
                if (count == ms.length) {
                    ms = Arrays.copyOf(ms, count + count / 2 + 1);
                }
                ms[count] = (float) delayMs;
            }
            count++;
        }

        /** Traces added so far. */
        int count() {
            return count;
        }

        /** Whether the traces added so far share one delay (no per-trace array started). */
        boolean shared() {
            return ms == null;
        }

        public TraceDelays build() {
            if (count == 0) {
                throw new IllegalArgumentException("a shot has at least one trace");
            }
            return ms == null ? new TraceDelays(firstMs, null) : new TraceDelays(Double.NaN, Arrays.copyOf(ms, count));
        }
    }
}
