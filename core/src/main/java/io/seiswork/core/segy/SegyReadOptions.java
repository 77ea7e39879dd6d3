package io.seiswork.core.segy;

import java.nio.ByteOrder;

/**
 * How {@link SegyReader} opens a file. Build from {@link #defaults()} with the {@code with...}
 * methods, for example {@code SegyReadOptions.defaults().withInlineByte(5).withCrosslineByte(21)}.
 *
 * @param inlineByte 1-based trace-header byte of the inline number (int32), default 189; when left
 *     at 189, a rev-2.1 XML layout stanza mapping "iline" elsewhere is followed instead
 * @param crosslineByte 1-based trace-header byte of the crossline number (int32), default 193; when
 *     left at 193, a layout stanza mapping "xline" elsewhere is followed instead
 * @param byteOrder forced byte order, or null to detect it (rev-2 marker, then format-code plausibility)
 * @param format forced sample format, or null to take the binary-header code (ignored for SU: always IEEE)
 * @param seismicUnix read as Seismic Unix (no textual or binary header), default false
 * @param fallbackIntervalUs sample interval in microseconds used when neither the binary header
 *     nor the first trace header has a positive one; default 4000, as segyio
 */
public record SegyReadOptions(
        int inlineByte,
        int crosslineByte,
        ByteOrder byteOrder,
        SampleFormat format,
        boolean seismicUnix,
        int fallbackIntervalUs) {

    public SegyReadOptions {
        checkKeyByte("inline", inlineByte);
        checkKeyByte("crossline", crosslineByte);
        if (fallbackIntervalUs <= 0) {
            throw new IllegalArgumentException("fallback sample interval must be > 0 µs, got " + fallbackIntervalUs);
        }
    }

    private static void checkKeyByte(String what, int pos) {
        if (pos < 1 || pos > TraceHeader.SIZE - 3) {
            throw new IllegalArgumentException(what + " byte must be in 1.." + (TraceHeader.SIZE - 3)
                    + " (a 4-byte field inside the 240-byte trace header), got " + pos);
        }
    }

    /** Inline 189, crossline 193, byte order and format from the file, SEG-Y, fallback 4000 µs. */
    public static SegyReadOptions defaults() {
        return new SegyReadOptions(TraceHeader.INLINE, TraceHeader.CROSSLINE, null, null, false, 4000);
    }

    /** Options for a Seismic Unix file with the usual SU keys: inline in tracr (5), crossline in cdp (21). */
    public static SegyReadOptions seismicUnixDefaults() {
        return new SegyReadOptions(TraceHeader.TRACE_SEQUENCE_FILE, TraceHeader.CDP, null, null, true, 4000);
    }

    /** A copy reading the inline number (int32) at trace-header byte {@code b}. */
    public SegyReadOptions withInlineByte(int b) {
        return new SegyReadOptions(b, crosslineByte, byteOrder, format, seismicUnix, fallbackIntervalUs);
    }

    /** A copy reading the crossline number (int32) at trace-header byte {@code b}. */
    public SegyReadOptions withCrosslineByte(int b) {
        return new SegyReadOptions(inlineByte, b, byteOrder, format, seismicUnix, fallbackIntervalUs);
    }

    /** A copy with the byte order forced ({@code null} detects it). */
    public SegyReadOptions withByteOrder(ByteOrder order) {
        return new SegyReadOptions(inlineByte, crosslineByte, order, format, seismicUnix, fallbackIntervalUs);
    }

    /** A copy with the sample format forced ({@code null} takes the binary header's). */
    public SegyReadOptions withFormat(SampleFormat f) {
        return new SegyReadOptions(inlineByte, crosslineByte, byteOrder, f, seismicUnix, fallbackIntervalUs);
    }

    /** A copy reading the file as Seismic Unix ({@code true}) or SEG-Y. */
    public SegyReadOptions withSeismicUnix(boolean su) {
        return new SegyReadOptions(inlineByte, crosslineByte, byteOrder, format, su, fallbackIntervalUs);
    }

    /** A copy with another fallback sample interval in microseconds. */
    public SegyReadOptions withFallbackIntervalUs(int us) {
        return new SegyReadOptions(inlineByte, crosslineByte, byteOrder, format, seismicUnix, us);
    }
}
