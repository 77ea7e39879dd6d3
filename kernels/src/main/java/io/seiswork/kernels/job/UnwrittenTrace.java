package io.seiswork.kernels.job;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A trace header of zeros only, met in the pass over a data file's trace headers: not a shot, but
 * the sign of a file whose tail was never written — preallocated, still being written, or cut short
 * while it was copied (a sparse copy reads as zeros past where the data stopped). Read as traces,
 * such a tail became one more shot, FFID 0 at the grid's first node, of every zero trace (89
 * million for 200 GB) whose header says 0 samples.
 *
 * <p>The file is refused at the first such trace, rather than its zero traces left out with a
 * warning: a real trace always has a header with something in it (a dead trace still carries its
 * trace identification code, its FFID and its positions; a writer that leaves the trace's sample
 * count at 0 still fills those), so zeros only mean missing data, and a migration of the traces
 * before it would be an image of part of the survey that looks whole. Refusing at the first also
 * spares the rest of the pass: minutes of reading zeros for a file of hundreds of GB.
 */
final class UnwrittenTrace {

    private UnwrittenTrace() {
    }

    /**
     * Refuses {@code file} when trace {@code index}'s header {@code h} is zeros only. The sample
     * count and the FFID are looked at first, so a real trace costs two reads of its header.
     *
     * @param index the trace's index in the file, from 0
     * @throws IllegalArgumentException naming the trace (from 1, as the scan's other lines do), its
     *     header's byte offset, the binary header's samples per trace and the likely cause
     */
    static void refuseIfZeros(Path file, SegyReader reader, TraceHeader h, long index) {
        if (h.getUInt16(TraceHeader.SAMPLE_COUNT) != 0 || h.getInt32(TraceHeader.FIELD_RECORD) != 0
                || !zerosOnly(h.toBytes())) {
            return;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "data: %s: trace %d of %d (its header at byte %d)"
                + " has a trace header of zeros only (no FFID, no positions, 0 samples where the file's traces have %d):"
                + " not a shot; the file is likely still being written, or was cut short while it was copied (a"
                + " preallocated or sparse tail): give the complete file", file, index + 1, reader.traceCount(),
                reader.traceOffset(index), reader.samplesPerTrace()));
    }

    private static boolean zerosOnly(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
