package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;

/**
 * Device memory one reverse-time-migrated shot needs on the GPU ({@link CudaRtmShot}), computed
 * before anything is allocated, so that a shot that does not fit is refused (and the caller
 * migrates it on the CPU) instead of failing half way.
 *
 * <pre>
 *   propagations = 2 × the modelling plan ({@link MemoryPlan#estimate}): source and receiver fields
 *   ring         = ring cells × 4 B × nt      the boundary ring of every level
 *   data         = (nt + 1) × R × 4 + 2 × nt × 4   receiver data per level, wavelet and its negative
 *   image        = 2 × user points × 4        image and illumination
 * </pre>
 * Ring cells: {@code nx·ny·nz − (nx − 2r)(ny − 2r)(nz − 2r)} of the user grid in 3D,
 * {@code nx·nz − (nx − 2r)(nz − 2r)} in 2D (r = order / 2). The modelling plan's trace chunks are
 * not allocated for migration, so the figure is an upper bound.
 *
 * @param propagation one propagation's plan (counted twice)
 * @param ringBytes the ring store
 * @param dataBytes receiver data and wavelets
 * @param imageBytes image and illumination
 */
public record RtmMemoryPlan(MemoryPlan propagation, long ringBytes, long dataBytes, long imageBytes) {

    /** Total bytes. */
    public long totalBytes() {
        return 2 * propagation.totalBytes() + ringBytes + dataBytes + imageBytes;
    }

    /** Whether the plan fits {@code freeBytes} with the reserve of {@link MemoryPlan#fits}. */
    public boolean fits(long freeBytes) {
        long reserve = Math.max(MemoryPlan.MIN_RESERVE_BYTES, freeBytes / 20);
        return totalBytes() + reserve <= freeBytes;
    }

    /** One line: "5.10 GiB (two propagations 0.20, boundary ring of every level 4.80, data 0.05, image 0.05)". */
    public String describe() {
        return String.format("%.2f GiB (two propagations %.2f, boundary ring of every level %.2f, data %.2f, image %.2f)",
                gib(totalBytes()), gib(2 * propagation.totalBytes()), gib(ringBytes), gib(dataBytes),
                gib(imageBytes));
    }

    private static double gib(long b) {
        return b / (double) (1L << 30);
    }

    /**
     * The plan for a shot.
     *
     * @param model migration velocity in m/s
     * @param physics space order, layer width, free surface
     * @param receivers receivers
     * @param steps time steps nt
     * @throws IllegalArgumentException when the grid is too thin for boundary reconstruction
     */
    public static RtmMemoryPlan estimate(VelocityModel model, PhysicsOptions physics, int receivers, int steps) {
        Grid g = model.grid();
        int r = physics.operator().radius();
        RtmPlan.checkThickness(g, r);
        long ring = RtmPlan.ringBytes(CudaKernels.ringCells(g.nx(), g.ny(), g.nz(), r, !g.is2d()), steps);
        long data = (steps + 1L) * receivers * Float.BYTES + 2L * steps * Float.BYTES;
        long image = 2L * g.points() * Float.BYTES;
        return new RtmMemoryPlan(MemoryPlan.estimate(model, physics, receivers, steps), ring, data, image);
    }
}
