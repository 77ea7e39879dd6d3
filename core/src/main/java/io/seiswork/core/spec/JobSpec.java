package io.seiswork.core.spec;

import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.grid.Grid;

/**
 * One run, as the user wrote it in JSON (see docs/job-spec.md), with every default filled in.
 * Read it with {@link JobSpecReader}; a JobSpec that exists has passed the checks that need only
 * the spec itself.
 *
 * @param name the job's name, used in file headers and logs
 * @param task what the run produces
 * @param grid the physical model grid
 * @param velocity the true velocity model (used to model data)
 * @param migrationVelocity the velocity to migrate with (task rtm)
 * @param wavelet the source wavelet
 * @param time recording time and sampling
 * @param sources shot positions; one shot per position
 * @param receivers receiver positions
 * @param spread which receivers record which shot
 * @param data {@link #SYNTHETIC} or the path of a SEG-Y file of shot gathers (task rtm)
 * @param physics numerical options
 * @param imaging migration options
 * @param engine which engine runs the shots
 */
public record JobSpec(
        String name,
        Task task,
        Grid grid,
        VelocitySpec velocity,
        VelocitySpec migrationVelocity,
        WaveletSpec wavelet,
        TimeSpec time,
        Layout sources,
        Layout receivers,
        Spread spread,
        String data,
        PhysicsSpec physics,
        ImagingSpec imaging,
        EngineChoice engine) {

    /** The value of {@code data} for shots the run models itself (the default). */
    public static final String SYNTHETIC = "synthetic";

    /** Whether the shots come from a data file ({@code data} is a path) rather than being modelled. */
    public boolean recordedData() {
        return !SYNTHETIC.equals(data);
    }

    /**
     * The survey this spec lays out: its sources as shots, each with the receivers its spread
     * records. Cheap to make (the shots are picked when first asked for); the resolver makes it
     * once and hands it to each check that needs it.
     */
    SurveyGeometry surveyGeometry() {
        var src = sources.positions();
        var rec = receivers.positions();
        return switch (spread) {
            case Spread.Fixed f -> SurveyGeometry.fixedSpread(src, rec);
            case Spread.Moving m -> SurveyGeometry.movingSpread(src, rec, m.minOffsetM(), m.maxOffsetM());
        };
    }

    /** The same spec run on another engine. */
    public JobSpec withEngine(EngineChoice other) {
        return new JobSpec(name, task, grid, velocity, migrationVelocity, wavelet, time, sources, receivers,
                spread, data, physics, imaging, other);
    }
}
