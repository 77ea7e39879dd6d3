package io.seiswork.kernels.job;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;

/**
 * Test files of recorded data with delays: a copy of a SEG-Y file, headers kept, in which each
 * trace may get a delay recording time (byte 109, scalar 215) and its samples moved, as field
 * data recorded from another time than the shot's.
 */
final class DelayedCopy {

    /** What becomes of one trace: its delay in ms and how many samples its values move. */
    interface Edit {
        /**
         * @param trace 0-based index in the file
         * @return the trace's new delay (ms) and shift (samples: k &gt; 0 drops the first k samples
         *     and pads k zeros at the end, as a recording started k samples later; k &lt; 0 puts
         *     −k samples of {@code before} first and drops the last −k, as one started earlier)
         */
        Delay of(long trace);
    }

    /**
     * @param ms the delay recording time written, milliseconds
     * @param shift samples moved (see {@link Edit#of})
     * @param before the value of the samples a negative shift puts before the recorded ones
     */
    record Delay(double ms, int shift, float before) {
        static Delay of(double ms, int shift) {
            return new Delay(ms, shift, 0);
        }
    }

    private DelayedCopy() {
    }

    /** Writes {@code out}: {@code in} with every trace edited by {@code edit}. */
    static Path write(Path in, Path out, Edit edit) {
        return write(in, out, edit, t -> 0);
    }

    /**
     * As {@link #write(Path, Path, Edit)}, {@code added} of each sample's time after the shot (ms,
     * from the trace's new delay) added to every sample written.
     */
    static Path write(Path in, Path out, Edit edit, DoubleUnaryOperator added) {
        try (SegyReader r = SegyReader.open(in)) {
            SegyWriteOptions options = SegyWriteOptions.of(r.samplesPerTrace(), r.sampleIntervalUs())
                    .withBinaryHeaderTemplate(r.binaryHeader()).withRawTextHeaders(r.rawTextHeaders());
            int n = r.samplesPerTrace();
            float[] samples = new float[n];
            try (SegyWriter w = SegyWriter.create(out, options)) {
                for (long t = 0; t < r.traceCount(); t++) {
                    TraceHeader h = r.readHeaderAndTrace(t, samples);
                    Delay d = edit.of(t);
                    float[] moved = new float[n];
                    for (int i = 0; i < n; i++) {
                        int from = i + d.shift();
                        moved[i] = (float) ((from < 0 ? d.before() : from < n ? samples[from] : 0)
                                + added.applyAsDouble(d.ms() + i * r.sampleIntervalUs() * 1e-3));
                    }
                    h.setDelayMs(d.ms());
                    w.write(h, moved);
                }
            }
        }
        return out;
    }
}
