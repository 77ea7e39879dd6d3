package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegyVelocityReaderTest {

    @TempDir
    Path dir;

    @Test
    void crosslineSortedCubeIsPlacedByItsNumbers() {
        Grid g = new Grid(4, 3, 5, 10, 10, 5);
        Path f = dir.resolve("vp.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(g.nz(), 5000))) {
            for (int ix = 0; ix < g.nx(); ix++) {          // inlines fastest: crossline-sorted
                for (int iy = 0; iy < g.ny(); iy++) {
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, 100 + 2 * iy);
                    h.setInt32(TraceHeader.CROSSLINE, 7 + ix);
                    float[] t = new float[g.nz()];
                    for (int iz = 0; iz < g.nz(); iz++) {
                        t[iz] = 1000 + 100 * ix + 10 * iy + iz;
                    }
                    w.write(h, t);
                }
            }
        }
        VelocityModel m = SegyVelocityReader.read(f, g);
        assertEquals(1000 + 300 + 20 + 4, m.at(3, 2, 4));
        assertEquals(1000 + 100 + 0 + 2, m.at(1, 0, 2));
    }

    @Test
    void sizeMismatchNamesBothSizes() {
        Path f = dir.resolve("vp.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(5, 4000))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[5]);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityReader.read(f, Grid.of2d(3, 5, 10)));
        assertEquals("file " + f + " has 1 traces of 5 samples but the grid needs 3 traces (nx 3 x ny 1) of 5 samples (nz)",
                e.getMessage());
    }

    @Test
    void readsTheVolveMigrationVelocityCube() {
        Path f = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata"),
                "segysak/volve10-migvel-depth-sub3d.sgy");
        assumeTrue(Files.isRegularFile(f), "reference data not found at " + f);
        // 18 inlines x 52 crosslines x 226 depth samples every 20 m (refdata README, section 3).
        Grid g = new Grid(52, 18, 226, 50, 50, 20);
        VelocityModel m = SegyVelocityReader.read(f, g);
        assertEquals(1480.0f, m.min(), 0.01f);
        assertEquals(4706.09f, m.max(), 0.01f);
        assertTrue(m.at(10, 5, 0) < m.at(10, 5, 225), "velocity grows with depth");
    }

    private static Path volve() {
        Path f = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata"),
                "segysak/volve10-migvel-depth-sub3d.sgy");
        assumeTrue(Files.isRegularFile(f), "reference data not found at " + f);
        return f;
    }

    /** 52 crosslines x 18 inlines on a grid of 18 x 52: the same trace count, refused rather than taken in file order. */
    @Test
    void aTransposedCubeIsRefusedNamingBothShapes() throws Exception {
        Path f = volve();
        Grid transposed = new Grid(18, 52, 226, 50, 50, 20);
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityReader.read(f, transposed));
        assertEquals("file " + f + " is a 52 x 18 cube (crosslines x inlines) but grid.nx x grid.ny is 18 x 52: swap nx"
                + " and ny?", e.getMessage());
        var field = assertThrows(IllegalArgumentException.class, () -> SegyVelocityField.open(f, transposed));
        assertEquals(e.getMessage(), field.getMessage());
        var other = assertThrows(IllegalArgumentException.class,
                () -> SegyVelocityReader.read(f, new Grid(26, 36, 226, 50, 50, 20)));
        assertTrue(other.getMessage().endsWith("is a 52 x 18 cube (crosslines x inlines) but grid.nx x grid.ny is 26 x 36:"
                + " give nx 52 and ny 18"), other.getMessage());
    }

    /** The Volve cube samples depth every 20 m (interval field 20000): a grid of 5 m would squeeze it 4 times. */
    @Test
    void aDepthStepOtherThanTheFilesIsRefused() throws Exception {
        Path f = volve();
        Grid fine = new Grid(52, 18, 226, 50, 50, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityReader.read(f, fine));
        assertEquals("file " + f + " samples depth every 20 m (sample interval field 20000, thousandths of a metre, as"
                + " Seiswork and Petrel write depth) but grid.dz is 5 m: give grid.dz 20, or resample the model to 5 m (it"
                + " is not stretched to fit)", e.getMessage());
        var field = assertThrows(IllegalArgumentException.class, () -> SegyVelocityField.open(f, fine));
        assertEquals(e.getMessage(), field.getMessage());
        assertEquals(1480f, SegyVelocityField.open(f, new Grid(52, 18, 226, 50, 50, 20.0004)).min(), 0.01f,
                "within the field's rounding (half a millimetre)");
    }

    /** A file in feet (binary header byte 3255 = 2) gives its step in thousandths of a foot. */
    @Test
    void aFileInFeetGivesItsStepInFeet() throws Exception {
        Grid g = Grid.of2d(3, 4, 10);
        Path f = line(g, 10000, false);
        patch(f, 3254, (short) 2);
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityReader.read(f, g));
        assertTrue(e.getMessage().contains("samples depth every 10 ft = 3.048 m (sample interval field 10000, thousandths"
                + " of a foot: measurement system, binary header byte 3255, is feet) but grid.dz is 10 m"), e.getMessage());
        assertEquals(1000f, SegyVelocityReader.read(f, Grid.of2d(3, 4, 3.048)).at(0, 0, 0));
    }

    /** A file without an interval (both fields 0) says nothing of its step: taken at grid.dz, as before. */
    @Test
    void aFileWithoutAnIntervalIsTakenAtTheGridsStep() throws Exception {
        Grid g = Grid.of2d(3, 4, 10);
        Path f = line(g, 4000, false);
        patch(f, 3216, (short) 0);
        for (int t = 0; t < 3; t++) {
            patch(f, 3600 + t * (240 + 4 * 4) + 116, (short) 0);
        }
        assertEquals(1002f, SegyVelocityReader.read(f, g).at(2, 0, 0));
    }

    /** A 2D line numbered by its inlines (one crossline) on a 2D grid is read along x in file order, as before. */
    @Test
    void aLineNumberedByInlinesFillsA2dGridInFileOrder() throws Exception {
        Grid g = Grid.of2d(3, 4, 10);
        Path f = line(g, 10000, true);
        VelocityModel m = SegyVelocityReader.read(f, g);
        assertEquals(1000f, m.at(0, 0, 0));
        assertEquals(1002f, m.at(2, 0, 0));
        assertEquals(1002f, SegyVelocityField.open(f, g).whole().at(2, 0, 0));
    }

    /** Traces 1000 + ix along x, numbered by inline (or with no line numbers). */
    private Path line(Grid g, int intervalField, boolean inlineNumbers) {
        Path f = dir.resolve("line-" + intervalField + "-" + inlineNumbers + ".sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(g.nz(), intervalField))) {
            for (int ix = 0; ix < g.nx(); ix++) {
                TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                if (inlineNumbers) {
                    h.setInt32(TraceHeader.INLINE, 500 - ix);
                    h.setInt32(TraceHeader.CROSSLINE, 1);
                }
                float[] t = new float[g.nz()];
                java.util.Arrays.fill(t, 1000 + ix);
                w.write(h, t);
            }
        }
        return f;
    }

    /** Writes a big-endian 16-bit {@code value} at byte {@code offset} of {@code f}. */
    private static void patch(Path f, long offset, short value) throws java.io.IOException {
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(2).putShort(value).flip(), offset);
        }
    }
}
