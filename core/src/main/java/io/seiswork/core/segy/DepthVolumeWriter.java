package io.seiswork.core.segy;

import io.seiswork.core.grid.Grid;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a depth volume on a {@link Grid} (a migrated image, a velocity model) as SEG-Y: one
 * trace per (x, y) column, inline-sorted (y outer, x inner), {@code nz} IEEE float32 samples.
 *
 * <p>Headers: inline = y index + 1 (bytes 189), crossline = x index + 1 (193), CDP number (21),
 * CDP X/Y (181/185) in metres from the first grid node with the coordinate scalar (71). The
 * sample interval (binary header 17, trace header 117) holds the depth step in millimetres —
 * SEG-Y has no depth unit there, so the "µs" field carries dz × 1000 — and the caller's text
 * header should say so; dz must therefore be at most 32.767 m.
 */
public final class DepthVolumeWriter {

    private DepthVolumeWriter() {
    }

    /**
     * @param file the file to create (replaced if present)
     * @param g the grid of {@code values}
     * @param values {@link Grid#index} order, z contiguous
     * @param textHeader first textual header (EBCDIC), for example from {@link TextHeaderCodec#fromLines}
     * @throws IllegalArgumentException when dz does not fit the interval field in millimetres
     */
    public static void write(Path file, Grid g, float[] values, String textHeader) {
        long mm = Math.round(g.dz() * 1000);
        if (mm < 1 || mm > Short.MAX_VALUE) {
            throw new IllegalArgumentException("dz = " + g.dz() + " m does not fit the SEG-Y sample interval field in "
                    + "millimetres (1 .. 32767)");
        }
        if (values.length != g.points()) {
            throw new IllegalArgumentException("volume has " + values.length + " values, the grid " + g.points());
        }
        int scalar = TraceHeader.coordinateScalarFor(Math.max(g.xAxis().last(), g.yAxis().last()));
        float[] trace = new float[g.nz()];
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(g.nz(), (int) mm)
                .withTextHeader(textHeader, TextEncoding.EBCDIC))) {
            int n = 0;
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(values, g.index(ix, iy, 0), trace, 0, g.nz());
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    n++;
                    h.setInt32(TraceHeader.TRACE_SEQUENCE_LINE, n);
                    h.setInt32(TraceHeader.TRACE_SEQUENCE_FILE, n);
                    h.setInt32(TraceHeader.CDP, n);
                    h.setInt16(TraceHeader.TRACE_ID, 1);
                    h.setInt16(TraceHeader.COORDINATE_SCALAR, scalar);
                    h.setInt16(TraceHeader.COORDINATE_UNITS, 1);
                    h.setCoordinateM(TraceHeader.CDP_X, ix * g.dx());
                    h.setCoordinateM(TraceHeader.CDP_Y, iy * g.dy());
                    h.setInt32(TraceHeader.INLINE, iy + 1);
                    h.setInt32(TraceHeader.CROSSLINE, ix + 1);
                    w.write(h, trace);
                }
            }
        }
    }
}
