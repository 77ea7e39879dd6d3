package io.seiswork.core.spec;

import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityField;
import java.nio.file.Path;
import java.util.List;

/**
 * A job ready to run: the spec, its loaded velocity model, the survey geometry and the resolved
 * time stepping, with any warnings validation raised.
 *
 * @param spec the job spec
 * @param velocity the velocity model in m/s on the spec's grid: in memory, or read a window at a
 *     time when the grid is larger than memory
 * @param geometry sources, receivers and spread
 * @param time internal time step, step count and output sampling
 * @param cflLimitS the largest stable time step in seconds for this model and space order
 * @param memoryBytes estimated memory of one shot in bytes
 * @param warnings problems that do not stop the run (for example few points per wavelength)
 * @param migrationVelocity task rtm: the velocity to migrate with, m/s ({@code velocity} smoothed
 *     for {@code {"smooth": L}}); null for task model
 * @param dataFile task rtm: the SEG-Y file of observed shot gathers, resolved against the spec's
 *     directory; null for synthetic data and for task model
 * @param storage where the arrays over the whole grid live: the heap, or (a survey larger than
 *     memory) windows read from the models and a memory-mapped stack
 */
public record ResolvedJob(JobSpec spec, VelocityField velocity, SurveyGeometry geometry, TimeStepping time, double cflLimitS,
                          long memoryBytes, List<SpecProblem> warnings, VelocityField migrationVelocity, Path dataFile,
                          WholeGridStorage storage) {

    public ResolvedJob {
        warnings = List.copyOf(warnings);
    }

    /** A modelling job (no migration velocity, no data file). */
    public ResolvedJob(JobSpec spec, VelocityField velocity, SurveyGeometry geometry, TimeStepping time, double cflLimitS,
            long memoryBytes, List<SpecProblem> warnings) {
        this(spec, velocity, geometry, time, cflLimitS, memoryBytes, warnings, null, null, WholeGridStorage.HEAP);
    }

    /** The same job run on another engine (the spec's choice overridden, as {@code --engine} does). */
    public ResolvedJob withEngine(EngineChoice engine) {
        return new ResolvedJob(spec.withEngine(engine), velocity, geometry, time, cflLimitS, memoryBytes, warnings,
                migrationVelocity, dataFile, storage);
    }
}
