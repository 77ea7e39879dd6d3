package io.seiswork.core.segy;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Where the traces of an opened file lie: the numbers that turn a trace index into a byte offset.
 *
 * @param dataStart byte offset of the first trace header
 * @param headerBytes bytes of trace header per trace (240, plus 240 per rev-2 extension)
 * @param samples samples per trace
 * @param format sample format
 * @param byteOrder byte order
 * @param intervalUs sample interval in microseconds
 * @param intervalFallback whether {@code intervalUs} is the reader's fallback (the file gives no positive interval)
 * @param traces number of traces
 */
record SegyLayout(long dataStart, long headerBytes, int samples, SampleFormat format, ByteOrder byteOrder,
        int intervalUs, boolean intervalFallback, long traces) {

    /**
     * The layout of a file of {@code fileSize} bytes.
     *
     * @param traceDescription how a trace is made up, for the error message
     * @throws SegyException when the bytes after the headers are not a whole number of traces
     */
    static SegyLayout of(Path file, long fileSize, long dataStart, long headerBytes, int samples,
            SampleFormat format, ByteOrder order, int intervalUs, boolean intervalFallback, String traceDescription) {
        long traceBytes = headerBytes + (long) samples * format.bytesPerSample();
        long payload = fileSize - dataStart;
        if (payload < 0) {
            throw new SegyException(file, "file is " + fileSize + " bytes but its headers end at byte " + dataStart,
                    fileSize);
        }
        if (traceBytes > Integer.MAX_VALUE - 8) {
            throw new SegyException(file, "trace size " + traceBytes + " bytes (" + traceDescription
                    + ") is too large", dataStart);
        }
        long whole = payload / traceBytes;
        long rest = payload % traceBytes;
        if (rest != 0) {
            throw new SegyException(file, "trace size mismatch: the " + payload + " bytes after the headers are not"
                    + " a whole number of " + traceBytes + "-byte traces (" + traceDescription + "); trace " + (whole + 1)
                    + " is incomplete, " + rest + " bytes of it present (truncated file or wrong sample count/format)",
                    whole, dataStart + whole * traceBytes, null);
        }
        return new SegyLayout(dataStart, headerBytes, samples, format, order, intervalUs, intervalFallback, whole);
    }

    /** Bytes of samples per trace. */
    long sampleBytes() {
        return (long) samples * format.bytesPerSample();
    }

    /** Bytes per trace, headers included. */
    long traceBytes() {
        return headerBytes + sampleBytes();
    }

    /** Byte offset of trace {@code index}'s header. */
    long traceOffset(long index) {
        return dataStart + index * traceBytes();
    }
}
