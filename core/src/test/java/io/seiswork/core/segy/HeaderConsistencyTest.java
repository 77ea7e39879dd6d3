package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HeaderConsistency} on reference files whose headers are right (no warning) and on copies
 * made wrong in one field: a relabelled sample format, a trace-header sample count that
 * disagrees with the binary header's.
 */
class HeaderConsistencyTest {

    /** Files whose headers the refdata README vouches for ([V]/[S]): none may be warned of. */
    private static final List<String> CORRECT = List.of("segyio/small.sgy", "segyio/small-lsb.sgy", "segyio/tiny.sgy", "segyio/delay-scalar.sgy", "segyio/shot-gather.sgy",
            "segyio/small-ps.sgy", "segyio/rotated-small-rev2.sgy", "segyio/text.sgy", "segyio/long.sgy",
            "segyio/text-embed-null.sgy", "segyio/multi-text.sgy", "segyio/small.su", "segyio/small-lsb.su",
            "segysak/f3-withdead.sgy", "segysak/f3-ebcidctest.sgy", "segysak/volve10r12-full-z-il10117sub.sgy",
            "segysak/volve10-migvel-depth-sub3d.sgy", "obspy/00001034.sgy_first_trace", "obspy/1.sgy_first_trace",
            "obspy/example.y_first_trace", "obspy/ld0042_file_00018.sgy_first_trace", "obspy/planes.segy_first_trace",
            "obspy/one_trace_year_11.sgy", "obspy/one_trace_year_99.sgy");

    @TempDir
    Path tmp;

    private static List<String> warnings(Path file) {
        try (SegyReader r = SegyReader.open(file)) {
            return HeaderConsistency.warnings(r);
        }
    }

    @Test
    void correctReferenceFilesGiveNoWarning() {
        for (String f : CORRECT) {
            assertEquals(List.of(), warnings(RefData.file(f)), f);
        }
    }

    /**
     * The F3 crop and its re-encodings kept the full survey's trace headers: bytes 115–116 say 462
     * samples (checked with Python's struct) where the binary header and the file's size say 75.
     * That one warning, true, and none about the format, in any of the twelve formats and two orders.
     */
    @Test
    void theF3CropsStaleTraceSampleCountIsTheirOnlyWarning() {
        String stale = "the first trace header says 462 samples per trace (bytes 115–116), the binary header 75: 75 is"
                + " used, the binary header's (bytes 3221–3222), the count the file's size fits";
        assertEquals(List.of(stale), warnings(RefData.file("segyio/f3.sgy")));
        assertEquals(List.of(stale), warnings(RefData.file("segyio/f3-lsb.sgy")));
        for (int code : new int[] {1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 15, 16}) {
            for (String end : new String[] {"msb", "lsb"}) {
                String f = "segyio/multiformats/Format" + code + end + ".sgy";
                assertEquals(List.of(stale), warnings(RefData.file(f)), f);
            }
        }
    }

    /** A copy of {@code source} with the 16-bit word at 1-based file byte {@code position} set to {@code value}. */
    private Path withWord(Path source, int position, int value, ByteOrder order) throws Exception {
        Path copy = tmp.resolve(source.getFileName().toString().replace(".sgy", "") + "-" + position + "-" + value + ".sgy");
        byte[] all = Files.readAllBytes(source);
        ByteBuffer.wrap(all).order(order).putShort(position - 1, (short) value);
        Files.write(copy, all);
        return copy;
    }

    /** F3's IBM floats (the int16 values, -30000 .. 30000) labelled IEEE: their bit pattern gives them away. */
    @Test
    void ibmFloatsLabelledIeeeAreWarnedOf() throws Exception {
        for (String end : new String[] {"msb", "lsb"}) {
            ByteOrder order = end.equals("msb") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Path relabelled = withWord(RefData.file("segyio/multiformats/Format1" + end + ".sgy"), BinaryHeader.FORMAT, 5,
                    order);
            List<String> w = warnings(relabelled);
            assertEquals(2, w.size(), "the stale 462 and the format: " + w);
            assertTrue(w.get(1).startsWith("the samples look like IBM floats (format 1), not IEEE floats (format 5) as"
                    + " the binary header says (bytes 3225–3226): of "), w.get(1));
            assertTrue(w.get(1).contains("none has the bit pattern IBM floats cannot make"), w.get(1));
            try (SegyReader r = SegyReader.open(relabelled)) {
                assertEquals(SampleFormat.IEEE32, r.format(), "still read as the header says");
            }
        }
    }

    /**
     * The limit, documented: segyio's small.sgy (IBM 1.2 .. 5.24) labelled IEEE reads 9.2 .. 13.24,
     * IEEE floats as valid as the IBM ones (the same words are float32(9.2) and IBM 1.2), within a
     * factor 16, so the bytes cannot tell; no warning.
     */
    @Test
    void ibmFloatsWithinAFactor16CannotBeToldFromIeee() throws Exception {
        Path relabelled = withWord(RefData.file("segyio/small.sgy"), BinaryHeader.FORMAT, 5, ByteOrder.BIG_ENDIAN);
        try (SegyReader r = SegyReader.open(relabelled)) {
            assertEquals(9.2f, r.readTrace(0)[0], 1e-5f, "refdata README 1.1: first sample IBM 1.2");
        }
        assertEquals(List.of(), warnings(relabelled));
    }

    /** IEEE data of size 1e-20 (a geophone's m/s, in some files) labelled IBM reads as 1e-41 and less: absurd. */
    @Test
    void ieeeFloatsLabelledIbmThatReadAsAbsurdSizesAreWarnedOf() throws Exception {
        Path file = tmp.resolve("tiny-ieee.sgy");
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(100, 2000).withFormat(SampleFormat.IEEE32))) {
            float[] s = new float[100];
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = (float) (1e-20 * Math.sin(0.3 * k + t) + 2e-20);
                }
                w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), s);
            }
        }
        assertEquals(List.of(), warnings(file), "as written");
        List<String> w = warnings(withWord(file, BinaryHeader.FORMAT, 1, ByteOrder.BIG_ENDIAN));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("the samples look like IEEE floats (format 5), not IBM floats (format 1) as the"
                + " binary header says (bytes 3225–3226): of 400 non-zero samples in 4 traces, 100 % read as IBM are NaN,"
                + " infinite or of absurd size (beyond 1e-30 .. 1e30), 0 % read as IEEE; read as IEEE their sizes run"
                + " 1.00e-20 .. 3.00e-20"), w.get(0));
    }

    /**
     * segyio's small.sgy (50 samples; 0 in every trace header) with the first trace header saying
     * 40, the reviewer's case, which the file's size does not fit; then 65, which it fits too (25
     * traces of 240 + 200 bytes are 22 traces of 240 + 260).
     */
    @Test
    void aTraceHeaderSampleCountThatDisagreesIsWarnedOfNamingTheOneUsed() throws Exception {
        Path small = RefData.file("segyio/small.sgy");
        Path changed = withWord(small, SegyReader.FILE_HEADER_BYTES + TraceHeader.SAMPLE_COUNT, 40, ByteOrder.BIG_ENDIAN);
        try (SegyReader r = SegyReader.open(changed)) {
            assertEquals(50, r.samplesPerTrace());
        }
        assertEquals(List.of("the first trace header says 40 samples per trace (bytes 115–116), the binary header 50:"
                + " 50 is used, the binary header's (bytes 3221–3222), the count the file's size fits"), warnings(changed));
        Path both = withWord(small, SegyReader.FILE_HEADER_BYTES + TraceHeader.SAMPLE_COUNT, 65, ByteOrder.BIG_ENDIAN);
        assertEquals(List.of("the first trace header says 65 samples per trace (bytes 115–116), the binary header 50:"
                + " 50 is used, the binary header's (bytes 3221–3222); the file's size fits both, so the traces may hold 65"),
                warnings(both));
    }

    /** IEEE data of two values a factor 20 apart avoids the IBM-impossible pattern by chance: too few values to tell. */
    @Test
    void aBlockyIeeeModelIsNotTakenForIbm() {
        Path file = tmp.resolve("blocky.sgy");
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(200, 4000).withFormat(SampleFormat.IEEE32))) {
            float[] s = new float[200];
            for (int t = 0; t < 8; t++) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = k < 100 ? 1000f : 20000f;  // 1.95 x 2^9 and 1.22 x 2^14: neither in the pattern
                }
                w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), s);
            }
        }
        assertEquals(List.of(), warnings(file));
    }
}
