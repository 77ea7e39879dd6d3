package io.seiswork.app.desktop;

import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.time.TimeStepping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What the Run time fact's measurement depends on: the spec as it runs (its engine included, its
 * name left out: it times nothing), the time stepping its model resolved to (a velocity file
 * changed in place changes the steps), the recorded data file as it is now (its path, size and
 * last change: a modelling run that writes it again in place brings other shots and traces), the
 * Shots list, and the processors the CPU engine gives a thread each. While none of them changes,
 * the last measurement stands: a run that ends (or Apply of a renamed job) shows it again rather
 * than spend a few seconds of the machine timing a first shot for the same answer.
 *
 * @param spec the spec on the engine measured, its name blanked
 * @param dataFile task rtm: the SEG-Y file of observed gathers, or null
 * @param dataBytes the data file's size in bytes; -1 when there is none or it cannot be read
 * @param dataModifiedMs when the data file was last changed, in ms since the epoch; -1 as {@code dataBytes}
 * @param shots the Shots field's text (empty: every shot)
 * @param processors {@link Runtime#availableProcessors()} when measured
 */
record RunTimeInputs(JobSpec spec, TimeStepping time, Path dataFile, long dataBytes, long dataModifiedMs,
        String shots, int processors) {

    /**
     * The inputs of a measurement of {@code job} (on the engine it will run on) for {@code shots}.
     * With a data file it asks the file system for the file's size and time: off the JavaFX
     * thread (a network drive may take long to answer).
     */
    static RunTimeInputs of(ResolvedJob job, String shots) {
        Path data = job.dataFile();
        long bytes = -1;
        long modified = -1;
        if (data != null) {
            try {
                BasicFileAttributes a = Files.readAttributes(data, BasicFileAttributes.class);
                bytes = a.size();
                modified = a.lastModifiedTime().toMillis();
            } catch (IOException gone) {
                // -1: the measurement, which reads the file, says what is wrong, and does not stand
            }
        }
        return new RunTimeInputs(unnamed(job.spec()), job.time(), data, bytes, modified, shots,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Whether these inputs are {@code job}'s for {@code shots} but for the data file's size and
     * time, which are not asked for here: on the JavaFX thread, whether this measurement stands
     * unless the file was written again.
     */
    boolean sameButTheFileStat(ResolvedJob job, String shots) {
        return spec.equals(unnamed(job.spec())) && time.equals(job.time()) && Objects.equals(dataFile,
                job.dataFile()) && this.shots.equals(shots) && processors == Runtime.getRuntime().availableProcessors();
    }

    /** The spec as it runs, its name blanked (it times nothing). */
    private static JobSpec unnamed(JobSpec s) {
        return new JobSpec("", s.task(), s.grid(), s.velocity(), s.migrationVelocity(), s.wavelet(), s.time(),
                s.sources(), s.receivers(), s.spread(), s.data(), s.physics(), s.imaging(), s.engine());
    }
}
