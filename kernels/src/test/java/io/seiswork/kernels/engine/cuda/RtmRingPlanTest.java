package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import org.junit.jupiter.api.Test;

/**
 * The ring placement rule ({@link RtmRingPlan}) and the staged device plan
 * ({@link RtmMemoryPlan#withSlots}) as free device memory and the host budget shrink: device,
 * then host with as many slots as fit (capped), then disk, then refused; forced placements.
 * The budget rule of {@link HostMemoryBudget}.
 */
class RtmRingPlanTest {

    private static final long GIB = 1L << 30;

    /** 400³ at 10 m, order 8, 20-cell layer, 100 receivers, 5000 steps: 15 MB of ring per level. */
    private static RtmMemoryPlan cube400() {
        Grid g = Grid.of3d(400, 400, 400, 10);
        return RtmMemoryPlan.estimate(VelocityModel.constant(g, 2000f), PhysicsOptions.defaults(), 100, 5000);
    }

    @Test
    void allLevelsPlanIsTheOldFigure() {
        RtmMemoryPlan p = cube400();
        long cells = 400L * 400 * 400 - 392L * 392 * 392;
        assertEquals(cells * 4, p.frameBytes());
        assertEquals(cells * 4 * 5000, p.ringBytes());
        assertTrue(p.allLevels());
        assertTrue(p.describe().contains("boundary ring of every level"), p.describe());
        RtmMemoryPlan two = p.withSlots(2);
        assertEquals(cells * 4 * 2, two.ringBytes());
        assertEquals(p.totalBytes() - cells * 4 * 4998, two.totalBytes());
        assertTrue(two.describe().contains("boundary ring in 2 of 5000 level slots"), two.describe());
        assertEquals(5000, p.withSlots(9000).slots());
    }

    /**
     * A node carpet of 100 000 receivers over 21 475 steps (10.7 s at 0.5 ms): 2 147 600 000
     * values, just past one array. Refused in one line naming the figures, as every plan that
     * cannot be held is, rather than failing on the array's size when the data are built.
     */
    @Test
    void receiverDataPastOneArrayAreRefusedInOneLine() {
        Grid g = Grid.of2d(200, 100, 10);
        VelocityModel m = VelocityModel.constant(g, 2000f);
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RtmMemoryPlan.estimate(m, PhysicsOptions.defaults(), 100_000, 21_475));
        assertTrue(refused.getMessage().contains("21476 levels × 100000 receivers = 2147600000 values"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
        // One level fewer fits: the limit is the array's, not a round figure.
        long fits = RtmMemoryPlan.MAX_DATA_VALUES / 100_000 - 1;
        assertNotNull(RtmMemoryPlan.estimate(m, PhysicsOptions.defaults(), 100_000, (int) fits));
    }

    @Test
    void placementFollowsTheFreeMemory() {
        RtmMemoryPlan p = cube400();
        long frame = p.frameBytes();
        // An H200: 139 GiB free holds every level (70 GiB of ring).
        RtmRingPlan h200 = RtmRingPlan.of(p, 10, 139 * GIB, 100 * GIB, RingRequest.AUTO);
        assertEquals(RingPlacement.DEVICE, h200.placement());
        assertEquals(5000, h200.slots());
        assertEquals(p.totalBytes(), h200.device().totalBytes());
        // 60 GiB free: staged, as many slots as fit but at most 32; levels 9 .. 4967 on the host.
        RtmRingPlan a100 = RtmRingPlan.of(p, 10, 60 * GIB, 1000 * GIB, RingRequest.AUTO);
        assertEquals(RingPlacement.HOST, a100.placement());
        assertEquals(RtmMemoryPlan.MAX_SLOTS, a100.slots());
        int staged = (5000 - 32 - 1) - 9 + 1;
        assertEquals(new RingSchedule(5000, 32, 10).stagedFrames(), a100.stagedFrames());
        assertEquals(staged, a100.stagedFrames());
        assertEquals(staged * frame, a100.hostBytes());
        assertEquals(0, a100.diskBytes());
        assertTrue(a100.device().fits(60 * GIB));
        // Little free: only a few slots.
        long fixed = p.withSlots(2).totalBytes() - 2 * frame;
        long free = fixed + 5 * frame + (256L << 20) + frame / 2; // the reserve is 256 MiB here
        RtmRingPlan few = RtmRingPlan.of(p, 10, free, 1000 * GIB, RingRequest.AUTO);
        assertEquals(5, few.slots());
        // Host budget too small: disk, with the staging and spill buffers pinned.
        RtmRingPlan disk = RtmRingPlan.of(p, 10, 60 * GIB, 10 * GIB, RingRequest.AUTO);
        assertEquals(RingPlacement.DISK, disk.placement());
        assertEquals(staged * frame, disk.diskBytes());
        assertEquals((RtmRingPlan.STAGING_BUFFERS + RtmRingPlan.SPILL_BUFFERS) * frame, disk.hostBytes());
        assertTrue(disk.reason().contains("over the pinned host budget of 10.00 GiB"), disk.reason());
        // Not even two slots: refused, saying so.
        RtmRingPlan none = RtmRingPlan.of(p, 10, fixed, 1000 * GIB, RingRequest.AUTO);
        assertFalse(none.fits());
        assertTrue(none.reason().contains("even with the boundary ring staged"), none.reason());
        assertNotNull(RtmRingPlan.deviceRefusal(p, fixed, 80 * GIB));
        assertNull(RtmRingPlan.deviceRefusal(p, 79 * GIB, 80 * GIB));
    }

    @Test
    void forcedPlacements() {
        RtmMemoryPlan p = cube400();
        RtmRingPlan host = RtmRingPlan.of(p, 10, 139 * GIB, 1000 * GIB, RingRequest.staged(RingPlacement.HOST, 3));
        assertEquals(RingPlacement.HOST, host.placement());
        assertEquals(3, host.slots());
        RtmRingPlan disk = RtmRingPlan.of(p, 10, 139 * GIB, 1000 * GIB, RingRequest.staged(RingPlacement.DISK, 2));
        assertEquals(RingPlacement.DISK, disk.placement());
        assertTrue(disk.reason().contains("requested"), disk.reason());
        // Forced host over the budget is refused, naming the budget's property.
        RtmRingPlan over = RtmRingPlan.of(p, 10, 139 * GIB, GIB, RingRequest.staged(RingPlacement.HOST, 2));
        assertFalse(over.fits());
        assertTrue(over.reason().contains(HostMemoryBudget.PROPERTY), over.reason());
        // Forced slots without a placement: host or disk by the budget.
        assertEquals(RingPlacement.HOST, RtmRingPlan.of(p, 10, 139 * GIB, 1000 * GIB, new RingRequest(null, 4))
                .placement());
        // Every level forced where it does not fit.
        assertFalse(RtmRingPlan.of(p, 10, 40 * GIB, 1000 * GIB, new RingRequest(RingPlacement.DEVICE, 0)).fits());
        // Slots covering every level the imaging needs: nothing to stage, device.
        RtmRingPlan all = RtmRingPlan.of(p, 4999, 139 * GIB, 0, new RingRequest(null, 2));
        assertEquals(RingPlacement.DEVICE, all.placement());
        assertEquals(0, all.stagedFrames());
        assertThrows(IllegalArgumentException.class, () -> new RingRequest(null, 1));
        assertThrows(IllegalArgumentException.class, () -> RingRequest.staged(RingPlacement.DEVICE, 2));
    }

    @Test
    void hostBudgetIsHalfThePhysicalMemoryLessTheHeap() {
        assertEquals(64 * GIB - 8 * GIB, HostMemoryBudget.of(128 * GIB, 8 * GIB));
        assertEquals(0, HostMemoryBudget.of(8 * GIB, 6 * GIB));
        String old = System.getProperty(HostMemoryBudget.PROPERTY);
        try {
            System.setProperty(HostMemoryBudget.PROPERTY, "1.5");
            assertEquals(3 * GIB / 2, HostMemoryBudget.bytes());
            System.setProperty(HostMemoryBudget.PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HostMemoryBudget::bytes);
            assertTrue(e.getMessage().startsWith(HostMemoryBudget.PROPERTY + "=lots"), e.getMessage());
            System.clearProperty(HostMemoryBudget.PROPERTY);
            assertTrue(HostMemoryBudget.bytes() >= 0);
        } finally {
            if (old == null) {
                System.clearProperty(HostMemoryBudget.PROPERTY);
            } else {
                System.setProperty(HostMemoryBudget.PROPERTY, old);
            }
        }
    }
}
