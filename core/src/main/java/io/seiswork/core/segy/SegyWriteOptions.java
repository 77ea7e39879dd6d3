package io.seiswork.core.segy;

import java.nio.ByteOrder;
import java.util.List;

/**
 * What {@link SegyWriter} writes. Start from {@link #of(int, int)} and adjust with the
 * {@code with...} methods.
 *
 * @param format sample format, one of the {@link SampleFormat#writable()} ones; default ieee32
 * @param byteOrder byte order of headers and samples; default big-endian (the standard's)
 * @param samplesPerTrace samples in every trace, 1..65535
 * @param sampleIntervalUs sample interval in microseconds, 1..32767 (written to 3217 and every trace's 117)
 * @param textHeader first textual header (cut or padded to 3200 characters)
 * @param textEncoding encoding of the textual headers; default EBCDIC
 * @param revision "major.minor" to write at 3501, such as "1.0" (default) or "2.0"; null keeps the
 *     template's revision (raised to 1.0 for ieee32 and int8, which rev 0 lacks), or "1.0" without one;
 *     either raised to "2.0" above 32767 samples per trace, which rev 0 and 1 keep in a signed 16-bit
 *     field (rev 2 reads 3221 unsigned and has the extended count at 3269); a revision below 2 given
 *     with more samples is refused
 * @param binaryHeaderTemplate binary header to start from (another file's, when converting); the
 *     writer then sets the fields it owns (format, samples, interval, revision, fixed-length flag,
 *     extended-header counts, byte-order marker); null for a zeroed one
 * @param extendedTextHeaders extended textual headers to write after the binary header
 * @param rawTextHeaders when not null, the raw 3200-byte textual headers (main first, then the
 *     extended ones) written byte for byte instead of {@code textHeader} and
 *     {@code extendedTextHeaders}: for copying a file without re-encoding its text
 */
public record SegyWriteOptions(
        SampleFormat format,
        ByteOrder byteOrder,
        int samplesPerTrace,
        int sampleIntervalUs,
        String textHeader,
        TextEncoding textEncoding,
        String revision,
        BinaryHeader binaryHeaderTemplate,
        List<String> extendedTextHeaders,
        List<byte[]> rawTextHeaders) {

    /** Text header written when none is given. */
    public static final String DEFAULT_TEXT_HEADER = defaultTextHeaderWith();

    /**
     * The card text (after its "C n ") that marks a depth trace axis, which SEG-Y has no field
     * for: a run's image.sgy and a depth volume written back as SEG-Y both carry it, and the
     * readers that guess a cube's axis take it for depth.
     */
    public static final String DEPTH_AXIS_CARD =
            "DEPTH AXIS: SAMPLE INTERVAL FIELD HOLDS DZ IN MILLIMETRES (NOT MICROSECONDS)";

    /** {@link #DEFAULT_TEXT_HEADER}'s cards 1 to 3, then {@code more} (whole cards, "C 4 ..."), then the end card. */
    public static String defaultTextHeaderWith(String... more) {
        List<String> cards = new java.util.ArrayList<>(List.of(
                "C 1 SEG-Y WRITTEN BY SEISWORK",
                "C 2 SAMPLE INTERVAL AND COUNT IN THE BINARY HEADER AND IN EVERY TRACE HEADER",
                "C 3 INLINE BYTES 189-192, CROSSLINE BYTES 193-196, CDP X/Y 181/185"));
        cards.addAll(List.of(more));
        cards.add("C40 END TEXTUAL HEADER");
        return TextHeaderCodec.fromLines(cards.toArray(String[]::new));
    }

    public SegyWriteOptions {
        if (format == null || !format.writable()) {
            throw new IllegalArgumentException("cannot write sample format " + (format == null ? "null" : format.shortName())
                    + "; writable: ibm32, int32, int16, ieee32, int8");
        }
        if (byteOrder == null) {
            throw new IllegalArgumentException("byte order must be given (big or little)");
        }
        if (samplesPerTrace < 1 || samplesPerTrace > 65535) {
            throw new IllegalArgumentException("samples per trace must be in 1..65535, got " + samplesPerTrace);
        }
        if (sampleIntervalUs < 1 || sampleIntervalUs > Short.MAX_VALUE) {
            throw new IllegalArgumentException("sample interval must be in 1..32767 µs, got " + sampleIntervalUs);
        }
        if (textHeader == null || textEncoding == null || textEncoding == TextEncoding.NONE) {
            throw new IllegalArgumentException("text header and its encoding (EBCDIC or ASCII) must be given");
        }
        if (revision != null && !revision.matches("\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("revision must look like \"1.0\", got \"" + revision + "\"");
        }
        if (revision != null && samplesPerTrace > Short.MAX_VALUE && Integer.parseInt(revision.split("\\.")[0]) < 2) {
            throw new IllegalArgumentException("revision " + revision + " keeps samples per trace (3221) in a signed"
                    + " 16-bit field, at most 32767, got " + samplesPerTrace + "; write revision 2.0 (its extended count"
                    + " at 3269), or leave the revision to the writer, which chooses 2.0 then");
        }
        extendedTextHeaders = List.copyOf(extendedTextHeaders);
        if (rawTextHeaders != null) {
            rawTextHeaders = List.copyOf(rawTextHeaders);
            if (rawTextHeaders.isEmpty() || rawTextHeaders.stream().anyMatch(b -> b.length != TextHeaderCodec.SIZE)) {
                throw new IllegalArgumentException("raw textual headers must be one or more blocks of 3200 bytes");
            }
        }
        if (binaryHeaderTemplate != null) {
            binaryHeaderTemplate = binaryHeaderTemplate.copy();
        }
    }

    /** IEEE floats, big-endian, EBCDIC default text header, rev 1.0, no template. */
    public static SegyWriteOptions of(int samplesPerTrace, int sampleIntervalUs) {
        return new SegyWriteOptions(SampleFormat.IEEE32, ByteOrder.BIG_ENDIAN, samplesPerTrace, sampleIntervalUs,
                DEFAULT_TEXT_HEADER, TextEncoding.EBCDIC, null, null, List.of(), null);
    }

    /** A copy writing samples in format {@code f} (a writable one). */
    public SegyWriteOptions withFormat(SampleFormat f) {
        return new SegyWriteOptions(f, byteOrder, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                revision, binaryHeaderTemplate, extendedTextHeaders, rawTextHeaders);
    }

    /** A copy writing headers and samples in byte order {@code o}. */
    public SegyWriteOptions withByteOrder(ByteOrder o) {
        return new SegyWriteOptions(format, o, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                revision, binaryHeaderTemplate, extendedTextHeaders, rawTextHeaders);
    }

    /** A copy with this first textual header, written in {@code encoding}. */
    public SegyWriteOptions withTextHeader(String text, TextEncoding encoding) {
        return new SegyWriteOptions(format, byteOrder, samplesPerTrace, sampleIntervalUs, text, encoding,
                revision, binaryHeaderTemplate, extendedTextHeaders, rawTextHeaders);
    }

    /** A copy writing revision {@code r} ("major.minor"), or keeping the template's when null. */
    public SegyWriteOptions withRevision(String r) {
        return new SegyWriteOptions(format, byteOrder, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                r, binaryHeaderTemplate, extendedTextHeaders, rawTextHeaders);
    }

    /** A copy starting the binary header from {@code template} (copied). */
    public SegyWriteOptions withBinaryHeaderTemplate(BinaryHeader template) {
        return new SegyWriteOptions(format, byteOrder, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                revision, template, extendedTextHeaders, rawTextHeaders);
    }

    /**
     * A copy whose binary header says what rev 1 leaves to the writer and readers look for: the
     * measurement system (3255) metres, Seiswork's unit of coordinates, depths and depth steps;
     * the trace sorting code (3229), {@link BinaryHeader#SORTING_AS_RECORDED} for shot gathers,
     * {@link BinaryHeader#SORTING_STACKED} for an image or model; the traces per ensemble (3213),
     * mandatory in rev 1 for prestack data, the traces of each shot when every shot has as many.
     * Set in the binary header template (a rev-1.0 one made when there is none).
     *
     * @param tracesPerEnsemble traces in every ensemble, 0 when they differ or are unknown;
     *     written as 0 above 32767, which the 16-bit field cannot hold
     * @throws IllegalArgumentException when {@code tracesPerEnsemble} is negative
     */
    public SegyWriteOptions withMetresSortedAs(int sortingCode, int tracesPerEnsemble) {
        if (tracesPerEnsemble < 0) {
            throw new IllegalArgumentException("traces per ensemble must be >= 0, got " + tracesPerEnsemble);
        }
        BinaryHeader t = binaryHeaderTemplate != null ? binaryHeaderTemplate.copy() : new BinaryHeader(byteOrder);
        if (binaryHeaderTemplate == null) {
            t.setRevision(1, 0);
        }
        t.setInt16(BinaryHeader.MEASUREMENT_SYSTEM, BinaryHeader.METRES);
        t.setInt16(BinaryHeader.SORTING, sortingCode);
        t.setInt16(BinaryHeader.TRACES_PER_ENSEMBLE, tracesPerEnsemble <= Short.MAX_VALUE ? tracesPerEnsemble : 0);
        return withBinaryHeaderTemplate(t);
    }

    /** A copy writing these extended textual headers after the binary header. */
    public SegyWriteOptions withExtendedTextHeaders(List<String> ext) {
        return new SegyWriteOptions(format, byteOrder, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                revision, binaryHeaderTemplate, ext, rawTextHeaders);
    }

    /** A copy writing these raw 3200-byte textual headers (main first) byte for byte. */
    public SegyWriteOptions withRawTextHeaders(List<byte[]> raw) {
        return new SegyWriteOptions(format, byteOrder, samplesPerTrace, sampleIntervalUs, textHeader, textEncoding,
                revision, binaryHeaderTemplate, extendedTextHeaders, raw);
    }
}
