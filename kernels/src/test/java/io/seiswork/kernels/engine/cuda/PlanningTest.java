package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.FirstDerivative;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.CpmlProfile;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host-side planning of the GPU engine: slabs, launch shapes, memory, weights (no GPU needed). */
class PlanningTest {

    @ParameterizedTest
    @CsvSource({"true,8,false", "true,4,true", "false,8,false", "false,2,true"})
    void slabsCoverExactlyTheLayerCellsOfEachAxis(boolean threeD, int order, boolean freeSurface) {
        Grid g = threeD ? Grid.of3d(23, 19, 17, 10) : Grid.of2d(23, 17, 10);
        int r = order / 2;
        int w = 6;
        PaddedGrid pg = new PaddedGrid(g, w, r, freeSurface);
        List<SlabGeometry> slabs = SlabGeometry.of(pg);
        long cnx = pg.nx() - 2L * r;
        long cny = pg.y1() - pg.y0();
        long cnz = pg.nz() - 2L * r;
        long[] perAxis = new long[3];
        int lastAxis = -1;
        for (SlabGeometry s : slabs) {
            assertTrue(s.axis() >= lastAxis, "CPU order x, y, z");
            lastAxis = s.axis();
            perAxis[s.axis()] += s.cells();
            // Updated cells inside the box, with a halo of r along the damped axis.
            int[] c0 = {s.x0(), s.y0(), s.z0()};
            int[] c1 = {s.x1(), s.y1(), s.z1()};
            int[] b0 = {s.bx0(), s.by0(), s.bz0()};
            int[] bn = {s.bnx(), s.bny(), s.bnz()};
            for (int a = 0; a < 3; a++) {
                int halo = a == s.axis() ? r : 0;
                if (a == 1 && !threeD) {
                    assertEquals(0, c0[1]);
                    assertEquals(1, c1[1]);
                    continue;
                }
                assertEquals(c0[a] - halo, b0[a], "box origin axis " + a);
                assertEquals(c1[a] - c0[a] + 2 * halo, bn[a], "box size axis " + a);
            }
            assertEquals(12, s.kernelStruct().length);
        }
        assertEquals(2L * w * cny * cnz, perAxis[0]);
        assertEquals(threeD ? 2L * w * cnx * cnz : 0, perAxis[1]);
        assertEquals((freeSurface ? 1L : 2L) * w * cnx * cny, perAxis[2]);
        assertEquals((threeD ? 6 : 4) - (freeSurface ? 1 : 0), slabs.size());
    }

    @Test
    void slabsFromTheRealProfilesMatchTheGeometryOnlyOnes() {
        Grid g = Grid.of3d(30, 20, 25, 10);
        PaddedGrid pg = new PaddedGrid(g, 20, 4, true);
        CpmlProfile px = new CpmlProfile(pg.nx(), 4, 20, true, true, 10, 3000, 1e-3, 15);
        CpmlProfile py = new CpmlProfile(pg.ny(), 4, 20, true, true, 10, 3000, 1e-3, 15);
        CpmlProfile pz = new CpmlProfile(pg.nz(), 4, 20, false, true, 10, 3000, 1e-3, 15);
        assertEquals(SlabGeometry.of(pg), SlabGeometry.of(pg, px, py, pz));
    }

    @Test
    void launchShapesCoverTheComputeRegion() {
        LaunchShape s = LaunchShape.tiles(560, 552, 1, LaunchShape.TILE_Z, LaunchShape.TILE_X);
        assertEquals(9, s.gx());
        assertEquals(69, s.gy());
        assertTrue((long) s.gx() * s.bx() >= 560 && (long) (s.gx() - 1) * s.bx() < 560);
        // 512^3 with layers: chunks of about 16 planes that split the 552 planes evenly.
        int chunk = LaunchShape.yChunk(552);
        long chunks = (552 + chunk - 1) / chunk;
        assertTrue(chunk >= 12 && chunk <= 16, "chunk " + chunk);
        assertTrue(chunks * chunk >= 552 && (chunks - 1) * chunk < 552, "chunks cover the planes");
        assertTrue(chunks * s.blocks() >= 20L * 132, "many blocks per SM of an H200: " + chunks * s.blocks());
        assertEquals(10, LaunchShape.yChunk(10), "thin grids: one chunk");
        assertEquals(12, LaunchShape.yChunk(34), "three chunks of 12, 12, 10 rather than 16, 16, 2");
    }

    @Test
    void memoryPlanOf512CubedOrder8() {
        VelocityModel m = VelocityModel.constant(Grid.of3d(512, 512, 512, 10), 2000f);
        MemoryPlan p = MemoryPlan.estimate(m, PhysicsOptions.defaults(), 1000, 2000);
        PaddedGrid pg = new PaddedGrid(m.grid(), 20, 4, false);
        assertEquals(3L * pg.points() * 4, p.fieldBytes());
        System.out.println("  [plan] 512^3 order 8, 1000 receivers, 2000 steps: " + p.describe() + ", padded "
                + pg.nx() + " x " + pg.ny() + " x " + pg.nz());
        assertTrue(p.totalBytes() < (3L << 30), p.describe());
        assertTrue(p.fits(80L << 30));
        assertFalse(p.fits(2L << 30));
        assertTrue(p.pmlBytes() > 0 && p.pmlBytes() < p.fieldBytes() / 2);
    }

    @Test
    void stencilAndAxisWeightsComeFromCoreStencil() {
        Grid g = new Grid(5, 4, 6, 8, 9, 6);
        SecondDerivative op = SecondDerivative.ofOrder(8);
        float[] w = StepPlan.stencilWeights(op, g);
        assertEquals((float) (op.coefficient(0) * (1 / 64.0 + 1 / 81.0 + 1 / 36.0)), w[0]);
        assertEquals((float) (op.coefficient(3) / 36.0), w[3]);
        assertEquals((float) (op.coefficient(2) / 64.0), w[6]);
        assertEquals((float) (op.coefficient(4) / 81.0), w[12]);
        float[] w2 = StepPlan.stencilWeights(op, Grid.of2d(5, 6, 10));
        assertEquals(0f, w2[9]);
        float[] a = StepPlan.axisWeights(op, FirstDerivative.ofOrder(8), 10);
        assertEquals((float) (FirstDerivative.ofOrder(8).coefficient(2) / 10), a[2]);
        assertEquals((float) (op.coefficient(0) / 100), a[5]);
    }

    @Test
    void benchmarkFiguresFollowTheBandwidthModel() {
        PaddedGrid pg = new PaddedGrid(Grid.of3d(512, 512, 512, 10), 20, 4, false);
        long layer = 0;
        for (SlabGeometry s : SlabGeometry.of(pg)) {
            layer += s.cells();
        }
        // An H100 SXM's attributes: 2619 MHz, 5120-bit bus -> 3.35 TB/s.
        DeviceInfo h100 = new DeviceInfo(0, "test card", 9, 0, 80L << 30, 132, 2_619_000, 5120, 13000, "fatbin");
        assertEquals(3.352e12, h100.peakBandwidthBytesPerS(), 1e9);
        List<CudaBenchmark.StepTiming> full = List.of(new CudaBenchmark.StepTiming(CpmlLayout.FUSED, 1.0),
                new CudaBenchmark.StepTiming(CpmlLayout.SEPARATE, 1.25));
        CudaBenchmark.Result r = new CudaBenchmark.Result(pg.computedPoints(), layer, 100, full,
                List.of(new CudaBenchmark.StencilTiming(StencilVariant.PIPELINED, "stencil3d_r4", 0.5),
                        new CudaBenchmark.StencilTiming(StencilVariant.BULK_COPIES, "stencil3d_bulk_r4", 0.4)),
                h100, h100.peakBandwidthBytesPerS(), List.of(new CudaBenchmark.StepPart("cpml_psi_r4", 6, 0.1),
                        new CudaBenchmark.StepPart("stencil3d_r4", 1, 0.45),
                        new CudaBenchmark.StepPart("stencil_cpml3d_r4", 6, 0.4)));
        assertTrue(r.describe().contains("full step by kernel, C-PML fused (each launch timed alone), ms per step: "
                + "cpml_psi_r4 x6 1.000, stencil3d_r4 4.500, stencil_cpml3d_r4 x6 4.000, sum 9.500 of the full step's "
                + "10.000"), r.describe());
        assertEquals(pg.computedPoints() * 100 / 1e9, r.gptsPerSecond(), 1e-9);
        assertEquals(r.gptsPerSecond() * 16e9 / 3.352e12, r.fractionOfPeak(), 1e-3);
        assertEquals(2 * r.fractionOfPeak(), r.stencilFractionOfPeak(), 1e-9);
        assertEquals(2.5 * r.fractionOfPeak(), r.stencilFractionOfPeak(r.stencils().get(1)), 1e-9);
        double ratio = (16.0 * pg.computedPoints() + 24.0 * layer) / (16.0 * pg.computedPoints());
        assertEquals(ratio * r.fractionOfPeak(), r.modelledFractionOfPeak(), 1e-9);
        double separate = (16.0 * pg.computedPoints() + 40.0 * layer) / (16.0 * pg.computedPoints());
        assertEquals(separate * r.fractionOfPeak() / 1.25, r.modelledFractionOfPeak(full.get(1)), 1e-9);
        assertEquals(r.gptsPerSecond() / 1.25, r.gptsPerSecond(full.get(1)), 1e-9);
        System.out.printf("  [bench model] 512^3 order 8: %d points, %d C-PML slab cells; a full step moves %.2f x "
                + "the stencil's 16 B/pt%n%s%n", pg.computedPoints(), layer, ratio, r.describe());
        assertTrue(r.describe().contains("stencil kernel alone, pipelined (stencil3d_r4), the engine's"),
                r.describe());
        assertTrue(r.describe().contains("stencil kernel alone, bulk (stencil3d_bulk_r4): "), r.describe());
        assertTrue(r.describe().contains("full step (stencil + C-PML + source), C-PML fused, the engine's: "),
                r.describe());
        assertTrue(r.describe().contains("full step (stencil + C-PML + source), C-PML separate: "), r.describe());
        // A variant that failed on the device is reported, the engine's figures kept.
        CudaBenchmark.Result f = new CudaBenchmark.Result(pg.computedPoints(), layer, 100, full.subList(0, 1),
                List.of(r.stencils().get(0), new CudaBenchmark.StencilTiming(StencilVariant.BULK_COPIES, "its kernel",
                        Double.NaN, "CUDA_ERROR_LAUNCH_FAILED")), h100, h100.peakBandwidthBytesPerS(), List.of());
        assertEquals(r.stencilFractionOfPeak(), f.stencilFractionOfPeak(), 1e-12);
        assertTrue(f.describe().endsWith("stencil kernel alone, bulk (its kernel): failed: CUDA_ERROR_LAUNCH_FAILED"),
                f.describe());
    }

    @Test
    void chunkLevelsFollowTheProgressGranularity() {
        assertEquals(1, MemoryPlan.chunkLevels(50, 10));
        assertEquals(21, MemoryPlan.chunkLevels(2000, 10));
        assertEquals(4, MemoryPlan.chunkLevels(2000, 1 << 20));
    }
}
