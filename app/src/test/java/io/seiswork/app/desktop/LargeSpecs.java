package io.seiswork.app.desktop;

/**
 * Specs with many receivers listed, for the tests (and the timing harness) that put large JSON
 * into the editor and its form: a 2D model (1000 × 100 cells of 10 m, 2000 m/s, 0.5 s) whose
 * receivers are points at 20 m depth, x = 0, 10, 20 … m, ten points a line.
 */
final class LargeSpecs {

    /** Characters of a spec besides its points (about; the points stop this short of the size asked). */
    private static final int FRAME_CHARS = 600;

    private LargeSpecs() {
    }

    /**
     * A spec named {@code name} with {@code n} receiver points, every odd one half a metre on
     * (10.5, 30.5 … m), so that the list holds whole and fractional numbers.
     */
    static String withPoints(String name, int n) {
        return spec(name, points(n, Integer.MAX_VALUE, true));
    }

    /** A spec named {@code name} of about {@code chars} characters (UTF-16), its points on whole metres. */
    static String ofSize(String name, int chars) {
        return spec(name, points(Integer.MAX_VALUE, chars - FRAME_CHARS, false));
    }

    /** Points {@code "[x, 0, 20]"}, comma-separated, until {@code n} or until {@code chars} characters. */
    private static StringBuilder points(int n, int chars, boolean halves) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n && points.length() < chars; i++) {
            points.append(i % 10 == 0 ? "\n      " : " ").append('[').append(i * 10)
                    .append(halves && i % 2 == 1 ? ".5" : "").append(", 0, 20],");
        }
        if (!points.isEmpty()) {
            points.setLength(points.length() - 1);
        }
        return points;
    }

    private static String spec(String name, CharSequence points) {
        return """
                {
                  "name": "%s",
                  "task": "model",
                  "grid": { "nx": 1000, "ny": 1, "nz": 100, "dx": 10, "dz": 10 },
                  "velocity": { "constant": 2000 },
                  "wavelet": { "type": "ricker", "peakHz": 10 },
                  "time": { "lengthS": 0.5, "sampleS": 0.004 },
                  "sources": { "line": { "x0": 500, "dx": 100, "n": 2, "y": 0, "z": 20 } },
                  "receivers": { "list": [%s
                    ] },
                  "engine": "cpu"
                }
                """.formatted(name, points);
    }
}
