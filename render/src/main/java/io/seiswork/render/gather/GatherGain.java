package io.seiswork.render.gather;

/**
 * A display gain applied to a gather before it is clipped and coloured: spherical spreading makes
 * late reflections orders of magnitude weaker than the direct wave, and a time-power gain brings
 * them back into the colour range. Applied to a copy, off the JavaFX thread.
 */
public enum GatherGain {
    /** The recorded amplitudes. */
    NONE("none"),
    /** Each sample times t² (t in seconds): roughly undoes the spreading loss of a 2D/3D wavefront. */
    T_SQUARED("t²");

    private final String label;

    GatherGain(String label) {
        this.label = label;
    }

    /** {@code g} with this gain applied (the same gather for {@link #NONE}). */
    public Gather apply(Gather g) {
        if (this == NONE) {
            return g;
        }
        int nt = g.time().count();
        float[] w = new float[nt];
        for (int i = 0; i < nt; i++) {
            double t = g.time().value(i);
            w[i] = (float) (t * t);
        }
        float[] samples = g.samples();
        float[] gained = new float[samples.length];
        for (int k = 0, at = 0; k < g.traces().count(); k++) {  // trace by trace, as the samples lie
            for (int i = 0; i < nt; i++, at++) {
                gained[at] = samples[at] * w[i];
            }
        }
        return new Gather(gained, g.time(), g.traces(), g.tracesLabel());
    }

    /** As the chooser lists it: "none", "t²". */
    @Override
    public String toString() {
        return label;
    }
}
