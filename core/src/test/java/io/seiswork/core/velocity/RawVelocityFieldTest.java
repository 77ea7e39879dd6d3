package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RawVelocityFieldTest {

    private static final List<String> ORDERS = List.of("zxy", "zyx", "xyz", "xzy", "yxz", "yzx");
    private static final Grid G2 = new Grid(17, 1, 11, 10, 10, 5);
    private static final Grid G3 = new Grid(13, 9, 7, 10, 12, 5);

    @TempDir
    Path dir;

    static List<Arguments> ordersAndByteOrders() {
        List<Arguments> out = new ArrayList<>();
        for (String order : ORDERS) {
            for (ByteOrder bo : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                out.add(Arguments.of(order, bo));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void windowsEqualTheWholeModelIn3d(String order, ByteOrder bo) throws IOException {
        VelocityModel m = FieldWindows.random(G3, order.hashCode(), 1400, 4600);
        Path f = write(m, order, bo);
        FieldWindows.assertWindowsMatch(m, RawVelocityField.open(f, G3, order, bo, 1.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void windowsEqualTheWholeModelIn2d(String order, ByteOrder bo) throws IOException {
        VelocityModel m = FieldWindows.random(G2, order.hashCode() + 1, 1400, 4600);
        Path f = write(m, order, bo);
        FieldWindows.assertWindowsMatch(m, RawVelocityField.open(f, G2, order, bo, 1.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void scaledWindowsEqualTheWholeModelScaledAsTheResolverDoes(String order, ByteOrder bo) throws IOException {
        VelocityModel km = FieldWindows.random(G3, 7, 1.4f, 4.6f);
        Path f = write(km, order, bo);
        VelocityModel mps = scaled(RawVelocityReader.read(f, G3, order, bo), 1000);
        FieldWindows.assertWindowsMatch(mps, RawVelocityField.open(f, G3, order, bo, 1000));
        assertTrue(mps.min() > 1000, "scaled to m/s: " + mps.min());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void readerPutsEveryValueOnItsNode(String order, ByteOrder bo) throws IOException {
        VelocityModel m = FieldWindows.random(G3, 11, 1400, 4600);
        FieldWindows.assertSameBits(m, RawVelocityReader.read(write(m, order, bo), G3, order, bo), order);
    }

    /** Blocks of 3 floats and gaps of 2 read through: runs split across blocks and gaps skipped or read. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void windowsAreExactWhenRunsCrossBlocks(String order, ByteOrder bo) throws IOException {
        VelocityModel m = FieldWindows.random(G3, 13, 1400, 4600);
        Path f = write(m, order, bo);
        for (int[] sizes : new int[][] {{12, 8}, {28, 1 << 20}, {4, 0}, {1 << 20, 0}}) {
            RawFloatFile raw = new RawFloatFile(f, G3, AxisOrder.parse(order), bo, sizes[0], sizes[1]);
            FieldWindows.assertWindowsMatch(m, RawVelocityField.open(raw, f, G3, 1.0));
        }
    }

    /**
     * Tiles of 1, 5, 50 and 2¹⁸ floats, with blocks and gaps small and large: in orders other than
     * z fastest a box is read in parts of a few rows or planes, each transposed into the window
     * on its own, in 3D and 2D.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void windowsAreExactWhenTilesSplitTheBox(String order, ByteOrder bo) throws IOException {
        for (Grid g : List.of(G3, G2)) {
            VelocityModel m = FieldWindows.random(g, 23, 1400, 4600);
            Path f = write(m, order, bo);
            for (int[] sizes : new int[][] {{4, 4, 0}, {12, 8, 20}, {1 << 20, 1 << 20, 200}, {28, 0, 1 << 20}}) {
                RawFloatFile raw = new RawFloatFile(f, g, AxisOrder.parse(order), bo, sizes[0], sizes[1], sizes[2]);
                FieldWindows.assertWindowsMatch(m, RawVelocityField.open(raw, f, g, 1.0));
            }
        }
    }

    /**
     * A grid whose planes outgrow the default tile (1 MiB): with z slowest the whole grid is read
     * in parts of 125 and 2 rows ("xyz") or 129 and 2 ("yxz") of 16 depths, with z the middle
     * axis in parts of about 100 planes; windows of odd sizes at every edge.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordersAndByteOrders")
    void windowsOfAGridLargerThanATileAreExact(String order, ByteOrder bo) throws IOException {
        Grid g = new Grid(131, 127, 20, 10, 10, 5);
        VelocityModel m = FieldWindows.random(g, 29, 1400, 4600);
        Path f = write(m, order, bo);
        FieldWindows.assertWindowsMatch(m, RawVelocityField.open(f, g, order, bo, 1.0));
    }

    @Test
    void badValuesAreCountedAndTheFirstInGridOrderIsNamed() throws IOException {
        float[] v = FieldWindows.random(G3, 3, 1400, 4600).values().clone();
        v[G3.index(5, 0, 3)] = Float.NaN;   // first in grid order, late in an "xyz" file (z slowest)
        v[G3.index(2, 1, 0)] = -1f;          // early in the file, later in grid order
        Path f = write(new VelocityModel(G3, v), "xyz", ByteOrder.LITTLE_ENDIAN);
        var e = assertThrows(InvalidVelocityException.class,
                () -> RawVelocityField.open(f, G3, "xyz", ByteOrder.LITTLE_ENDIAN, 1.0));
        assertEquals("2 of 819 velocities are not positive and finite; first at node (ix 5, iy 0, iz 3): NaN m/s",
                e.getMessage());
        assertArrayEquals(new int[] {5, 0, 3}, e.firstNode());
    }

    @Test
    void valuesAreCheckedAfterScaling() throws IOException {
        float[] v = FieldWindows.random(G2, 5, 1.4f, 4.6f).values().clone();
        v[G2.index(16, 0, 10)] = 1e36f; // finite in the file, infinite in m/s
        Path f = write(new VelocityModel(G2, v), "zxy", ByteOrder.BIG_ENDIAN);
        var e = assertThrows(InvalidVelocityException.class,
                () -> RawVelocityField.open(f, G2, "zxy", ByteOrder.BIG_ENDIAN, 1000));
        assertTrue(e.getMessage().endsWith("first at node (ix 16, iy 0, iz 10): Infinity m/s"), e.getMessage());
        assertEquals(1, e.badNodes());
    }

    @Test
    void sizeMismatchNamesTheFileAndBothSizes() throws IOException {
        Path f = dir.resolve("short.bin");
        Files.write(f, new byte[4 * 100]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> RawVelocityField.open(f, G3, "zxy", ByteOrder.LITTLE_ENDIAN, 1.0));
        assertEquals("file " + f + " has 400 bytes but the grid needs 13 x 9 x 7 float32 values = 3276 bytes",
                e.getMessage());
    }

    @Test
    void missingFileIsNoSuchFile() {
        Path f = dir.resolve("none.bin");
        var e = assertThrows(NoSuchFileException.class,
                () -> RawVelocityField.open(f, G3, "zxy", ByteOrder.LITTLE_ENDIAN, 1.0));
        assertEquals(f.toString(), e.getFile());
    }

    @Test
    void badAxisOrderIsRejected() throws IOException {
        Path f = write(FieldWindows.random(G3, 1, 1500, 2000), "zxy", ByteOrder.LITTLE_ENDIAN);
        var e = assertThrows(IllegalArgumentException.class,
                () -> RawVelocityField.open(f, G3, "zzy", ByteOrder.LITTLE_ENDIAN, 1.0));
        assertEquals("axis order must be a permutation of \"xyz\", got \"zzy\"", e.getMessage());
    }

    @Test
    void eachWindowOpensTheFileAgain() throws IOException {
        VelocityModel m = FieldWindows.random(G3, 17, 1400, 4600);
        Path f = write(m, "zxy", ByteOrder.LITTLE_ENDIAN);
        RawVelocityField field = RawVelocityField.open(f, G3, "zxy", ByteOrder.LITTLE_ENDIAN, 1.0);
        Grid w = new Grid(2, 2, G3.nz(), G3.dx(), G3.dy(), G3.dz());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(100); // the file changes under the open field: the next window sees it
        }
        var e = assertThrows(UncheckedIOException.class, () -> field.window(11, 7, w));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void windowsMayBeReadFromManyThreadsAtOnce() throws IOException {
        VelocityModel m = FieldWindows.random(G3, 19, 1400, 4600);
        Path f = write(m, "xzy", ByteOrder.BIG_ENDIAN);
        RawVelocityField field = RawVelocityField.open(f, G3, "xzy", ByteOrder.BIG_ENDIAN, 1.0);
        Grid w = new Grid(5, 4, G3.nz(), G3.dx(), G3.dy(), G3.dz());
        IntStream.range(0, 200).parallel().forEach(i -> {
            int x0 = i % (G3.nx() - 4);
            int y0 = i % (G3.ny() - 3);
            FieldWindows.assertSameBits(m.window(x0, y0, w), field.window(x0, y0, w), "window " + i);
        });
    }

    /** Writes {@code m}'s values as float32 in {@code order} (fastest axis first) and byte order {@code bo}. */
    private Path write(VelocityModel m, String order, ByteOrder bo) throws IOException {
        Grid g = m.grid();
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] a = AxisOrder.parse(order).axes();
        ByteBuffer buf = ByteBuffer.allocate(4 * g.points()).order(bo);
        int[] ijk = new int[3];
        for (ijk[a[2]] = 0; ijk[a[2]] < n[a[2]]; ijk[a[2]]++) {
            for (ijk[a[1]] = 0; ijk[a[1]] < n[a[1]]; ijk[a[1]]++) {
                for (ijk[a[0]] = 0; ijk[a[0]] < n[a[0]]; ijk[a[0]]++) {
                    buf.putFloat(m.at(ijk[0], ijk[1], ijk[2]));
                }
            }
        }
        Path f = Files.createTempFile(dir, "vp-" + order, ".bin");
        Files.write(f, buf.array());
        return f;
    }

    /** The resolver's unit conversion: each value times the scale in double, rounded to float. */
    private static VelocityModel scaled(VelocityModel m, double scale) {
        float[] v = m.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * scale);
        }
        return new VelocityModel(m.grid(), v);
    }
}
