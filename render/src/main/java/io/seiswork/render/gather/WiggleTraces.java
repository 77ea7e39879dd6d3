package io.seiswork.render.gather;

/**
 * Wiggle deflections of a gather, computed off the JavaFX thread: for each trace, the sideways
 * offset of every sample in units of the trace spacing, {@code clamp(value / clip) · gain / 2},
 * so neighbouring wiggles touch at the clip when the gain is 1.
 *
 * @param deflection {@code deflection[trace][it]} in trace spacings; NaN where the trace has no
 *     sample (see {@link Gather}), which the view leaves undrawn
 */
public record WiggleTraces(double[][] deflection) {

    /** Deflections of {@code g} with amplitude {@code clip} mapped to {@code gain} / 2 trace spacings. */
    public static WiggleTraces of(Gather g, double clip, double gain) {
        int n = g.traces().count();
        int nt = g.time().count();
        double[][] d = new double[n][nt];
        double c = clip > 0 ? clip : 1;
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < nt; i++) {
                d[t][i] = Math.clamp(g.value(t, i) / c, -1, 1) * gain / 2;
            }
        }
        return new WiggleTraces(d);
    }
}
