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
        float[] gained = new float[g.samples().length];
        for (int i = 0; i < nt; i++) {
            double t = g.time().value(i);
            float w = (float) (t * t);
            for (int k = 0; k < g.traces().count(); k++) {
                gained[k * nt + i] = g.samples()[k * nt + i] * w;
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
