package io.seiswork.kernels.rtm;

import java.util.Arrays;

/**
 * How the stacked cross-correlation becomes the image.
 *
 * <p>Both start from {@code I(x) = Σ_shots Σ_t S(x,t) R(x,t)} (source and receiver wavefields)
 * and the source illumination {@code U(x) = Σ_shots Σ_t S(x,t)²}, kept apart per shot so that the
 * normalisation is applied once, globally, after stacking.
 */
public enum ImagingCondition {

    /** The plain cross-correlation {@code I}: amplitudes decay with depth like the illumination. */
    CROSS_CORRELATION("cross-correlation"),

    /**
     * {@code I / (U + ε max U)}, ε = {@value #STABILISATION}: compensates geometric spreading and
     * uneven illumination (a deconvolution imaging condition); ε keeps unlit cells finite.
     */
    SOURCE_NORMALIZED("source-normalized");

    /** Stabilisation of the normalisation, as a fraction of the largest illumination. */
    public static final double STABILISATION = 1e-3;

    private final String json;

    ImagingCondition(String json) {
        this.json = json;
    }

    /** The spec's name of this condition. */
    public String json() {
        return json;
    }

    /** The condition named {@code name} in a job spec ("cross-correlation", "source-normalized"). */
    public static ImagingCondition fromJson(String name) {
        return Arrays.stream(values()).filter(c -> c.json.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("imaging.condition: must be one of "
                        + "cross-correlation, source-normalized, got \"" + name + "\""));
    }
}
