package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.DEFAULT_SAMPLE_S;
import static io.seiswork.core.spec.JobSpecReader.MAX_SAMPLES;
import static io.seiswork.core.spec.JobSpecReader.MAX_SAMPLE_S;

/**
 * Reads a spec's {@code time}: the record's length, the output sample interval and an optional
 * time step, all in seconds, within what SEG-Y stores (an interval of whole microseconds up to
 * {@link JobSpecReader#MAX_SAMPLE_S}, at most {@link JobSpecReader#MAX_SAMPLES} samples a trace).
 */
final class TimeReader {

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    TimeReader(Problems problems) {
        this.problems = problems;
    }

    /** The time axis of object {@code t}; null when {@code t} is null (its absence already reported) or a problem leaves none. */
    TimeSpec time(JsonObject t) {
        if (t == null) {
            return null;
        }
        double length = t.positive("lengthS", null);
        double sample = t.positive("sampleS", DEFAULT_SAMPLE_S);
        Double dt = t.has("dtS") ? t.positive("dtS", null) : null;
        t.rejectUnknownKeys();
        if (Double.isNaN(length) || Double.isNaN(sample) || (dt != null && Double.isNaN(dt))) {
            return null;
        }
        if (sample > length) {
            problems.error(t.pathOf("sampleS"), "must be <= time.lengthS (" + Problems.num(length, sample) + " s), got "
                    + Problems.num(sample, length));
            return null;
        }
        if (dt != null && dt > sample) {
            problems.independentError(t.pathOf("dtS"), "must be <= time.sampleS (" + Problems.num(sample, dt) + " s), got "
                    + Problems.num(dt, sample));
        }
        if (sample > MAX_SAMPLE_S) {
            problems.error(t.pathOf("sampleS"), "must be <= " + MAX_SAMPLE_S + " s (SEG-Y stores the interval in "
                    + "microseconds in 15 bits), got " + Problems.num(sample, MAX_SAMPLE_S));
            return null;
        }
        if (Math.abs(sample * 1e6 - Math.rint(sample * 1e6)) > 1e-6) {
            problems.error(t.pathOf("sampleS"), "must be a whole number of microseconds (SEG-Y stores it so), got "
                    + Problems.num(sample, Math.rint(sample * 1e6) / 1e6));
            return null;
        }
        if (length / sample + 1 > MAX_SAMPLES) {
            problems.error(t.pathOf("lengthS"), "gives " + (long) (length / sample + 1) + " samples per trace at time.sampleS = "
                    + Problems.num(sample) + " s; SEG-Y holds at most " + MAX_SAMPLES + " (lengthS <= "
                    + Problems.num((MAX_SAMPLES - 1) * sample) + " s)");
            return null;
        }
        return new TimeSpec(length, sample, dt);
    }
}
