package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time (or depth) of the first sample survives SEG-Y → {@code .swv} → SEG-Y: the delay
 * recording time (109, with the time scalar 215) becomes the z origin and comes back as the delay.
 * Facts from {@code shared/refdata/README.md}: f3.sgy has a 4 ms delay on every trace,
 * delay-scalar.sgy 10000 with scalar −10, its first sample at 1000 ms (segyio
 * test_delay_scalar_applied).
 */
class SegyZOriginTest {

    @TempDir
    Path dir;

    private static Path refdata(String relative) {
        Path root = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve("segyio")), "refdata not found at " + root + "; test not run");
        return root.resolve(relative);
    }

    @Test
    void f3KeepsItsFourMillisecondDelayThroughSwv() {
        Path in = refdata("segyio/f3.sgy");
        Path swv = dir.resolve("f3.swv");
        Path back = dir.resolve("f3-back.sgy");

        VolumeHeader h = SegyToSwv.convert(in, swv, SwvWriteOptions.defaults().withZUnit("s"));
        SwvToSegy.convert(swv, back);

        assertEquals(0.004, h.axes().z().first(), 1e-15, "z origin = the 4 ms delay, in seconds");
        assertEquals(0.004, h.axes().z().delta(), 1e-15);
        assertEquals("s", h.zUnit());
        try (SegyReader a = SegyReader.open(in); SegyReader b = SegyReader.open(back)) {
            assertEquals(414, b.traceCount());
            for (long t = 0; t < a.traceCount(); t++) {
                TraceHeader hb = b.header(t);
                assertEquals(4, hb.getInt16(TraceHeader.DELAY), "delay (109) of trace " + t);
                assertEquals(4.0, b.delayMs(t), "first sample time of trace " + t);
                assertEquals(a.header(t).getInt32(TraceHeader.CDP_X), hb.getInt32(TraceHeader.CDP_X), 1,
                        "CDP X within one stored unit (the fitted affine map, docs/formats/swv.md)");
                assertArrayEquals(a.readTrace(t), b.readTrace(t), "samples of trace " + t);
            }
        }
    }

    @Test
    void delayScalarFileStartsAtOneSecondInSwvAndBack() {
        Path swv = dir.resolve("d.swv");
        Path back = dir.resolve("d-back.sgy");

        VolumeHeader h = SegyToSwv.convert(refdata("segyio/delay-scalar.sgy"), swv, SwvWriteOptions.defaults());
        SwvToSegy.convert(swv, back);

        assertEquals(1000.0, h.axes().z().first(), "10000 with time scalar -10");
        try (SwvReader r = SwvReader.open(swv)) {
            assertEquals(1000.0, r.header().axes().z().first(), "kept in the .swv header's origin.z");
        }
        try (SegyReader b = SegyReader.open(back)) {
            assertEquals(1000.0, b.delayMs(0));
        }
    }

    @Test
    void aFractionalOriginIsWrittenWithATimeScalar() {
        int nx = 3;
        int ny = 2;
        int nz = 5;
        VolumeAxes axes = new VolumeAxes(new Sampling(nx, 10, 0), new Sampling(ny, 10, 0), new Sampling(nz, 2.0, 12.5));
        Path swv = VolumeFixtures.writeSwv(dir.resolve("f.swv"), axes, VolumeFixtures.random(nx, ny, nz, 3), 8);
        Path back = dir.resolve("f.sgy");

        SwvToSegy.convert(swv, back);

        try (SegyReader b = SegyReader.open(back)) {
            TraceHeader h = b.header(5);
            assertEquals(125, h.getInt16(TraceHeader.DELAY));
            assertEquals(-10, h.getInt16(TraceHeader.TIME_SCALAR));
            assertEquals(12.5, b.delayMs(5));
            assertEquals(2000, b.sampleIntervalUs());
        }
    }

    /** Every trace at 100 ms: the volume's z axis starts there, in seconds. */
    @Test
    void aCubeWhoseTracesShareADelayStartsThere() {
        Path in = dir.resolve("shared.sgy");
        VolumeFixtures.writeSegyCube(in, VolumeFixtures.random(4, 3, 6, 1), 4, 3, 6, true, (ix, iy) -> 100);
        VolumeHeader h = SegyToSwv.convert(in, dir.resolve("shared.swv"), SwvWriteOptions.defaults().withZUnit("s"));
        assertEquals(0.100, h.axes().z().first(), 1e-15);
    }

    /**
     * A cube whose traces start at different times cannot have one z axis: refused, naming the
     * first trace (in the order the volume is written) whose delay differs, its delay and the
     * first trace's; the partial output is removed.
     */
    @Test
    void aCubeWhoseTracesStartAtDifferentTimesIsRefused() {
        Path in = dir.resolve("mixed.sgy");
        // Crossline-sorted: file trace of (ix, iy) = ix * 3 + iy + 1; (2, 1) is trace 8.
        VolumeFixtures.writeSegyCube(in, VolumeFixtures.random(4, 3, 6, 1), 4, 3, 6, false,
                (ix, iy) -> ix >= 2 && iy >= 1 ? 120 : 100);
        Path out = dir.resolve("mixed.swv");
        var e = assertThrows(SwvException.class,
                () -> SegyToSwv.convert(in, out, SwvWriteOptions.defaults().withZUnit("s")));
        assertEquals(in + ": trace 8 (inline 102, crossline 12) starts at 120 ms but trace 1 at 100 ms: a volume has"
                + " one time axis; give every trace the same delay (trace header byte 109, time scalar 215) or convert"
                + " the traces of each delay apart", e.getMessage());
        assertFalse(Files.exists(out), "the partial volume removed");
    }

    /**
     * A corner read for the CDP map starting elsewhere is refused before the output is opened (a
     * file already there is left as it was); a depth cube's delays are in the file's length unit,
     * feet by its measurement system.
     */
    @Test
    void aCornerStartingElsewhereIsRefusedBeforeWritingInTheFilesUnit() throws Exception {
        Path in = dir.resolve("corner.sgy");
        // Inline-sorted 4 x 3: (1, 0) is written second, the corner (0, 2) is trace 9.
        VolumeFixtures.writeSegyCube(in, VolumeFixtures.random(4, 3, 6, 1), 4, 3, 6, true,
                (ix, iy) -> ix == 0 && iy == 2 ? 130 : ix == 1 && iy == 0 ? 120 : 100);
        try (var f = java.nio.channels.FileChannel.open(in, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {0, 2}), 3254);  // measurement system 2: feet
        }
        Path out = Files.writeString(dir.resolve("corner.swv"), "there before");
        var e = assertThrows(SwvException.class,
                () -> SegyToSwv.convert(in, out, SwvWriteOptions.defaults().withZUnit("m")));
        assertEquals(in + ": trace 9 (inline 104, crossline 10) starts at 130 ft but trace 1 at 100 ft: a volume has"
                + " one depth axis; give every trace the same delay (trace header byte 109, time scalar 215) or convert"
                + " the traces of each delay apart", e.getMessage());
        assertEquals("there before", Files.readString(out), "refused before the output was opened");
    }
}
