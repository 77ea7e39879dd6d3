package io.seiswork.render.demo;

import io.seiswork.core.grid.Sampling;
import io.seiswork.render.gather.Gather;

/** A demo shot gather: direct wave, two reflection hyperbolas, 60 traces, 4 ms, 1.2 s. */
final class DemoGather {

    private DemoGather() {
    }

    static Gather gather() {
        int n = 60;
        int nt = 300;
        Sampling time = new Sampling(nt, 0.004, 0);
        Sampling offsets = new Sampling(n, 50, -1475);
        float[] s = new float[n * nt];
        for (int t = 0; t < n; t++) {
            double x = Math.abs(offsets.value(t));
            double direct = 0.05 + x / 1500;
            double r1 = Math.sqrt(0.35 * 0.35 + x * x / (1800.0 * 1800.0));
            double r2 = Math.sqrt(0.75 * 0.75 + x * x / (2300.0 * 2300.0));
            for (int i = 0; i < nt; i++) {
                double tt = time.value(i);
                s[t * nt + i] = (float) (1.5 * ricker(tt - direct) + 0.8 * ricker(tt - r1) - 0.6 * ricker(tt - r2));
            }
        }
        return new Gather(s, time, offsets, "offset (m)");
    }

    private static double ricker(double t) {
        double a = Math.PI * 20 * t;
        return (1 - 2 * a * a) * Math.exp(-a * a);
    }
}
