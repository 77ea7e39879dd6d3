package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.kernels.rtm.PartialImage;

/**
 * One shot of task rtm, as {@link ShotComputer#migrate} computes it: its partial image, to be
 * stacked with the others in shot order, and what it cost.
 *
 * @param shot the shot migrated
 * @param image its partial image (cross-correlation and illumination apart, on the job's grid)
 * @param dataSeconds wall seconds spent getting the observed traces (modelling synthetic data or
 *     reading the file)
 * @param migrationSeconds wall seconds of the migration itself, resampling of the traces included
 * @param points grid-point updates of the migration (computed points per step × time steps ×
 *     propagations), the work its Gpts/s is counted on
 */
public record MigratedShot(Shot shot, PartialImage image, double dataSeconds, double migrationSeconds,
        double points) {

    /** The migration's throughput in billions of grid-point updates per second. */
    public double gptsPerSecond() {
        return points / migrationSeconds / 1e9;
    }
}
