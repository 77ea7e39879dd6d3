package io.seiswork.core.volume;

import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TextEncoding;
import io.seiswork.core.segy.TraceHeader;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Converts a {@code .swv} volume (level 0) to an inline-sorted SEG-Y cube of IEEE floats, one
 * trace per (x, y) column, streaming one brick-row at a time: the brick cache is sized to one
 * brick-row (B · nx · nz floats), so every brick is read once.
 * Trace headers get inline (189), crossline (193), CDP X/Y (181/185), the coordinate scalar (71)
 * and the sample interval from the header's {@code segy} block when it has one, else Seiswork's
 * convention (inline = y index + 1, crossline = x index + 1, CDP = grid position in metres), and
 * the delay recording time (109, with the time scalar 215 when it is not a whole number of ms)
 * from the z origin, in the same unit as the interval (z origin / dz × interval in ms).
 * The text header says whether the trace axis is time or depth ({@link #textHeader}), since no
 * SEG-Y field does and a reader of the file ({@link SegyToSwv#likelyZUnit}) takes time otherwise.
 */
public final class SwvToSegy {

    private SwvToSegy() {
    }

    /** Converts {@code in} to {@code out}; returns the number of traces written. */
    public static long convert(Path in, Path out) {
        long rowBytes;
        try (SwvReader probe = SwvReader.open(FileRangeReader.open(in), 0)) {
            BrickLayout.Level l0 = probe.layout().level(0);
            rowBytes = (long) l0.bricksX() * l0.bricksZ() * probe.layout().brickBytes();
        }
        try (SwvReader r = SwvReader.open(FileRangeReader.open(in), rowBytes)) {
            VolumeHeader h = r.header();
            VolumeAxes a = h.axes();
            int nx = a.x().count();
            int ny = a.y().count();
            int nz = a.z().count();
            int intervalUs = h.segy() != null ? h.segy().sampleIntervalUs()
                    : (int) Math.max(1, Math.min(Short.MAX_VALUE, Math.round(a.z().delta()
                            / SegyToSwv.zUnitsPerMicro(h.zUnit()))));
            SegyGrid grid = h.segy() != null ? h.segy() : SegyGrid.ofAxes(a, intervalUs);
            // In µs, rounded: the z axis is stored as doubles, SEG-Y times are whole µs at best.
            double delayMs = Math.rint(a.z().first() / a.z().delta() * intervalUs) / 1000.0;
            if (nz > 65535) {
                throw SwvException.mismatch(in.toString(), "too many samples per trace for SEG-Y", "<= 65535", nz);
            }
            int b = r.layout().brickSize();
            float[] trace = new float[nz];
            try (SegyWriter w = SegyWriter.create(out, SegyWriteOptions.of(nz, intervalUs)
                    .withTextHeader(textHeader(h.zUnit()), TextEncoding.EBCDIC))) {
                for (int by = 0; by * b < ny; by++) {
                    for (int ly = 0; ly < b && by * b + ly < ny; ly++) {
                        int iy = by * b + ly;
                        for (int ix = 0; ix < nx; ix++) {
                            column(r, ix, iy, trace);
                            w.write(header(grid, delayMs, ix, iy, w.tracesWritten()), trace);
                        }
                    }
                }
                return w.tracesWritten();
            }
        }
    }

    /**
     * Seiswork's text header with a card for the trace axis: a depth volume's says "DEPTH AXIS"
     * and that the interval field holds dz in mm (as a run's image.sgy), so that converting the
     * file back gives a depth volume again.
     */
    static String textHeader(String zUnit) {
        return SegyWriteOptions.defaultTextHeaderWith("s".equals(zUnit) ? "C 4 TIME AXIS: SAMPLE INTERVAL IN MICROSECONDS"
                : "C 4 " + SegyWriteOptions.DEPTH_AXIS_CARD);
    }

    /** Level-0 column (ix, iy) into {@code dst}, from the bricks (cached, so a brick-row is read once). */
    private static void column(SwvReader r, int ix, int iy, float[] dst) {
        int b = r.layout().brickSize();
        int nz = dst.length;
        int lx = ix % b;
        int ly = iy % b;
        for (int bz = 0; bz * b < nz; bz++) {
            float[] brick = r.brick(0, ix / b, iy / b, bz);
            System.arraycopy(brick, (ly * b + lx) * b, dst, bz * b, Math.min(b, nz - bz * b));
        }
    }

    private static TraceHeader header(SegyGrid g, double delayMs, int ix, int iy, long sequence) {
        TraceHeader t = new TraceHeader(ByteOrder.BIG_ENDIAN);
        t.setInt32(TraceHeader.TRACE_SEQUENCE_LINE, (int) (sequence + 1));
        t.setInt32(TraceHeader.TRACE_SEQUENCE_FILE, (int) (sequence + 1));
        t.setInt32(TraceHeader.CDP, (int) (sequence + 1));
        t.setInt16(TraceHeader.TRACE_ID, 1);
        t.setInt32(TraceHeader.INLINE, g.inline(iy));
        t.setInt32(TraceHeader.CROSSLINE, g.crossline(ix));
        t.setInt16(TraceHeader.COORDINATE_SCALAR, g.coordinateScalar());
        t.setCoordinateM(TraceHeader.CDP_X, g.cdpX(ix, iy));
        t.setCoordinateM(TraceHeader.CDP_Y, g.cdpY(ix, iy));
        t.setDelayMs(delayMs);
        return t;
    }
}
