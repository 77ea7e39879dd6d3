package io.seiswork.core.segy;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes modelled shot gathers to one SEG-Y file, one trace per receiver per shot, with the
 * headers processing software looks for: FFID (9) = shot number, trace number in the record
 * (13), source X/Y (73/77), receiver X/Y (81/85) with the coordinate scalar (71), signed offset
 * (37), source depth (49) and receiver elevation (41, negative below the surface) with the
 * elevation scalar (69), sample count and interval (115/117). Streaming: a shot is written as soon
 * as it is modelled, so the file of a thousand-shot survey is never held in memory. The binary
 * header says metres (3255), sorted as recorded (3229 = 1) and, when every shot has as many
 * receivers, that count as the traces per ensemble (3213), which rev 1 asks of prestack data.
 *
 * <p>Nothing in the file counts its shots or traces except the trace sequence numbers (1, 5), so a
 * run that stopped continues its file with {@link #append}: the same bytes as one uninterrupted
 * writer's.
 */
public final class ShotGatherWriter implements AutoCloseable {

    private final SegyWriter writer;
    private final boolean is2d;
    private final int coordinateScalar;
    private final int samples;
    private long traceSequence;

    /**
     * @param file the file to create (replaced if present)
     * @param timeS output time axis in seconds, starting at 0
     * @param is2d whether the model is 2D: offsets are then signed by the receiver's side
     * @param maxCoordinateM largest coordinate magnitude in metres, to choose the scalar
     * @param textHeader first textual header (EBCDIC)
     */
    public ShotGatherWriter(Path file, Sampling timeS, boolean is2d, double maxCoordinateM, String textHeader) {
        this(file, timeS, is2d, maxCoordinateM, textHeader, 0);
    }

    /**
     * As {@link #ShotGatherWriter(Path, Sampling, boolean, double, String)}, with the receivers
     * of every shot for the binary header's traces per ensemble (3213).
     *
     * @param tracesPerShot the receivers of every shot when all have as many, else 0
     */
    public ShotGatherWriter(Path file, Sampling timeS, boolean is2d, double maxCoordinateM, String textHeader,
            int tracesPerShot) {
        this(SegyWriter.create(file, options(timeS, textHeader, tracesPerShot)), timeS, is2d, maxCoordinateM);
    }

    private ShotGatherWriter(SegyWriter writer, Sampling timeS, boolean is2d, double maxCoordinateM) {
        this.writer = writer;
        this.is2d = is2d;
        this.coordinateScalar = TraceHeader.coordinateScalarFor(maxCoordinateM);
        this.samples = timeS.count();
        this.traceSequence = writer.tracesWritten();
    }

    /**
     * Continues {@code file}, written by this class with the same arguments, after its first
     * {@code keepBytes} bytes (its headers and the traces of the shots kept, as
     * {@link #bytesWritten()} said after the last of them); what follows is cut off, and trace
     * sequence numbers go on from the traces kept.
     *
     * @throws SegyException when the file is shorter, {@code keepBytes} is not whole traces, or its
     *     headers are not the ones these arguments write
     */
    public static ShotGatherWriter append(Path file, Sampling timeS, boolean is2d, double maxCoordinateM,
            String textHeader, long keepBytes) {
        return append(file, timeS, is2d, maxCoordinateM, textHeader, 0, keepBytes);
    }

    /** As {@link #append(Path, Sampling, boolean, double, String, long)}, for a file made with {@code tracesPerShot}. */
    public static ShotGatherWriter append(Path file, Sampling timeS, boolean is2d, double maxCoordinateM,
            String textHeader, int tracesPerShot, long keepBytes) {
        return new ShotGatherWriter(SegyWriter.append(file, options(timeS, textHeader, tracesPerShot), keepBytes),
                timeS, is2d, maxCoordinateM);
    }

    private static SegyWriteOptions options(Sampling timeS, String textHeader, int tracesPerShot) {
        int intervalUs = (int) Math.round(timeS.delta() * 1e6);
        return SegyWriteOptions.of(timeS.count(), intervalUs).withTextHeader(textHeader, TextEncoding.EBCDIC)
                .withMetresSortedAs(BinaryHeader.SORTING_AS_RECORDED, tracesPerShot);
    }

    /**
     * Writes the traces of one shot.
     *
     * @param shot the shot (its number becomes the FFID)
     * @param traces {@code traces[r]} for receiver r of {@code shot.receivers()}, each of the
     *     output sample count
     * @throws IllegalStateException writing none of the shot's traces, when they would take the
     *     file past 2,147,483,647 traces, which the 32-bit trace sequence numbers cannot count
     */
    public void write(Shot shot, float[][] traces) {
        List<Position> receivers = shot.receivers();
        if (traces.length != receivers.size()) {
            throw new IllegalArgumentException("shot " + shot.number() + " has " + receivers.size()
                    + " receivers but " + traces.length + " traces");
        }
        if (traceSequence + traces.length > Integer.MAX_VALUE) {
            // Checked before any of its traces: the file keeps whole shots, numbered without a wrap.
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s cannot take shot %d: its %,d"
                    + " traces after the %,d written would number past %,d, the most SEG-Y's 32-bit trace sequence"
                    + " numbers (trace header bytes 1-4 and 5-8) count; model the survey's shots in parts (run"
                    + " --shots), each into its own file", writer.file().getFileName(), shot.number(), traces.length,
                    traceSequence, Integer.MAX_VALUE));
        }
        Position s = shot.source();
        for (int r = 0; r < traces.length; r++) {
            if (traces[r].length != samples) {
                throw new IllegalArgumentException("trace " + (r + 1) + " of shot " + shot.number() + " has "
                        + traces[r].length + " samples, the file " + samples);
            }
            Position g = receivers.get(r);
            TraceHeader h = new TraceHeader(java.nio.ByteOrder.BIG_ENDIAN);
            traceSequence++;
            h.setInt32(TraceHeader.TRACE_SEQUENCE_LINE, (int) traceSequence);
            h.setInt32(TraceHeader.TRACE_SEQUENCE_FILE, (int) traceSequence);
            h.setInt32(TraceHeader.FIELD_RECORD, shot.number());
            h.setInt32(TraceHeader.TRACE_NUMBER, r + 1);
            h.setInt32(TraceHeader.ENERGY_SOURCE_POINT, shot.number());
            h.setInt16(TraceHeader.TRACE_ID, 1);
            h.setInt32(TraceHeader.OFFSET, (int) Math.round(offsetM(s, g)));
            h.setInt16(TraceHeader.ELEVATION_SCALAR, -100);
            h.setInt32(TraceHeader.RECEIVER_ELEVATION, (int) Math.round(-g.z() * 100));
            h.setInt32(TraceHeader.SOURCE_DEPTH, (int) Math.round(s.z() * 100));
            h.setInt16(TraceHeader.COORDINATE_SCALAR, coordinateScalar);
            h.setInt16(TraceHeader.COORDINATE_UNITS, 1);
            h.setCoordinateM(TraceHeader.SOURCE_X, s.x());
            h.setCoordinateM(TraceHeader.SOURCE_Y, s.y());
            h.setCoordinateM(TraceHeader.GROUP_X, g.x());
            h.setCoordinateM(TraceHeader.GROUP_Y, g.y());
            writer.write(h, traces[r]);
        }
    }

    /** Horizontal source–receiver distance in metres; in 2D negative when the receiver is at smaller x. */
    private double offsetM(Position s, Position g) {
        double d = s.horizontalDistanceTo(g);
        return is2d && g.x() < s.x() ? -d : d;
    }

    /** Traces written so far (with those an {@link #append} kept). */
    public long tracesWritten() {
        return writer.tracesWritten();
    }

    /** The file's length so far in bytes: its headers and every trace written. */
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    /** Writes what is buffered and forces the file to disk: the shots written so far survive a crash. */
    public void sync() {
        writer.sync();
    }

    @Override
    public void close() {
        writer.close();
    }
}
