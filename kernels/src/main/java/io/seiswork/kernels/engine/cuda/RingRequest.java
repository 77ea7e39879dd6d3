package io.seiswork.kernels.engine.cuda;

/**
 * What a caller asks of the GPU migration's ring placement ({@link RtmRingPlan#of}): normally
 * {@link #AUTO}; tests and benchmarks force the staged path with a small number of slots.
 *
 * @param placement the placement to use, or null to choose (device when every level fits, then
 *     host within the pinned-memory budget, then disk)
 * @param slots device ring slots K to use when staging (≥ 2), or 0 to take as many as free
 *     device memory allows (at most {@link RtmMemoryPlan#MAX_SLOTS})
 */
public record RingRequest(RingPlacement placement, int slots) {

    /** Chosen from the free device memory and the host budget. */
    public static final RingRequest AUTO = new RingRequest(null, 0);

    public RingRequest {
        if (slots != 0 && slots < RtmMemoryPlan.MIN_SLOTS) {
            throw new IllegalArgumentException("ring slots must be 0 (automatic) or at least " + RtmMemoryPlan.MIN_SLOTS
                    + ", got " + slots);
        }
    }

    /** The staged path forced to {@code placement} (host or disk) with {@code slots} device slots. */
    public static RingRequest staged(RingPlacement placement, int slots) {
        if (placement == RingPlacement.DEVICE) {
            throw new IllegalArgumentException("a staged ring goes to the host or to disk, not the device");
        }
        return new RingRequest(placement, slots);
    }
}
