package io.seiswork.kernels.engine.cuda;

import java.util.Locale;

/**
 * Where a GPU-migrated shot keeps its boundary ring, and how much device, pinned host and disk
 * memory that takes, decided before anything is allocated (pure arithmetic, unit-tested without
 * a GPU).
 *
 * <p>Rule for {@link RingRequest#AUTO}: {@link RingPlacement#DEVICE} when the ring of every
 * level fits the free device memory with the rest of the shot (the all-levels path, no
 * transfers); otherwise the staged path with as many device slots as fit (2 ..
 * {@link RtmMemoryPlan#MAX_SLOTS}), the staged levels in pinned host memory
 * ({@link RingPlacement#HOST}) when they fit the host budget ({@link HostMemoryBudget}), else on
 * disk through a few pinned buffers ({@link RingPlacement#DISK}). When not even two slots fit,
 * the plan is refused ({@link #fits()} false, {@link #reason()} says why) and the caller
 * migrates on the CPU or refuses the run.
 *
 * @param placement where the ring goes, or null when the shot does not fit the device at all
 * @param device the device memory plan (with its K slots)
 * @param stagedFrames levels that leave the device ({@link RingSchedule#stagedFrames()})
 * @param hostBytes pinned host bytes: every staged level (host) or the staging buffers plus the
 *     spill file's direct buffers (disk)
 * @param diskBytes bytes written to the scratch file (disk), else 0
 * @param reason one line: why this placement (or why the GPU cannot take the shot)
 */
public record RtmRingPlan(RingPlacement placement, RtmMemoryPlan device, int stagedFrames, long hostBytes,
        long diskBytes, String reason) {

    /** Pinned buffers a disk-placed ring passes through, each one level's ring. */
    static final int STAGING_BUFFERS = 4;

    /** Direct buffers of the disk placement's spill file (one being filled, two in I/O). */
    public static final int SPILL_BUFFERS = 3;

    /** Whether the shot can be migrated on the GPU. */
    public boolean fits() {
        return placement != null;
    }

    /** Device ring slots K (nt on the all-levels path). */
    public int slots() {
        return device.slots();
    }

    /**
     * Plans a shot.
     *
     * @param allLevels the shot's all-levels plan ({@link RtmMemoryPlan#estimate})
     * @param interval imaging interval k in steps
     * @param freeDeviceBytes free device memory now
     * @param hostBudgetBytes the most pinned host memory the ring may take
     * @param request automatic or forced placement and slots
     */
    public static RtmRingPlan of(RtmMemoryPlan allLevels, int interval, long freeDeviceBytes, long hostBudgetBytes,
            RingRequest request) {
        RingPlacement wanted = request.placement();
        if (request.slots() == 0 && wanted != RingPlacement.HOST && wanted != RingPlacement.DISK) {
            if (allLevels.fits(freeDeviceBytes)) {
                return new RtmRingPlan(RingPlacement.DEVICE, allLevels, 0, 0, 0, "boundary ring of every level in GPU"
                        + " memory (" + gib(allLevels.ringBytes()) + ")");
            }
            if (wanted == RingPlacement.DEVICE) {
                return refused("the boundary ring of every level does not fit: the shot needs "
                        + allLevels.describe() + " of GPU memory, " + gib(freeDeviceBytes) + " are free");
            }
        }
        int k = request.slots() > 0 ? Math.min(request.slots(), allLevels.levels())
                : allLevels.slotsFitting(freeDeviceBytes);
        RtmMemoryPlan smallest = allLevels.smallest();
        if (k == 0 || !allLevels.withSlots(k).fits(freeDeviceBytes)) {
            RtmMemoryPlan p = k == 0 ? smallest : allLevels.withSlots(k);
            return refused("the migration of a shot needs " + p.describe() + " of GPU memory even with the boundary"
                    + " ring staged through the host, " + gib(freeDeviceBytes) + " are free");
        }
        RtmMemoryPlan device = allLevels.withSlots(k);
        RingSchedule schedule = new RingSchedule(allLevels.levels(), k, interval);
        int staged = schedule.stagedFrames();
        long frame = allLevels.frameBytes();
        long pinnedAll = staged * frame;
        String slots = String.format(Locale.ROOT, "the ring of every level needs %s of GPU memory, %s are free; %d"
                + " level slots on the GPU", gib(allLevels.totalBytes()), gib(freeDeviceBytes), k);
        if (staged == 0) {
            return new RtmRingPlan(RingPlacement.DEVICE, device, 0, 0, 0, slots + " hold every level the imaging"
                    + " needs");
        }
        if (wanted == RingPlacement.HOST || (wanted == null && pinnedAll <= hostBudgetBytes)) {
            if (pinnedAll > hostBudgetBytes) {
                return refused(slots + "; the " + staged + " staged levels need " + gib(pinnedAll) + " of pinned host"
                        + " memory, over the budget of " + gib(hostBudgetBytes) + " (" + HostMemoryBudget.PROPERTY + ")");
            }
            return new RtmRingPlan(RingPlacement.HOST, device, staged, pinnedAll, 0, slots + ", " + staged
                    + " levels (" + gib(pinnedAll) + ") staged in pinned host memory (budget "
                    + gib(hostBudgetBytes) + ")");
        }
        long buffers = (STAGING_BUFFERS + SPILL_BUFFERS) * frame;
        String why = wanted == RingPlacement.DISK ? "requested" : "over the pinned host budget of "
                + gib(hostBudgetBytes) + " (" + HostMemoryBudget.PROPERTY + ")";
        return new RtmRingPlan(RingPlacement.DISK, device, staged, buffers, pinnedAll, slots + ", " + staged
                + " levels (" + gib(pinnedAll) + ", " + why + ") staged to scratch on disk");
    }

    /**
     * Whether the smallest staged plan fits {@code freeDeviceBytes}: the only device-memory
     * reason to refuse the GPU.
     *
     * @return null when it fits, otherwise one line with the figures
     */
    public static String deviceRefusal(RtmMemoryPlan allLevels, long freeDeviceBytes, long totalDeviceBytes) {
        if (allLevels.smallest().fits(freeDeviceBytes)) {
            return null;
        }
        return String.format(Locale.ROOT, "the migration of a shot needs %s of GPU memory even with the boundary ring"
                + " staged through the host, %s of %s are free", allLevels.smallest().describe(), gib(freeDeviceBytes),
                gib(totalDeviceBytes));
    }

    private static RtmRingPlan refused(String why) {
        return new RtmRingPlan(null, null, 0, 0, 0, why);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", RtmMemoryPlan.gib(bytes));
    }
}
