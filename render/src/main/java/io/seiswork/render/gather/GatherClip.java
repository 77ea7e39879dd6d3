package io.seiswork.render.gather;

import java.util.Arrays;

/**
 * The clip of a gather at a percentile of its |amplitudes|: at 99 % the strongest 1 % of samples
 * (the direct wave, mostly) saturate and the reflections below them get the colour range, where a
 * clip at a fraction of the largest amplitude leaves them grey. Computed off the JavaFX thread.
 */
public final class GatherClip {

    /** At most this many samples are sorted (taken evenly through the gather): a percentile needs no more. */
    static final int MAX_SAMPLES = 1 << 20;

    private GatherClip() {
    }

    /**
     * The {@code percent} percentile of |sample| over {@code g} (0 &lt; percent ≤ 100; NaN, no
     * sample, and ±Inf, a modelling run that blew up, left out: an infinite clip scales nothing);
     * the largest |sample| when that percentile is 0 (a gather that is mostly silence), 0 for an
     * all-zero gather, NaN when the gather has no finite sample.
     */
    public static double percentile(Gather g, double percent) {
        float[] s = g.samples();
        int stride = Math.max(1, (int) Math.ceil(s.length / (double) MAX_SAMPLES));
        float[] abs = new float[(s.length + stride - 1) / stride];
        int j = 0;
        for (int i = 0; i < s.length; i += stride) {
            if (Float.isFinite(s[i])) {  // NaN: no sample there (Gather); ±Inf: no amplitude to scale by
                abs[j++] = Math.abs(s[i]);
            }
        }
        if (j == 0) {
            return Double.NaN;
        }
        abs = j == abs.length ? abs : Arrays.copyOf(abs, j);
        Arrays.sort(abs);
        int at = (int) Math.min(abs.length - 1, Math.max(0, Math.ceil(percent / 100 * abs.length) - 1));
        double c = abs[at];
        return c > 0 ? c : abs[abs.length - 1];
    }
}
