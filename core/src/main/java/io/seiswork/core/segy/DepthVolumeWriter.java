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
 * header should say so; dz must therefore be at most 32.767 m. The binary header says metres
 * (3255) and horizontally stacked (3229 = 4).
 *
 * <p>Streaming: {@link #create} writes the file headers, {@link #writeColumn} appends the next
 * column in that order, {@link #close} flushes; memory does not grow with the volume, so a grid
 * far larger than one Java array ({@link Grid#fitsInArray()}) is written as easily as a small
 * one. {@link #write} is the same for a volume held in one array. Not thread-safe.
 */
public final class DepthVolumeWriter implements AutoCloseable {

    private final Grid grid;
    private final SegyWriter out;
    private final int scalar;
    private final long columns;
    private long written;

    private DepthVolumeWriter(Grid grid, SegyWriter out) {
        this.grid = grid;
        this.out = out;
        this.scalar = TraceHeader.coordinateScalarFor(Math.max(grid.xAxis().last(), grid.yAxis().last()));
        this.columns = (long) grid.nx() * grid.ny();
    }

    /**
     * Creates (or truncates) {@code file} for a volume on {@code g} and writes its file headers.
     *
     * @param textHeader first textual header (EBCDIC), for example from {@link TextHeaderCodec#fromLines}
     * @throws IllegalArgumentException when dz does not fit the interval field in millimetres, or
     *     the grid has more columns than SEG-Y's 32-bit trace numbers count
     * @throws SegyException when the file cannot be written
     */
    public static DepthVolumeWriter create(Path file, Grid g, String textHeader) {
        int mm = intervalMm(g);
        long columns = (long) g.nx() * g.ny();
        if (columns > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a grid of " + g.nx() + " x " + g.ny() + " = " + columns
                    + " columns exceeds the " + Integer.MAX_VALUE + " traces SEG-Y's 32-bit trace numbers count");
        }
        return new DepthVolumeWriter(g, SegyWriter.create(file, SegyWriteOptions.of(g.nz(), mm)
                .withTextHeader(textHeader, TextEncoding.EBCDIC).withMetresSortedAs(BinaryHeader.SORTING_STACKED, 0)));
    }

    /**
     * Writes a whole volume held in one array.
     *
     * @param file the file to create (replaced if present)
     * @param g the grid of {@code values}
     * @param values {@link Grid#index} order, z contiguous
     * @param textHeader first textual header (EBCDIC), for example from {@link TextHeaderCodec#fromLines}
     * @throws IllegalArgumentException when dz does not fit the interval field in millimetres or
     *     {@code values} does not cover the grid
     */
    public static void write(Path file, Grid g, float[] values, String textHeader) {
        intervalMm(g);
        if (values.length != g.points()) {
            throw new IllegalArgumentException("volume has " + values.length + " values, the grid " + g.points());
        }
        float[] trace = new float[g.nz()];
        try (DepthVolumeWriter w = create(file, g, textHeader)) {
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(values, g.index(ix, iy, 0), trace, 0, g.nz());
                    w.writeColumn(trace);
                }
            }
        }
    }

    /** The depth step in millimetres, the sample interval field's value. */
    private static int intervalMm(Grid g) {
        long mm = Math.round(g.dz() * 1000);
        if (mm < 1 || mm > Short.MAX_VALUE) {
            throw new IllegalArgumentException("dz = " + g.dz() + " m does not fit the SEG-Y sample interval field in "
                    + "millimetres (1 .. 32767)");
        }
        return (int) mm;
    }

    /** Columns (traces) written so far. */
    public long columnsWritten() {
        return written;
    }

    /**
     * Appends the next column: {@code column[0 .. nz)} at x = written mod nx, y = written / nx.
     *
     * @throws IllegalArgumentException when the column is shorter than nz
     * @throws IllegalStateException when every column was already written
     * @throws SegyException when writing fails
     */
    public void writeColumn(float[] column) {
        if (written >= columns) {
            throw new IllegalStateException(out.file() + " already has all " + columns + " columns of " + grid);
        }
        int ix = (int) (written % grid.nx());
        int iy = (int) (written / grid.nx());
        int n = (int) (written + 1); // 1-based trace number; create() keeps it within 32 bits
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        h.setInt32(TraceHeader.TRACE_SEQUENCE_LINE, n);
        h.setInt32(TraceHeader.TRACE_SEQUENCE_FILE, n);
        h.setInt32(TraceHeader.CDP, n);
        h.setInt16(TraceHeader.TRACE_ID, 1);
        h.setInt16(TraceHeader.COORDINATE_SCALAR, scalar);
        h.setInt16(TraceHeader.COORDINATE_UNITS, 1);
        h.setCoordinateM(TraceHeader.CDP_X, ix * grid.dx());
        h.setCoordinateM(TraceHeader.CDP_Y, iy * grid.dy());
        h.setInt32(TraceHeader.INLINE, iy + 1);
        h.setInt32(TraceHeader.CROSSLINE, ix + 1);
        out.write(h, column);
        written++;
    }

    /**
     * Flushes and closes the file.
     *
     * @throws IllegalStateException when fewer than nx · ny columns were written (the file is
     *     closed all the same)
     * @throws SegyException when writing fails
     */
    @Override
    public void close() {
        out.close();
        if (written != columns) {
            throw new IllegalStateException(out.file() + " was closed with " + written + " of the " + columns
                    + " columns of " + grid);
        }
    }
}
