package io.seiswork.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fleet tests' smallest migration: one shot over the built-in layered model on a 121 × 61
 * grid of 10 m cells, 0.3 s long, stacked in a few seconds on the CPU engine, so that a test can
 * interrupt, lose or resend its stack and still compare the image with an uninterrupted one.
 */
final class OneShotMigration {

    private OneShotMigration() {
    }

    /** Writes the spec, named {@code name}, as {@code dir/spec.json}. */
    static Path spec(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve("spec.json"), """
                {"name": "%s", "task": "rtm",
                 "grid": {"nx": 121, "ny": 1, "nz": 61, "dx": 10, "dz": 10},
                 "velocity": {"builtin": "layered"}, "migrationVelocity": {"smooth": 60},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.3, "sampleS": 0.004},
                 "sources": {"line": {"x0": 600, "dx": 500, "n": 1, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 121, "y": 0, "z": 20}},
                 "physics": {"spaceOrder": 8, "boundary": {"type": "cpml", "width": 10}},
                 "engine": "cpu"}""".formatted(name));
    }
}
