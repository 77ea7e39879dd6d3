package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.rtm.CudaShotMigrator;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.PartialImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GPU migration with its boundary ring staged through the host ({@link RingPlacement#HOST},
 * pinned memory) or disk ({@link RingPlacement#DISK}, the spill file), forced with a few device
 * slots, against the CPU migrator (relative L2 below 1e-4, as {@link GpuRtmMatchesCpuTest}) and
 * against the all-levels GPU path (the same launches on the same floats, the copies exact; only
 * the order of the receiver injection's atomic adds may differ: asserted below 1e-6, as a repeat
 * of the same shot in {@link GpuRtmMatchesCpuTest}). Progress, cancellation (scratch file removed,
 * engine usable) and the memory check of a shot whose every-level ring exceeds the device.
 * Skipped, with the probe's reason, where no GPU is usable.
 */
@Order(Integer.MAX_VALUE - 1)
class GpuStagedRtmTest extends GpuComparisonTest {

    @TempDir
    Path scratch;

    @TempDir
    Path ringScratch;

    private static ShotRequest shot(boolean threeD, int order, boolean freeSurface) {
        return threeD ? GpuRtmMatchesCpuTest.shot(true, order, freeSurface, 44, 10, 90)
                : GpuRtmMatchesCpuTest.shot(false, order, freeSurface, 120, 12, 160);
    }

    @ParameterizedTest(name = "3D={0} order {1} free surface {2} {3} slots {4}")
    @CsvSource({"false,8,false,HOST,2", "false,4,true,DISK,3", "false,2,false,HOST,7", "true,8,false,HOST,2",
            "true,4,true,DISK,5"})
    void stagedRingMigratesLikeTheCpuAndTheDevicePath(boolean threeD, int order, boolean freeSurface,
            RingPlacement placement, int slots) throws IOException {
        ShotRequest req = shot(threeD, order, freeSurface);
        float[][] observed = cpu.model(req, ProgressListener.NONE, CancellationToken.none()).traces();
        int k = MemoryPlan.of(req, "boundary", Long.MAX_VALUE).interval();
        PartialImage c = GpuRtmMatchesCpuTest.cpuImage(cpu, scratch, req, observed, k);
        CudaShotMigrator device = new CudaShotMigrator(gpu, ringScratch);
        assertEquals(RingPlacement.DEVICE, device.ringPlan(req, k).placement());
        long t0 = System.nanoTime();
        PartialImage d = device.migrate(req, observed, k, ProgressListener.NONE, CancellationToken.none());
        long t1 = System.nanoTime();
        CudaShotMigrator staged = device.withRing(RingRequest.staged(placement, slots));
        RtmRingPlan plan = staged.ringPlan(req, k);
        assertEquals(placement, plan.placement(), plan.reason());
        assertEquals(slots, plan.slots());
        assertTrue(plan.stagedFrames() > req.timing().steps() / 2, plan.reason());
        PartialImage g = staged.migrate(req, observed, k, ProgressListener.NONE, CancellationToken.none());
        long t2 = System.nanoTime();
        double image = Misfit.relativeL2(g.image(), c.image());
        double illumination = Misfit.relativeL2(g.illumination(), c.illumination());
        double vsDevice = Math.max(Misfit.relativeL2(g.image(), d.image()),
                Misfit.relativeL2(g.illumination(), d.illumination()));
        System.out.printf("  [gpu-staged] RTM 3D=%s order %d free surface %s, %s %d slots (%d levels staged): %d steps,"
                + " k %d, image relative L2 vs CPU %.3e, illumination %.3e, vs all-levels GPU %.1e (staged %.3f s,"
                + " all levels %.3f s)%n", threeD, order, freeSurface, placement.json(), slots, plan.stagedFrames(),
                req.timing().steps(), k, image, illumination, vsDevice, (t2 - t1) * 1e-9, (t1 - t0) * 1e-9);
        assertTrue(image < 1e-4, "image relative L2 " + image);
        assertTrue(illumination < 1e-4, "illumination relative L2 " + illumination);
        assertTrue(vsDevice < 1e-6, "staged vs all-levels GPU relative L2 " + vsDevice);
        assertScratchEmpty();
    }

    @Test
    void progressCancellationAndTheEngineStaysUsable() throws IOException {
        ShotRequest req = shot(false, 8, false);
        float[][] observed = cpu.model(req, ProgressListener.NONE, CancellationToken.none()).traces();
        int k = MemoryPlan.of(req, "boundary", Long.MAX_VALUE).interval();
        CudaShotMigrator m = new CudaShotMigrator(gpu, ringScratch).withRing(RingRequest.staged(RingPlacement.DISK, 2));
        PartialImage first = GpuRtmMatchesCpuTest.migrateReportingProgress(m, req, observed, k);
        int total = 2 * req.timing().steps();
        for (String phase : new String[] {"forward", "backward"}) {
            CancellationToken token = new CancellationToken();
            int at = phase.equals("forward") ? total / 4 : total / 2 + total / 8;
            CancelledException e = assertThrows(CancelledException.class, () -> m.migrate(req, observed, k,
                    (step, t) -> {
                        if (step > at) {
                            token.cancel();
                        }
                    }, token));
            assertTrue(e.getMessage().contains(phase), e.getMessage());
            assertScratchEmpty();
        }
        // Still usable: the same image again on the staged path and on the host path, and modelling runs.
        PartialImage again = m.migrate(req, observed, k, ProgressListener.NONE, CancellationToken.none());
        assertEquals(0.0, Misfit.relativeL2(again.image(), first.image()), 1e-6);
        PartialImage host = m.withRing(RingRequest.staged(RingPlacement.HOST, 3)).migrate(req, observed, k,
                ProgressListener.NONE, CancellationToken.none());
        assertEquals(0.0, Misfit.relativeL2(host.image(), first.image()), 1e-6);
        assertEquals(req.receivers().size(), gpu.model(req, ProgressListener.NONE, CancellationToken.none())
                .receivers());
    }

    /**
     * A 300³ shot of 59 998 steps (order 8, 80 s): 8.4 MB of ring per level, 470 GiB for every
     * level, more than any GPU has. The old check refused it; now only the staged plan counts.
     */
    @Test
    void aRingBeyondTheDeviceIsStagedNotRefused() {
        Grid g = Grid.of3d(300, 300, 300, 10);
        VelocityModel model = VelocityModel.constant(g, 2000f);
        ShotRequest small = GpuRtmMatchesCpuTest.shot(true, 8, false, 44, 10, 90);
        ShotRequest req = new ShotRequest(model, small.physics().withBoundaryWidth(20), small.source(),
                small.wavelet(), small.receivers(), TimeStepping.fromCfl(model, 8, new Sampling(20000, 0.004, 0)));
        RtmMemoryPlan all = RtmMemoryPlan.estimate(model, req.physics(), req.receivers().size(), req.timing().steps());
        long free = gpu.context().memory()[0];
        assumeFalse(all.fits(free), "this device holds every level (" + all.describe() + ")");
        assertNull(CudaRtmShot.memoryCheck(gpu, req));
        RtmRingPlan plan = new CudaShotMigrator(gpu, ringScratch).ringPlan(req, 10);
        assertTrue(plan.fits(), plan.reason());
        assertFalse(plan.device().allLevels());
        assertTrue(plan.placement() == RingPlacement.HOST || plan.placement() == RingPlacement.DISK);
        assertTrue(plan.device().fits(free));
        System.out.println("  [plan] staged RTM " + plan.device().describe() + ", ring " + plan.placement().json()
                + ": " + plan.reason());
    }

    private void assertScratchEmpty() throws IOException {
        try (Stream<Path> files = Files.list(ringScratch)) {
            List<Path> left = files.toList();
            assertTrue(left.isEmpty(), "scratch files left: " + left);
        }
    }
}
