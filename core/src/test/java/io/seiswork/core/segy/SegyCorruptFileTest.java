package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files give a {@link SegyException} whose message names the file, trace and byte offset. */
class SegyCorruptFileTest {

    @TempDir
    Path tmp;

    private Path cube(String name) {
        return SegyWriterReaderTest.writeCube(tmp.resolve(name), SampleFormat.IEEE32, ByteOrder.BIG_ENDIAN);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void patch(Path file, long offset, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void truncatedFileNamesTraceAndOffset() throws IOException {
        Path file = cube("trunc.sgy"); // 12 traces of 240 + 28 bytes
        truncate(file, Files.size(file) - 5);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertEquals(11, e.traceIndex());
        assertEquals(3600 + 11 * 268, e.byteOffset());
        assertTrue(e.getMessage().startsWith(file.toString() + ": trace size mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("; trace 12 is incomplete, "), "the 12th and last: " + e.getMessage());
        assertTrue(e.getMessage().contains("(trace 12, byte offset " + (3600 + 11 * 268) + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("263 bytes of it present"), e.getMessage());
    }

    /**
     * A wrong format code (int24's 7 in an ieee32 file) gives traces of the wrong size; the message
     * names the format it took, so the user sees which header field to doubt.
     */
    @Test
    void aWrongFormatCodeIsNamedInTheTraceSizeMismatch() throws IOException {
        Path file = cube("fmt7.sgy"); // 12 traces of 240 + 7 x 4 bytes
        patch(file, 3224, (byte) 0, (byte) 7);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("(240-byte trace header + 7 samples x 3 bytes of int24 (format code 7))"),
                e.getMessage());
    }

    /**
     * A format forced by the caller is named as forced, not by the binary-header code the caller
     * overrode (the file's own code, 5, is right; "format code 7" pointed at a field that was not read).
     */
    @Test
    void aForcedFormatIsNamedAsForced() throws IOException {
        Path file = cube("forced.sgy"); // ieee32: 12 traces of 240 + 7 x 4 bytes
        SegyException e = assertThrows(SegyException.class,
                () -> SegyReader.open(file, SegyReadOptions.defaults().withFormat(SampleFormat.INT24)));
        assertTrue(e.getMessage().contains("(240-byte trace header + 7 samples x 3 bytes of int24 (forced, not the"
                + " binary header's format code))"), e.getMessage());
        assertFalse(e.getMessage().contains("format code 7"), e.getMessage());
    }

    /**
     * A format code neither byte order makes plausible lists the codes that are read, the same list
     * as for a plausible code that is not read (13): 4, 13 and 14 are not among them.
     */
    @Test
    void anImplausibleFormatCodeListsTheCodesThatAreRead() throws IOException {
        Path file = cube("fmt99.sgy");
        patch(file, 3224, (byte) 0, (byte) 99);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains(": 99 read big-endian, 25344 read little-endian (known: 1, 2, 3, 5, 6, 7,"
                + " 8, 9, 10, 11, 12, 15, 16; is it a SEG-Y file?)"), e.getMessage());
        patch(file, 3224, (byte) 0, (byte) 13);
        SegyException thirteen = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(thirteen.getMessage().contains("code 13 (known: 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16)"),
                thirteen.getMessage());
    }

    @Test
    void oddSizeFromAWrongSampleCount() throws IOException {
        Path file = cube("odd.sgy");
        patch(file, 3220, (byte) 0, (byte) 8); // 8 samples instead of 7
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("odd.sgy") && e.getMessage().contains("272-byte traces"), e.getMessage());
        assertTrue(e.byteOffset() > 3600, e.getMessage());
    }

    @Test
    void shorterThanTheHeaders() throws IOException {
        Path file = tmp.resolve("tiny.sgy");
        Files.write(file, new byte[1000]);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("tiny.sgy") && e.getMessage().contains("1000 bytes"), e.getMessage());
    }

    @Test
    void unknownFormatCode() throws IOException {
        Path file = cube("fmt.sgy");
        patch(file, 3224, (byte) 0, (byte) 99);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("fmt.sgy") && e.getMessage().contains("99")
                && e.getMessage().contains("byte offset 3224"), e.getMessage());
    }

    /** An implausible count of rev-2 trace-header extensions names its bytes and the counts that are read. */
    @Test
    void implausibleTraceHeaderExtensionsNameTheLimit() throws IOException {
        Path file = cube("ext.sgy");
        patch(file, BinaryHeader.REVISION_MAJOR - 1, (byte) 2, (byte) 0);
        patch(file, BinaryHeader.TRACE_HEADER_EXTENSIONS - 1, (byte) 0x7D, (byte) 0x00); // 32000
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertEquals(file + ": implausible number of trace-header extensions 32000 in the binary header (bytes"
                + " 3507-3508; 0 to 10000 are read) (byte offset 3506)", e.getMessage());
    }

    /** A negative count of extended textual headers other than -1 names its bytes and the counts that are read. */
    @Test
    void invalidExtendedTextHeaderCountNamesTheLimit() throws IOException {
        Path file = cube("exttext.sgy");
        patch(file, BinaryHeader.EXTENDED_TEXT_HEADERS - 1, (byte) 0xFF, (byte) 0xFB); // -5
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertEquals(file + ": invalid number of extended textual headers -5 in the binary header (bytes 3505-3506;"
                + " -1 for variable, or 0 and up) (byte offset 3504)", e.getMessage());
    }

    /**
     * Code page 1047's brackets, which Petrel writes (Volve's "[m]"), read as brackets, not as
     * cp037's 'Ý' and '¨'; cp037's own brackets still read and are what encoding writes.
     */
    @Test
    void petrelBracketsReadAsBrackets() {
        byte[] block = TextHeaderCodec.encode("DEPTH  M ", TextEncoding.EBCDIC);
        block[6] = (byte) 0xAD;
        block[8] = (byte) 0xBD;
        assertEquals("DEPTH [M]", TextHeaderCodec.decode(block, TextEncoding.EBCDIC).substring(0, 9));
        byte[] written = TextHeaderCodec.encode("[M]", TextEncoding.EBCDIC);
        assertEquals((byte) 0xBA, written[0]);
        assertEquals((byte) 0xBB, written[2]);
        assertEquals("[M]", TextHeaderCodec.decode(written, TextEncoding.EBCDIC).substring(0, 3));
    }

    /**
     * info(progress) says how far its scan over the trace headers has got, the figures growing to
     * the whole file, which it says last.
     */
    @Test
    void infoSaysHowFarItsHeaderScanHasGot() {
        Path file = cube("progress.sgy");
        java.util.List<long[]> said = new java.util.ArrayList<>();
        try (SegyReader r = SegyReader.open(file)) {
            r.info((done, total) -> said.add(new long[] {done, total}));
            assertTrue(r.headersScanned());
        }
        long size = 3600 + 12 * 268;
        assertEquals(java.util.List.of(3600L, size), said.stream().map(d -> d[0]).toList(), "trace 0, then the end");
        assertTrue(said.stream().allMatch(d -> d[1] == size), "of the whole file");
    }

    @Test
    void forcedFormatOverridesTheBinaryHeader() throws IOException {
        Path file = cube("forced.sgy");
        patch(file, 3224, (byte) 0, (byte) 99);
        try (SegyReader r = SegyReader.open(file,
                SegyReadOptions.defaults().withFormat(SampleFormat.IEEE32).withByteOrder(ByteOrder.BIG_ENDIAN))) {
            assertEquals(12, r.traceCount());
        }
    }

    @Test
    void missingExtendedHeaders() throws IOException {
        Path file = cube("ext.sgy");
        patch(file, 3504, (byte) 0, (byte) 5);
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("ext.sgy") && e.getMessage().contains("extended textual header 2 of 5"),
                e.getMessage());
    }

    @Test
    void fileShrinkingAfterOpenNamesTraceAndOffset() throws IOException {
        Path file = cube("shrink.sgy");
        try (SegyReader r = SegyReader.open(file)) {
            truncate(file, 3600 + 5 * 268);
            SegyException e = assertThrows(SegyException.class, () -> r.readTrace(8));
            assertEquals(8, e.traceIndex());
            assertTrue(e.getMessage().contains("shrink.sgy") && e.getMessage().contains("(trace 9, byte offset")
                    && e.getMessage().contains("byte offset"), e.getMessage());
        }
    }

    @Test
    void traceIndexOutOfRange() {
        Path file = cube("range.sgy");
        try (SegyReader r = SegyReader.open(file)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> r.readTrace(12));
            assertTrue(e.getMessage().contains("0..11") && e.getMessage().contains("range.sgy"), e.getMessage());
        }
    }

    @Test
    void missingFile() {
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(tmp.resolve("nope.sgy")));
        assertTrue(e.getMessage().contains("nope.sgy") && e.getMessage().contains("cannot open"), e.getMessage());
    }
}
