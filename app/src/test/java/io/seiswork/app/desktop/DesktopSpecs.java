package io.seiswork.app.desktop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Small job specs the desktop tests open. */
final class DesktopSpecs {

    private DesktopSpecs() {
    }

    /** A 2D model job of {@code shots} shots on a 160 x 80 grid, 0.3 s long, written to {@code dir}. */
    static Path model2d(Path dir, String name, int shots) throws Exception {
        return model2d(dir, name, shots, 0.3);
    }

    /** As {@link #model2d(Path, String, int)}, {@code lengthS} seconds long. */
    static Path model2d(Path dir, String name, int shots, double lengthS) throws Exception {
        Path f = dir.resolve(name + "-spec.json");
        Files.writeString(f, """
                {
                  "name": "%s",
                  "task": "model",
                  "grid": { "nx": 160, "ny": 1, "nz": 80, "dx": 10, "dz": 10 },
                  "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 400, "vp": 2200 } ] },
                  "wavelet": { "type": "ricker", "peakHz": 12 },
                  "time": { "lengthS": %s, "sampleS": 0.004 },
                  "sources": { "line": { "x0": 300, "dx": 200, "n": %d, "y": 0, "z": 20 } },
                  "receivers": { "line": { "x0": 0, "dx": 20, "n": 80, "y": 0, "z": 20 }, "spread": "fixed" },
                  "physics": { "spaceOrder": 8, "boundary": { "type": "cpml", "width": 20 }, "freeSurface": false },
                  "engine": "cpu"
                }
                """.formatted(name, lengthS, shots));
        return f;
    }

    /** The same survey migrated ({@link #model2d}'s, its data modelled first), with more time to cancel in. */
    static Path rtm2d(Path dir, String name, int shots) throws Exception {
        Path f = model2d(dir, name, shots);
        Files.writeString(f, Files.readString(f).replace("\"task\": \"model\",", "\"task\": \"rtm\", \"data\": \"synthetic\","
                + " \"migrationVelocity\": { \"smooth\": 0 },"));
        return f;
    }
}
