package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming form of {@link DepthVolumeWriter} writes the bytes the whole-array writer wrote
 * before it existed (kept below as the reference), so images written column by column from an
 * out-of-core stack are the files earlier runs wrote.
 */
class DepthVolumeWriterTest {

    @TempDir
    Path tmp;

    private static final String TEXT = TextHeaderCodec.fromLines("C 1 DEPTH VOLUME TEST");

    @Test
    void columnByColumnWritesTheBytesOfTheWholeArrayWriterIn2d() throws Exception {
        assertSameBytes(new Grid(37, 1, 23, 12.5, 12.5, 5));
    }

    @Test
    void columnByColumnWritesTheBytesOfTheWholeArrayWriterIn3d() throws Exception {
        assertSameBytes(new Grid(13, 9, 17, 25, 30, 7.5));
    }

    @Test
    void closingBeforeEveryColumnIsWrittenFailsNamingTheCount() {
        Grid g = Grid.of3d(3, 2, 4, 10);
        DepthVolumeWriter w = DepthVolumeWriter.create(tmp.resolve("short.sgy"), g, TEXT);
        w.writeColumn(new float[4]);
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("1 of the 6 columns"), e.getMessage());
    }

    @Test
    void aColumnBeyondTheGridIsRefused() {
        Grid g = Grid.of2d(2, 3, 10);
        try (DepthVolumeWriter w = DepthVolumeWriter.create(tmp.resolve("long.sgy"), g, TEXT)) {
            w.writeColumn(new float[3]);
            w.writeColumn(new float[3]);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.writeColumn(new float[3]));
            assertTrue(e.getMessage().contains("all 2 columns"), e.getMessage());
            assertEquals(2, w.columnsWritten());
        }
    }

    @Test
    void aGridWithMoreColumnsThanSegyCanNumberIsRefusedBeforeAnythingIsWritten() {
        Grid g = new Grid(65536, 32768, 1, 10, 10, 10);
        Path file = tmp.resolve("huge.sgy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthVolumeWriter.create(file, g, TEXT));
        assertTrue(e.getMessage().contains("2147483648 columns"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    private void assertSameBytes(Grid g) throws Exception {
        float[] values = new float[g.points()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(0.37 * i) * (i % 11 - 5);
        }
        Path reference = tmp.resolve("reference.sgy");
        Path streamed = tmp.resolve("streamed.sgy");
        Path whole = tmp.resolve("whole.sgy");
        referenceWrite(reference, g, values, TEXT);
        float[] column = new float[g.nz()];
        try (DepthVolumeWriter w = DepthVolumeWriter.create(streamed, g, TEXT)) {
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(values, g.index(ix, iy, 0), column, 0, g.nz());
                    w.writeColumn(column);
                }
            }
        }
        DepthVolumeWriter.write(whole, g, values, TEXT);
        byte[] want = Files.readAllBytes(reference);
        assertArrayEquals(want, Files.readAllBytes(streamed), "streamed column by column");
        assertArrayEquals(want, Files.readAllBytes(whole), "from one array");
    }

    /**
     * DepthVolumeWriter.write as it was before the streaming form: the bytes to keep (with the
     * binary header's metres and stacked sorting added since).
     */
    private static void referenceWrite(Path file, Grid g, float[] values, String textHeader) {
        long mm = Math.round(g.dz() * 1000);
        int scalar = TraceHeader.coordinateScalarFor(Math.max(g.xAxis().last(), g.yAxis().last()));
        float[] trace = new float[g.nz()];
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(g.nz(), (int) mm)
                .withTextHeader(textHeader, TextEncoding.EBCDIC).withMetresSortedAs(BinaryHeader.SORTING_STACKED, 0))) {
            int n = 0;
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(values, g.index(ix, iy, 0), trace, 0, g.nz());
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    n++;
                    h.setInt32(TraceHeader.TRACE_SEQUENCE_LINE, n);
                    h.setInt32(TraceHeader.TRACE_SEQUENCE_FILE, n);
                    h.setInt32(TraceHeader.CDP, n);
                    h.setInt16(TraceHeader.TRACE_ID, 1);
                    h.setInt16(TraceHeader.COORDINATE_SCALAR, scalar);
                    h.setInt16(TraceHeader.COORDINATE_UNITS, 1);
                    h.setCoordinateM(TraceHeader.CDP_X, ix * g.dx());
                    h.setCoordinateM(TraceHeader.CDP_Y, iy * g.dy());
                    h.setInt32(TraceHeader.INLINE, iy + 1);
                    h.setInt32(TraceHeader.CROSSLINE, ix + 1);
                    w.write(h, trace);
                }
            }
        }
    }
}
