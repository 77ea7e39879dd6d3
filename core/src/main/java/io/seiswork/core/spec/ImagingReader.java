package io.seiswork.core.spec;

import java.util.List;

/**
 * Reads a spec's {@code imaging} (task rtm): the imaging condition, the Laplacian filter, how the
 * source wavefield is kept and the migration aperture in metres. Its problems are all of single
 * fields, recorded by the {@link JsonObject} it reads, so it holds no {@link Problems} of its own.
 */
final class ImagingReader {

    private ImagingReader() {
    }

    /** The imaging options of object {@code i}: {@link ImagingSpec#defaults()} when not given. */
    static ImagingSpec imaging(JsonObject i) {
        if (i == null) {
            return ImagingSpec.defaults();
        }
        String condition = i.choice("condition", "source-normalized", List.of("cross-correlation", "source-normalized"));
        boolean laplacian = i.bool("laplacianFilter", true);
        String wavefield = i.choice("wavefield", "auto", List.of("auto", "memory", "boundary", "disk"));
        Double aperture = i.has("aperture") ? i.positive("aperture", null) : null;
        i.rejectUnknownKeys();
        return new ImagingSpec(condition, laplacian, wavefield, aperture);
    }
}
