package io.seiswork.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Specs too large for the test JVM's memory, for the checks that run before anything is computed. */
public final class LargeSpecs {

    private LargeSpecs() {
    }

    /**
     * A 300³ migration that keeps its source wavefield in memory: its memory grows with the
     * record ({@code lengthS} seconds), about 9 GiB a shot for 1 s and 5.5 GiB for 0.6 s, beyond
     * the test JVM's 4 GiB heap. Written as {@code big.json} in {@code dir}.
     */
    public static Path wavefieldInMemory(Path dir, double lengthS) throws IOException {
        return Files.writeString(dir.resolve("big.json"), String.format(Locale.ROOT, """
                {"name": "big", "task": "rtm",
                 "grid": {"nx": 300, "ny": 300, "nz": 300, "dx": 10, "dy": 10, "dz": 10},
                 "velocity": {"constant": 2000},
                 "migrationVelocity": {"smooth": 0},
                 "wavelet": {"peakHz": 15},
                 "time": {"lengthS": %s, "sampleS": 0.004},
                 "sources": {"line": {"x0": 1500, "dx": 100, "n": 2, "y": 1500, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 300, "y": 1500, "z": 20}},
                 "imaging": {"wavefield": "memory"},
                 "engine": "cpu"}""", lengthS));
    }
}
