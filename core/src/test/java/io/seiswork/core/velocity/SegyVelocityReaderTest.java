package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /**
     * The Volve cube samples depth every 20 m (interval field 20000): on a grid of 5 m it is read
     * all the same (the sample count fixes the shape), with a note naming both steps; at 20 m, and
     * within the field's rounding of it, silently.
     */
    @Test
    void aDepthStepOtherThanTheFilesIsNotedNotRefused() throws Exception {
        Path f = volve();
        Grid fine = new Grid(52, 18, 226, 50, 50, 5);
        assertEquals(1480f, SegyVelocityReader.read(f, fine).min(), 0.01f);
        SegyVelocityField field = SegyVelocityField.open(f, fine);
        assertEquals("the file's depth step is not grid.dz 5 m: its sample interval field (binary header 3217) is 20000,"
                + " 20 m in thousandths or 20000 m in whole metres; the model is read at grid.dz; if the file's interval"
                + " field is right, resample the model", field.depthStepNote());
        assertNull(SegyVelocityField.open(f, new Grid(52, 18, 226, 50, 50, 20)).depthStepNote());
        assertNull(SegyVelocityField.open(f, new Grid(52, 18, 226, 50, 50, 20.0004)).depthStepNote(),
                "within the field's rounding (half a millimetre)");
    }

    /**
     * segyio's {@code from_array3D} without {@code dt} writes 4000 (resource written by
     * {@code segyio.tools.from_array3D(path, a)}, a of shape 3 inlines x 4 crosslines x 5 samples,
     * a[i, x, z] = 1500 + 100 x + 10 i + z): on a 10 m grid it is read, with a note.
     */
    @Test
    void aSegyioDefaultIntervalOnAnotherGridStepIsReadWithANote() throws Exception {
        Path f = segyioDefault();
        Grid g = new Grid(4, 3, 5, 10, 10, 10);
        SegyVelocityField field = SegyVelocityField.open(f, g);
        assertEquals("the file's depth step is not grid.dz 10 m: its sample interval field (binary header 3217) is 4000,"
                + " 4 m in thousandths or 4000 m in whole metres; the model is read at grid.dz; if the file's interval"
                + " field is right, resample the model", field.depthStepNote());
        VelocityModel m = field.whole();
        assertEquals(1500 + 300 + 20 + 4, m.at(3, 2, 4));
        assertEquals(m.at(3, 2, 4), SegyVelocityReader.read(f, g).at(3, 2, 4));
        assertNull(SegyVelocityField.open(f, new Grid(4, 3, 5, 10, 10, 4)).depthStepNote(), "4 m: its thousandths");
    }

    /** SEG-Y rev 2 gives a depth step in whole metres (3217 = 10), or in its extended interval (3273), which overrides it. */
    @Test
    void aRev2FileGivesItsStepInWholeUnitsOrItsExtendedInterval() throws Exception {
        Grid g = new Grid(4, 3, 5, 10, 10, 10);
        Path f = dir.resolve("rev2.sgy");
        Files.copy(segyioDefault(), f);
        patch(f, 3216, (short) 10);
        patch(f, 3500, (short) 0x0200);
        assertNull(SegyVelocityField.open(f, g).depthStepNote(), "3217 = 10: 10 m");
        patch(f, 3216, (short) 4000);
        patchDouble(f, 3272, 12.5);
        assertNull(SegyVelocityField.open(f, new Grid(4, 3, 5, 10, 10, 12.5)).depthStepNote(), "3273 = 12.5 m");
        assertEquals("the file's depth step is not grid.dz 10 m: its sample interval field (binary header 3217) is 4000,"
                + " 4 m in thousandths or 4000 m in whole metres, and its rev-2 extended interval (3273) is 12.5 m; the"
                + " model is read at grid.dz; if the file's interval field is right, resample the model",
                SegyVelocityField.open(f, g).depthStepNote());
        patch(f, 3500, (short) 0x0100);
        assertTrue(SegyVelocityField.open(f, new Grid(4, 3, 5, 10, 10, 12.5)).depthStepNote() != null,
                "3273 is read for rev 2 only");
    }

    private static Path segyioDefault() throws Exception {
        var url = SegyVelocityReaderTest.class.getResource("/segyio/velocity-from-array3d.sgy");
        assertTrue(url != null, "test resource");
        return Path.of(url.toURI());
    }

    /** A file in feet (binary header byte 3255 = 2) gives its step in thousandths of a foot, or whole feet. */
    @Test
    void aFileInFeetGivesItsStepInFeet() throws Exception {
        Grid g = Grid.of2d(3, 4, 10);
        Path f = line(g, 10000, false);
        patch(f, 3254, (short) 2);
        String note = SegyVelocityField.open(f, g).depthStepNote();
        assertEquals("the file's depth step is not grid.dz 10 m: its sample interval field (binary header 3217) is 10000,"
                + " 10 ft in thousandths or 10000 ft in whole feet (feet: measurement system, binary header byte 3255);"
                + " the model is read at grid.dz; if the file's interval field is right, resample the model", note);
        assertEquals(1000f, SegyVelocityReader.read(f, g).at(0, 0, 0));
        assertNull(SegyVelocityField.open(f, Grid.of2d(3, 4, 3.048)).depthStepNote());
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
        assertNull(SegyVelocityField.open(f, g).depthStepNote());
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

    /** Writes a big-endian IEEE double {@code value} at byte {@code offset} of {@code f}. */
    private static void patchDouble(Path f, long offset, double value) throws java.io.IOException {
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(8).putDouble(value).flip(), offset);
        }
    }

    /** Writes a big-endian 16-bit {@code value} at byte {@code offset} of {@code f}. */
    private static void patch(Path f, long offset, short value) throws java.io.IOException {
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(2).putShort(value).flip(), offset);
        }
    }
}
