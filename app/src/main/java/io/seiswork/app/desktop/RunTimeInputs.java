package io.seiswork.app.desktop;

import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.time.TimeStepping;
import java.nio.file.Path;

/**
 * What the Run time fact's measurement depends on: the spec as it runs (its engine included, its
 * name left out: it times nothing), the time stepping its model resolved to (a velocity file
 * changed in place changes the steps), the recorded data file, the Shots list, and the processors
 * the CPU engine gives a thread each. While none of them changes, the last measurement stands: a
 * run that ends (or Apply of a renamed job) shows it again rather than spend a few seconds of the
 * machine timing a first shot for the same answer.
 *
 * @param spec the spec on the engine measured, its name blanked
 * @param dataFile task rtm: the SEG-Y file of observed gathers, or null
 * @param shots the Shots field's text (empty: every shot)
 * @param processors {@link Runtime#availableProcessors()} when measured
 */
record RunTimeInputs(JobSpec spec, TimeStepping time, Path dataFile, String shots, int processors) {

    /** The inputs of a measurement of {@code job} (on the engine it will run on) for {@code shots}. */
    static RunTimeInputs of(ResolvedJob job, String shots) {
        JobSpec s = job.spec();
        JobSpec unnamed = new JobSpec("", s.task(), s.grid(), s.velocity(), s.migrationVelocity(), s.wavelet(), s.time(),
                s.sources(), s.receivers(), s.spread(), s.data(), s.physics(), s.imaging(), s.engine());
        return new RunTimeInputs(unnamed, job.time(), job.dataFile(), shots, Runtime.getRuntime().availableProcessors());
    }
}
