package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.List;

/**
 * The CPU kernels a job takes, weighed on the whole job's work: every shot of its spec (or of its
 * recorded data) and every propagation of each, so that a survey of many small shots pays the
 * vector kernels' JIT warm-up once ({@link KernelChoice}). The work counts all of the job's shots,
 * not those a run computes ({@code --shots}, what is left to resume, a cloud worker's share), and
 * nothing of the machine (heap, threads, GPU), so a shot's kernels, and its bytes, are the same
 * whichever run computes it.
 */
public final class JobKernels {

    private JobKernels() {
    }

    /**
     * The kernel choice of {@code job}.
     *
     * @param shots all the job's shots: its survey's, or for a migration of recorded data the
     *     gathers in its file (their stand-ins from its shot index will do: the same windows)
     */
    public static KernelChoice of(ResolvedJob job, List<Shot> shots) {
        return KernelChoice.forJob(pointSteps(job, shots));
    }

    /**
     * The job's computed point-steps: over its shots, the padded points of the grid each shot is
     * computed on (its migration window with an aperture, else the whole grid) × time steps ×
     * propagations per shot. A modelling shot is one propagation; a migration shot two (the source
     * wavefield forward, the receivers' backward) plus two when its data are modelled first (the
     * data, and the direct wave {@link SyntheticData} takes out of them). The third propagation a migration may take to rebuild its source wavefield is left out: whether
     * it runs depends on the machine's heap and engine, and the choice must not.
     */
    public static double pointSteps(ResolvedJob job, List<Shot> shots) {
        JobSpec spec = job.spec();
        boolean migrates = spec.task() == Task.RTM;
        int propagations = ShotComputer.modellingPropagations(job) + (migrates ? 2 : 0);
        Double aperture = migrates ? spec.imaging().apertureM() : null;
        PhysicsOptions physics = PhysicsOptions.of(spec.physics());
        double points = 0;
        if (aperture == null) {
            points = shots.size() * (double) computedPoints(spec.grid(), physics);
        } else {
            for (Shot shot : shots) {
                points += computedPoints(ShotWindow.of(spec.grid(), shot, aperture).grid(), physics);
            }
        }
        return points * job.time().steps() * propagations;
    }

    private static long computedPoints(Grid grid, PhysicsOptions physics) {
        return new PaddedGrid(grid, physics.boundaryWidth(), physics.operator().radius(), physics.freeSurface())
                .computedPoints();
    }
}
