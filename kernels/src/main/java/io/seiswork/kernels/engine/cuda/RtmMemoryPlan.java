package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import java.util.Locale;

/**
 * Device memory one reverse-time-migrated shot needs on the GPU ({@link CudaRtmShot}), computed
 * before anything is allocated, so that a shot that does not fit is refused (and the caller
 * migrates it on the CPU) instead of failing half way.
 *
 * <pre>
 *   propagations = 2 × the modelling plan ({@link MemoryPlan#estimate}): source and receiver fields
 *   ring         = ring cells × 4 B × K      K device slots of one level's ring each: K = nt keeps
 *                                            every level (the all-levels path), fewer stage the
 *                                            others through the host ({@link RingSchedule})
 *   data         = (nt + 1) × R × 4 + 2 × nt × 4   receiver data per level, wavelet and its negative
 *   image        = 2 × user points × 4        image and illumination
 * </pre>
 * Ring cells: {@code nx·ny·nz − (nx − 2r)(ny − 2r)(nz − 2r)} of the user grid in 3D,
 * {@code nx·nz − (nx − 2r)(nz − 2r)} in 2D (r = order / 2). The modelling plan's trace chunks are
 * not allocated for migration, so the figure is an upper bound.
 *
 * @param propagation one propagation's plan (counted twice)
 * @param frameBytes bytes of one level's ring (ring cells × 4)
 * @param levels ring frames of the shot (nt)
 * @param slots device ring slots K (nt for the all-levels path)
 * @param dataBytes receiver data and wavelets
 * @param imageBytes image and illumination
 */
public record RtmMemoryPlan(MemoryPlan propagation, long frameBytes, int levels, int slots, long dataBytes,
        long imageBytes) {

    /** Fewest device ring slots of the staged path (one in use, one in transfer). */
    public static final int MIN_SLOTS = RingSchedule.MIN_SLOTS;

    /**
     * Most device ring slots the staged path takes, however much memory is free: a copy of a
     * level's ring over PCIe takes a fraction of a step (docs/gpu.md), so a few slots keep up, and
     * 32 exceeds the usual imaging interval (10–25 steps), so a whole burst of reconstruction
     * steps between two images finds its frames prefetched.
     */
    public static final int MAX_SLOTS = 32;

    /** Bytes of the device ring store: frame bytes × K. */
    public long ringBytes() {
        return frameBytes * slots;
    }

    /** Whether every level's ring stays on the device (K ≥ nt). */
    public boolean allLevels() {
        return slots >= levels;
    }

    /** Total bytes. */
    public long totalBytes() {
        return fixedBytes() + ringBytes();
    }

    /** Everything but the ring store: two propagations, data, image. */
    private long fixedBytes() {
        return 2 * propagation.totalBytes() + dataBytes + imageBytes;
    }

    /** Whether the plan fits {@code freeBytes} with the reserve of {@link MemoryPlan#fits}. */
    public boolean fits(long freeBytes) {
        return totalBytes() + reserve(freeBytes) <= freeBytes;
    }

    private static long reserve(long freeBytes) {
        return Math.max(MemoryPlan.MIN_RESERVE_BYTES, freeBytes / 20);
    }

    /** This plan with {@code k} device ring slots (at most nt). */
    public RtmMemoryPlan withSlots(int k) {
        if (k < Math.min(MIN_SLOTS, levels)) {
            throw new IllegalArgumentException("at least " + MIN_SLOTS + " ring slots, got " + k);
        }
        return new RtmMemoryPlan(propagation, frameBytes, levels, Math.min(k, levels), dataBytes, imageBytes);
    }

    /** The staged plan with the fewest slots: the least device memory a shot can run in. */
    public RtmMemoryPlan smallest() {
        return withSlots(Math.min(MIN_SLOTS, levels));
    }

    /**
     * The most device ring slots that fit {@code freeBytes} (reserve kept), capped at
     * {@link #MAX_SLOTS} and at nt; 0 when not even {@link #MIN_SLOTS} fit.
     */
    public int slotsFitting(long freeBytes) {
        long spare = freeBytes - reserve(freeBytes) - fixedBytes();
        long k = spare <= 0 ? 0 : spare / Math.max(1, frameBytes);
        k = Math.min(k, Math.min(MAX_SLOTS, levels));
        return k < Math.min(MIN_SLOTS, levels) ? 0 : (int) k;
    }

    /**
     * One line: "5.10 GiB (two propagations 0.20, boundary ring of every level 4.80, data 0.05,
     * image 0.05)", or "... boundary ring in 8 of 5000 level slots 0.01 ...".
     */
    public String describe() {
        String ring = allLevels() ? "boundary ring of every level" : "boundary ring in " + slots + " of " + levels
                + " level slots";
        return String.format("%.2f GiB (two propagations %.2f, %s %.2f, data %.2f, image %.2f)",
                gib(totalBytes()), gib(2 * propagation.totalBytes()), ring, gib(ringBytes()), gib(dataBytes),
                gib(imageBytes));
    }

    /**
     * The most receiver values, levels × receivers, the GPU migration uploads: it builds them
     * level-major in one Java array, so a node carpet of 100 000 receivers over 21 475 steps (10.7 s
     * at 0.5 ms) is refused here in one line rather than failing on the array's size. Past this the
     * data alone is 8 GiB, which the CPU engine never holds: it computes each level's data from the
     * traces as its receiver field reaches the level ({@code rtm.ReceiverLevels}).
     */
    static final long MAX_DATA_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses receivers' data, levels 0 .. nt of every receiver, over {@link #MAX_DATA_VALUES}.
     *
     * @throws IllegalArgumentException naming the levels, the receivers and the limit
     */
    public static void checkData(int receivers, int steps) {
        long values = (steps + 1L) * receivers;
        if (values > MAX_DATA_VALUES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the receivers' data at every time step, %d levels × %d receivers = %d values, exceed the %d "
                            + "one upload holds (the CPU engine has no such limit)", steps + 1, receivers, values,
                    MAX_DATA_VALUES));
        }
    }

    static double gib(long b) {
        return b / (double) (1L << 30);
    }

    /**
     * The all-levels plan for a shot (K = nt).
     *
     * @param model migration velocity in m/s
     * @param physics space order, layer width, free surface
     * @param receivers receivers
     * @param steps time steps nt
     * @throws IllegalArgumentException when the grid is too thin for boundary reconstruction, or
     *     the receivers' data at every level exceed one array ({@link #MAX_DATA_VALUES})
     */
    public static RtmMemoryPlan estimate(VelocityModel model, PhysicsOptions physics, int receivers, int steps) {
        Grid g = model.grid();
        int r = physics.operator().radius();
        RtmPlan.checkThickness(g, r);
        checkData(receivers, steps);
        long frame = RtmPlan.ringBytes(CudaKernels.ringCells(g.nx(), g.ny(), g.nz(), r, !g.is2d()), 1);
        long data = (steps + 1L) * receivers * Float.BYTES + 2L * steps * Float.BYTES;
        long image = 2L * g.points() * Float.BYTES;
        return new RtmMemoryPlan(MemoryPlan.estimate(model, physics, receivers, steps), frame, steps, steps, data,
                image);
    }
}
