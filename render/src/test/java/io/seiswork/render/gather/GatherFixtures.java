package io.seiswork.render.gather;

import io.seiswork.core.grid.Sampling;

/** A synthetic shot gather: a flat event at {@link #EVENT_S} and a weaker hyperbola, 48 traces, 4 ms. */
public final class GatherFixtures {

    /** Time of the flat event, seconds. */
    public static final double EVENT_S = 0.6;

    private GatherFixtures() {
    }

    /** The gather with its flat event at {@link #EVENT_S}. */
    public static Gather gather() {
        return gather(EVENT_S);
    }

    /** The gather with its flat event at {@code eventS} seconds. */
    public static Gather gather(double eventS) {
        int n = 48;
        int nt = 250;
        Sampling time = new Sampling(nt, 0.004, 0);
        Sampling offsets = new Sampling(n, 25, -587.5);
        float[] s = new float[n * nt];
        for (int t = 0; t < n; t++) {
            double x = offsets.value(t);
            double hyperbola = Math.sqrt(0.25 * 0.25 + x * x / (2000.0 * 2000.0));
            for (int i = 0; i < nt; i++) {
                s[t * nt + i] = (float) (ricker(time.value(i) - eventS) + 0.6 * ricker(time.value(i) - hyperbola));
            }
        }
        return new Gather(s, time, offsets, "offset (m)");
    }

    private static double ricker(double t) {
        double a = Math.PI * 25 * t;
        return (1 - 2 * a * a) * Math.exp(-a * a);
    }
}
