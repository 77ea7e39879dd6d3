package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwvSliceTest {

    @TempDir
    Path dir;

    static final int NX = 23;
    static final int NY = 19;
    static final int NZ = 30;

    /** The plain-array slice, written out loop by loop for each orientation. */
    static float[] arraySlice(float[] a, int nx, int ny, int nz, SliceOrientation o, int index) {
        return switch (o) {
            case INLINE -> {
                float[] s = new float[nx * nz];
                for (int z = 0; z < nz; z++) {
                    for (int x = 0; x < nx; x++) {
                        s[z * nx + x] = a[(index * nx + x) * nz + z];
                    }
                }
                yield s;
            }
            case CROSSLINE -> {
                float[] s = new float[ny * nz];
                for (int z = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        s[z * ny + y] = a[(y * nx + index) * nz + z];
                    }
                }
                yield s;
            }
            case DEPTH -> {
                float[] s = new float[nx * ny];
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        s[y * nx + x] = a[(y * nx + x) * nz + index];
                    }
                }
                yield s;
            }
        };
    }

    @Test
    void everySliceOfEveryLevelEqualsSlicingTheArray() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 11);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 4);
        try (SwvReader r = SwvReader.open(f)) {
            float[] level = data;
            int nx = NX;
            int ny = NY;
            int nz = NZ;
            assertEquals(4, r.levels(), "levels until the largest dimension (30 -> 15 -> 8 -> 4) fits a 4-brick");
            for (int l = 0; l < r.levels(); l++) {
                for (SliceOrientation o : SliceOrientation.values()) {
                    int n = r.axes(l).normal(o).count();
                    for (int i = 0; i < n; i++) {
                        Slice s = r.slice(o, i, l);
                        assertArrayEquals(arraySlice(level, nx, ny, nz, o, i), s.values(), o + " " + i + " level " + l);
                    }
                }
                level = VolumeFixtures.decimateReference(level, nx, ny, nz);
                nx = (nx + 1) / 2;
                ny = (ny + 1) / 2;
                nz = (nz + 1) / 2;
            }
        }
    }

    @Test
    void arrayVolumeSlicesMatchTheSwvFile() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 5);
        VolumeAxes axes = VolumeFixtures.axes(NX, NY, NZ);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), axes, data, 8);
        try (SwvReader r = SwvReader.open(f)) {
            ArrayVolume a = new ArrayVolume("mem", axes, data, "m", "amplitude", 8);
            assertEquals(r.levels(), a.levels());
            for (int l = 0; l < a.levels(); l++) {
                assertEquals(r.axes(l), a.axes(l));
                for (SliceOrientation o : SliceOrientation.values()) {
                    int mid = a.axes(l).normal(o).count() / 2;
                    assertArrayEquals(r.slice(o, mid, l).values(), a.slice(o, mid, l).values(), o + " level " + l);
                }
            }
        }
    }

    @Test
    void sliceAxesFollowTheOrientationAndLevel() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 5);
        try (SwvReader r = SwvReader.open(VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 8))) {
            Slice s = r.slice(SliceOrientation.CROSSLINE, 3, 1);
            assertEquals(r.axes(1).y(), s.across());
            assertEquals(r.axes(1).z(), s.down());
            assertEquals(25.0 * 2, s.across().delta(), 1e-12);
            assertEquals(2000 + 12.5, s.across().first(), 1e-12, "coarse sample at the centre of its pair");
        }
    }

    @Test
    void outOfRangeSliceIsRefusedWithTheRange() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 5);
        try (SwvReader r = SwvReader.open(VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 8))) {
            var e = assertThrows(IndexOutOfBoundsException.class, () -> r.slice(SliceOrientation.DEPTH, NZ, 0));
            assertEquals("DEPTH index 30 is outside 0..29 at level 0 of " + r.name(), e.getMessage());
        }
    }

    @Test
    void cacheStaysWithinItsByteBudget() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 5);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 4);
        long brick = 4L * 4 * 4 * 4;
        try (SwvReader r = SwvReader.open(FileRangeReader.open(f), 40 * brick)) {
            for (int z = 0; z < NZ; z++) {
                r.slice(SliceOrientation.DEPTH, z, 0); // 8 brick layers of 6 x 5 bricks: 240 bricks pass through
            }
            assertEquals(40 * brick, r.cache().bytes());
            long hits = r.cache().hits();
            r.slice(SliceOrientation.DEPTH, 0, 0);
            r.slice(SliceOrientation.DEPTH, 0, 0);
            assertEquals(hits + 30, r.cache().hits(), "the second read of a 30-brick slice is served from the cache");
        }
    }
}
