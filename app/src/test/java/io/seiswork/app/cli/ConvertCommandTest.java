package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
