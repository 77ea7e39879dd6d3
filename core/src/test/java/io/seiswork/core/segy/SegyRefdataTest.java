package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Facts about the reference files from {@code shared/refdata/README.md}, asserted on what
 * {@link SegyReader} reads. Each test names the source test the fact comes from where there is one.
 */
class SegyRefdataTest {

    private static SegyReader open(String relative) {
        return SegyReader.open(RefData.file(relative));
    }

    private static SegyReader open(String relative, SegyReadOptions options) {
        return SegyReader.open(RefData.file(relative), options);
    }

    /** small.sgy value(il, xl, k) = il + xl/100 + k*1e-5, inline-sorted 1..5 x 20..24. */
    private static void assertSmallCube(SegyReader r) {
        SegyInfo info = r.info();
        assertEquals(25, info.traces());
        assertEquals(50, info.samplesPerTrace());
        assertEquals(4000, info.sampleIntervalUs());
        SegyGeometry g = info.geometry();
        assertEquals(SegyGeometry.Sorting.INLINE_SORTED, g.sorting());
        assertEquals(1, g.inlineMin());
        assertEquals(5, g.inlineMax());
        assertEquals(20, g.crosslineMin());
        assertEquals(24, g.crosslineMax());
        assertEquals(1, g.offsetCount());
        float[] t = new float[50];
        for (int il = 1; il <= 5; il++) {
            for (int xl = 20; xl <= 24; xl++) {
                r.readTrace((il - 1) * 5L + (xl - 20), t);
                for (int k = 0; k < 50; k++) {
                    assertEquals(il + xl / 100.0 + k * 1e-5, t[k], 1e-5, "il " + il + " xl " + xl + " k " + k);
                }
            }
        }
    }

    @Test
    void smallIsIbmBigEndianInlineSortedCube() {
        try (SegyReader r = open("segyio/small.sgy")) {
            SegyInfo info = r.info();
            assertEquals(SampleFormat.IBM32, info.format());
            assertEquals(ByteOrder.BIG_ENDIAN, info.byteOrder());
            assertEquals(TextEncoding.EBCDIC, info.textEncoding());
            assertEquals(3600, info.firstTraceOffset());
            assertEquals(240 + 200, info.traceBytes());
            assertEquals(1.1999998f, r.readTrace(0)[0]);
            // test_inline_4 / test_xline_22 (segyio python/test/segy.py)
            float[] il4xl22 = r.readTrace(3 * 5 + 2);
            assertEquals(4.22, il4xl22[0], 1e-6);
            assertEquals(4.22024, il4xl22[24], 1e-6);
            assertEquals(4.22049, il4xl22[49], 1e-6);
            assertEquals(0, r.header(0).sampleCount(), "trace-header 115 is 0: the binary header must be used");
            assertSmallCube(r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"segyio/small-lsb.sgy", "segyio/text-embed-null.sgy", "segyio/normal-small.sgy"})
    void smallVariantsDecodeLikeSmall(String file) {
        try (SegyReader r = open(file)) {
            assertSmallCube(r);
            assertEquals(3200, r.info().textHeader().length());
        }
    }

    @Test
    void smallLsbIsLittleEndianWithSameHeaders() {
        try (SegyReader big = open("segyio/small.sgy"); SegyReader little = open("segyio/small-lsb.sgy")) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, little.byteOrder());
            for (long t = 0; t < 25; t++) {
                assertEquals(big.header(t).withByteOrder(ByteOrder.LITTLE_ENDIAN), little.header(t));
                assertArrayEquals(big.readTrace(t), little.readTrace(t));
            }
        }
    }

    @Test
    void textEmbedNullKeepsAll3200Characters() {
        try (SegyReader r = open("segyio/text-embed-null.sgy")) {
            String text = r.info().textHeader();
            assertEquals(3200, text.length());
            assertEquals('\0', text.charAt(24));
        }
    }

    @ParameterizedTest
    @CsvSource({"segyio/small.su, big", "segyio/small-lsb.su, little"})
    void seismicUnixSmallUsesTracrAndCdpKeys(String file, String order) {
        try (SegyReader r = open(file)) {
            assertTrue(r.info().seismicUnix());
            assertEquals(ByteOrders.parse(order), r.byteOrder());
            assertEquals(SampleFormat.IEEE32, r.format());
            assertEquals(TextEncoding.NONE, r.info().textEncoding());
            assertEquals(4000, r.sampleIntervalUs(), "dt is 0 in the file: the fallback applies");
            assertTrue(r.sampleIntervalIsFallback(), "dt (117) = 0 in the file: 4000 µs is assumed, and says so");
            assertTrue(r.info().sampleIntervalFallback());
            assertSmallCube(r);
        }
    }

    @Test
    void tinyHasThreeInlinesTwoCrosslinesFourSamples() {
        try (SegyReader r = open("segyio/tiny.sgy")) {
            assertEquals(6, r.traceCount());
            assertEquals(4, r.samplesPerTrace());
            float[] expected = {1.2f, 1.21f, 2.2f, 2.21f, 3.2f, 3.21f};
            for (int t = 0; t < 6; t++) {
                assertEquals(expected[t], r.readTrace(t)[0], 1e-6);
            }
            SegyGeometry g = r.info().geometry();
            assertEquals(3, g.inlineCount());
            assertEquals(2, g.crosslineCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"segyio/f3.sgy", "segyio/f3-lsb.sgy"})
    void f3Facts(String file) {
        try (SegyReader r = open(file)) {
            SegyInfo info = r.info();
            assertEquals(SampleFormat.INT16, info.format());
            assertEquals(file.contains("lsb") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, info.byteOrder());
            assertEquals(75, info.samplesPerTrace());
            assertEquals(414, info.traces());
            assertEquals(4000, info.sampleIntervalUs());
            assertEquals("1.0", info.revision());
            assertTrue(info.textHeader().startsWith("C 1 "), info.textHeader().substring(0, 80));
            assertTrue(info.textHeader().contains("Cropped F3") || info.textHeader().toUpperCase().contains("CROPPED F3"));
            SegyGeometry g = info.geometry();
            assertEquals(SegyGeometry.Sorting.INLINE_SORTED, g.sorting());
            assertEquals(111, g.inlineMin());
            assertEquals(133, g.inlineMax());
            assertEquals(23, g.inlineCount());
            assertEquals(875, g.crosslineMin());
            assertEquals(892, g.crosslineMax());
            assertEquals(18, g.crosslineCount());
            // test_readtrace_int16
            float[] t10 = r.readTrace(10);
            assertArrayEquals(new float[] {0, -1170, 5198, -2213, -888},
                    new float[] {t10[20], t10[25], t10[30], t10[35], t10[40]});
            assertArrayEquals(new float[] {-2609, -2625, 681}, new float[] {t10[53], t10[52], t10[51]});
            TraceHeader h0 = r.header(0);
            assertEquals(-10, h0.getInt16(TraceHeader.COORDINATE_SCALAR));
            assertEquals(6201972, h0.getInt32(TraceHeader.CDP_X));
            assertEquals(620197.2, h0.cdpXM(), 1e-6);
            assertEquals(6074232.9, h0.cdpYM(), 1e-6);
            assertEquals(4.0, h0.delayMs());
            assertEquals(4.0, r.info().delayMs(), "delay (109) = 4 ms: the first sample's time");
            // segysak test_accessor corner points (il, xl) -> x, y, within the bytes' precision
            assertCorner(r, 111, 892, 620622.1, 6074244.7);
            assertCorner(r, 133, 892, 620606.7, 6074794.5);
            assertCorner(r, 133, 875, 620181.9, 6074782.6);
        }
    }

    private static void assertCorner(SegyReader r, int il, int xl, double x, double y) {
        TraceHeader h = r.header((il - 111) * 18L + (xl - 875));
        assertEquals(il, h.inline());
        assertEquals(xl, h.crossline());
        assertEquals(x, h.cdpXM(), 1e-6);
        assertEquals(y, h.cdpYM(), 1e-6);
    }

    @Test
    void f3LsbDecodesIdenticallyToF3() {
        try (SegyReader a = open("segyio/f3.sgy"); SegyReader b = open("segyio/f3-lsb.sgy")) {
            for (long t = 0; t < a.traceCount(); t++) {
                assertArrayEquals(a.readTrace(t), b.readTrace(t), "trace " + t);
            }
        }
    }

    /** The f3 int16 value converted to the target type with C-style wrap-around (refdata README 1.2). */
    private static double wrapped(int code, short v) {
        return switch (code) {
            case 1, 2, 3, 5, 6, 7, 9 -> v;
            case 8 -> (byte) v;
            case 10 -> v & 0xFFFFFFFFL;
            case 11 -> v & 0xFFFF;
            case 12 -> v < 0 ? 18446744073709551616.0 + v : v;
            case 15 -> v & 0xFFFFFF;
            case 16 -> v & 0xFF;
            default -> throw new IllegalArgumentException("code " + code);
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16})
    void multiformatsKnownAnswersBothEndians(int code) {
        float[][] f3 = new float[414][];
        try (SegyReader ref = open("segyio/f3.sgy")) {
            for (int t = 0; t < 414; t++) {
                f3[t] = ref.readTrace(t);
            }
        }
        for (String end : new String[] {"msb", "lsb"}) {
            String file = "segyio/multiformats/Format" + code + end + ".sgy";
            try (SegyReader r = open(file)) {
                assertEquals(SampleFormat.fromCode(code), r.format(), file);
                assertEquals(end.equals("msb") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, r.byteOrder(), file);
                assertEquals(414, r.traceCount(), file);
                assertEquals(75, r.samplesPerTrace(), file);
                assertEquals(3600, r.info().firstTraceOffset(), file);
                assertEquals(240 + 75L * SampleFormat.fromCode(code).bytesPerSample(), r.info().traceBytes(), file);
                float[] t = new float[75];
                for (int i = 0; i < 414; i++) {
                    r.readTrace(i, t);
                    for (int k = 0; k < 75; k++) {
                        float expected = (float) wrapped(code, (short) f3[i][k]);
                        assertEquals(expected, t[k], Math.abs(expected) * 1e-7, file + " trace " + i + " sample " + k);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"msb", "lsb"})
    void format4FixedPointWithGainIsRejectedByName(String end) {
        SegyException e = assertThrows(SegyException.class, () -> open("segyio/multiformats/Format4" + end + ".sgy"));
        assertTrue(e.getMessage().contains("Format4" + end + ".sgy"), e.getMessage());
        assertTrue(e.getMessage().contains("format code 4"), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 3224"), e.getMessage());
    }

    @Test
    void longReadsSampleCountUnsigned() {
        try (SegyReader r = open("segyio/long.sgy")) {
            assertEquals(60000, r.samplesPerTrace());
            assertEquals(3, r.traceCount());
            assertEquals(1000, r.sampleIntervalUs());
            assertEquals(60000, r.readTrace(2).length);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "segyio/interval-neg-bin-neg-trace.sgy, 100",
        "segyio/interval-neg-bin-pos-trace.sgy, 4000",
        "segyio/interval-pos-bin-neg-trace.sgy, 2000"})
    void intervalFallbackRules(String file, int expectedUs) {
        try (SegyReader r = open(file, SegyReadOptions.defaults().withFallbackIntervalUs(100))) {
            assertEquals(expectedUs, r.sampleIntervalUs());
            assertEquals(1, r.traceCount());
            assertEquals(1, r.samplesPerTrace());
        }
    }

    @Test
    void delayScalarIsAppliedAndTextIsAscii() {
        try (SegyReader r = open("segyio/delay-scalar.sgy")) {
            assertEquals(TextEncoding.ASCII, r.info().textEncoding());
            assertEquals(251, r.samplesPerTrace());
            TraceHeader h = r.header(0);
            assertEquals(10000, h.getInt16(TraceHeader.DELAY));
            assertEquals(-10, h.getInt16(TraceHeader.TIME_SCALAR));
            assertEquals(1000.0, h.delayMs());
            assertEquals(1000.0, r.delayMs(0), "segyio test_delay_scalar_applied: first sample at 1000 ms");
            assertEquals(1000.0, r.info().delayMs());
            assertFalse(r.info().sampleIntervalFallback(), "dt 4000 is in the file");
            assertEquals(2500, h.inline());
            assertEquals(1883, h.crossline());
        }
    }

    @Test
    void textHeaderDecodesCp037WithPipeFor0x6A() {
        try (SegyReader r = open("segyio/text.sgy")) {
            assertEquals(0, r.traceCount());
            assertEquals(null, r.info().geometry());
            String text = r.info().textHeader();
            assertTrue(text.startsWith("C 1 DATE: 22/02/2016"), text.substring(0, 80));
            assertTrue(text.substring(880, 960).startsWith("C12   INLINE BYTES 005-008    | OFFSET BYTES 037-040"),
                    text.substring(880, 960));
            assertEquals('|', text.charAt(910));
            assertEquals('|', text.charAt(990));
        }
    }

    @Test
    void multiTextHasFourExtendedHeaders() {
        try (SegyReader r = open("segyio/multi-text.sgy")) {
            assertEquals(4, r.info().extendedTextHeaders().size());
            r.info().extendedTextHeaders().forEach(t -> assertTrue(t.startsWith("C"), t.substring(0, 10)));
            assertEquals(3600 + 4 * 3200, r.info().firstTraceOffset());
            assertEquals(1, r.traceCount());
        }
    }

    @Test
    void stanzasKnownAndVariableCount() {
        try (SegyReader known = open("segyio/stanzas-known-count.sgy");
                SegyReader unknown = open("segyio/stanzas-unknown-count.sgy")) {
            assertEquals(3, known.info().extendedTextHeaders().size());
            assertTrue(known.info().extendedTextHeaders().get(1).startsWith("((SEGYIO:Test EBCDIC data))"));
            assertEquals(6, known.traceCount());
            assertEquals(3, unknown.info().extendedTextHeaders().size());
            assertTrue(TextHeaderCodec.isEndTextStanza(unknown.info().extendedTextHeaders().get(2)));
            assertEquals(6, unknown.traceCount());
            assertEquals(4, unknown.samplesPerTrace());
        }
    }

    @Test
    void brokenIsRejectedWithTraceAndOffset() {
        SegyException e = assertThrows(SegyException.class, () -> open("segyio/broken.sgy"));
        assertTrue(e.getMessage().contains("broken.sgy"), e.getMessage());
        assertTrue(e.getMessage().contains("trace size mismatch"), e.getMessage());
        assertEquals(3, e.traceIndex());
        assertEquals(3600 + 2 * 3200 + 3 * 256, e.byteOffset());
        assertTrue(e.getMessage().contains("; trace 4 is incomplete, 68 bytes of it present"), e.getMessage());
        assertTrue(e.getMessage().contains("(trace 4, byte offset 10768)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"decrement", "decrement-lsb", "increment", "increment-lsb"})
    void extremeHeaderValuesRev21(String name) {
        boolean dec = name.startsWith("decrement");
        try (SegyReader r = open("segyio/" + name + ".sgy")) {
            assertEquals(name.endsWith("lsb") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, r.byteOrder());
            assertEquals(4, r.samplesPerTrace(), "from the rev-2 extended sample count 3269");
            assertEquals(5, r.traceCount());
            BinaryHeader b = r.binaryHeader();
            assertEquals(dec ? 2147483647 : -2147483648, b.getInt32(BinaryHeader.JOB_ID));
            assertEquals(dec ? 65526 : 8, b.getUInt16(3223));
            assertEquals(dec ? 32755 : -32756, b.getInt16(3231));
            assertEquals(dec ? 1125899906842593.0 : -1125899906842593.0, b.getFloat64(3281));
            assertEquals(dec ? 217 : 37, b.getUInt8(BinaryHeader.REVISION_MINOR));
            assertEquals(dec ? "18446744073709551572" : "43", Long.toUnsignedString(b.getInt64(3513)));
            TraceHeader h = r.header(3);
            assertEquals(dec ? 32627 : -32628, h.getInt16(TraceHeader.DELAY));
            assertEquals(dec ? 65382 : 152, h.getUInt16(TraceHeader.SAMPLE_COUNT));
            assertEquals(dec ? 2147483355 : -2147483356, h.getInt32(TraceHeader.INLINE));
        }
    }

    @Test
    void smallPreStackHasTwoOffsets() {
        try (SegyReader r = open("segyio/small-ps.sgy")) {
            SegyGeometry g = r.info().geometry();
            assertEquals(SegyGeometry.Sorting.INLINE_SORTED, g.sorting());
            assertEquals(2, g.offsetCount());
            assertEquals(4, g.inlineCount());
            assertEquals(3, g.crosslineCount());
            float[] first = {101.01f, 201.01f, 101.02f, 201.02f};
            for (int t = 0; t < 4; t++) {
                assertEquals(first[t], r.readTrace(t)[0], 1e-4);
            }
            assertEquals(102.01, r.readTrace(6)[0], 1e-4);
            float[] s = new float[10];
            for (long t = 0; t < 24; t++) {
                TraceHeader h = r.header(t);
                r.readTrace(t, s);
                assertEquals(h.offset() * 100 + h.inline() + h.crossline() / 100.0 + 9e-5, s[9], 1e-4);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dec-il-inc-xl-off", "dec-il-off-inc-xl", "dec-il-xl-inc-off", "dec-il-xl-off",
        "dec-off-inc-il-xl", "dec-xl-inc-il-off", "dec-xl-off-inc-il"})
    void permutedPreStackIsInlineSorted(String variant) {
        try (SegyReader r = open("segyio/small-ps-" + variant + ".sgy")) {
            SegyGeometry g = r.info().geometry();
            assertEquals(SegyGeometry.Sorting.INLINE_SORTED, g.sorting(), "check_sorting in segyio lib/test/segy.cpp");
            assertEquals(1, g.inlineMin());
            assertEquals(4, g.inlineMax());
            assertEquals(1, g.crosslineMin());
            assertEquals(3, g.crosslineMax());
            assertEquals(2, g.offsetCount());
        }
    }

    @ParameterizedTest
    @CsvSource({"1x1, 4, 1, 1, 4", "1xN, 24, 1, 6, 4", "Mx1, 24, 6, 1, 4"})
    void degenerateCubes(String name, long traces, int inlines, int crosslines, int offsets) {
        try (SegyReader r = open("segyio/" + name + ".sgy")) {
            SegyGeometry g = r.info().geometry();
            assertEquals(traces, r.traceCount());
            assertTrue(g.isCube());
            assertEquals(inlines, g.inlineCount());
            assertEquals(crosslines, g.crosslineCount());
            assertEquals(offsets, g.offsetCount());
            assertEquals(0, g.inlineMin());
        }
    }

    @Test
    void shotGatherIsUnstructuredWithFfidGroups() {
        try (SegyReader r = open("segyio/shot-gather.sgy")) {
            assertEquals(61, r.traceCount());
            assertEquals(25, r.samplesPerTrace());
            assertFalse(r.info().isCube());
            Map<Integer, Integer> groups = new TreeMap<>();
            for (long t = 0; t < 61; t++) {
                int ffid = r.header(t).getInt32(TraceHeader.FIELD_RECORD);
                groups.merge(ffid, 1, Integer::sum);
                assertEquals(ffid, r.readTrace(t)[0], 1e-6);
            }
            assertEquals(Map.of(2, 10, 3, 12, 5, 13, 8, 26), groups);
        }
    }

    @ParameterizedTest
    @CsvSource({"normal, 0.000, 1.571", "acute, 0.785, 2.356", "right, 1.571, 3.142", "obtuse, 2.356, 3.927",
        "straight, 3.142, 4.712", "reflex, 3.927, 5.498", "left, 4.712, 0.000", "inv-acute, 5.498, 0.785"})
    void rotationFromScaledCdpCoordinates(String name, double inlineAngle, double crosslineAngle) {
        try (SegyReader r = open("segyio/" + name + "-small.sgy")) {
            assertEquals(inlineAngle, clockwiseFromNorth(r.header(0), r.header(4)), 1e-3);
            assertEquals(crosslineAngle, clockwiseFromNorth(r.header(0), r.header(5)), 1e-3);
            TraceHeader h = r.header(7);
            assertEquals(TraceHeader.applyScalar(h.getInt32(TraceHeader.CDP_X), h.getInt16(TraceHeader.COORDINATE_SCALAR)),
                    h.cdpXM());
        }
    }

    private static double clockwiseFromNorth(TraceHeader a, TraceHeader b) {
        double angle = Math.atan2(b.cdpXM() - a.cdpXM(), b.cdpYM() - a.cdpYM());
        double twoPi = 2 * Math.PI;
        double r = ((angle % twoPi) + twoPi) % twoPi;
        return r > twoPi - 5e-4 ? 0 : r;
    }

    @Test
    void rev2TraceHeaderExtensionEnlargesTraces() {
        try (SegyReader r = open("segyio/rotated-small-rev2.sgy")) {
            assertEquals("2.0", r.info().revision());
            assertEquals(1, r.info().traceHeaderExtensions());
            assertEquals(680, r.info().traceBytes());
            assertSmallCube(r);
        }
    }

    @Test
    void traceHeaderExtension1SkipsTheExtension() {
        try (SegyReader r = open("segyio/trace-header-extension1.sgy")) {
            assertEquals("2.1", r.info().revision());
            assertEquals(6, r.traceCount());
            for (int t = 0; t < 6; t++) {
                assertEquals(0x11111111 + t, r.header(t).getInt32(TraceHeader.TRACE_SEQUENCE_LINE));
            }
        }
        try (SegyReader r = open("segyio/trace-header-extensions.sgy")) {
            assertEquals(2, r.info().traceHeaderExtensions());
            assertEquals(2, r.traceCount());
            assertEquals(20, r.header(0).crossline());
            assertEquals(21, r.header(1).crossline());
            assertEquals(1, r.header(1).inline());
        }
    }

    /**
     * Rev-2.1 XML layout stanzas are parsed: the stanza's iline/xline/offset bytes drive the
     * geometry (segyio {@code test_open_with_custom_mapping}); -minimal maps them to bytes 1/5/9.
     */
    @ParameterizedTest
    @CsvSource({"default, 189, 193, 37", "multiple-stanzas, 189, 193, 37", "shifted, 190, 194, 38",
        "minimal, 1, 5, 9"})
    void mappingFilesUseTheStanzaLayout(String name, int il, int xl, int off) {
        try (SegyReader r = open("segyio/mapping-" + name + ".sgy")) {
            SegyGeometry g = r.info().geometry();
            assertEquals(6, r.traceCount());
            assertArrayEquals(new int[] {il, xl, off}, r.geometryKeyBytes());
            assertTrue(g.isCube());
            assertEquals(1, g.inlineMin());
            assertEquals(3, g.inlineMax());
            assertEquals(20, g.crosslineMin());
            assertEquals(21, g.crosslineMax());
            assertEquals(1, g.offsetCount());
            for (int t = 0; t < 6; t++) {
                assertEquals(1, r.header(t).getInt32(off), "offset of trace " + t);
            }
            assertEquals(List.of("SEG00000"), r.traceHeaderLayouts());
        }
    }

    /** Bytes the caller sets explicitly win over the stanza's. */
    @Test
    void explicitOptionsOverrideTheStanza() {
        try (SegyReader r = open("segyio/mapping-shifted.sgy", SegyReadOptions.defaults().withInlineByte(5))) {
            assertArrayEquals(new int[] {5, 194, 38}, r.geometryKeyBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unparsable", "invalid-root", "invalid-attribute", "invalid-value", "unsupported-type",
        "encoding-private"})
    void invalidMappingsAreRejected(String name) {
        SegyException e = assertThrows(SegyException.class, () -> open("segyio/mapping-" + name + ".sgy"));
        assertTrue(e.getMessage().contains("mapping-" + name + ".sgy: error parsing trace header mappings: "),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"mixed-order, SEG00000 SEG00001 PRIVATE1 PRIVATE2", "no-extension1, SEG00000 PRIVATE1",
        "encoding-ext1, SEG00000 SEG00001", "all-types, SEG00000 TYPES", "all-types-lsb, SEG00000 TYPES"})
    void layoutNamesFollowTheTraceExtensions(String name, String names) {
        try (SegyReader r = open("segyio/mapping-" + name + ".sgy")) {
            assertEquals(List.of(names.split(" ")), r.traceHeaderLayouts());
        }
    }

    /** -all-types declares every field type rev 2.1 defines, with its size. */
    @Test
    void allTypesStanzaCoversEveryType() {
        try (SegyReader r = open("segyio/mapping-all-types.sgy")) {
            TraceHeaderLayout types = r.layoutStanzas().get(0).extension("TYPES").orElseThrow();
            assertEquals(TraceHeaderLayout.FieldType.values().length, types.fields().size());
            for (TraceHeaderLayout.Field f : types.fields()) {
                assertEquals(f.name(), f.type().stanzaName());
            }
            assertEquals(83, types.field("scale6").orElseThrow().bytePosition());
        }
    }

    @Test
    void mappingEmptyIsRejectedLikeSegyio() {
        SegyException e = assertThrows(SegyException.class, () -> open("segyio/mapping-empty.sgy"));
        assertTrue(e.getMessage().contains("mapping-empty.sgy") && e.getMessage().contains("trace size mismatch"),
                e.getMessage());
    }

    @Test
    void withDeadIsSparseNotACube() {
        try (SegyReader r = open("segysak/f3-withdead.sgy"); SegyReader f3 = open("segyio/f3.sgy")) {
            SegyInfo info = r.info();
            assertEquals(239, info.traces());
            assertEquals(SampleFormat.IBM32, info.format());
            assertFalse(info.isCube());
            SegyGeometry g = info.geometry();
            assertEquals(111, g.inlineMin());
            assertEquals(133, g.inlineMax());
            assertEquals(23, g.inlineCount());
            assertEquals(18, g.crosslineCount());
            assertEquals(239, g.occupiedPositions());
            assertEquals(175, g.missingPositions());
            for (long t = 0; t < 239; t += 17) {
                TraceHeader h = r.header(t);
                long f3Index = (h.inline() - 111) * 18L + (h.crossline() - 875);
                assertArrayEquals(f3.readTrace(f3Index), r.readTrace(t), "trace " + t);
            }
        }
    }

    @Test
    void segysakEbcdicTest() {
        try (SegyReader r = open("segysak/f3-ebcidctest.sgy")) {
            SegyInfo info = r.info();
            assertEquals(200, info.traces());
            assertEquals(463, info.samplesPerTrace());
            assertEquals(TextEncoding.EBCDIC, info.textEncoding());
            assertTrue(info.textHeader().startsWith("C01 segysak Python Library SEG-Y Output"));
            assertEquals(105, info.geometry().inlineMin());
            assertEquals(106, info.geometry().inlineMax());
            assertEquals(300, info.geometry().crosslineMin());
            assertEquals(399, info.geometry().crosslineMax());
        }
    }

    @Test
    void volve2dLineInDepth() {
        try (SegyReader r = open("segysak/volve10r12-full-z-il10117sub.sgy")) {
            assertEquals(SampleFormat.IEEE32, r.format());
            assertEquals(1125, r.samplesPerTrace());
            assertEquals(202, r.traceCount());
            assertFalse(r.info().isCube(), "inline/crossline words are 0: a 2D line is not a cube");
            TraceHeader first = r.header(0);
            TraceHeader last = r.header(201);
            assertEquals(1, first.getInt32(TraceHeader.CDP));
            assertEquals(202, last.getInt32(TraceHeader.CDP));
            assertEquals(436482.18, first.sourceXM(), 1e-6);
            assertEquals(6477774.51, first.sourceYM(), 1e-6);
            assertEquals(434044.32, last.sourceXM(), 1e-6);
            assertEquals(6478382.41, last.sourceYM(), 1e-6);
        }
    }

    @Test
    void volve3dVelocityCube() {
        try (SegyReader r = open("segysak/volve10-migvel-depth-sub3d.sgy")) {
            SegyGeometry g = r.info().geometry();
            assertEquals(936, r.traceCount());
            assertEquals(226, r.samplesPerTrace());
            assertEquals(20000, r.sampleIntervalUs());
            assertEquals(SegyGeometry.Sorting.INLINE_SORTED, g.sorting());
            assertEquals(10087, g.inlineMin());
            assertEquals(10155, g.inlineMax());
            assertEquals(18, g.inlineCount());
            assertEquals(2148, g.crosslineMin());
            assertEquals(2352, g.crosslineMax());
            assertEquals(52, g.crosslineCount());
            assertEquals(436415.70, r.header(0).cdpXM(), 1e-6);
            assertEquals(6477404.61, r.header(0).cdpYM(), 1e-6);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            float[] t = new float[226];
            for (long i = 0; i < 936; i++) {
                r.readTrace(i, t);
                for (float v : t) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            assertEquals(1480.0f, min);
            assertEquals(4706.09, max, 0.01);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "00001034.sgy_first_trace, little, IBM32, ASCII, 2001, 2000",
        "1.sgy_first_trace, big, INT32, ASCII, 8000, 250",
        "example.y_first_trace, big, INT16, EBCDIC, 500, 2000",
        "ld0042_file_00018.sgy_first_trace, big, IBM32, EBCDIC, 2050, 2000",
        "planes.segy_first_trace, little, IBM32, EBCDIC, 512, 4000",
        "one_trace_year_11.sgy, big, INT32, ASCII, 8000, 250",
        "one_trace_year_99.sgy, big, INT32, ASCII, 8000, 250"})
    void obspyFilesMatchTheirNpyKnownAnswers(String name, String order, SampleFormat format, TextEncoding encoding,
            int samples, int intervalUs) throws IOException {
        Path npy = RefData.file("obspy/" + name + ".npy");
        try (SegyReader r = open("obspy/" + name)) {
            assertEquals(ByteOrders.parse(order), r.byteOrder());
            assertEquals(format, r.format());
            assertEquals(encoding, r.info().textEncoding());
            assertEquals(samples, r.samplesPerTrace());
            assertEquals(intervalUs, r.sampleIntervalUs());
            assertEquals(1, r.traceCount());
            assertArrayEquals(RefData.npy(npy), r.readTrace(0), "test_unpack_segy_data");
        }
    }

    @Test
    void obspyNonNormalisedIbmFloats() throws IOException {
        Path file = RefData.file("obspy/00001034.sgy_first_trace");
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int nonNormalised = 0;
        for (int k = 0; k < 2001; k++) {
            int w = raw.getInt(3600 + 240 + 4 * k);
            if ((w & 0x00FFFFFF) != 0 && (w & 0x00F00000) == 0) {
                nonNormalised++;
            }
        }
        assertEquals(178, nonNormalised, "header.py lists 178 non-normalised samples");
        try (SegyReader r = SegyReader.open(file)) {
            assertArrayEquals(RefData.npy(RefData.file("obspy/00001034.sgy_first_trace.npy")), r.readTrace(0));
        }
    }

    @Test
    void obspyOneSgyHeaders() {
        try (SegyReader r = open("obspy/1.sgy_first_trace")) {
            BinaryHeader b = r.binaryHeader();
            assertEquals(24, b.getInt16(BinaryHeader.TRACES_PER_ENSEMBLE));
            assertEquals(1, b.getInt16(BinaryHeader.SORTING));
            assertEquals("0.0", r.info().revision());
            TraceHeader h = r.header(0);
            assertEquals(1, h.getInt32(TraceHeader.FIELD_RECORD));
            assertEquals(1, h.getInt32(TraceHeader.TRACE_NUMBER));
            assertEquals(1, h.getInt16(TraceHeader.TRACE_ID));
            assertEquals(-100, h.getInt16(TraceHeader.ELEVATION_SCALAR));
            assertEquals(-100, h.getInt16(TraceHeader.COORDINATE_SCALAR));
            assertEquals(300, h.getInt32(TraceHeader.GROUP_X));
            assertEquals(3.0, h.groupXM());
            assertEquals(-100, h.getInt16(TraceHeader.DELAY));
            assertEquals(8000, h.sampleCount());
            assertEquals(250, h.sampleIntervalUs());
            assertEquals(2005, h.getInt16(157));
            assertEquals(353, h.getInt16(159));
        }
        try (SegyReader r = open("obspy/ld0042_file_00018.sgy_first_trace")) {
            assertEquals("CLIENT: LITHOPROBE", r.info().textHeader().substring(3, 21));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.su_first_trace", "one_trace_year_11.su", "one_trace_year_99.su"})
    void obspySeismicUnixFiles(String name) throws IOException {
        try (SegyReader r = open("obspy/" + name, SegyReadOptions.seismicUnixDefaults())) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, r.byteOrder());
            assertEquals(8000, r.samplesPerTrace());
            assertEquals(250, r.sampleIntervalUs());
            assertArrayEquals(RefData.npy(RefData.file("obspy/1.sgy_first_trace.npy")), r.readTrace(0));
            int year = r.header(0).getInt16(157);
            assertEquals(name.contains("11") ? 11 : name.contains("99") ? 99 : 2005, year);
        }
    }

    /**
     * An SU file read as SEG-Y is said not to look like SEG-Y, and marked so, for the command line to
     * add its --su hint ({@link SegyException#withHint}); the reader names no option, since a job
     * spec, which reads SEG-Y too, has none.
     */
    @Test
    void suWithoutSuOptionSaysSo() {
        SegyException e = assertThrows(SegyException.class, () -> open("obspy/1.su_first_trace"));
        assertTrue(e.getMessage().contains("is it a SEG-Y file?"), e.getMessage());
        assertFalse(e.getMessage().contains("--su"), e.getMessage());
        assertTrue(e.notSegyFile());
        SegyException hinted = e.withHint("; an SU file needs --su");
        assertTrue(hinted.getMessage().contains("is it a SEG-Y file?); an SU file needs --su (byte offset 3224)"),
                hinted.getMessage());
        assertTrue(hinted.notSegyFile());
        assertNotNull(e.file());
    }
}
