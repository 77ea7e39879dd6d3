/**
 * Reverse-time migration on the CPU engine: per shot, a forward source wavefield, a backward
 * receiver wavefield driven by the shot's recorded traces, and the zero-lag cross-correlation
 * imaging condition; the source wavefield kept by one of three strategies (snapshots in memory,
 * boundary saving with reverse-time reconstruction, snapshots on disk; the last two through a
 * {@code SpillFile}) chosen from a memory budget; per-shot partial images (image and
 * illumination apart) and their stacking.
 *
 * <p>Entry points: {@link io.seiswork.kernels.rtm.ShotMigrator} (one shot),
 * {@link io.seiswork.kernels.rtm.MemoryPlan} (strategy and memory per strategy),
 * {@link io.seiswork.kernels.rtm.ImageStacker} and {@link io.seiswork.kernels.rtm.PartialImageFile}
 * (stacking, also for the cloud worker), {@link io.seiswork.kernels.rtm.ImageFinisher} (imaging
 * condition and Laplacian filter on the stack). See docs/rtm.md.
 */
package io.seiswork.kernels.rtm;
