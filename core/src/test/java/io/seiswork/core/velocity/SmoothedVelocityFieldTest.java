package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmoothedVelocityFieldTest {

    /** 2D, 25 m Gaussian: a halo of ceil(3 · 2.5) = 8 columns; interior windows lie farther than that from the edges. */
    private static final Grid G2 = new Grid(41, 1, 23, 10, 10, 8);
    /** 3D, 22 m Gaussian: halos of 7 columns in x and 6 in y. */
    private static final Grid G3 = new Grid(29, 25, 13, 10, 12, 8);

    @TempDir
    Path dir;

    @Test
    void haloIsTheGaussiansReachInCells() {
        assertEquals(8, VelocitySmoother.haloCells(25, 10));
        assertEquals(7, VelocitySmoother.haloCells(22, 10));
        assertEquals(6, VelocitySmoother.haloCells(22, 12));
    }

    @Test
    void windowsEqualTheWholeModelSmoothedIn2d() {
        VelocityModel m = FieldWindows.random(G2, 1, 1400, 4600);
        FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(m, 25), new SmoothedVelocityField(m, 25));
    }

    @Test
    void windowsEqualTheWholeModelSmoothedIn3d() {
        VelocityModel m = FieldWindows.random(G3, 2, 1400, 4600);
        FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(m, 22), new SmoothedVelocityField(m, 22));
    }

    @Test
    void aGaussianWiderThanTheGridClipsItsHaloToTheGrid() {
        VelocityModel m2 = FieldWindows.random(G2, 3, 1400, 4600);
        FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(m2, 400), new SmoothedVelocityField(m2, 400));
        VelocityModel m3 = FieldWindows.random(G3, 4, 1400, 4600);
        FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(m3, 150), new SmoothedVelocityField(m3, 150));
    }

    @Test
    void smoothsAFieldReadFromAFile() throws IOException {
        VelocityModel m = FieldWindows.random(G3, 5, 1.4f, 4.6f);
        Path f = dir.resolve("vp.bin");
        ByteBuffer buf = ByteBuffer.allocate(4 * G3.points()).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(m.values());
        Files.write(f, buf.array());
        RawVelocityField raw = RawVelocityField.open(f, G3, "zxy", ByteOrder.LITTLE_ENDIAN, 1000);
        FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(raw.whole(), 30), new SmoothedVelocityField(raw, 30));
    }

    /** Guards the halo: smoothing the window alone (no halo) gives other values, which the tests above would catch. */
    @Test
    void theHaloChangesInteriorWindows() {
        VelocityModel m = FieldWindows.random(G3, 6, 1400, 4600);
        Grid w = new Grid(9, 8, G3.nz(), G3.dx(), G3.dy(), G3.dz());
        VelocityModel withoutHalo = VelocitySmoother.gaussian(m.window(10, 8, w), 22);
        VelocityModel field = new SmoothedVelocityField(m, 22).window(10, 8, w);
        assertFalse(Arrays.equals(withoutHalo.values(), field.values()));
        assertFalse(Arrays.equals(m.window(10, 8, w).values(), field.values()), "smoothed at all");
    }

    @Test
    void rangeOverManySmallTilesIsTheWholeSmoothedModels() {
        VelocityModel m2 = FieldWindows.random(G2, 7, 1400, 4600);
        VelocityModel s2 = VelocitySmoother.gaussian(m2, 25);
        var f2 = new SmoothedVelocityField(m2, 25, 3L * G2.nz()); // tiles of 3 columns
        assertEquals(s2.min(), f2.min());
        assertEquals(s2.max(), f2.max());

        VelocityModel m3 = FieldWindows.random(G3, 8, 1400, 4600);
        VelocityModel s3 = VelocitySmoother.gaussian(m3, 22);
        for (long tile : new long[] {G3.nz(), 10L * G3.nz(), 100L * G3.nz()}) {
            var f3 = new SmoothedVelocityField(m3, 22, tile);
            assertEquals(s3.min(), f3.min(), "tile " + tile);
            assertEquals(s3.max(), f3.max(), "tile " + tile);
        }
    }

    @Test
    void aSourceThatFailsWhileTheRangeIsComputedFailsTheRange() {
        VelocityModel m = FieldWindows.random(G3, 9, 1400, 4600);
        AtomicInteger windows = new AtomicInteger();
        VelocityField failing = new VelocityField() {
            @Override
            public Grid grid() {
                return G3;
            }

            @Override
            public float min() {
                return m.min();
            }

            @Override
            public float max() {
                return m.max();
            }

            @Override
            public VelocityModel window(int x0, int y0, Grid window) {
                if (windows.incrementAndGet() == 5) {
                    throw new UncheckedIOException(new IOException("disk gone"));
                }
                return m.window(x0, y0, window);
            }
        };
        var field = new SmoothedVelocityField(failing, 22, G3.nz()); // one column per tile: 725 tiles
        var e = assertThrows(UncheckedIOException.class, field::max);
        assertEquals("disk gone", e.getCause().getMessage());
        assertTrue(windows.get() < 100, "the other threads stop: " + windows.get() + " windows read");
    }

    @Test
    void lengthMustBePositive() {
        VelocityModel m = VelocityModel.constant(G2, 2000);
        var e = assertThrows(IllegalArgumentException.class, () -> new SmoothedVelocityField(m, 0));
        assertEquals("smoothing length must be > 0 m and finite, got 0.0", e.getMessage());
    }

    /**
     * A Gaussian far wider than the model (1e9 m on 200-300 m) reads no further than the grid: it
     * gives the clamp rule's limit (the mean slowness of the model's corners, computed
     * independently in {@link VelocitySmootherTest}) everywhere, and takes neither time nor memory
     * in proportion to its 3e8-cell reach (which used to take 7 GB of weights, or hang); its
     * windows are the whole model's.
     */
    @Test
    void aGaussianFarWiderThanTheModelGivesItsWindowsInBoundedTime() {
        for (Grid g : new Grid[] {G2, G3}) {
            VelocityModel m = FieldWindows.random(g, 9, 1400, 4600);
            VelocityModel s = VelocitySmoother.gaussian(m, 1e9);
            FieldWindows.assertWindowsMatch(s, new SmoothedVelocityField(m, 1e9));
        }
    }

    /** Reaches beyond the line on some axes, not others: windows still equal the whole model smoothed. */
    @Test
    void windowsMatchWhenTheReachPassesTheLineOnOneAxis() {
        VelocityModel m = FieldWindows.random(G3, 10, 1400, 4600);
        for (double length : new double[] {35, 45, 90}) {  // halo 11/14/27 in x, 9/12/23 in y, 14/17/34 in z
            FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(m, length), new SmoothedVelocityField(m, length));
        }
    }
}
