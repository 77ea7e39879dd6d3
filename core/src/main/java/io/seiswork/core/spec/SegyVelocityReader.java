package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import java.io.IOException;
import java.nio.file.Path;

/** Placeholder replaced when the SEG-Y reader lands (same session). */
final class SegyVelocityReader {
    private SegyVelocityReader() {
    }

    static VelocityModel read(Path file, Grid grid) throws IOException {
        throw new IllegalArgumentException("SEG-Y velocity models are not readable yet: " + file);
    }
}
