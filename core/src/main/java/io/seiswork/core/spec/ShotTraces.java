package io.seiswork.core.spec;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyException;
import io.seiswork.core.segy.SegyReader;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The recorded traces one migration shot holds in memory while it runs: one per receiver, each of
 * {@code samples} floats at the data's own rate. A synthetic shot's are on the run's output axis
 * ({@code time.sampleS}); a data file's are the file's own (its interval and length, whatever
 * {@code time.sampleS} says), since each trace goes from its own axis straight to the
 * propagator's steps: 1 ms data under a 4 ms {@code sampleS} hold four times the samples.
 *
 * @param receivers traces of the shot, one a receiver
 * @param samples samples of each trace as held (4-byte floats, whatever the file's format)
 */
public record ShotTraces(int receivers, int samples) {

    public ShotTraces {
        if (receivers < 0 || samples < 0) {
            throw new IllegalArgumentException("receivers " + receivers + " and samples " + samples + " must be >= 0");
        }
    }

    /** Traces of {@code receivers} receivers on {@code axis} (a synthetic shot's: the output axis). */
    public static ShotTraces on(int receivers, Sampling axis) {
        return new ShotTraces(receivers, axis.count());
    }

    /** Bytes of the samples: 4 a sample (the arrays' headers are among what the estimate does not itemise). */
    public long bytes() {
        return 4L * receivers * samples;
    }

    /**
     * Samples per trace of a SEG-Y or SU file, from its file headers (SEG-Y binary header bytes
     * 3221/3269, else the first trace header's 115; an SU file's first trace header): a few KB
     * read, never the traces. Empty when the headers cannot be read or give none (the run, which
     * reads the file, says why).
     */
    public static OptionalInt samplesIn(Path file) {
        try (SegyReader r = SegyReader.open(file)) {
            int ns = r.samplesPerTrace();
            return ns > 0 ? OptionalInt.of(ns) : OptionalInt.empty();
        } catch (SegyException e) {
            return OptionalInt.empty();
        }
    }
}
