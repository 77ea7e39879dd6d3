package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwvRoundTripTest {

    @TempDir
    Path dir;

    static final int NX = 37;
    static final int NY = 21;
    static final int NZ = 45;

    @Test
    void segyToSwvToSegyKeepsEverySampleAndTheGeometryHeaders() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 7);
        Path in = dir.resolve("in.sgy");
        VolumeFixtures.writeSegyCube(in, data, NX, NY, NZ, true);
        Path swv = dir.resolve("v.swv");
        Path back = dir.resolve("back.sgy");

        SegyToSwv.convert(in, swv, SwvWriteOptions.defaults().withBrickSize(16));
        long traces = SwvToSegy.convert(swv, back);

        assertEquals((long) NX * NY, traces);
        try (SegyReader a = SegyReader.open(in); SegyReader b = SegyReader.open(back)) {
            assertEquals(a.samplesPerTrace(), b.samplesPerTrace());
            assertEquals(a.sampleIntervalUs(), b.sampleIntervalUs());
            assertEquals(a.traceCount(), b.traceCount());
            for (long t = 0; t < a.traceCount(); t++) {
                assertArrayEquals(a.readTrace(t), b.readTrace(t), "samples of trace " + t);
                TraceHeader ha = a.header(t);
                TraceHeader hb = b.header(t);
                for (int pos : new int[] {TraceHeader.INLINE, TraceHeader.CROSSLINE, TraceHeader.CDP_X, TraceHeader.CDP_Y}) {
                    assertEquals(ha.getInt32(pos), hb.getInt32(pos), "header byte " + pos + " of trace " + t);
                }
                assertEquals(ha.getInt16(TraceHeader.COORDINATE_SCALAR), hb.getInt16(TraceHeader.COORDINATE_SCALAR));
                assertEquals(ha.getInt16(TraceHeader.SAMPLE_INTERVAL), hb.getInt16(TraceHeader.SAMPLE_INTERVAL));
            }
        }
    }

    @Test
    void segyToSwvTakesSpacingFromCdpDistancesAndDepthStepFromTheInterval() {
        Path in = dir.resolve("in.sgy");
        VolumeFixtures.writeSegyCube(in, VolumeFixtures.random(NX, NY, NZ, 1), NX, NY, NZ, true);

        VolumeHeader h = SegyToSwv.convert(in, dir.resolve("v.swv"), SwvWriteOptions.defaults().withBrickSize(16));

        assertEquals(Math.hypot(10, 6), h.axes().x().delta(), 1e-9);
        assertEquals(Math.hypot(12, 20), h.axes().y().delta(), 1e-9);
        assertEquals(0, h.axes().x().first(), "a rotated grid keeps its own axes from 0");
        assertEquals(4.0, h.axes().z().delta(), 1e-12);
        assertEquals(NX, h.axes().x().count());
        assertEquals(NY, h.axes().y().count());
        assertEquals(2, h.segy().inlineStep());
        assertEquals(100, h.segy().inlineFirst());
    }

    @Test
    void crosslineSortedInputGivesTheSameVolumeAsInlineSorted() {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 3);
        Path il = dir.resolve("il.sgy");
        Path xl = dir.resolve("xl.sgy");
        VolumeFixtures.writeSegyCube(il, data, NX, NY, NZ, true);
        VolumeFixtures.writeSegyCube(xl, data, NX, NY, NZ, false);
        SegyToSwv.convert(il, dir.resolve("il.swv"), SwvWriteOptions.defaults().withBrickSize(8));
        SegyToSwv.convert(xl, dir.resolve("xl.swv"), SwvWriteOptions.defaults().withBrickSize(8));

        try (SwvReader a = SwvReader.open(dir.resolve("il.swv")); SwvReader b = SwvReader.open(dir.resolve("xl.swv"))) {
            for (int iy = 0; iy < NY; iy++) {
                assertArrayEquals(a.slice(SliceOrientation.INLINE, iy, 0).values(),
                        b.slice(SliceOrientation.INLINE, iy, 0).values(), "inline " + iy);
            }
        }
    }

    @Test
    void swvWithoutSegyBlockGetsSeisworkConventionHeaders() {
        int nx = 5;
        int ny = 4;
        int nz = 10;
        Path swv = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(nx, ny, nz),
                VolumeFixtures.random(nx, ny, nz, 2), 4);
        Path out = dir.resolve("out.sgy");

        SwvToSegy.convert(swv, out);

        try (SegyReader r = SegyReader.open(out)) {
            TraceHeader last = r.header(r.traceCount() - 1);
            assertEquals(ny, last.inline());
            assertEquals(nx, last.crossline());
            assertEquals(1000 + 12.5 * (nx - 1), last.cdpXM(), 1e-6);
            assertEquals(2000 + 25 * (ny - 1), last.cdpYM(), 1e-6);
            assertEquals(4000, r.sampleIntervalUs());
        }
    }
}
