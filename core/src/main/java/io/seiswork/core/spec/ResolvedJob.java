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

    /**
     * The migration velocity's range (task rtm; null for task model): exact, except for a model
     * smoothed out of core, whose range the job's velocity bounds ({@link VelocityRange}).
     */
    public VelocityRange migrationVelocityRange() {
        if (migrationVelocity == null) {
            return null;
        }
        if (storage == WholeGridStorage.OUT_OF_CORE && spec.migrationVelocity() instanceof VelocitySpec.Smoothed) {
            return new VelocityRange(velocity.min(), velocity.max(), false);
        }
        return new VelocityRange(migrationVelocity.min(), migrationVelocity.max(), true);
    }

    /**
     * A lower bound of the migration velocity, m/s, the same whether the job is in memory or out
     * of core: its slowest, or for a smoothed model (task rtm) the slowest of the model smoothed.
     */
    public float slowestMigrationVelocityBound() {
        return spec.migrationVelocity() instanceof VelocitySpec.Smoothed ? velocity.min() : migrationVelocity.min();
    }

    /** The same job run on another engine (the spec's choice overridden, as {@code --engine} does). */
    public ResolvedJob withEngine(EngineChoice engine) {
        return new ResolvedJob(spec.withEngine(engine), velocity, geometry, time, cflLimitS, memoryBytes, warnings,
                migrationVelocity, dataFile, storage);
    }
}
