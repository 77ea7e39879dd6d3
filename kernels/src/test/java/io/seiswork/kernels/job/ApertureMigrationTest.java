package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.StackArrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration aperture ({@code imaging.aperture}): each shot computed on its window of the model.
 *
 * <p>Physics: in a laterally invariant (layered) model no wave that leaves a shot's window
 * sideways ever comes back into it (a horizontal interface keeps a wave's horizontal direction),
 * so inside the window the source and receiver wavefields, and hence the shot's image and
 * illumination, are those of the whole model up to the absorbing layer's reflection at the
 * window's sides. Measured against the whole-model migration of the same shots, per shot, inside
 * each window; and an aperture wider than the model changes nothing, bit for bit.
 */
class ApertureMigrationTest {

    /** A 3 km line over two reflectors; each shot records receivers within 400 m of it. */
    private static final String RTM = """
        {
          "name": "aperture",
          "task": "rtm",
          "grid": { "nx": 301, "nz": 81, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 300, "vp": 2000 }, { "top": 550, "vp": 2500 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.8, "sampleS": 0.004 },
          "sources": { "line": { "x0": 700, "dx": 800, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 301, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 400 } } },
          "imaging": { %s },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    /**
     * Relative L2 allowed between a shot's windowed image and the whole model's inside the
     * window: just above the 1.18e-3 measured, which the C-PML's reflection at the window's sides
     * leaves (see the test).
     */
    private static final double MAX_IMAGE_ERROR = 1.5e-3;
    /** The same for the illumination, measured 6.0e-5. */
    private static final double MAX_ILLUMINATION_ERROR = 8e-5;

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();
    /** The whole-model migration both tests compare with, computed once. */
    private static List<PartialImage> whole;

    @TempDir
    static Path dir;

    @BeforeAll
    static void migrateTheWholeModel() {
        whole = migrateEach("");
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private static List<PartialImage> migrateEach(String imaging) {
        String text = RTM.formatted(imaging);
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "aperture"), "spec");
        List<PartialImage> images = new ArrayList<>();
        try (ShotComputer c = new ShotComputer(job, ENGINE, dir.resolve("scratch-" + imaging.hashCode()))) {
            for (Shot s : c.shots()) {
                images.add(c.migrate(s, ProgressListener.NONE, CancellationToken.none()).image());
            }
        }
        return images;
    }

    @Test
    void insideItsWindowAShotImagesAsOnTheWholeModel() {
        List<PartialImage> windowed = migrateEach("\"aperture\": 100");
        Grid g = whole.get(0).grid();
        long wholePoints = 0;
        long windowPoints = 0;
        for (int s = 0; s < whole.size(); s++) {
            PartialImage w = windowed.get(s);
            // Source at 700 + 800 s m, receivers within 400 m, 100 m aperture: 500 m each side.
            int centre = 70 + 80 * s;
            assertEquals(centre - 50, w.x0(), "shot " + (s + 1) + " window start");
            assertEquals(101, w.grid().nx(), "shot " + (s + 1) + " window width");
            assertEquals(g.nz(), w.grid().nz());
            double imageError = relativeL2InWindow(w, w.image(), whole.get(s).image(), g);
            double illuminationError = relativeL2InWindow(w, w.illumination(), whole.get(s).illumination(), g);
            System.out.printf("aperture 100 m, shot %d: window x %d..%d of %d; inside it vs the whole model: "
                    + "image rel. L2 %.2e, illumination %.2e%n", s + 1, w.x0(), w.x0() + w.grid().nx() - 1, g.nx(),
                    imageError, illuminationError);
            // Not round-off (float sums agree to about 1e-7): the window's sides are an absorbing
            // layer where the whole model goes on, and its residual reflection comes back into the
            // window. Measured 1.18e-3 for the image and 6.0e-5 for the illumination (the source
            // wavefield alone, strong against what its sides reflect), the same for all 3 shots;
            // an edge wave or a window off by a column would be of order 1.
            assertTrue(imageError < MAX_IMAGE_ERROR, "image differs inside shot " + (s + 1) + "'s window: "
                    + imageError + ", limit " + MAX_IMAGE_ERROR);
            assertTrue(illuminationError < MAX_ILLUMINATION_ERROR, "illumination differs inside shot " + (s + 1)
                    + "'s window: " + illuminationError + ", limit " + MAX_ILLUMINATION_ERROR);
            wholePoints += whole.get(s).grid().points();
            windowPoints += w.grid().points();
        }
        System.out.printf("aperture 100 m: partial images hold %.0f %% of the whole model's values%n",
                100.0 * windowPoints / wholePoints);
        assertTrue(windowPoints < 0.4 * wholePoints);

        // Stacked: windowed shots land where they belong; outside every window nothing is imaged.
        float[] stacked;
        try (ImageStacker stack = new ImageStacker(g, dir.resolve("stack"))) {
            windowed.forEach(stack::add);
            stacked = StackArrays.image(stack);
        }
        for (int iz = 0; iz < g.nz(); iz++) {
            assertEquals(windowed.get(0).image()[windowed.get(0).grid().index(5, 0, iz)],
                    stacked[g.index(windowed.get(0).x0() + 5, 0, iz)], "column 5 of shot 1's window");
            // Windows span x = 20..280: the model's first and last 20 columns lie in none.
            assertEquals(0f, stacked[g.index(g.nx() - 1, 0, iz)], "last column lies in no window");
            assertEquals(0f, stacked[g.index(0, 0, iz)], "first column lies in no window");
        }
    }

    @Test
    void anApertureWiderThanTheModelChangesNothing() {
        List<PartialImage> wide = migrateEach("\"aperture\": 5000");
        for (int s = 0; s < whole.size(); s++) {
            assertEquals(ShotWindow.whole(whole.get(s).grid()), wide.get(s).window());
            assertArrayEquals(whole.get(s).image(), wide.get(s).image(), "shot " + (s + 1));
            assertArrayEquals(whole.get(s).illumination(), wide.get(s).illumination(), "shot " + (s + 1));
        }
    }

    /** ‖a − b‖ / ‖b‖ over the window's nodes, {@code a} on the window, {@code b} on the whole grid. */
    private static double relativeL2InWindow(PartialImage w, float[] a, float[] b, Grid full) {
        double num = 0;
        double den = 0;
        Grid wg = w.grid();
        for (int ix = 0; ix < wg.nx(); ix++) {
            for (int iz = 0; iz < wg.nz(); iz++) {
                double x = a[wg.index(ix, 0, iz)];
                double y = b[full.index(w.x0() + ix, 0, iz)];
                num += (x - y) * (x - y);
                den += y * y;
            }
        }
        return Math.sqrt(num / den);
    }
}
