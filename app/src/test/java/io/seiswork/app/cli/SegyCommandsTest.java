package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.volume.SegyZUnit;
import io.seiswork.core.segy.SegyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code seiswork segy info | convert | scan} through {@link Main#newCommandLine()} with captured output. */
class SegyCommandsTest {

    private static final Set<String> JSON_KEYS = new TreeSet<>(List.of("traces", "samplesPerTrace",
            "sampleIntervalUs", "sampleIntervalFallback", "delayMs", "format", "byteOrder", "revision", "inlines", "crosslines",
            "textHeader", "zUnit"));

    @TempDir
    Path tmp;

    private static Path refdata(String relative) {
        return CliRefData.file(relative);
    }

    private static JsonNode infoJson(Path file) throws Exception {
        CliRun r = run("segy", "info", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        Set<String> keys = new TreeSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(JSON_KEYS, keys, "info --json keys");
        return json;
    }

    @Test
    void infoJsonOnSmall() throws Exception {
        JsonNode j = infoJson(refdata("segyio/small.sgy"));
        assertEquals(25, j.get("traces").asLong());
        assertEquals(50, j.get("samplesPerTrace").asInt());
        assertEquals(4000, j.get("sampleIntervalUs").asInt());
        assertEquals("ibm32", j.get("format").asText());
        assertEquals("big", j.get("byteOrder").asText());
        assertEquals("0.0", j.get("revision").asText());
        assertEquals("[1,5]", j.get("inlines").toString());
        assertEquals("[20,24]", j.get("crosslines").toString());
        assertEquals(3200, j.get("textHeader").asText().length());
        assertTrue(j.get("textHeader").asText().startsWith("C 1 DATE: 2016-09-19"));
    }

    @Test
    void infoJsonOnF3() throws Exception {
        JsonNode j = infoJson(refdata("segyio/f3.sgy"));
        assertEquals(414, j.get("traces").asLong());
        assertEquals(75, j.get("samplesPerTrace").asInt());
        assertEquals("int16", j.get("format").asText());
        assertEquals("1.0", j.get("revision").asText());
        assertEquals("[111,133]", j.get("inlines").toString());
        assertEquals("[875,892]", j.get("crosslines").toString());
    }

    @Test
    void infoJsonOnSparseSurveyHasNullRanges() throws Exception {
        JsonNode j = infoJson(refdata("segysak/f3-withdead.sgy"));
        assertTrue(j.get("inlines").isNull());
        assertTrue(j.get("crosslines").isNull());
        CliRun plain = run("segy", "info", refdata("segysak/f3-withdead.sgy").toString());
        assertTrue(plain.out().contains("not a sorted cube") && plain.out().contains("175 empty"), plain.out());
    }

    /**
     * Volve's 2D line has 0 in its inline and crossline words (its CDP is in byte 21): its 202
     * traces share one position, which the line says rather than "1 of 1 positions hold traces"
     * alone; read by byte 21 as the crossline, every trace has its own position.
     */
    @Test
    void infoSaysWhenTracesSharePositions() {
        Path line = refdata("segysak/volve10r12-full-z-il10117sub.sgy");
        CliRun r = run("segy", "info", line.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("inlines 0..0 (1), crosslines 0..0 (1); 1 of 1 positions hold traces (0 empty),"
                + " 202 traces on 1 position (gathers of several offsets, or the line numbers are not in these"
                + " bytes: --iline-byte, --xline-byte)"), r.out());
        CliRun byCdp = run("segy", "info", line.toString(), "--xline-byte", "21");
        assertEquals(0, byCdp.exit(), byCdp.err());
        assertTrue(byCdp.out().contains("crosslines 1..202 (202)") && !byCdp.out().contains("traces on"),
                byCdp.out());
    }

    @Test
    void infoWithOtherLineBytes() throws Exception {
        CliRun r = run("segy", "info", refdata("segyio/mapping-shifted.sgy").toString(), "--json",
                "--iline-byte", "190", "--xline-byte", "194");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[1,3]", j.get("inlines").toString());
        assertEquals("[20,21]", j.get("crosslines").toString());
    }

    @Test
    void plainInfoIsAReadableSummary() {
        CliRun r = run("segy", "info", refdata("segyio/small.sgy").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Traces:           25"), r.out());
        assertTrue(r.out().contains("inline-sorted cube, inlines 1..5 (5), crosslines 20..24 (5)"), r.out());
        assertTrue(r.out().contains("  C 1 DATE: 2016-09-19"), r.out());
    }

    @Test
    void convertIbmToIeeeThenInfo() throws Exception {
        Path in = refdata("segyio/small.sgy");
        Path out = tmp.resolve("small-ieee.sgy");
        CliRun c = run("segy", "convert", in.toString(), out.toString(), "--format", "ieee32", "--endian", "little");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("25 traces written as ieee32, little-endian"), c.out());
        JsonNode j = infoJson(out);
        assertEquals("ieee32", j.get("format").asText());
        assertEquals("little", j.get("byteOrder").asText());
        assertEquals("1.0", j.get("revision").asText(), "IEEE samples need at least rev 1");
        assertEquals("[1,5]", j.get("inlines").toString());
        try (SegyReader a = SegyReader.open(in); SegyReader b = SegyReader.open(out)) {
            assertEquals(a.info().textHeader(), b.info().textHeader());
            for (long t = 0; t < a.traceCount(); t++) {
                assertArrayEquals(a.readTrace(t), b.readTrace(t), "trace " + t);
                assertEquals(a.header(t).inline(), b.header(t).inline());
            }
        }
    }

    @Test
    void convertKeepsExtendedTextHeaders() throws Exception {
        Path out = tmp.resolve("stanzas.sgy");
        assertEquals(0, run("segy", "convert", refdata("segyio/stanzas-known-count.sgy").toString(), out.toString(),
                "--format", "int32").exit());
        try (SegyReader a = SegyReader.open(refdata("segyio/stanzas-known-count.sgy")); SegyReader b = SegyReader.open(out)) {
            assertEquals(a.info().extendedTextHeaders(), b.info().extendedTextHeaders());
            assertEquals(6, b.traceCount());
        }
    }

    @Test
    void badFileGivesOneLineAndExitCode1() {
        CliRun r = run("segy", "info", refdata("segyio/broken.sgy").toString());
        assertEquals(1, r.exit());
        List<String> lines = new ArrayList<>(r.err().lines().toList());
        assertEquals(1, lines.size(), r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("seiswork: ") && line.contains("broken.sgy") && line.contains("trace 4 is incomplete")
                && line.contains("(trace 4, byte offset 10768)"), line);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownFormatNameIsAUsageError() {
        CliRun r = run("segy", "convert", "a.sgy", tmp.resolve("b.sgy").toString(), "--format", "f64");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("seiswork segy convert: --format must be ibm32, int32, int16, ieee32 or int8"
                + " (the formats convert writes), got \"f64\""), r.err());
    }

    @Test
    void scanReportsThroughput() throws Exception {
        CliRun r = run("segy", "scan", refdata("segyio/f3.sgy").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(414, j.get("traces").asLong());
        assertEquals(165060, j.get("bytes").asLong());
        assertTrue(j.get("mbPerS").asDouble() > 0);
    }

    @Test
    void seismicUnixFilesReadTheirLinesFromTracrAndCdp() throws Exception {
        // refdata README 1.1: small.su has inlines 1..5 in bytes 5-8 (tracr), crosslines 20..24 in 21-24 (cdp), dt 0.
        JsonNode j = infoJson(refdata("segyio/small.su"));
        assertEquals("[1,5]", j.get("inlines").toString());
        assertEquals("[20,24]", j.get("crosslines").toString());
        assertTrue(j.get("sampleIntervalFallback").asBoolean(), "dt is 0 in the file");

        CliRun plain = run("segy", "info", refdata("segyio/small-lsb.su").toString());
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("inline-sorted cube, inlines 1..5 (5), crosslines 20..24 (5)"), plain.out());
        assertTrue(plain.out().contains("4000 µs (4 ms; assumed: the file gives no positive interval, dt (trace-header byte 117) is 0 or negative)"),
                plain.out());

        // refdata: interval-neg-bin-neg-trace.sgy has 3217 = -2000 and 117 = -25000, neither 0.
        CliRun negative = run("segy", "info", refdata("segyio/interval-neg-bin-neg-trace.sgy").toString());
        assertTrue(negative.out().contains("binary header 3217 and trace header 117 are 0 or negative"), negative.out());

        JsonNode explicit = new ObjectMapper().readTree(run("segy", "info", refdata("segyio/small.su").toString(),
                "--json", "--iline-byte", "21", "--xline-byte", "5").out());
        assertEquals("[20,24]", explicit.get("inlines").toString(), "bytes given on the command line win");
    }

    @Test
    void suFlagOnAnotherNameAlsoTakesTheSuKeys() throws Exception {
        Path copy = Files.copy(refdata("segyio/small.su"), tmp.resolve("small.dat"));
        CliRun r = run("segy", "info", copy.toString(), "--su", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("[1,5]", new ObjectMapper().readTree(r.out()).get("inlines").toString());
    }

    @Test
    void aFileWithoutASampleIntervalIsConvertedWithAWarningOrTheGivenInterval() throws Exception {
        // refdata README 1.1: small.su has dt 0, so the interval written is the reader's 4000 µs default.
        Path assumed = tmp.resolve("assumed.sgy");
        CliRun r = run("segy", "convert", refdata("segyio/small.su").toString(), assumed.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("gives no sample interval: " + assumed + " says 4000 µs, the default; give the real"
                + " one with --interval-us US"), r.err());

        Path given = tmp.resolve("given.sgy");
        CliRun g = run("segy", "convert", refdata("segyio/small.su").toString(), given.toString(), "--interval-us", "2000");
        assertEquals(0, g.exit(), g.err());
        assertEquals("", g.err());
        assertEquals(2000, infoJson(given).get("sampleIntervalUs").asInt());
        assertFalse(infoJson(given).get("sampleIntervalFallback").asBoolean(), "the output file states its interval");
        CliRun info = run("segy", "info", refdata("segyio/small.su").toString(), "--json", "--interval-us", "2000");
        assertEquals(2000, new ObjectMapper().readTree(info.out()).get("sampleIntervalUs").asInt(), info.err());

        CliRun bad = run("segy", "info", refdata("segyio/small.su").toString(), "--interval-us", "0");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("seiswork segy info: --interval-us must be more than 0 µs, got 0"), bad.err());
    }

    /**
     * A run's image.sgy is a depth image whose interval field holds dz in mm (its DEPTH AXIS card):
     * info reads it in depth, as view and convert do, instead of "10000 µs (10 ms)". The small
     * spec's grid is 41 nodes of 10 m down: samples 10 m apart over 400 m.
     */
    @Test
    void infoReadsARunsImageInDepthAsViewDoes() throws Exception {
        Path spec = Files.writeString(tmp.resolve("depth.json"), io.seiswork.app.testing.SmallSpec.named("depth-info")
                .rtm("synthetic").shots(400, 200, 1).json());
        Path out = tmp.resolve("run");
        CliRun ran = run("run", spec.toString(), "--out", out.toString());
        assertEquals(0, ran.exit(), ran.err());
        Path image = out.resolve("image.sgy");
        CliRun r = run("segy", "info", image.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Sample interval:  10 m (depth, from the text header: the interval field's 10000"
                + " read as mm), length 400 m\n"), r.out());
        assertTrue(r.out().contains("First sample:     0 m (trace-header bytes 109–110: delay 0, time scalar (bytes 215–216) "), r.out());
        assertFalse(r.out().contains(" ms"), "nothing of it in time: " + r.out());
        JsonNode j = infoJson(image);
        assertEquals("m", j.get("zUnit").asText());
        assertEquals(10000, j.get("sampleIntervalUs").asInt(), "the field as it is");
        assertEquals(SegyZUnit.of(image, "auto").unit(), j.get("zUnit").asText(), "view's reading");
        JsonNode f3 = infoJson(refdata("segyio/f3.sgy"));
        assertEquals("s", f3.get("zUnit").asText());
        assertEquals(SegyZUnit.of(refdata("segyio/f3.sgy"), "auto").unit(), f3.get("zUnit").asText());
    }

    @Test
    void infoShowsTheFirstSampleTime() throws Exception {
        // refdata README 1.3: delay-scalar.sgy delay 10000 with time scalar -10, first sample at 1000 ms.
        assertEquals(1000.0, infoJson(refdata("segyio/delay-scalar.sgy")).get("delayMs").asDouble());
        assertEquals(4.0, infoJson(refdata("segyio/f3.sgy")).get("delayMs").asDouble(), "f3: delay (109) = 4 ms");
        assertFalse(infoJson(refdata("segyio/f3.sgy")).get("sampleIntervalFallback").asBoolean());
        CliRun r = run("segy", "info", refdata("segyio/delay-scalar.sgy").toString());
        // The scalar's value and where it is, not "time scalar 215", which reads as a scalar of 215.
        assertTrue(r.out().contains("First sample:     1000 ms (trace-header bytes 109–110: delay 10000, time scalar"
                + " (bytes 215–216) -10 applied: ÷ 10)"), r.out());
        CliRun rev0 = run("segy", "info", refdata("segyio/small.sgy").toString());
        assertTrue(rev0.out().contains("First sample:     0 ms (trace-header bytes 109–110: delay 0; rev 0 has no time"
                + " scalar)"), rev0.out());
    }

    @Test
    void floatsTooSmallForInt16AreReportedAndScaleAutoKeepsThem() throws Exception {
        // small.sgy holds il + xl/100 + k*1e-5 (1.2 .. 5.24049); x 0.001 makes float data that int16 rounds to 0.
        Path small = tmp.resolve("tiny-values.sgy");
        CliRun scaled = run("segy", "convert", refdata("segyio/small.sgy").toString(), small.toString(), "--scale", "0.001");
        assertEquals(0, scaled.exit(), scaled.err());
        assertTrue(scaled.out().contains("written as ieee32, big-endian, samples x 0.001"), scaled.out());

        Path zeros = tmp.resolve("int16.sgy");
        CliRun lossy = run("segy", "convert", small.toString(), zeros.toString(), "--format", "int16");
        assertEquals(0, lossy.exit(), lossy.err());
        assertEquals("seiswork: warning: " + zeros + ": 1,250 of 1,250 samples rounded to 0, 0 saturated at int16's"
                + " -32768..32767, rounding error 100 % of the data's RMS; the data's range is 0.001200..0.005240: use --scale auto (the largest |value| to"
                + " 32767) or --scale FACTOR", lossy.err().strip());

        // small.sgy itself (1.2 .. 5.24) as int8 without a scale: 1 .. 5, none 0, yet 6 % off.
        Path coarse = tmp.resolve("int8.sgy");
        CliRun fewLevels = run("segy", "convert", refdata("segyio/small.sgy").toString(), coarse.toString(), "--format",
                "int8");
        assertEquals(0, fewLevels.exit(), fewLevels.err());
        assertTrue(fewLevels.err().contains("0 of 1,250 samples rounded to 0, 0 saturated at int8's -128..127, rounding"
                + " error 6.3 % of the data's RMS"), fewLevels.err());
        assertTrue(fewLevels.err().strip().endsWith("use --scale auto (the largest |value| to 127) or --scale FACTOR"),
                fewLevels.err());

        Path kept = tmp.resolve("int16-auto.sgy");
        CliRun auto = run("segy", "convert", small.toString(), kept.toString(), "--format", "int16", "--scale", "auto");
        assertEquals(0, auto.exit(), auto.err());
        assertEquals("", auto.err(), "nothing lost: no warning");
        assertTrue(auto.out().contains("(--scale auto: largest |value| 0.00524 to 32767)"), auto.out());
        assertTrue(auto.out().contains("0 of 1,250 samples rounded to 0, 0 saturated"), auto.out());
        try (SegyReader a = SegyReader.open(refdata("segyio/small.sgy")); SegyReader b = SegyReader.open(kept)) {
            float max = 0;
            for (long t = 0; t < b.traceCount(); t++) {
                float[] x = a.readTrace(t);
                float[] y = b.readTrace(t);
                for (int k = 0; k < y.length; k++) {
                    max = Math.max(max, y[k]);
                    assertEquals(x[k] / 5.24049, y[k] / 32767, 1.0 / 32767, "trace " + t + " sample " + k);
                }
            }
            assertEquals(32767, max, "the largest value maps to int16's largest");
        }
    }

    /**
     * {@code --scale} records its factor in the output's text header (small.sgy: card 14, the blank
     * one above "C15 END EBCDIC HEADER"), which the reader and {@code segy info} read back; every
     * other card is kept byte for byte, and the samples divided by the factor are the input's.
     */
    @Test
    void theScaleFactorIsRecordedInTheTextHeaderAndShownByInfo() throws Exception {
        Path in = refdata("segyio/small.sgy");
        Path out = tmp.resolve("scaled.sgy");
        CliRun auto = run("segy", "convert", in.toString(), out.toString(), "--format", "int16", "--scale", "auto");
        assertEquals(0, auto.exit(), auto.err());
        double factor = 32767 / 5.24049;
        try (SegyReader a = SegyReader.open(in); SegyReader b = SegyReader.open(out)) {
            String before = a.info().textHeader();
            String after = b.info().textHeader();
            double recorded = io.seiswork.core.segy.ScaleCard.factor(after);
            assertEquals(factor, recorded, factor * 1e-5, "the factor read back from the text header");
            int card = io.seiswork.core.segy.ScaleCard.cardOf(after);
            assertTrue(auto.out().contains("recorded in text header card " + card + ": "), auto.out());
            assertEquals(14, card);
            byte[] rawBefore = a.rawTextHeaders().get(0);
            byte[] rawAfter = b.rawTextHeaders().get(0);
            for (int i = 0; i < rawBefore.length; i++) {
                if (i / 80 != card - 1) {
                    assertEquals(rawBefore[i], rawAfter[i], "text header byte " + i + " kept");
                }
            }
            assertTrue(before.substring(14 * 80).startsWith("C15 END EBCDIC HEADER"), "small.sgy's END card");
            float[] x = a.readTrace(7);
            float[] y = b.readTrace(7);
            for (int k = 0; k < y.length; k++) {
                assertEquals(x[k], y[k] / recorded, 0.5 / recorded, "sample " + k + " divided by the recorded factor");
            }
        }
        CliRun info = run("segy", "info", out.toString());
        assertTrue(info.out().contains("Samples scaled:   x 6252.6"), info.out());
    }

    /**
     * A factor that takes samples past float32's 3.4e38, through which every format is written, is
     * refused (ieee32 wrote inf, ibm32 0x7fffffff, exit 0) with the largest factor the data takes,
     * and the output, learnt of part-way through the stream, is removed; that factor works.
     */
    @Test
    void aScaleThatMakesSamplesInfiniteIsRefusedAndLeavesNoFile() throws Exception {
        Path in = refdata("segyio/small.sgy");  // 1.2 .. 5.24049
        for (String format : List.of("ieee32", "ibm32", "int32")) {
            Path out = tmp.resolve(format + ".sgy");
            // x 1e38: inlines 1-3 fit (at most 3.24e38), inline 4 onwards do not: refused part-way.
            CliRun r = run("segy", "convert", in.toString(), out.toString(), "--format", format, "--scale", "1e38");
            assertEquals(2, r.exit(), r.err());
            String expected = "seiswork segy convert: --scale 1e+38 makes samples of " + in + " infinite (float32 holds"
                    + " |values| up to 3.403e+38, the data's largest |value| is 5.24): the largest factor this data can"
                    + " take is 6.493e+37" + ("int32".equals(format) ? ", and the largest that keeps every sample within"
                    + " int32's -2147483648..2147483647 is 4.097e+08 (--scale auto)" : "") + "; " + out + " not written";
            assertEquals(expected, r.err().lines().findFirst().orElseThrow());
            assertFalse(Files.exists(out), format + ": no half-written file left");
        }
        Path largest = tmp.resolve("largest.sgy");
        CliRun ok = run("segy", "convert", in.toString(), largest.toString(), "--scale", "6.493e37");
        assertEquals(0, ok.exit(), ok.err());
        try (SegyReader b = SegyReader.open(largest)) {
            for (long t = 0; t < b.traceCount(); t++) {
                for (float v : b.readTrace(t)) {
                    assertTrue(Float.isFinite(v), "trace " + t + ": " + v);
                }
            }
        }
    }

    /**
     * f3.sgy's whole-number samples of ±1e4 written as int8 without a scale: 24,175 of 31,050
     * clipped at 127 or -128 and the rest exact, so the rounding error alone was "0 %", as if
     * nothing were lost; the error said counts the clipping.
     */
    @Test
    void clippedSamplesAreSaidInTheError() {
        Path out = tmp.resolve("f3-int8.sgy");
        CliRun r = run("segy", "convert", refdata("segyio/f3.sgy").toString(), out.toString(), "--format", "int8");
        assertEquals(0, r.exit(), r.err());
        String warning = r.err().lines().filter(l -> l.startsWith("seiswork: warning: " + out)).findFirst().orElseThrow();
        assertTrue(warning.startsWith("seiswork: warning: " + out + ": 0 of 31,050 samples rounded to 0, 24,175 saturated"
                + " at int8's -128..127, rounding and clipping error "), warning);
        double percent = Double.parseDouble(warning.replaceAll(".*clipping error ([0-9.]+) %.*", "$1"));
        assertTrue(percent > 50 && percent <= 100, "most of the data's RMS is clipped off: " + warning);
    }

    /**
     * Data lossy in an integer format for its one infinite sample alone (the rest within range,
     * rounded to 1 part in 2 400 at most): no factor helps, the hint says to keep a float format.
     */
    @Test
    void anInfiniteSampleAloneGetsTheFloatFormatHint() throws Exception {
        Path floats = tmp.resolve("small-ieee.sgy");
        CliRun ieee = run("segy", "convert", refdata("segyio/small.sgy").toString(), floats.toString());
        assertEquals(0, ieee.exit(), ieee.err());
        try (var ch = java.nio.channels.FileChannel.open(floats, java.nio.file.StandardOpenOption.WRITE)) {
            // The first trace's first sample (3600 bytes of file headers, 240 of trace header), big-endian +inf.
            ch.write(java.nio.ByteBuffer.allocate(4).putFloat(0, Float.POSITIVE_INFINITY), 3840);
        }
        Path out = tmp.resolve("inf-int32.sgy");
        CliRun r = run("segy", "convert", floats.toString(), out.toString(), "--format", "int32", "--scale", "1000");
        assertEquals(0, r.exit(), r.err());
        String warning = r.err().strip();
        assertTrue(warning.contains(", 0 saturated at int32's -2147483648..2147483647, 1 infinite written as 2147483647,"),
                warning);
        assertTrue(warning.endsWith(": an integer format has no infinity; use ieee32 to keep the infinite samples"), warning);
    }

    @Test
    void hugeScaledValuesAllSaturateInAnIntegerFormatWithTheirTrueRange() {
        Path out = tmp.resolve("sat.sgy");
        CliRun r = run("segy", "convert", refdata("segyio/small.sgy").toString(), out.toString(), "--format", "int32",
                "--scale", "1e30");
        assertEquals(0, r.exit(), r.err());
        assertEquals("seiswork: warning: " + out + ": 0 of 1,250 samples rounded to 0, 1,250 saturated at int32's"
                + " -2147483648..2147483647, rounding and clipping error 100 % of the data's RMS (no sample within the"
                + " range to round); the scaled data's range is"
                + " 1.200e+30..5.240e+30: use a smaller --scale", r.err().strip());
    }

    @Test
    void scaleIsCheckedBeforeAnyWork() {
        CliRun notNumber = run("segy", "convert", "in.sgy", tmp.resolve("b.sgy").toString(), "--scale", "big");
        assertEquals(2, notNumber.exit());
        assertTrue(notNumber.err().contains("--scale must be auto or a finite number > 0, got 'big'"), notNumber.err());
        CliRun autoFloat = run("segy", "convert", refdata("segyio/small.sgy").toString(),
                tmp.resolve("c.sgy").toString(), "--scale", "auto");
        assertEquals(2, autoFloat.exit());
        assertTrue(autoFloat.err().startsWith("seiswork segy convert: --scale auto maps the data onto an integer"
                + " format's range; with --format ieee32 give a factor (--scale FACTOR)"), autoFloat.err());
        assertFalse(Files.exists(tmp.resolve("c.sgy")));
    }

    @Test
    void fileProblemsAreSaidInWords() throws Exception {
        Path missing = tmp.resolve("nonexist.sgy");
        assertOneLine(run("segy", "info", missing.toString()), "seiswork: " + missing + ": cannot open: no such file");
        assertOneLine(run("segy", "info", tmp.toString()), "seiswork: " + tmp + ": is a directory, not a SEG-Y or SU file");
        Path noDir = tmp.resolve("no/dir/q.sgy");
        assertOneLine(run("segy", "convert", refdata("segyio/small.sgy").toString(), noDir.toString()),
                "seiswork: " + noDir + ": cannot create: folder " + tmp.resolve("no/dir") + " does not exist");
        assertOneLine(run("segy", "convert", missing.toString(), tmp.resolve("out.sgy").toString()),
                "seiswork: " + missing + ": cannot open: no such file");
    }

    /** Linux's /proc takes no new files and says ENOENT, to root and to a user alike. */
    @Test
    void aFolderThatTakesNoNewFilesIsNamed() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no Linux /proc here to refuse a new file");
        Path proc = Path.of("/proc/x.sgy");
        assertOneLine(run("segy", "convert", refdata("segyio/small.sgy").toString(), proc.toString()),
                "seiswork: " + proc + ": cannot create: folder /proc does not take new files (a virtual file system"
                        + " such as /proc or /sys?)");
    }

    /** A SEG-Y file of {@code traces} traces of 1000 samples, all but the first a sparse hole. */
    private Path sparseSegy(String name, long traces) throws Exception {
        Path f = tmp.resolve(name);
        try (io.seiswork.core.segy.SegyWriter w = io.seiswork.core.segy.SegyWriter.create(f,
                io.seiswork.core.segy.SegyWriteOptions.of(1000, 4000))) {
            w.write(new io.seiswork.core.segy.TraceHeader(java.nio.ByteOrder.BIG_ENDIAN), new float[1000]);
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(SegyReader.FILE_HEADER_BYTES + traces * (240 + 4000));
        }
        return f;
    }

    /**
     * info reads every trace header (45 s of silence for 10^7 traces): past 64 MiB it says how far
     * it has got on standard error, as run says its passes, ending at the whole file; a small file
     * says nothing.
     */
    @Test
    void infoSaysHowFarItHasGotOnABigFile() throws Exception {
        Path big = sparseSegy("big.sgy", 20_000); // 84.8 MB
        assertTrue(Files.size(big) > io.seiswork.core.progress.ByteProgressLines.QUIET_BYTES);
        CliRun r = run("segy", "info", big.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("seiswork: reading the trace headers of big.sgy: "))
                .toList();
        assertTrue(lines.size() >= 2, r.err());
        assertTrue(lines.getLast().endsWith("(100 %)"), r.err());
        assertTrue(r.out().contains("Traces:           20000"), r.out());
        CliRun small = run("segy", "info", sparseSegy("small.sgy", 10).toString());
        assertEquals(0, small.exit(), small.err());
        assertFalse(small.err().contains("reading the trace headers"), small.err());
    }

    /** --z-unit as view and convert have it: m reads the interval field as mm, whatever the text header says. */
    @Test
    void infoTakesTheZUnitOfViewAndConvert() throws Exception {
        Path f = sparseSegy("zunit.sgy", 3);
        CliRun r = run("segy", "info", f.toString(), "--z-unit", "m");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Sample interval:  4 m (depth, --z-unit m: the interval field's 4000 read as mm),"
                + " length 3996 m"), r.out());
        CliRun j = run("segy", "info", f.toString(), "--z-unit", "m", "--json");
        assertEquals("m", new ObjectMapper().readTree(j.out()).get("zUnit").asText());
        CliRun auto = run("segy", "info", f.toString());
        assertTrue(auto.out().contains("Sample interval:  4000 µs (4 ms), trace length 3996 ms"), auto.out());
        CliRun bad = run("segy", "info", f.toString(), "--z-unit", "km");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--z-unit"), bad.err());
    }

    /** A file that is not SEG-Y gets the command line's hint of --su (which a job spec, reading the same way, has not). */
    @Test
    void aFileThatIsNotSegyGetsTheSuHint() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.sgy"), "x".repeat(5000));
        assertOneLine(run("segy", "info", f.toString()), "seiswork: " + f + ": unknown sample format code in the"
                + " binary header: 30840 read big-endian, 30840 read little-endian (known: 1, 2, 3, 5,"
                + " 6, 7, 8, 9, 10, 11, 12, 15, 16; is it a SEG-Y file?); an SU file needs --su (byte offset 3224)");
    }

    private static void assertOneLine(CliRun r, String expected) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(expected, r.err().strip());
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), r.err());
    }
}
