package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seiswork convert} and the hidden {@code bench-volume} helpers, through the real command line. */
class ConvertCommandTest {

    @TempDir
    Path tmp;

    @Test
    void segyToSwvAndBackKeepsTheSamples() {
        Path sgy = tmp.resolve("v.sgy");
        Path swv = tmp.resolve("v.swv");
        Path back = tmp.resolve("back.segy");
        CliRun gen = run("bench-volume", "generate", "--nx", "30", "--ny", "20", "--nz", "50", "--segy", sgy.toString());
        assertEquals(0, gen.exit(), gen.err());

        CliRun to = run("convert", sgy.toString(), swv.toString(), "--brick", "16");
        CliRun from = run("convert", swv.toString(), back.toString());

        assertEquals(0, to.exit(), to.err());
        assertTrue(to.out().contains("30 x 20 x 50 samples, 3 levels"), to.out());
        assertEquals(0, from.exit(), from.err());
        try (SegyReader a = SegyReader.open(sgy); SegyReader b = SegyReader.open(back)) {
            assertEquals(a.traceCount(), b.traceCount());
            for (long t = 0; t < a.traceCount(); t += 7) {
                assertArrayEquals(a.readTrace(t), b.readTrace(t), "trace " + t);
            }
        }
    }

    @Test
    void generatedSwvAndSegyHoldTheSameVolume() {
        Path sgy = tmp.resolve("g.sgy");
        Path swv = tmp.resolve("g.swv");
        CliRun gen = run("bench-volume", "generate", "--nx", "40", "--ny", "9", "--nz", "70", "--segy", sgy.toString(),
                "--swv", swv.toString());
        assertEquals(0, gen.exit(), gen.err());
        try (SegyReader s = SegyReader.open(sgy); SwvReader v = SwvReader.open(swv)) {
            for (SliceOrientation o : SliceOrientation.values()) {
                assertArrayEquals(SegySlices.slice(s, 40, 9, o, 5), v.slice(o, 5, 0).values(), o.toString());
            }
        }
    }

    @Test
    void benchSlicesPrintsOneRowPerOrientation() {
        Path swv = tmp.resolve("b.swv");
        Path sgy = tmp.resolve("b.sgy");
        run("bench-volume", "generate", "--nx", "20", "--ny", "20", "--nz", "20", "--swv", swv.toString(), "--segy",
                sgy.toString());

        CliRun r = run("bench-volume", "slices", "--swv", swv.toString(), "--segy", sgy.toString(), "--repeat", "1");

        assertEquals(0, r.exit(), r.err());
        String[] rows = r.out().strip().split("\n");
        assertEquals(3, rows.length, r.out());
        assertTrue(rows[0].contains("| inline | 20 x 20 | 1 |"), rows[0]);
        assertTrue(rows[2].startsWith("| 0.00 | 0.00 | depth |"), rows[2]);
    }

    @Test
    void unknownDirectionIsAUserError() {
        CliRun r = run("convert", tmp.resolve("a.txt").toString(), tmp.resolve("b.swv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("seiswork: cannot tell the direction from the extensions of "), r.err());
    }

    @Test
    void corruptSwvIsReportedInOneLine() throws Exception {
        Path bad = tmp.resolve("bad.swv");
        Files.write(bad, new byte[70000]);
        CliRun r = run("convert", bad.toString(), tmp.resolve("out.sgy").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("seiswork: " + bad + ": not a .swv volume (magic bytes 0-7)"), r.err());
    }

    @Test
    void aSectionGetsTheThinBricksOfARunsImage() throws Exception {
        Path sgy = tmp.resolve("section.sgy");
        assertEquals(0, run("bench-volume", "generate", "--nx", "401", "--ny", "1", "--nz", "201", "--segy",
                sgy.toString()).exit());
        Path chosen = tmp.resolve("chosen.swv");
        Path cubes = tmp.resolve("cubes.swv");

        CliRun r = run("convert", sgy.toString(), chosen.toString());
        assertEquals(0, run("convert", sgy.toString(), cubes.toString(), "--brick", "64").exit());

        assertEquals(0, r.exit(), r.err());
        try (SwvReader a = SwvReader.open(chosen); SwvReader b = SwvReader.open(cubes)) {
            assertEquals(8, a.header().brickSize(), "brickSizeFor(1 inline), as runs write image.swv");
            assertEquals(64, b.header().brickSize(), "an explicit --brick is kept");
            assertArrayEquals(b.slice(SliceOrientation.INLINE, 0, 0).values(), a.slice(SliceOrientation.INLINE, 0, 0).values());
        }
        long values = 4L * 401 * 201;
        assertTrue(Files.size(chosen) < 12 * values, Files.size(chosen) + " bytes for " + values + " bytes of values");
        assertTrue(Files.size(cubes) > 5 * Files.size(chosen), Files.size(cubes) + " vs " + Files.size(chosen));
    }

    @Test
    void anUnknownZUnitIsRefusedNamingTheOption() {
        Path out = tmp.resolve("x.swv");
        CliRun r = run("convert", tmp.resolve("in.sgy").toString(), out.toString(), "--z-unit", "ft");
        assertEquals(2, r.exit());
        assertEquals("seiswork convert: --z-unit must be auto, m (depth) or s (time), got \"ft\"", r.err().lines().findFirst().get());
        assertFalse(Files.exists(out));
    }

    @Test
    void f3ThroughSwvAndBackKeepsItsDelay() throws Exception {
        Path root = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve("segyio")), "refdata not found");
        Path f3 = root.resolve("segyio/f3.sgy");
        Path swv = tmp.resolve("f3.swv");
        Path back = tmp.resolve("f3-back.sgy");

        assertEquals(0, run("convert", f3.toString(), swv.toString(), "--z-unit", "s").exit());
        assertEquals(0, run("convert", swv.toString(), back.toString()).exit());

        try (SegyReader b = SegyReader.open(back)) {
            for (long t = 0; t < b.traceCount(); t++) {
                assertEquals(4.0, b.delayMs(t), "refdata: f3's delay (109) is 4 ms on every trace; trace " + t);
            }
        }
    }

    @Test
    void aTimeCubeIsTimeByDefault() throws Exception {
        Path root = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve("segyio")), "refdata not found");
        Path f3 = root.resolve("segyio/f3.sgy");
        Path swv = tmp.resolve("f3.swv");

        CliRun r = run("convert", f3.toString(), swv.toString());

        assertEquals(0, r.exit(), r.err());
        // F3's crop kept the full survey's 462 in trace-header bytes 115–116 (HeaderConsistencyTest): warned first.
        assertEquals("seiswork: warning: " + f3 + ": the first trace header says 462 samples per trace (bytes 115–116),"
                + " the binary header 75: 75 is used, the binary header's (bytes 3221–3222), the count the file's size"
                + " fits\nseiswork: " + f3 + ": its trace axis taken as time (s) (its text header does not say depth;"
                + " --z-unit m if it is)", r.err().strip().replace("\r\n", "\n"));
        try (SwvReader v = SwvReader.open(swv)) {
            assertEquals("s", v.zUnit(), "refdata: F3 is a time cube, 4 ms samples");
            assertEquals(0.004, v.header().axes().z().delta(), 1e-12);
            assertEquals(0.004, v.header().axes().z().first(), 1e-12, "its 4 ms delay");
        }
    }

    @Test
    void aDepthVolumeWrittenAsSegyComesBackInDepth() {
        Path sgy = tmp.resolve("gen.sgy");
        Path depth = tmp.resolve("depth.swv");
        Path back = tmp.resolve("depth.sgy");
        Path again = tmp.resolve("again.swv");
        assertEquals(0, run("bench-volume", "generate", "--nx", "12", "--ny", "10", "--nz", "20", "--segy",
                sgy.toString()).exit());
        assertEquals(0, run("convert", sgy.toString(), depth.toString(), "--z-unit", "m").exit());
        assertEquals(0, run("convert", depth.toString(), back.toString()).exit());

        CliRun r = run("convert", back.toString(), again.toString());

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("its trace axis taken as depth (m) (its text header says depth; --z-unit s if it"
                + " is time)"), r.err());
        try (SwvReader a = SwvReader.open(depth); SwvReader b = SwvReader.open(again)) {
            assertEquals("m", b.zUnit());
            assertEquals(a.header().axes().z().delta(), b.header().axes().z().delta(), 1e-9);
        }
    }

    @Test
    void aMissingFolderIsNamed() {
        Path out = tmp.resolve("no/dir/q.swv");
        Path sgy = tmp.resolve("v.sgy");
        CliRun gen = run("bench-volume", "generate", "--nx", "20", "--ny", "20", "--nz", "20", "--segy", sgy.toString());
        assertEquals(0, gen.exit(), gen.err());
        CliRun r = run("convert", sgy.toString(), out.toString());
        assertEquals(1, r.exit());
        assertEquals("seiswork: " + out + ": cannot create: folder " + tmp.resolve("no/dir") + " does not exist",
                r.err().strip().lines().reduce((first, last) -> last).orElseThrow(), "after the trace axis's line");
    }
}
