package io.seiswork.core.segy;

import java.nio.ByteOrder;

/**
 * The 400-byte SEG-Y binary file header (file bytes 3201-3600), addressed by 1-based file position.
 *
 * <p>Named constants cover the fields Seiswork reads or writes. The revision is two single bytes
 * (3501 major, 3502 minor) in SEG-Y rev 2; older writers stored the 16-bit word 1 or 2, which
 * {@link #revision()} also understands.
 */
public final class BinaryHeader extends HeaderBlock {

    /** Size in bytes. */
    public static final int SIZE = 400;
    /** File position of the first byte. */
    public static final int FIRST_POSITION = 3201;

    /** Job identification number (int32). */
    public static final int JOB_ID = 3201;
    /** Number of data traces per ensemble (int16). */
    public static final int TRACES_PER_ENSEMBLE = 3213;
    /** Sample interval in microseconds (int16; 0 or negative means not set). */
    public static final int SAMPLE_INTERVAL = 3217;
    /** Samples per trace (uint16: 60000 is 60000, not -5536). */
    public static final int SAMPLE_COUNT = 3221;
    /** Data sample format code (int16), see {@link SampleFormat}. */
    public static final int FORMAT = 3225;
    /** Ensemble fold (int16). */
    public static final int ENSEMBLE_FOLD = 3227;
    /** Trace sorting code (int16): see {@link #SORTING_AS_RECORDED}, {@link #SORTING_STACKED}. */
    public static final int SORTING = 3229;
    /** Sorting code 1: as recorded (no sorting), what shot gathers written shot by shot are. */
    public static final int SORTING_AS_RECORDED = 1;
    /** Sorting code 4: horizontally stacked, what a migrated image or a model (one trace per column) is. */
    public static final int SORTING_STACKED = 4;
    /** Measurement system (int16): 1 metres, 2 feet. */
    public static final int MEASUREMENT_SYSTEM = 3255;
    /** Measurement system code 1: metres. */
    public static final int METRES = 1;
    /** Rev 2: extended samples per trace (int32), used when 3221 is 0 or cannot fit the file. */
    public static final int EXT_SAMPLE_COUNT = 3269;
    /** Rev 2: extended sample interval (IEEE float64). */
    public static final int EXT_SAMPLE_INTERVAL = 3273;
    /** Rev 2: byte-order marker (int32 0x01020304 when read in the file's byte order). */
    public static final int BYTE_ORDER_MARKER = 3297;
    /** SEG-Y revision: major byte. */
    public static final int REVISION_MAJOR = 3501;
    /** SEG-Y revision: minor byte. */
    public static final int REVISION_MINOR = 3502;
    /** Fixed-length trace flag (int16): 1 all traces have the binary-header sample count. */
    public static final int FIXED_LENGTH = 3503;
    /** Number of extended textual headers (int16): -1 variable, ended by an EndText stanza. */
    public static final int EXTENDED_TEXT_HEADERS = 3505;
    /**
     * Rev 2: number of trace-header extensions per trace. The standard makes 3507-3510 an int32;
     * segyio and its test files use an int16 at 3507, and so does Seiswork.
     */
    public static final int TRACE_HEADER_EXTENSIONS = 3507;

    /** The value of the byte-order marker read in the right order. */
    public static final int BYTE_ORDER_MARKER_VALUE = 0x01020304;

    static final byte[] WIDTHS = standardWidths();

    /** A zeroed binary header in {@code order}. */
    public BinaryHeader(ByteOrder order) {
        this(new byte[SIZE], order);
    }

    /**
     * A binary header over these 400 bytes (not copied) in {@code order}.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 400 long
     */
    public BinaryHeader(byte[] bytes, ByteOrder order) {
        super(checkSize(bytes), order, FIRST_POSITION);
    }

    private static byte[] checkSize(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a binary header has " + SIZE + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** A copy with the standard fields converted to {@code order} (the revision bytes stay as they are). */
    public BinaryHeader withByteOrder(ByteOrder order) {
        return new BinaryHeader(bytesInOrder(order, WIDTHS), order);
    }

    /** A copy of this header. */
    public BinaryHeader copy() {
        return new BinaryHeader(toBytes(), byteOrder());
    }

    /** The data sample format code (3225). */
    public int formatCode() {
        return getInt16(FORMAT);
    }

    /** Samples per trace from 3221, unsigned. */
    public int sampleCount() {
        return getUInt16(SAMPLE_COUNT);
    }

    /** Sample interval from 3217 in microseconds, signed (0 or negative means not set). */
    public int sampleIntervalUs() {
        return getInt16(SAMPLE_INTERVAL);
    }

    /** SEG-Y revision major number (see the class comment for the legacy word form). */
    public int revisionMajor() {
        return revision()[0];
    }

    /** SEG-Y revision as text, for example {@code "1.0"}. */
    public String revisionString() {
        int[] r = revision();
        return r[0] + "." + r[1];
    }

    private int[] revision() {
        int major = getUInt8(REVISION_MAJOR);
        int minor = getUInt8(REVISION_MINOR);
        if (major == 0 && (minor == 1 || minor == 2)) {
            return new int[] {minor, 0}; // legacy writers: the big-endian 16-bit word 1 or 2
        }
        return new int[] {major, minor};
    }

    /**
     * Sets the revision. Stored as the 16-bit word {@code major << 8 | minor} in this header's byte
     * order, which is what segyio reads (the word 0x0100 for rev 1.0) in either byte order; a
     * little-endian header with a non-zero minor gets the two rev-2 single bytes instead.
     */
    public void setRevision(int major, int minor) {
        if (byteOrder() == ByteOrder.LITTLE_ENDIAN && minor != 0) {
            // The word would read back as minor.major; rev 2 defines two single bytes, so use them.
            setInt8(REVISION_MAJOR, major);
            setInt8(REVISION_MINOR, minor);
        } else {
            setInt16(REVISION_MAJOR, (major & 0xFF) << 8 | (minor & 0xFF));
        }
    }

    private static byte[] standardWidths() {
        byte[] w = new byte[SIZE];
        TraceHeader.fill(w, 0, 12, 4);
        TraceHeader.fill(w, 12, 60, 2);
        TraceHeader.fill(w, 60, 72, 4);
        TraceHeader.fill(w, 72, 88, 8);
        TraceHeader.fill(w, 88, 100, 4);
        // 3301-3500 unassigned; 3501-3502 revision bytes stay as written.
        TraceHeader.fill(w, 302, 306, 2);
        TraceHeader.fill(w, 306, 310, 2);
        TraceHeader.fill(w, 310, 312, 2);
        TraceHeader.fill(w, 312, 328, 8);
        TraceHeader.fill(w, 328, 332, 4);
        return w;
    }
}
