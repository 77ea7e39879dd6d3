package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import java.util.Arrays;
import java.util.List;

/**
 * The engine a job runs on, chosen the same way by the command line, the desktop app and the
 * cloud worker, so that a job's shots run on the engine (and, for a migration, the migrator) a
 * local run of the same spec would take on that machine.
 */
public final class JobEngine {

    private JobEngine() {
    }

    /**
     * The engine for this job (the caller closes it). For reverse-time migration the GPU's memory
     * check is the migration's (two propagations, data, image and at least two level slots of the
     * boundary ring, the other levels staged through the host), on the shot with the largest window
     * (the first shot without a migration aperture): "auto" takes
     * the CPU with the reason when it does not fit, an explicit "gpu" is refused before anything
     * runs. A CPU engine takes the kernels of the job's whole work ({@link JobKernels}), its shots
     * those of {@link ShotComputer#shotsOf} (a recorded data file's geometry read once and kept).
     */
    public static EngineSelection select(ResolvedJob job) {
        return select(job, ShotComputer.shotsOf(job));
    }

    /**
     * As {@link #select(ResolvedJob)}, the job's shots given: all of them, not a run's selection (a
     * cloud worker's, from the recorded data's shot index, without reading the data file).
     */
    public static EngineSelection select(ResolvedJob job, List<Shot> shots) {
        KernelChoice kernels = JobKernels.of(job, shots);
        JobSpec spec = job.spec();
        if (spec.task() == Task.RTM) {
            ShotRequest typical = null;
            if (!job.geometry().shots().isEmpty()) {
                // The shot with the largest window (the first one without an aperture), as it will be computed.
                Double aperture = spec.imaging().apertureM();
                Shot largest = ShotWindow.largestShot(spec.grid(), job.geometry().shots(), aperture);
                ShotWindow window = ShotWindow.of(spec.grid(), largest, aperture);
                Shot local = window.local(largest);
                PhysicsOptions physics = PhysicsOptions.of(spec.physics());
                typical = new ShotRequest(window.crop(job.migrationVelocity()), physics, local.source(),
                        spec.wavelet().toWavelet(), local.receivers(), job.time());
            }
            return EngineSelection.selectMigration(spec.engine(), typical, kernels);
        }
        return EngineSelection.select(spec.engine(), null, kernels);
    }

    /**
     * The engine choice named {@code key} ("auto", "cpu" or "gpu").
     *
     * @param what how the caller names the setting in the message, for example "--engine"
     */
    public static EngineChoice parse(String key, String what) {
        for (EngineChoice c : EngineChoice.values()) {
            if (c.json().equals(key)) {
                return c;
            }
        }
        List<String> names = Arrays.stream(EngineChoice.values()).map(EngineChoice::json).toList();
        throw new IllegalArgumentException(what + " must be " + String.join(", ", names.subList(0, names.size() - 1))
                + " or " + names.getLast() + ", got \"" + key + "\"");
    }
}
