package io.seiswork.render.gather;

/** How {@link GatherView} draws traces. */
public enum GatherStyle {
    /** Amplitudes as colours (a raster, like a section). */
    VARIABLE_DENSITY,
    /** Each trace as a curve deflected sideways by its amplitude, positive lobes filled black. */
    WIGGLE;

    /** As the chooser lists it: "variable density", "wiggle". */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
