package io.seiswork.core.spec;

/**
 * Migration options (task rtm).
 *
 * @param condition "cross-correlation" or "source-normalized"
 * @param laplacianFilter whether to suppress low-wavenumber backscatter with a Laplacian
 * @param wavefield how the source wavefield is kept: "auto", "memory", "boundary" or "disk"
 * @param apertureM the migration aperture in metres: each shot is computed on the part of the
 *     model within this distance (in x, and y in 3D) of its source and receivers, full depth, and
 *     images only there; null for the whole model ({@link io.seiswork.core.geometry.ShotWindow})
 */
public record ImagingSpec(String condition, boolean laplacianFilter, String wavefield, Double apertureM) {

    /** The defaults: source-normalized, Laplacian filter, wavefield "auto", the whole model. */
    public static ImagingSpec defaults() {
        return new ImagingSpec("source-normalized", true, "auto", null);
    }
}
