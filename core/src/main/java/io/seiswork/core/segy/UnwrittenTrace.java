package io.seiswork.core.segy;

import java.util.Locale;

/**
 * A trace of zeros only, header and samples, met in the pass over a data file's trace headers
 * while the file's last trace is zeros only too: not a shot, but the sign of a file whose tail was
 * never written — preallocated, still being written, or cut short while it was copied (a sparse
 * copy reads as zeros past where the data stopped). Read as traces, such a tail became one more
 * shot, FFID 0 at the grid's first node, of every zero trace (89 million for 200 GB) whose header
 * says 0 samples.
 *
 * <p>A header of zeros alone is not enough: segyio, for one, leaves every field it is not given at
 * 0, sample count included, so the first trace of a line numbered from 0 with its first source and
 * receiver at x = 0 has an all-zero header over real samples (five of segyio's own test files
 * begin so). Only when that trace's samples are zeros as well, and the file ends in a trace of
 * zeros, is it a tail never written. The file is then refused at the first such trace rather than
 * its zero traces left out with a warning: a migration of the traces before it would be an image
 * of part of the survey that looks whole. Refusing at the first also spares the rest of the pass:
 * minutes of reading zeros for a file of hundreds of GB.
 *
 * <p>Every pass that reads a file's traces as shots applies this rule: a run's data
 * ({@code SegyShotGathers}) and the desktop's gathers viewer alike, so that a file the one refuses
 * is not shown as one shot too many by the other.
 */
public final class UnwrittenTrace {

    private final String named;
    private final SegyReader reader;
    /** Whether the file's last trace is zeros only, header and samples; null until a zero header asks. */
    private Boolean lastIsZeros;
    /** Traces whose samples this check has read (tests: a file of zero headers costs one). */
    private long samplesRead;

    /**
     * The check for one pass over {@code reader}'s trace headers.
     *
     * @param named the file as the message names it: {@code "data: " + path} for a job spec's field,
     *     the path alone where no field names it
     */
    public UnwrittenTrace(String named, SegyReader reader) {
        this.named = named;
        this.reader = reader;
    }

    /**
     * Refuses the file when trace {@code index} (header {@code h}) and the file's last trace are
     * zeros only. The sample count and the FFID are looked at first, so a real trace costs two
     * reads of its header. For a header of zeros the file's last trace is looked at, once a pass
     * (a file whose every header is zeros over real samples, as segyio may write, reads one trace's
     * samples more, not each trace's twice); the trace's own samples only when that last trace is
     * zeros.
     *
     * @param index the trace's index in the file, from 0
     * @throws IllegalArgumentException naming the trace (from 1, as the scan's other lines do), its
     *     header's byte offset, the binary header's samples per trace and the likely cause
     */
    public void refuseIfZeros(TraceHeader h, long index) {
        if (h.getUInt16(TraceHeader.SAMPLE_COUNT) != 0 || h.getInt32(TraceHeader.FIELD_RECORD) != 0 || !h.isZeros()) {
            return;
        }
        if (lastIsZeros == null) {
            long last = reader.traceCount() - 1;
            lastIsZeros = reader.header(last).isZeros() && zeroSamples(last);
        }
        if (!lastIsZeros || !zeroSamples(index)) {
            return;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: trace %d of %d (its header at byte %d)"
                + " is zeros only, header and samples, as is the file's last (no FFID, no positions, 0 samples where"
                + " the file's traces have %d): not a shot; the file is likely still being written, or was cut short"
                + " while it was copied (a preallocated or sparse tail): give the complete file", named, index + 1,
                reader.traceCount(), reader.traceOffset(index), reader.samplesPerTrace()));
    }

    /** Traces whose samples this check has read so far. */
    public long samplesRead() {
        return samplesRead;
    }

    private boolean zeroSamples(long trace) {
        samplesRead++;
        for (float v : reader.readTrace(trace)) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
