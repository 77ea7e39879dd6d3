package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thin volume (a 2D section, ny = 1) gets bricks no thicker than it needs
 * ({@link SwvWriteOptions#brickSizeFor}): 64³ bricks padded a 2D image's file to 60 times its
 * values. The file still reads back sample for sample, at every level.
 */
class ThinVolumeBricksTest {

    @TempDir
    Path dir;

    @Test
    void brickEdgesFollowTheVolumesThickness() {
        assertEquals(8, SwvWriteOptions.brickSizeFor(1));
        assertEquals(8, SwvWriteOptions.brickSizeFor(8));
        assertEquals(16, SwvWriteOptions.brickSizeFor(9));
        assertEquals(32, SwvWriteOptions.brickSizeFor(32));
        assertEquals(64, SwvWriteOptions.brickSizeFor(33));
        assertEquals(64, SwvWriteOptions.brickSizeFor(4700));
    }

    @Test
    void aSectionsFileIsAboutItsSizeAndReadsBack() throws Exception {
        int nx = 401;
        int nz = 201;
        float[] data = VolumeFixtures.random(nx, 1, nz, 5);
        Path thin = VolumeFixtures.writeSwv(dir.resolve("thin.swv"), VolumeFixtures.axes(nx, 1, nz), data,
                SwvWriteOptions.brickSizeFor(1));
        Path cubic = VolumeFixtures.writeSwv(dir.resolve("cubic.swv"), VolumeFixtures.axes(nx, 1, nz), data,
                SwvWriteOptions.DEFAULT_BRICK_SIZE);
        long values = 4L * nx * nz;
        System.out.printf("a %d x 1 x %d section (%,d bytes of values): %,d bytes in 8-sample bricks, %,d in 64%n", nx,
                nz, values, Files.size(thin), Files.size(cubic));
        assertTrue(Files.size(thin) < 12 * values, Files.size(thin) + " bytes");
        assertTrue(Files.size(cubic) > 60 * values, Files.size(cubic) + " bytes");
        try (SwvReader r = SwvReader.open(thin)) {
            assertArrayEquals(data, SwvPyramidTest.readLevel(r, 0));
        }
    }

    @Test
    void segyToSwvChoosesTheBrickForTheNumberOfInlines() {
        int nx = 101;
        int nz = 60;
        Path section = dir.resolve("section.sgy");
        VolumeFixtures.writeSegyCube(section, VolumeFixtures.random(nx, 1, nz, 2), nx, 1, nz, true);
        Path cube = dir.resolve("cube.sgy");
        VolumeFixtures.writeSegyCube(cube, VolumeFixtures.random(nx, 20, nz, 2), nx, 20, nz, true);

        VolumeHeader thin = SegyToSwv.convert(section, dir.resolve("section.swv"), SwvWriteOptions::defaultsFor);
        VolumeHeader thick = SegyToSwv.convert(cube, dir.resolve("cube.swv"), SwvWriteOptions::defaultsFor);

        assertEquals(8, thin.brickSize(), "a 2D section (1 inline): 8-sample bricks, as runs write");
        assertEquals(32, thick.brickSize(), "20 inlines: the power of two above");
    }
}
