package io.seiswork.app.run;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.util.List;

/**
 * The work of a run in grid-point updates, before it runs: computed points per time step
 * (the user's grid plus the absorbing layers, as the engines count them in {@code run.json}) ×
 * time steps × propagations per shot × shots. A modelling shot is one propagation; a migration
 * shot is {@link #migrationPropagations} of them, plus two when its data are modelled first (the
 * data and their direct wave, {@link ShotComputer#modellingPropagations}).
 * With a migration aperture each migration shot computes its own window of the model, so the
 * points per step are the mean over the shots' windows.
 *
 * @param shots shots in the run
 * @param modellingPropagations propagations per shot that model data: 1 for task model, 2 for a
 *     migration of synthetic data (the data and their direct wave), 0 for a migration of recorded data
 * @param migrationPropagations propagations per shot of the migration itself (0 for task model)
 * @param pointsPerStep grid points updated per time step of one propagation (the mean over the
 *     shots when their windows differ)
 * @param steps time steps per propagation
 * @param userShare points of the user's grid per computed point ({@link #userShare(JobSpec)}):
 *     what turns Gpts/s counting the absorbing layers into Gpts/s on the user's grid
 */
public record RunWork(int shots, int modellingPropagations, int migrationPropagations, long pointsPerStep,
        int steps, double userShare) {

    /**
     * The work of {@code job}.
     *
     * @param shots the shots it runs (a migration of recorded data: the gathers in its file)
     * @param onGpu whether a migration runs on the GPU
     * @param strategy how a CPU migration keeps the source wavefield (ignored otherwise)
     */
    public static RunWork of(ResolvedJob job, List<Shot> shots, boolean onGpu, WavefieldStrategy strategy) {
        JobSpec spec = job.spec();
        boolean migrates = spec.task() == Task.RTM;
        int modelling = ShotComputer.modellingPropagations(job);
        int migration = migrates ? migrationPropagations(onGpu, strategy) : 0;
        Double aperture = migrates ? spec.imaging().apertureM() : null;
        double total = 0;
        double user = 0;
        for (Shot shot : aperture == null ? shots.subList(0, Math.min(1, shots.size())) : shots) {
            Grid window = ShotWindow.of(spec.grid(), shot, aperture).grid();
            total += computedPoints(window, spec);
            user += userPoints(window);
        }
        long points = aperture == null || shots.isEmpty() ? computedPoints(spec.grid(), spec)
                : Math.round(total / shots.size());
        // The shots' windows, as the migration counts its own user Gpts/s: a survey's whole grid may
        // be larger than any one propagation (2.2e9 nodes) and is never padded.
        double share = total > 0 ? user / total : userShare(spec);
        return new RunWork(shots.size(), modelling, migration, points, job.time().steps(), share);
    }

    /**
     * Points of the user's grid (nx × ny × nz) per point an engine updates on the whole of it (a
     * run without an aperture, whose grid fits one propagation): the share of a
     * run's Gpts/s that {@code run.json}'s {@code userGptsPerSecond}, the per-shot lines and
     * {@code seiswork bench} count, the absorbing layers left out.
     */
    public static double userShare(JobSpec spec) {
        return userShare(spec.grid(), spec);
    }

    /** The same on one shot's window ({@link ShotWindow}): what a migration with an aperture counts. */
    public static double userShare(Grid window, JobSpec spec) {
        return userPoints(window) / computedPoints(window, spec);
    }

    /** Nodes of {@code grid}, nx × ny × nz, as a double (a survey's grid may pass 2^31). */
    private static double userPoints(Grid grid) {
        return (double) grid.nx() * grid.ny() * grid.nz();
    }

    /** Points an engine updates per step on {@code grid}: the grid, its absorbing layers, the z rounding. */
    public static long computedPoints(Grid grid, JobSpec spec) {
        return new PaddedGrid(grid, spec.physics().boundaryWidth(), spec.physics().spaceOrder() / 2,
                spec.physics().freeSurface()).computedPoints();
    }

    /** Wavefield propagations per shot, modelling and migration. */
    public int propagationsPerShot() {
        return modellingPropagations + migrationPropagations;
    }

    /**
     * Propagations of one migration shot, as the migration counts them
     * ({@link ShotComputer#migrationPropagations}).
     */
    public static int migrationPropagations(boolean onGpu, WavefieldStrategy strategy) {
        return ShotComputer.migrationPropagations(onGpu, strategy);
    }

    /** Grid-point updates of the whole run. */
    public double pointUpdates() {
        return (double) shots * propagationsPerShot() * pointsPerStep * steps;
    }
}
