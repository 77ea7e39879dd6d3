package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwvPyramidTest {

    @TempDir
    Path dir;

    /** Level l as one array, read brick by brick from the file. */
    static float[] readLevel(SwvReader r, int l) {
        VolumeAxes a = r.axes(l);
        int nx = a.x().count();
        int ny = a.y().count();
        int nz = a.z().count();
        int b = r.layout().brickSize();
        float[] out = new float[nx * ny * nz];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                for (int z = 0; z < nz; z++) {
                    float[] brick = r.brick(l, x / b, y / b, z / b);
                    out[(y * nx + x) * nz + z] = brick[((y % b) * b + x % b) * b + z % b];
                }
            }
        }
        return out;
    }

    @Test
    void eachLevelIsTheTwoByTwoByTwoMeanOfTheLevelBelow() {
        int nx = 41;
        int ny = 27;
        int nz = 35;
        float[] data = VolumeFixtures.random(nx, ny, nz, 21);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(nx, ny, nz), data, 8);
        try (SwvReader r = SwvReader.open(f)) {
            assertEquals(List.of(41, 21, 11, 6), r.layout().levels().stream().map(BrickLayout.Level::nx).toList());
            assertArrayEquals(data, readLevel(r, 0), "level 0 is the data");
            for (int l = 1; l < r.levels(); l++) {
                VolumeAxes below = r.axes(l - 1);
                float[] expected = VolumeFixtures.decimateReference(readLevel(r, l - 1), below.x().count(),
                        below.y().count(), below.z().count());
                float[] actual = readLevel(r, l);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-6f, "level " + l + " sample " + i);
                }
            }
        }
    }

    @Test
    void coarseSampleOfAConstantBlockIsThatConstant() {
        int n = 20;
        float[] data = new float[n * n * n];
        java.util.Arrays.fill(data, 2.5f);
        Path f = VolumeFixtures.writeSwv(dir.resolve("c.swv"), VolumeFixtures.axes(n, n, n), data, 4);
        try (SwvReader r = SwvReader.open(f)) {
            for (int l = 0; l < r.levels(); l++) {
                for (float v : r.slice(SliceOrientation.DEPTH, r.axes(l).z().count() - 1, l).values()) {
                    assertEquals(2.5f, v, "level " + l + " edge samples average only samples that exist");
                }
            }
        }
    }

    @Test
    void levelAxesHalveCountsDoubleSpacingAndCentreTheFirstSample() {
        VolumeAxes a = VolumeFixtures.axes(41, 27, 35).decimated();
        assertEquals(21, a.x().count());
        assertEquals(14, a.y().count());
        assertEquals(18, a.z().count());
        assertEquals(25.0, a.x().delta());
        assertEquals(1006.25, a.x().first());
    }

    @Test
    void layoutOffsetsFollowLevelsAndBrickOrder() {
        BrickLayout l = BrickLayout.of(100, 70, 130, 64, 65536);
        assertEquals(3, l.levels().size(), "130 -> 65 -> 33 fits a 64 brick");
        assertEquals(2 * 2 * 3, l.level(0).brickCount());
        long brick = 4L * 64 * 64 * 64;
        assertEquals(65536 + 12 * brick, l.level(1).offset());
        assertEquals(65536 + ((1L * 2 + 1) * 3 + 2) * brick, l.brickOffset(0, 1, 1, 2));
        assertEquals(65536 + (12 + 1 * 2 + 1) * brick, l.fileSize());
    }
}
