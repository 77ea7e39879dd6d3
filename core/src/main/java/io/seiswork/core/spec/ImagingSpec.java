package io.seiswork.core.spec;

/**
 * Migration options (task rtm).
 *
 * @param condition "cross-correlation" or "source-normalized"
 * @param laplacianFilter whether to suppress low-wavenumber backscatter with a Laplacian
 * @param wavefield how the source wavefield is kept: "auto", "memory", "boundary" or "disk"
 */
public record ImagingSpec(String condition, boolean laplacianFilter, String wavefield) { }
