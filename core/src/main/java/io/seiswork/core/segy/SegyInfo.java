package io.seiswork.core.segy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Summary of a SEG-Y or SU file: what {@code seiswork segy info} prints. Immutable.
 *
 * @param file the file
 * @param traces number of traces
 * @param samplesPerTrace samples in every trace
 * @param sampleIntervalUs sample interval in microseconds (binary header, else first trace
 *     header, else the reader's fallback; see {@code docs/formats/segy.md}); for depth data the
 *     same number is the depth step in the file's length unit × 1000
 * @param format sample format
 * @param byteOrder byte order of headers and samples
 * @param revision SEG-Y revision as "major.minor" (for example "1.0"; "0.0" for SU files)
 * @param textHeader the first textual header decoded (3200 characters; empty for SU)
 * @param extendedTextHeaders decoded extended textual headers in file order (the EndText stanza included)
 * @param textEncoding encoding of the first textual header
 * @param traceHeaderExtensions rev-2 trace-header extensions (240 bytes each) after each trace header
 * @param firstTraceOffset byte offset of the first trace header in the file
 * @param traceBytes bytes per trace (headers + samples)
 * @param geometry inferred inline/crossline layout (see {@link SegyGeometry#isCube()}), or null without traces
 * @param seismicUnix whether the file was read as Seismic Unix
 * @param sampleIntervalFallback whether {@code sampleIntervalUs} is the reader's fallback because the
 *     file holds no positive interval (binary header 3217 and first trace header 117 both ≤ 0)
 * @param delayMs time of the first sample of the first trace in milliseconds: the delay recording
 *     time (109) with the time scalar (215) applied for rev ≥ 1 (see {@link SegyReader#delayMs});
 *     for depth data the depth of the first sample; 0 without traces
 */
public record SegyInfo(
        Path file,
        long traces,
        int samplesPerTrace,
        int sampleIntervalUs,
        SampleFormat format,
        ByteOrder byteOrder,
        String revision,
        String textHeader,
        List<String> extendedTextHeaders,
        TextEncoding textEncoding,
        int traceHeaderExtensions,
        long firstTraceOffset,
        long traceBytes,
        SegyGeometry geometry,
        boolean seismicUnix,
        boolean sampleIntervalFallback,
        double delayMs) {

    public SegyInfo {
        extendedTextHeaders = List.copyOf(extendedTextHeaders);
    }

    /** Whether the traces form a full sorted inline/crossline cube. */
    public boolean isCube() {
        return geometry != null && geometry.isCube();
    }
}
