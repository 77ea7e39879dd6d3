package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the stencil variants may run, and that a plan falls back to the pipelined kernel elsewhere. */
class StencilVariantTest {

    private static final DeviceInfo H200 = new DeviceInfo(0, "H200", 9, 0, 141L << 30, 132, 3_201_000, 6144, 13000,
            "fatbin");
    private static final DeviceInfo A100 = new DeviceInfo(0, "A100", 8, 0, 80L << 30, 108, 1_593_000, 5120, 13000,
            "fatbin");

    @Test
    void propertyValuesAndErrors() {
        assertEquals(StencilVariant.BULK_COPIES, StencilVariant.parse(" Bulk "));
        assertEquals(StencilVariant.PIPELINED, StencilVariant.parse("pipelined"));
        assertEquals(StencilVariant.L2_PREFETCH, StencilVariant.parse("PREFETCH"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StencilVariant.parse("tma"));
        assertEquals("seiswork.gpu.stencil must be one of [pipelined, direct, prefetch, wide, bulk], not \"tma\"",
                e.getMessage());
        assertEquals(StencilVariant.DIRECT, StencilVariant.parse("direct"));
        assertEquals(Optional.empty(), StencilVariant.choice(" Auto"));
        assertEquals(Optional.of(StencilVariant.WIDE_PREFETCH), StencilVariant.choice("wide "));
        assertEquals("seiswork.gpu.stencil must be auto or one of [pipelined, direct, prefetch, wide, bulk], not \"tma\"",
                assertThrows(IllegalArgumentException.class, () -> StencilVariant.choice("tma")).getMessage());
        String old = System.getProperty(StencilVariant.PROPERTY);
        try {
            System.clearProperty(StencilVariant.PROPERTY);
            assertEquals(Optional.empty(), StencilVariant.requested());
            System.setProperty(StencilVariant.PROPERTY, "prefetch");
            assertEquals(Optional.of(StencilVariant.L2_PREFETCH), StencilVariant.requested());
        } finally {
            if (old == null) {
                System.clearProperty(StencilVariant.PROPERTY);
            } else {
                System.setProperty(StencilVariant.PROPERTY, old);
            }
        }
    }

    /**
     * Unset, each propagator takes the kernel measured fastest on an H200 for its order: the
     * L2-prefetch one at 3D orders 2 and 4, the pipelined one at 3D order 8 and in 2D (marching).
     */
    @Test
    void theDefaultIsTheFastestMeasuredPerOrder() {
        assertEquals(StencilVariant.L2_PREFETCH, StencilVariant.fastestFor(2, true));
        assertEquals(StencilVariant.L2_PREFETCH, StencilVariant.fastestFor(4, true));
        assertEquals(StencilVariant.PIPELINED, StencilVariant.fastestFor(8, true));
        assertEquals(StencilVariant.PIPELINED, StencilVariant.fastestFor(4, false));
        assertEquals("stencil2d_r2", stencilKernel(plan(Grid.of2d(40, 30, 10), 4, StencilVariant.fastestFor(4, false))));
        assertEquals("stencil3d_pf_r2", stencilKernel(plan(Grid.of3d(20, 18, 30, 10), 4, StencilVariant.fastestFor(4, true))));
    }

    @Test
    void cpmlLayoutPropertyValuesAndErrors() {
        assertEquals(CpmlLayout.FUSED, CpmlLayout.parse("Fused"));
        assertEquals(CpmlLayout.SEPARATE, CpmlLayout.parse(" separate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpmlLayout.parse("merged"));
        assertEquals("seiswork.gpu.cpml must be one of [fused, separate, marching], not \"merged\"", e.getMessage());
        String old = System.getProperty(CpmlLayout.PROPERTY);
        try {
            System.clearProperty(CpmlLayout.PROPERTY);
            assertEquals(CpmlLayout.FUSED, CpmlLayout.requested());
        } finally {
            if (old != null) {
                System.setProperty(CpmlLayout.PROPERTY, old);
            }
        }
        // The fused layout moves less: the correction no longer re-reads u, un and m.
        assertTrue(CpmlLayout.FUSED.bytesPerSlabCell() < CpmlLayout.SEPARATE.bytesPerSlabCell());
    }

    @Test
    void bulkCopiesNeedHopper() {
        assertNull(StencilVariant.BULK_COPIES.deviceReason(H200));
        assertNull(StencilVariant.PIPELINED.deviceReason(A100));
        assertNull(StencilVariant.L2_PREFETCH.deviceReason(A100));
        assertEquals("the bulk-copy stencil needs compute capability 9.0 or newer; A100 has 8.0",
                StencilVariant.BULK_COPIES.deviceReason(A100));
    }

    /** The engine's padded grids: depth 2R + a multiple of 16, so rows are 16-byte aligned for R = 2, 4. */
    @ParameterizedTest(name = "order {0}, user nz {1}")
    @CsvSource({"8,13", "8,60", "8,512", "4,13", "4,77"})
    void engineGridsFitTheBulkKernel(int order, int nz) {
        PaddedGrid g = new PaddedGrid(Grid.of3d(20, 18, nz, 10), 20, order / 2, false);
        int r = order / 2;
        int[] region = {r, g.nx() - r, g.y0(), g.y1(), r, g.nz() - r};
        assertNull(StencilVariant.BULK_COPIES.unfitReason(g, region, order));
        assertEquals("stencil3d_bulk_r" + r, plan(Grid.of3d(20, 18, nz, 10), order).step.stream()
                .filter(c -> c.kernel().startsWith("stencil")).findFirst().orElseThrow().kernel());
    }

    @Test
    void elsewhereThePlanKeepsThePipelinedKernel() {
        PaddedGrid g2 = new PaddedGrid(Grid.of3d(20, 18, 30, 10), 20, 1, false);
        int[] region2 = {1, g2.nx() - 1, g2.y0(), g2.y1(), 1, g2.nz() - 1};
        assertTrue(StencilVariant.BULK_COPIES.unfitReason(g2, region2, 2).contains("space orders 4 and 8"));
        assertEquals("stencil3d_r1", stencilKernel(plan(Grid.of3d(20, 18, 30, 10), 2)));
        assertEquals("stencil2d_r4", stencilKernel(plan(Grid.of2d(40, 30, 10), 8)));
        PaddedGrid g = new PaddedGrid(Grid.of3d(20, 18, 30, 10), 20, 4, false);
        int[] shifted = {4, g.nx() - 4, g.y0(), g.y1(), 6, g.nz() - 4};
        assertEquals("bulk copies need 16-byte aligned rows: padded depth " + g.nz()
                + " and first tile cell 2 must be multiples of 4", StencilVariant.BULK_COPIES.unfitReason(g, shifted, 8));
        StepPlan p = plan(Grid.of3d(20, 18, 30, 10), 8);
        assertEquals("stencil3d_r4", p.stencil(shifted).kernel());
        assertNull(StencilVariant.PIPELINED.unfitReason(g, shifted, 8));
    }

    /** The L2-prefetch kernel runs on every 3D region, misaligned or of order 2; 2D keeps its own kernel. */
    @Test
    void thePrefetchKernelFitsEvery3dRegion() {
        PaddedGrid g = new PaddedGrid(Grid.of3d(20, 18, 30, 10), 20, 4, false);
        int[] shifted = {4, g.nx() - 4, g.y0(), g.y1(), 6, g.nz() - 4};
        assertNull(StencilVariant.L2_PREFETCH.unfitReason(g, shifted, 8));
        StepPlan p = plan(Grid.of3d(20, 18, 30, 10), 8, StencilVariant.L2_PREFETCH);
        assertEquals("stencil3d_pf_r4", stencilKernel(p));
        assertEquals("stencil3d_pf_r4", p.stencil(shifted).kernel());
        assertEquals("stencil3d_pf_r1", stencilKernel(plan(Grid.of3d(20, 18, 30, 10), 2, StencilVariant.L2_PREFETCH)));
        assertEquals("stencil2d_r4", stencilKernel(plan(Grid.of2d(40, 30, 10), 8, StencilVariant.L2_PREFETCH)));
        PaddedGrid g2 = new PaddedGrid(Grid.of2d(40, 30, 10), 20, 4, false);
        assertEquals("the prefetch stencil is 3D only", StencilVariant.L2_PREFETCH.unfitReason(g2,
                new int[] {4, g2.nx() - 4, 0, 1, 4, g2.nz() - 4}, 8));
    }

    /** The wide kernel launches 64 × 16 tiles on every 3D region; 2D keeps its own kernel. */
    @Test
    void theWideKernelLaunchesTallerTiles() {
        PaddedGrid g = new PaddedGrid(Grid.of3d(20, 18, 30, 10), 20, 4, false);
        int[] shifted = {4, g.nx() - 4, g.y0(), g.y1(), 6, g.nz() - 4};
        assertNull(StencilVariant.WIDE_PREFETCH.unfitReason(g, shifted, 8));
        StepPlan p = plan(Grid.of3d(20, 18, 30, 10), 8, StencilVariant.WIDE_PREFETCH);
        StepPlan.Call wide = p.stencil(shifted);
        assertEquals("stencil3d_wide_r4", wide.kernel());
        assertEquals(16, wide.shape().by());
        assertEquals(LaunchShape.ceil(g.nx() - 8, 16), wide.shape().gy());
        assertEquals(8, plan(Grid.of3d(20, 18, 30, 10), 8, StencilVariant.L2_PREFETCH).stencil(shifted).shape().by());
        assertEquals("stencil2d_r4", stencilKernel(plan(Grid.of2d(40, 30, 10), 8, StencilVariant.WIDE_PREFETCH)));
        assertEquals(StencilVariant.WIDE_PREFETCH, StencilVariant.parse("wide"));
    }

    /** The direct kernel is 2D only: a 3D plan asked for it keeps the pipelined kernel. */
    @Test
    void theDirectKernelIs2dOnly() {
        assertEquals("stencil2d_direct_r4", stencilKernel(plan(Grid.of2d(40, 30, 10), 8, StencilVariant.DIRECT)));
        assertEquals("stencil2d_direct_r1", stencilKernel(plan(Grid.of2d(40, 30, 10), 2, StencilVariant.DIRECT)));
        assertEquals("stencil3d_r4", stencilKernel(plan(Grid.of3d(20, 18, 30, 10), 8, StencilVariant.DIRECT)));
        PaddedGrid g = new PaddedGrid(Grid.of3d(20, 18, 30, 10), 20, 4, false);
        assertEquals("the direct stencil is 2D only", StencilVariant.DIRECT.unfitReason(g,
                new int[] {4, g.nx() - 4, g.y0(), g.y1(), 4, g.nz() - 4}, 8));
        // The marching 2D kernel: 256-cell z columns, x chunks of about 16 columns.
        StepPlan p = plan(Grid.of2d(400, 300, 10), 8, StencilVariant.PIPELINED);
        StepPlan.Call c = p.stencil(p.computeRegion);
        int xLen = p.computeRegion[1] - p.computeRegion[0];
        int zLen = p.computeRegion[5] - p.computeRegion[4];
        assertEquals(LaunchShape.ceil(zLen, 256), c.shape().gx());
        assertEquals(LaunchShape.ceil(xLen, LaunchShape.yChunk(xLen)), c.shape().gy());
        assertEquals(256, c.shape().bx());
        assertEquals(1, c.shape().by());
    }

    private static StepPlan plan(Grid grid, int order) {
        return plan(grid, order, StencilVariant.BULK_COPIES);
    }

    private static StepPlan plan(Grid grid, int order, StencilVariant variant) {
        return new StepPlan(VelocityModel.constant(grid, 2000f), PhysicsOptions.defaults().withSpaceOrder(order), 1e-3, 10, 0,
                variant);
    }

    private static String stencilKernel(StepPlan p) {
        return p.step.stream().filter(c -> c.kernel().startsWith("stencil")).findFirst().orElseThrow().kernel();
    }
}
