/**
 * One job's shots, computed the same way wherever they run: the local runner of {@code seiswork
 * run} and the desktop app (module {@code app}) and the cloud worker (module {@code worker}) all
 * compute a shot through {@link io.seiswork.kernels.job.ShotComputer}, so a cloud run of N shots
 * stacks to the very image a local run writes.
 *
 * <p>Entry points: {@link io.seiswork.kernels.job.JobEngine} (the engine a job selects),
 * {@link io.seiswork.kernels.job.ShotComputer} (one shot of task model or rtm: observed data,
 * the migration's engine, migration), {@link io.seiswork.kernels.job.FinalImage} (a stack
 * of partial images to the finished image: imaging condition, Laplacian filter, shallow mute),
 * {@link io.seiswork.kernels.job.ImageFiles} ({@code image.sgy} and {@code image.swv}) and
 * {@link io.seiswork.kernels.job.GatherFiles} ({@code shots.sgy}). What loops over the shots,
 * reports progress and writes the run report stays with the caller.
 */
package io.seiswork.kernels.job;
