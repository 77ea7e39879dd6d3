package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacking N shots, in memory or from partial-image files, equals the sum of N single images. */
class StackingTest {

    @TempDir
    Path dir;

    @Test
    void stackOfShotFilesEqualsSumOfSingleShotImages() {
        Grid g = Grid.of2d(81, 51, 10);
        VelocityModel m = Rtm.layers(g, new double[] {0, 250}, new double[] {1500, 2000});
        VelocityModel top = VelocityModel.constant(g, 1500);
        PartialImage[] singles = new PartialImage[3];
        try (ImageStacker fromFiles = new ImageStacker(g, dir);
                ImageStacker inMemory = new ImageStacker(g, dir)) {
            for (int s = 0; s < singles.length; s++) {
                ShotRequest r = Rtm.request(m, new Position(200 + 200 * s, 0, 20), RickerWavelet.of(15),
                        Rtm.line(g, 2, 20), 0.5);
                float[][] data = Rtm.minus(Rtm.model(r, m), Rtm.model(r, top));
                singles[s] = Rtm.migrate(r, data, WavefieldStrategy.MEMORY, dir);
                Path file = dir.resolve("shot-" + (s + 1) + ".bin");
                PartialImageFile.write(singles[s], file);
                fromFiles.add(file);
            }
            float[] sumImage = new float[g.points()];
            float[] sumIllum = new float[g.points()];
            for (PartialImage p : singles) {
                inMemory.add(p);
                for (int i = 0; i < sumImage.length; i++) {
                    sumImage[i] += p.image()[i];
                    sumIllum[i] += p.illumination()[i];
                }
            }
            assertEquals(3, fromFiles.shots());
            assertArrayEquals(sumImage, StackArrays.image(fromFiles));
            assertArrayEquals(sumIllum, StackArrays.illumination(fromFiles));
            assertArrayEquals(sumImage, StackArrays.image(inMemory));
        }
        PartialImage back = PartialImageFile.read(dir.resolve("shot-2.bin"));
        assertArrayEquals(singles[1].image(), back.image());
        assertEquals(1, back.shots());
    }

    @Test
    void aShotsWindowIsStackedWhereItLiesFromMemoryAndFromItsFile() throws Exception {
        Grid g = Grid.of3d(12, 9, 5, 10);
        ShotWindow w = new ShotWindow(3, 2, Grid.of3d(6, 4, 5, 10));
        float[] image = new float[w.grid().points()];
        float[] illumination = new float[w.grid().points()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
            illumination[i] = -(i + 1);
        }
        PartialImage p = new PartialImage(w.grid(), image, illumination, 1).placedAt(w);
        Path file = dir.resolve("window.bin");
        PartialImageFile.write(p, file);
        assertEquals(PartialImageFile.HEADER_BYTES + 8L * w.grid().points(), java.nio.file.Files.size(file),
                "the file holds the window, not the job's grid");
        try (ImageStacker fromMemory = new ImageStacker(g, dir);
                ImageStacker fromFile = new ImageStacker(g, dir)) {
            fromMemory.add(p);
            fromFile.add(file);
            for (ImageStacker s : List.of(fromMemory, fromFile)) {
                float[] stacked = StackArrays.image(s);
                for (int iy = 0; iy < g.ny(); iy++) {
                    for (int ix = 0; ix < g.nx(); ix++) {
                        for (int iz = 0; iz < g.nz(); iz++) {
                            boolean inside = ix >= 3 && ix < 9 && iy >= 2 && iy < 6;
                            float want = inside ? image[w.grid().index(ix - 3, iy - 2, iz)] : 0f;
                            assertEquals(want, stacked[g.index(ix, iy, iz)], "node " + ix + "," + iy + "," + iz);
                        }
                    }
                }
                assertEquals(-image[w.grid().index(5, 3, 4)], StackArrays.illumination(s)[g.index(8, 5, 4)]);
                assertEquals(1, s.shots());
            }
        }
        PartialImage back = PartialImageFile.read(file);
        assertEquals(w, back.window());
        assertArrayEquals(image, back.image());

        try (ImageStacker small = new ImageStacker(Grid.of3d(8, 9, 5, 10), dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.add(file));
            assertTrue(e.getMessage().contains("at (3, 2)"), e.getMessage());
        }
    }

    @Test
    void aVersion1FileWrittenBeforeWindowsIsReadOnTheWholeGrid() throws Exception {
        Grid g = Grid.of2d(4, 3, 10);
        ByteBuffer b = ByteBuffer.allocate(PartialImageFile.HEADER_BYTES + 8 * g.points()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x49505753).putInt(1).putInt(4).putInt(1).putInt(3).putDouble(10).putDouble(10).putDouble(10).putInt(2);
        b.position(PartialImageFile.HEADER_BYTES);
        for (int i = 0; i < 2 * g.points(); i++) {
            b.putFloat(i);
        }
        Path file = dir.resolve("v1.bin");
        java.nio.file.Files.write(file, b.array());
        PartialImage p = PartialImageFile.read(file);
        assertEquals(ShotWindow.whole(g), p.window());
        assertEquals(2, p.shots());
        assertEquals(5f, p.image()[5]);
        assertEquals(12f + 5, p.illumination()[5]);
    }

    @Test
    void stackerRefusesAnImageOnAnotherGrid() {
        try (ImageStacker s = new ImageStacker(Grid.of2d(10, 10, 5), dir)) {
            Path file = dir.resolve("other.bin");
            PartialImageFile.write(PartialImage.empty(Grid.of2d(10, 12, 5)), file);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(file));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("grid"), e.getMessage());
        }
    }
}
