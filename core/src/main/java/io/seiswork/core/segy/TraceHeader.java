package io.seiswork.core.segy;

import java.nio.ByteOrder;

/**
 * One 240-byte SEG-Y trace header (also the SU header), read and written by 1-based byte position.
 *
 * <p>Raw fields are available through {@link HeaderBlock}'s getters; the {@code ...M} and
 * {@code ...Ms} accessors apply the SEG-Y scalars and return metres and milliseconds:
 * coordinate scalar (71) for source/group/CDP X and Y, elevation scalar (69) for elevations and
 * depths (41-68), time scalar (215) for the delay (109). A scalar {@code s} multiplies when
 * positive, divides by {@code -s} when negative, and counts as 1 when 0 (SEG-Y rev 1, 2).
 *
 * <p>Not thread-safe (it is a mutable byte array). Rev-2 trace-header extensions are not part of
 * this class: {@link SegyReader} skips over them.
 */
public final class TraceHeader extends HeaderBlock {

    /** Size of a trace header in bytes. */
    public static final int SIZE = 240;

    /** Trace sequence number within line (int32). */
    public static final int TRACE_SEQUENCE_LINE = 1;
    /** Trace sequence number within file/reel (int32); SU files often hold the inline here. */
    public static final int TRACE_SEQUENCE_FILE = 5;
    /** Original field record number, FFID (int32); Seiswork's shot number. */
    public static final int FIELD_RECORD = 9;
    /** Trace number within the original field record (int32). */
    public static final int TRACE_NUMBER = 13;
    /** Energy source point number (int32). */
    public static final int ENERGY_SOURCE_POINT = 17;
    /** CDP ensemble number (int32). */
    public static final int CDP = 21;
    /** Trace number within the CDP ensemble (int32). */
    public static final int CDP_TRACE = 25;
    /** Trace identification code (int16): 1 seismic, 2 dead. */
    public static final int TRACE_ID = 29;
    /** Source-receiver offset (int32), metres when unscaled. */
    public static final int OFFSET = 37;
    /** Receiver group elevation (int32), scaled by {@link #ELEVATION_SCALAR}. */
    public static final int RECEIVER_ELEVATION = 41;
    /** Surface elevation at source (int32), scaled by {@link #ELEVATION_SCALAR}. */
    public static final int SOURCE_ELEVATION = 45;
    /** Source depth below surface (int32), scaled by {@link #ELEVATION_SCALAR}. */
    public static final int SOURCE_DEPTH = 49;
    /** Scalar for bytes 41-68 (int16). */
    public static final int ELEVATION_SCALAR = 69;
    /** Scalar for bytes 73-88 and 181-188 (int16). */
    public static final int COORDINATE_SCALAR = 71;
    /** Source X (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int SOURCE_X = 73;
    /** Source Y (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int SOURCE_Y = 77;
    /** Receiver group X (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int GROUP_X = 81;
    /** Receiver group Y (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int GROUP_Y = 85;
    /** Coordinate units (int16): 1 length, 2 arc seconds. */
    public static final int COORDINATE_UNITS = 89;
    /** Delay recording time (int16) in ms, scaled by {@link #TIME_SCALAR}: time of the first sample. */
    public static final int DELAY = 109;
    /** Number of samples in this trace (uint16). */
    public static final int SAMPLE_COUNT = 115;
    /** Sample interval of this trace (int16) in microseconds. */
    public static final int SAMPLE_INTERVAL = 117;
    /** CDP X (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int CDP_X = 181;
    /** CDP Y (int32), scaled by {@link #COORDINATE_SCALAR}. */
    public static final int CDP_Y = 185;
    /** Inline number (int32), the default inline byte. */
    public static final int INLINE = 189;
    /** Crossline number (int32), the default crossline byte. */
    public static final int CROSSLINE = 193;
    /** Shotpoint number (int32). */
    public static final int SHOTPOINT = 197;
    /** Scalar for times in bytes 95-114 (int16); SEG-Y rev 1 byte 215. */
    public static final int TIME_SCALAR = 215;

    /** Widths of the standard fields by 0-based offset (0 = not a field start, or left unswapped). */
    static final byte[] WIDTHS = standardWidths();

    /** A zeroed header in {@code order}. */
    public TraceHeader(ByteOrder order) {
        this(new byte[SIZE], order);
    }

    /**
     * A header over these 240 bytes (not copied) in {@code order}.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 240 long
     */
    public TraceHeader(byte[] bytes, ByteOrder order) {
        super(checkSize(bytes), order, 1);
    }

    private static byte[] checkSize(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a trace header has " + SIZE + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** A copy of this header with its standard fields converted to {@code order}. */
    public TraceHeader withByteOrder(ByteOrder order) {
        return new TraceHeader(bytesInOrder(order, WIDTHS), order);
    }

    /** A copy of this header. */
    public TraceHeader copy() {
        return new TraceHeader(toBytes(), byteOrder());
    }

    /**
     * Applies a SEG-Y scalar: positive multiplies, negative divides by its magnitude, 0 counts as 1.
     *
     * @param raw the stored integer
     * @param scalar the scalar field's value
     */
    public static double applyScalar(long raw, int scalar) {
        if (scalar > 0) {
            return (double) raw * scalar;
        }
        if (scalar < 0) {
            return (double) raw / -scalar;
        }
        return raw;
    }

    /**
     * The coordinate scalar that stores values up to {@code maxAbsMetres} with centimetre
     * precision where int32 allows (-100), else the finest of -10, 1, 10, 100, 1000, 10000 that fits.
     *
     * @throws IllegalArgumentException when the value is not finite or too large for any scalar
     */
    public static int coordinateScalarFor(double maxAbsMetres) {
        if (!Double.isFinite(maxAbsMetres)) {
            throw new IllegalArgumentException("coordinate must be finite, got " + maxAbsMetres);
        }
        double a = Math.abs(maxAbsMetres);
        for (int s : new int[] {-100, -10, 1, 10, 100, 1000, 10000}) {
            double stored = s < 0 ? a * -s : a / s;
            if (Math.rint(stored) <= Integer.MAX_VALUE) {
                return s;
            }
        }
        throw new IllegalArgumentException("coordinate " + maxAbsMetres + " m is too large for a SEG-Y header");
    }

    /** Field at {@code position} (int32) with the coordinate scalar (71) applied: metres (or the file's unit). */
    public double coordinateM(int position) {
        return applyScalar(getInt32(position), getInt16(COORDINATE_SCALAR));
    }

    /**
     * Stores {@code metres} at {@code position} (int32) using the coordinate scalar already in byte 71
     * (set it first, for example with {@link #coordinateScalarFor}); rounds to the nearest stored unit.
     *
     * @throws IllegalArgumentException when the value does not fit int32 with that scalar
     */
    public void setCoordinateM(int position, double metres) {
        int s = getInt16(COORDINATE_SCALAR);
        double stored = s > 0 ? metres / s : s < 0 ? metres * -s : metres;
        long r = Math.round(stored);
        if (!Double.isFinite(stored) || r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("coordinate " + metres + " m does not fit byte " + position
                    + " with coordinate scalar " + s);
        }
        setInt32(position, (int) r);
    }

    /** Field at {@code position} (int32, bytes 41-68) with the elevation scalar (69) applied: metres. */
    public double elevationM(int position) {
        return applyScalar(getInt32(position), getInt16(ELEVATION_SCALAR));
    }

    /** Source X in metres (73, scalar 71). */
    public double sourceXM() {
        return coordinateM(SOURCE_X);
    }

    /** Source Y in metres (77, scalar 71). */
    public double sourceYM() {
        return coordinateM(SOURCE_Y);
    }

    /** Receiver group X in metres (81, scalar 71). */
    public double groupXM() {
        return coordinateM(GROUP_X);
    }

    /** Receiver group Y in metres (85, scalar 71). */
    public double groupYM() {
        return coordinateM(GROUP_Y);
    }

    /** CDP X in metres (181, scalar 71). */
    public double cdpXM() {
        return coordinateM(CDP_X);
    }

    /** CDP Y in metres (185, scalar 71). */
    public double cdpYM() {
        return coordinateM(CDP_Y);
    }

    /** Time of the first sample in milliseconds: delay (109) with the time scalar (215) applied. */
    public double delayMs() {
        return applyScalar(getInt16(DELAY), getInt16(TIME_SCALAR));
    }

    /**
     * Stores the time of the first sample, {@code ms} milliseconds, in the delay (109, int16) and
     * the time scalar (215): a whole number of ms in int16's range (−32768 .. 32767) with scalar
     * 0 (counts as 1, as segyio and most writers leave it); else the coarsest divisor (−10, −100,
     * −1000, −10000) that stores it exactly, else the finest that fits int16 (rounding to it);
     * delays beyond int16 with a multiplier (10 .. 10000), rounded. The time scalar also scales
     * the other times of bytes 95-114 (lags, mutes), so call this on headers whose other times
     * are 0.
     *
     * @throws IllegalArgumentException when {@code ms} is not finite or, divided by 10000 and
     *     rounded, beyond int16 (−327,680,000 .. 327,670,000 ms)
     */
    public void setDelayMs(double ms) {
        if (!Double.isFinite(ms) || !fitsInt16(Math.round(ms / 10_000.0))) {
            throw new IllegalArgumentException("delay " + ms + " ms does not fit byte " + DELAY
                    + " (int16) with any time scalar (" + 10_000 * Short.MIN_VALUE + " .. "
                    + 10_000 * Short.MAX_VALUE + " ms)");
        }
        int scalar = timeScalarFor(ms);
        double stored = scalar < 0 ? ms * -scalar : scalar > 0 ? ms / scalar : ms;
        setInt16(DELAY, Math.clamp(Math.round(stored), Short.MIN_VALUE, Short.MAX_VALUE));
        setInt16(TIME_SCALAR, scalar);
    }

    /** The time scalar with which {@link #setDelayMs} stores {@code ms} (see there). */
    static int timeScalarFor(double ms) {
        if (fitsInt16(ms) && ms == Math.rint(ms)) {
            return 0;
        }
        int finest = 0;
        for (int s : new int[] {-10, -100, -1000, -10000}) {
            double stored = ms * -s;
            if (!fitsInt16(Math.round(stored))) {
                break;
            }
            finest = s;
            if (Math.abs(stored - Math.rint(stored)) <= 1e-6 * Math.max(1, Math.abs(stored))) {
                return s;
            }
        }
        if (finest != 0 || fitsInt16(Math.round(ms))) {
            return finest;
        }
        for (int s : new int[] {10, 100, 1000, 10000}) {
            if (fitsInt16(Math.round(ms / s))) {
                return s;
            }
        }
        throw new IllegalArgumentException("delay " + ms + " ms is too large for a SEG-Y header");
    }

    /** Whether {@code v} is in int16's range, −32768 .. 32767 (not symmetric: −32768 fits). */
    private static boolean fitsInt16(double v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
    }

    /** Inline number at the default byte 189. */
    public int inline() {
        return getInt32(INLINE);
    }

    /** Crossline number at the default byte 193. */
    public int crossline() {
        return getInt32(CROSSLINE);
    }

    /** Source-receiver offset (37), unscaled. */
    public int offset() {
        return getInt32(OFFSET);
    }

    /** Number of samples in this trace (115, unsigned), 0 when the writer left it blank. */
    public int sampleCount() {
        return getUInt16(SAMPLE_COUNT);
    }

    /** Sample interval in microseconds (117, signed; 0 or negative means not set). */
    public int sampleIntervalUs() {
        return getInt16(SAMPLE_INTERVAL);
    }

    private static byte[] standardWidths() {
        byte[] w = new byte[SIZE];
        fill(w, 0, 28, 4);
        fill(w, 28, 36, 2);
        fill(w, 36, 68, 4);
        fill(w, 68, 72, 2);
        fill(w, 72, 88, 4);
        fill(w, 88, 180, 2);
        fill(w, 180, 200, 4);
        fill(w, 200, 204, 2);
        fill(w, 204, 208, 4);
        fill(w, 208, 218, 2);
        fill(w, 218, 222, 4);
        fill(w, 222, 224, 2);
        fill(w, 224, 228, 4);
        fill(w, 228, 232, 2);
        return w; // 233-240: unassigned / rev-2 header name, left as raw bytes
    }

    static void fill(byte[] widths, int from, int to, int width) {
        for (int i = from; i < to; i += width) {
            widths[i] = (byte) width;
        }
    }
}
