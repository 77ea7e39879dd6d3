package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small 2D and 3D migration jobs with a migration aperture, resolved (velocities loaded) but not
 * run, and made-up partial images on their shots' windows: for tests of stacking, finishing and
 * the image files that need a job but no migration.
 */
public final class SmallJobs {

    /** Migration aperture of both jobs in metres: windows smaller than the grid, some at its edges. */
    public static final double APERTURE_M = 60;

    private static final String TWO_D = """
        {
          "name": "small-2d",
          "task": "rtm",
          "grid": { "nx": 61, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 200, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.3, "sampleS": 0.004 },
          "sources": { "line": { "x0": 0, "dx": 150, "n": 5, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 61, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 100 } } },
          "imaging": { "aperture": %s, "condition": "%s", "laplacianFilter": %s },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    private static final String THREE_D = """
        {
          "name": "small-3d",
          "task": "rtm",
          "grid": { "nx": 23, "ny": 19, "nz": 21, "dx": 10, "dy": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 100, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 30 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.2, "sampleS": 0.004 },
          "sources": { "list": [ [0, 0, 20], [110, 90, 20], [220, 180, 20], [220, 0, 20] ] },
          "receivers": { "grid": { "x0": 0, "dx": 20, "nx": 12, "y0": 0, "dy": 20, "ny": 10, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 40 } } },
          "imaging": { "aperture": %s, "condition": "%s", "laplacianFilter": %s },
          "physics": { "spaceOrder": 4 },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    private SmallJobs() {
    }

    /** The 2D job (5 shots along a 600 m line), source-normalised and Laplacian filtered. */
    public static ResolvedJob twoD(Path dir) {
        return twoD(dir, "source-normalized", true);
    }

    /** The 2D job with this imaging condition and filter. */
    public static ResolvedJob twoD(Path dir, String condition, boolean laplacian) {
        return resolve(TWO_D.formatted(APERTURE_M, condition, laplacian), dir);
    }

    /** The 3D job (4 shots over a 220 m x 180 m grid), source-normalised and Laplacian filtered. */
    public static ResolvedJob threeD(Path dir) {
        return threeD(dir, "source-normalized", true);
    }

    /** The 3D job with this imaging condition and filter. */
    public static ResolvedJob threeD(Path dir, String condition, boolean laplacian) {
        return resolve(THREE_D.formatted(APERTURE_M, condition, laplacian), dir);
    }

    /** One made-up partial image per shot of {@code job}, on the shot's window. */
    public static List<PartialImage> partialImages(ResolvedJob job) {
        List<PartialImage> images = new ArrayList<>();
        for (Shot s : job.geometry().shots()) {
            images.add(RandomPartialImages.on(ShotWindow.of(job.spec().grid(), s, APERTURE_M), 100 + s.number()));
        }
        return images;
    }

    private static ResolvedJob resolve(String text, Path dir) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "small"), "spec");
    }
}
