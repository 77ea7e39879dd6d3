package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file cut short after the reader opened it (a gathers view open on a file being rewritten, a
 * fetch replacing it): the traces that lie wholly before the new end still read, though the
 * read-ahead asks for bytes up to the old end; one past it fails naming the file, the trace, its
 * byte offset and the file's size now. The cube has 12 traces of 240 + 7 x 4 = 268 bytes after the
 * 3600-byte file header; trace t holds inline 1 + t / 4, crossline 20 + t % 4.
 */
class SegyReaderCutShortTest {

    private static final int TRACE_BYTES = 240 + 7 * 4;

    @TempDir
    Path tmp;

    private Path cube() {
        return SegyWriterReaderTest.writeCube(tmp.resolve("cut.sgy"), SampleFormat.IEEE32, ByteOrder.BIG_ENDIAN);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static long traceStart(int t) {
        return SegyReader.FILE_HEADER_BYTES + (long) t * TRACE_BYTES;
    }

    private static float[] expected(int t) {
        float[] s = new float[7];
        for (int k = 0; k < 7; k++) {
            s[k] = SegyWriterReaderTest.sample(SampleFormat.IEEE32, 1 + t / 4, 20 + t % 4, k);
        }
        return s;
    }

    private static void assertCutShort(SegyException e, Path file, int trace, long offset, long size) {
        String m = e.getMessage();
        assertEquals(trace, e.traceIndex(), m);
        assertEquals(offset, e.byteOffset(), m);
        assertTrue(m.startsWith(file + ": unexpected end of file: "), "names the file: " + m);
        assertTrue(m.contains("the file was cut short to " + size + " bytes since it was opened"), m);
        assertTrue(m.endsWith("(trace " + (trace + 1) + ", byte offset " + offset + ")"), m);
    }

    /** Traces read in file order: the read-ahead from trace 1 runs past the cut inside trace 5. */
    @Test
    void tracesBeforeTheCutReadInFileOrderAndTheOneCutSaysWhy() throws IOException {
        Path file = cube();
        long cut = traceStart(5) + 100;
        try (SegyReader r = SegyReader.open(file)) {
            assertArrayEquals(expected(0), r.readTrace(0));
            truncate(file, cut);
            for (int t = 1; t < 5; t++) {
                assertArrayEquals(expected(t), r.readTrace(t), "trace " + t + " lies before the cut");
            }
            SegyException e = assertThrows(SegyException.class, () -> r.readTrace(5));
            assertCutShort(e, file, 5, traceStart(5) + 240, cut);
            assertTrue(e.getMessage().contains("before the 28 bytes asked for"), e.getMessage());
            float[] dst = new float[7];
            SegyException whole = assertThrows(SegyException.class, () -> r.readHeaderAndTrace(5, dst));
            assertCutShort(whole, file, 5, traceStart(5), cut);
            SegyException later = assertThrows(SegyException.class, () -> r.readTrace(11));
            assertCutShort(later, file, 11, traceStart(11) + 240, cut);
            assertArrayEquals(expected(2), r.readTrace(2), "a trace before the cut still reads after the failures");
        }
    }

    /** Headers and samples in one read, in file order: the same, through {@link SegyReader#readHeaderAndTrace}. */
    @Test
    void headersAndTracesBeforeTheCutRead() throws IOException {
        Path file = cube();
        try (SegyReader r = SegyReader.open(file)) {
            truncate(file, traceStart(8));
            float[] dst = new float[7];
            for (int t = 0; t < 8; t++) {
                TraceHeader h = r.readHeaderAndTrace(t, dst);
                assertEquals(1 + t / 4, h.getInt32(TraceHeader.INLINE));
                assertEquals(20 + t % 4, h.getInt32(TraceHeader.CROSSLINE));
                assertArrayEquals(expected(t), dst);
            }
            assertCutShort(assertThrows(SegyException.class, () -> r.readHeaderAndTrace(8, dst)), file, 8,
                    traceStart(8), traceStart(8));
        }
    }

    /**
     * The block header pass: a header wholly before the cut reads though its trace's samples are
     * gone (only its 240 bytes are asked for), the next one says why.
     */
    @Test
    void theHeaderPassReadsTheHeadersBeforeTheCut() throws IOException {
        Path file = cube();
        long cut = traceStart(6) + 250;
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals(1, r.headerInPass(0).getInt32(TraceHeader.INLINE));
            truncate(file, cut);
            for (int t = 1; t <= 6; t++) {
                TraceHeader h = r.headerInPass(t);
                assertEquals(1 + t / 4, h.getInt32(TraceHeader.INLINE), "trace " + t);
                assertEquals(20 + t % 4, h.getInt32(TraceHeader.CROSSLINE), "trace " + t);
            }
            SegyException e = assertThrows(SegyException.class, () -> r.headerInPass(7));
            assertCutShort(e, file, 7, traceStart(7), cut);
            assertTrue(e.getMessage().contains("before the 240 bytes asked for"), e.getMessage());
            SegyException scan = assertThrows(SegyException.class, r::info);
            assertTrue(scan.getMessage().contains("cut short to " + cut + " bytes"), scan.getMessage());
        }
    }
}
