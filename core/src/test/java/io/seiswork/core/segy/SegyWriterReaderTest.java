package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SegyWriterReaderTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> writableFormatsAndOrders() {
        return Stream.of(SampleFormat.values()).filter(SampleFormat::writable)
                .flatMap(f -> Stream.of(Arguments.of(f, ByteOrder.BIG_ENDIAN), Arguments.of(f, ByteOrder.LITTLE_ENDIAN)));
    }

    /** Sample k of trace (il, xl): integral and within int8 for the integer formats, fractional otherwise. */
    static float sample(SampleFormat f, int il, int xl, int k) {
        boolean integer = f == SampleFormat.INT8 || f == SampleFormat.INT16 || f == SampleFormat.INT32;
        float v = (float) Math.sin(0.3 * k + il) * 100 + xl - 20;
        return integer ? Math.round(v) : v * 1.0001f;
    }

    /** Writes a 3 x 4 inline-sorted cube with 7 samples per trace; returns the file. */
    static Path writeCube(Path file, SampleFormat f, ByteOrder order) {
        SegyWriteOptions o = SegyWriteOptions.of(7, 2000).withFormat(f).withByteOrder(order)
                .withTextHeader(TextHeaderCodec.fromLines("C 1 SEISWORK ROUND TRIP | " + f.shortName()), TextEncoding.EBCDIC);
        try (SegyWriter w = SegyWriter.create(file, o)) {
            float[] s = new float[7];
            for (int il = 1; il <= 3; il++) {
                for (int xl = 20; xl < 24; xl++) {
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, il);
                    h.setInt32(TraceHeader.CROSSLINE, xl);
                    h.setInt16(TraceHeader.COORDINATE_SCALAR, -100);
                    h.setCoordinateM(TraceHeader.CDP_X, 620000.25 + xl * 12.5);
                    h.setCoordinateM(TraceHeader.CDP_Y, 6074000.75 + il * 12.5);
                    for (int k = 0; k < 7; k++) {
                        s[k] = sample(f, il, xl, k);
                    }
                    w.write(h, s);
                }
            }
            assertEquals(12, w.tracesWritten());
        }
        return file;
    }

    @ParameterizedTest
    @MethodSource("writableFormatsAndOrders")
    void writeThenReadEveryWritableFormatAndOrder(SampleFormat f, ByteOrder order) throws IOException {
        Path file = writeCube(tmp.resolve("cube.sgy"), f, order);
        assertEquals(3600 + 12 * (240 + 7L * f.bytesPerSample()), Files.size(file));
        try (SegyReader r = SegyReader.open(file)) {
            SegyInfo info = r.info();
            assertEquals(f, info.format());
            assertEquals(order, info.byteOrder());
            assertEquals("1.0", info.revision());
            assertEquals(7, info.samplesPerTrace());
            assertEquals(2000, info.sampleIntervalUs());
            assertEquals(TextEncoding.EBCDIC, info.textEncoding());
            assertTrue(info.textHeader().startsWith("C 1 SEISWORK ROUND TRIP | " + f.shortName()));
            assertTrue(info.isCube());
            assertEquals(1, info.geometry().inlineMin());
            assertEquals(3, info.geometry().inlineMax());
            assertEquals(20, info.geometry().crosslineMin());
            assertEquals(23, info.geometry().crosslineMax());
            BinaryHeader b = r.binaryHeader();
            assertEquals(1, b.getInt16(BinaryHeader.FIXED_LENGTH));
            assertEquals(0x0100, b.getUInt16(BinaryHeader.REVISION_MAJOR), "revision word 0x0100 in the file's order");
            for (long t = 0; t < 12; t++) {
                TraceHeader h = r.header(t);
                int il = (int) (t / 4) + 1;
                int xl = (int) (t % 4) + 20;
                assertEquals(il, h.inline());
                assertEquals(xl, h.crossline());
                assertEquals(7, h.sampleCount());
                assertEquals(2000, h.sampleIntervalUs());
                assertEquals(620000.25 + xl * 12.5, h.cdpXM(), 1e-9);
                float[] s = r.readTrace(t);
                for (int k = 0; k < 7; k++) {
                    float expected = sample(f, il, xl, k);
                    if (f == SampleFormat.IBM32) {
                        expected = IbmFloat.toFloat(IbmFloat.fromFloat(expected));
                    }
                    assertEquals(expected, s[k], "trace " + t + " sample " + k);
                }
            }
        }
    }

    /**
     * A pass over the headers gets each trace's own header in one object the reader keeps
     * overwriting (no header allocated a trace), for short traces read in blocks and for long ones
     * (over a page) read a header at a time; a header read between keeps the pass right.
     */
    @ParameterizedTest
    @ValueSource(ints = {7, 2000})
    void aHeaderPassFillsOneHeaderWithEachTracesOwn(int samples) throws IOException {
        Path file = tmp.resolve("pass" + samples + ".sgy");
        int traces = 50;
        SegyWriteOptions little = SegyWriteOptions.of(samples, 2000).withByteOrder(ByteOrder.LITTLE_ENDIAN);
        try (SegyWriter w = SegyWriter.create(file, little)) {
            for (int t = 0; t < traces; t++) {
                TraceHeader h = new TraceHeader(ByteOrder.LITTLE_ENDIAN);
                h.setInt32(TraceHeader.FIELD_RECORD, 100 + t / 10);
                h.setInt32(TraceHeader.GROUP_X, 7 * t);
                w.write(h, new float[samples]);
            }
        }
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals(samples > 100, 240 + 4L * samples > SegyReader.BLOCK_PASS_MAX_TRACE_BYTES);
            TraceHeader pass = r.headerInPass(0);
            for (int t = 0; t < traces; t++) {
                assertSame(pass, r.headerInPass(t), "trace " + t);
                assertEquals(100 + t / 10, pass.getInt32(TraceHeader.FIELD_RECORD), "trace " + t);
                assertEquals(7 * t, pass.getInt32(TraceHeader.GROUP_X), "trace " + t);
                assertEquals(ByteOrder.LITTLE_ENDIAN, pass.byteOrder());
                if (t % 17 == 0) {
                    assertArrayEquals(pass.toBytes(), r.header(t).toBytes(), "trace " + t);
                }
            }
        }
    }

    @Test
    void integerFormatsRoundAndSaturate() throws IOException {
        float[] in = {1e6f, -1e6f, 2.5f, -2.6f, Float.NaN, 127.4f};
        float[][] expected = {
            {127, -128, 3, -3, 0, 127},
            {32767, -32768, 3, -3, 0, 127},
            {1e6f, -1e6f, 3, -3, 0, 127}};
        SampleFormat[] formats = {SampleFormat.INT8, SampleFormat.INT16, SampleFormat.INT32};
        for (int i = 0; i < 3; i++) {
            Path file = tmp.resolve("sat" + i + ".sgy");
            try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(6, 1000).withFormat(formats[i]))) {
                w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), in);
            }
            try (SegyReader r = SegyReader.open(file)) {
                assertArrayEquals(expected[i], r.readTrace(0), formats[i].shortName());
            }
        }
    }

    @Test
    void asciiTextAndExtendedHeadersAndRev2() throws IOException {
        Path file = tmp.resolve("ext.sgy");
        SegyWriteOptions o = SegyWriteOptions.of(3, 4000).withByteOrder(ByteOrder.LITTLE_ENDIAN)
                .withTextHeader("C 1 ASCII HEADER", TextEncoding.ASCII)
                .withExtendedTextHeaders(List.of("((SEG: Text))", "((SEG: EndText))"))
                .withRevision("2.0");
        try (SegyWriter w = SegyWriter.create(file, o)) {
            w.write(new TraceHeader(ByteOrder.LITTLE_ENDIAN), new float[] {1, 2, 3});
        }
        try (SegyReader r = SegyReader.open(file)) {
            SegyInfo info = r.info();
            assertEquals(TextEncoding.ASCII, info.textEncoding());
            assertEquals("2.0", info.revision());
            assertEquals(2, info.extendedTextHeaders().size());
            assertTrue(info.extendedTextHeaders().get(1).startsWith("((SEG: EndText))"));
            assertEquals(ByteOrder.LITTLE_ENDIAN, info.byteOrder());
            assertEquals(BinaryHeader.BYTE_ORDER_MARKER_VALUE, r.binaryHeader().getInt32(BinaryHeader.BYTE_ORDER_MARKER));
            assertEquals(3, r.binaryHeader().getInt32(BinaryHeader.EXT_SAMPLE_COUNT));
            assertArrayEquals(new float[] {1, 2, 3}, r.readTrace(0));
        }
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(BinaryHeader.BYTE_ORDER_MARKER_VALUE, raw.order(ByteOrder.LITTLE_ENDIAN).getInt(3296));
    }

    @Test
    void copyWithTemplateKeepsHeadersAndConvertsOrderAndFormat() throws IOException {
        Path src = writeCube(tmp.resolve("src.sgy"), SampleFormat.IBM32, ByteOrder.BIG_ENDIAN);
        Path dst = tmp.resolve("dst.sgy");
        try (SegyReader r = SegyReader.open(src)) {
            BinaryHeader template = r.binaryHeader();
            template.setInt32(BinaryHeader.JOB_ID, 4242);
            SegyWriteOptions o = SegyWriteOptions.of(r.samplesPerTrace(), r.sampleIntervalUs())
                    .withFormat(SampleFormat.IEEE32).withByteOrder(ByteOrder.LITTLE_ENDIAN)
                    .withBinaryHeaderTemplate(template).withRawTextHeaders(r.rawTextHeaders());
            float[] s = new float[r.samplesPerTrace()];
            try (SegyWriter w = SegyWriter.create(dst, o)) {
                for (long t = 0; t < r.traceCount(); t++) {
                    w.write(r.readHeaderAndTrace(t, s), s);
                }
            }
            try (SegyReader c = SegyReader.open(dst)) {
                assertEquals(SampleFormat.IEEE32, c.format());
                assertEquals(ByteOrder.LITTLE_ENDIAN, c.byteOrder());
                assertEquals(4242, c.binaryHeader().getInt32(BinaryHeader.JOB_ID));
                assertEquals(r.info().textHeader(), c.info().textHeader());
                for (long t = 0; t < r.traceCount(); t++) {
                    assertEquals(r.header(t).withByteOrder(ByteOrder.LITTLE_ENDIAN), c.header(t));
                    assertArrayEquals(r.readTrace(t), c.readTrace(t), "IBM values are exact in IEEE");
                }
            }
        }
    }

    @Test
    void optionsRejectWhatCannotBeWritten() {
        SegyWriteOptions o = SegyWriteOptions.of(10, 1000);
        assertThrows(IllegalArgumentException.class, () -> o.withFormat(SampleFormat.IEEE64));
        assertThrows(IllegalArgumentException.class, () -> SegyWriteOptions.of(0, 1000));
        assertThrows(IllegalArgumentException.class, () -> SegyWriteOptions.of(70000, 1000));
        assertThrows(IllegalArgumentException.class, () -> SegyWriteOptions.of(10, 40000));
        assertThrows(IllegalArgumentException.class, () -> o.withRevision("one"));
        IllegalArgumentException rev1 = assertThrows(IllegalArgumentException.class,
                () -> SegyWriteOptions.of(40000, 1000).withRevision("1.0"));
        assertEquals("revision 1.0 keeps samples per trace (3221) in a signed 16-bit field, at most 32767, got 40000;"
                + " write revision 2.0 (its extended count at 3269), or leave the revision to the writer, which chooses"
                + " 2.0 then", rev1.getMessage());
        SegyWriteOptions.of(40000, 1000).withRevision("2.0");
        SegyWriteOptions.of(32767, 1000).withRevision("1.0");
    }

    /**
     * Traces per ensemble (3213) is a 16-bit field: more than 32767 receivers a shot is written as
     * 0 (not known), not wrapped to a negative count; metres and the sorting code are kept, and
     * the template made keeps the default revision 1.0 for every format.
     */
    @Test
    void tracesPerEnsembleBeyondTheFieldAreWrittenAsZero() {
        BinaryHeader fits = SegyWriteOptions.of(10, 1000).withMetresSortedAs(BinaryHeader.SORTING_AS_RECORDED, 32767)
                .binaryHeaderTemplate();
        assertEquals(32767, fits.getInt16(BinaryHeader.TRACES_PER_ENSEMBLE));
        BinaryHeader tooMany = SegyWriteOptions.of(10, 1000).withFormat(SampleFormat.IBM32)
                .withMetresSortedAs(BinaryHeader.SORTING_AS_RECORDED, 40000).binaryHeaderTemplate();
        assertEquals(0, tooMany.getInt16(BinaryHeader.TRACES_PER_ENSEMBLE));
        assertEquals(BinaryHeader.METRES, tooMany.getInt16(BinaryHeader.MEASUREMENT_SYSTEM));
        assertEquals(BinaryHeader.SORTING_AS_RECORDED, tooMany.getInt16(BinaryHeader.SORTING));
        assertEquals("1.0", tooMany.revisionString());
        assertThrows(IllegalArgumentException.class,
                () -> SegyWriteOptions.of(10, 1000).withMetresSortedAs(BinaryHeader.SORTING_STACKED, -1));
    }

    @Test
    void shortSampleArrayIsRejected() {
        try (SegyWriter w = SegyWriter.create(tmp.resolve("short.sgy"), SegyWriteOptions.of(10, 1000))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[9]));
            // Traces numbered from 1, as every message counts them: the first is trace 1, not 0.
            assertEquals("trace 1 for " + tmp.resolve("short.sgy") + " has 9 samples, the file has 10 per trace",
                    e.getMessage());
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[10]);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[3])).getMessage().startsWith("trace 2 for "));
        }
    }

    @Test
    void rev2ExtendedSampleCountIsUsedWhenTheShortOneIsZero() throws IOException {
        Path file = tmp.resolve("ext-count.sgy");
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(5, 1000).withRevision("2.0"))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[] {1, 2, 3, 4, 5});
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[] {6, 7, 8, 9, 10});
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[2]), BinaryHeader.SAMPLE_COUNT - 1); // 3221 = 0
        }
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals(0, r.binaryHeader().sampleCount());
            assertEquals(5, r.samplesPerTrace(), "from 3269");
            assertEquals(2, r.traceCount());
            assertArrayEquals(new float[] {6, 7, 8, 9, 10}, r.readTrace(1));
        }
    }

    @Test
    void variableExtendedHeaderCountNeedsAnEndStanza() throws IOException {
        Path file = tmp.resolve("no-end.sgy");
        SegyWriteOptions o = SegyWriteOptions.of(3, 1000).withExtendedTextHeaders(List.of("((SEG: Text))"));
        try (SegyWriter w = SegyWriter.create(file, o)) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[3]);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF}), BinaryHeader.EXTENDED_TEXT_HEADERS - 1);
        }
        SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file));
        assertTrue(e.getMessage().contains("no-end.sgy") && e.getMessage().contains("EndText"), e.getMessage());
    }

    @Test
    void sequentialAndRandomReadsAgree() {
        Path file = writeCube(tmp.resolve("order.sgy"), SampleFormat.INT16, ByteOrder.LITTLE_ENDIAN);
        try (SegyReader sequential = SegyReader.open(file); SegyReader random = SegyReader.open(file)) {
            float[][] inOrder = new float[12][];
            for (int t = 0; t < 12; t++) {
                inOrder[t] = sequential.readTrace(t);
            }
            for (int t : new int[] {11, 0, 5, 6, 7, 3, 3, 10}) {
                assertArrayEquals(inOrder[t], random.readTrace(t), "trace " + t);
                float[] s = new float[7];
                assertEquals(random.header(t), random.readHeaderAndTrace(t, s));
                assertArrayEquals(inOrder[t], s);
            }
        }
    }

    /**
     * A 21 GB (sparse) file opens and gives its last trace at once: the reader only reads the
     * headers and the bytes asked for (the test JVM has a 4 GB heap, so loading it would fail).
     */
    @Test
    void twentyGigabyteFileOpensWithoutLoadingIt() throws IOException {
        Path file = tmp.resolve("huge.sgy");
        float[] first = new float[1000];
        first[999] = 42f;
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(1000, 4000))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), first);
        }
        long traces = 5_000_000L;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3600 + traces * 4240); // a hole: no disk space used on sparse-capable file systems
        }
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals(traces, r.traceCount());
            assertEquals(42f, r.readTrace(0)[999]);
            assertArrayEquals(new float[1000], r.readTrace(traces - 1));
            assertEquals(0, r.header(traces - 1).inline());
            assertEquals(3600 + (traces - 1) * 4240, r.traceOffset(traces - 1));
        }
    }
}
