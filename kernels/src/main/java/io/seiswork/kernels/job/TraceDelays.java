package io.seiswork.kernels.job;

import java.util.Arrays;

/**
 * The times of the first samples of one shot's recorded traces, in seconds after the shot: the
 * SEG-Y delay recording time (trace header byte 109, time scalar 215). Field gathers usually share
 * one delay per shot, so that case keeps one number; traces whose delays differ (a per-channel
 * static, a spliced record) keep one per trace.
 */
final class TraceDelays {

    /** One value for every trace, or one per trace. */
    private final double[] delaysS;

    private TraceDelays(double[] delaysS) {
        this.delaysS = delaysS;
    }

    /** @param delaysS the delay of each trace of the shot in its order, seconds (copied when they differ) */
    static TraceDelays of(double[] delaysS) {
        if (delaysS.length == 0) {
            throw new IllegalArgumentException("a shot has at least one trace");
        }
        for (double d : delaysS) {
            if (Double.compare(d, delaysS[0]) != 0) {
                return new TraceDelays(delaysS.clone());
            }
        }
        return new TraceDelays(new double[] {delaysS[0]});
    }

    /** The time of the first sample of trace {@code i} (0-based, in the shot's order), seconds. */
    double ofTrace(int i) {
        return delaysS.length == 1 ? delaysS[0] : delaysS[i];
    }

    /** Whether every trace of the shot has the same delay. */
    boolean shared() {
        return delaysS.length == 1;
    }

    @Override
    public String toString() {
        return shared() ? delaysS[0] + " s" : Arrays.toString(delaysS) + " s";
    }
}
