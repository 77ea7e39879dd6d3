package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory of a 3D migration shot with boundary saving, measured as the bytes the migrating thread
 * allocates ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). Nothing is
 * allocated per step and the engine's worker threads allocate nothing, so this total bounds the
 * peak heap the shot adds from above. The same measure of a modelling run of the same shot is
 * the "modelling footprint". Each is measured on a second run: before C2 compiles them, the
 * Vector API loops allocate boxed vectors (hundreds of MB on a first run), which is JIT warm-up,
 * not the shot's memory.
 *
 * <p>Bound checked: the working set besides the boundary record (allocated − ring bytes) is at
 * most twice the modelling footprint plus three user-grid arrays (image, illumination and the
 * buffer the rebuilt source field is cropped into), and the whole is within the planner's
 * estimate ({@link MemoryEstimate#boundaryBytes}), which the job resolver checks against the
 * heap; and the 3D image equals the snapshot strategy's (all six faces of the ring at work). Two
 * propagations are the floor of any RTM, so "twice the modelling footprint" cannot be
 * met to the byte; the ring grows with surface × nt and is reported separately (docs/rtm.md).
 */
class BoundaryMemoryTest {

    @TempDir
    Path scratch;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void boundarySavingNeedsTwoPropagationsImagesAndItsRingOnly() {
        Grid g = Grid.of3d(40, 40, 40, 10);
        VelocityModel m = Rtm.layers(g, new double[] {0, 250}, new double[] {1800, 2400});
        List<Position> receivers = new ArrayList<>();
        for (int iy = 0; iy < 40; iy += 4) {
            for (int ix = 0; ix < 40; ix += 4) {
                receivers.add(new Position(ix * 10, iy * 10, 20));
            }
        }
        ShotRequest r = ShotRequest.of(m, PhysicsOptions.defaults(), new Position(195, 195, 20), RickerWavelet.of(20),
                receivers, new Sampling(101, 0.004, 0));
        float[][] data = Rtm.ENGINE.model(r, ProgressListener.NONE, CancellationToken.none()).traces();
        long a0 = allocated();
        Rtm.ENGINE.model(r, ProgressListener.NONE, CancellationToken.none());
        long modelling = allocated() - a0;

        MemoryPlan plan = MemoryPlan.of(r, "boundary", Long.MAX_VALUE);
        ShotMigrator migrator = new ShotMigrator(Rtm.ENGINE, scratch);
        migrator.migrate(r, data, plan, ProgressListener.NONE, CancellationToken.none());
        long a1 = allocated();
        PartialImage img = migrator.migrate(r, data, plan, ProgressListener.NONE, CancellationToken.none());
        long rtm = allocated() - a1;

        long ring = 4L * MemoryEstimate.ringCells(g, 4) * r.timing().steps();
        long snapshots = 4L * g.points() * (r.timing().steps() / plan.interval());
        System.out.printf("3D boundary-saving memory: modelling footprint %.1f MB, RTM shot %.1f MB = %.2f x modelling"
                + " (ring %.1f MB; without it %.2f x modelling); planner estimate %.1f MB; snapshots would need %.1f MB%n",
                modelling / 1e6, rtm / 1e6, (double) rtm / modelling, ring / 1e6, (double) (rtm - ring) / modelling,
                plan.boundaryBytes() / 1e6, snapshots / 1e6);
        assertTrue(Rtm.maxAbs(img.image()) > 0, "empty image");
        long images = 3L * 4 * g.points();
        assertTrue(rtm - ring <= 2 * modelling + images, "working set " + (rtm - ring) + " B over twice the modelling "
                + modelling + " + " + images);
        assertTrue(rtm <= plan.boundaryBytes(), "allocated " + rtm + " B over the planner's " + plan.boundaryBytes());

        PartialImage snapshots3d = migrator.migrate(r, data, plan.with(WavefieldStrategy.MEMORY), ProgressListener.NONE,
                CancellationToken.none());
        double err = Rtm.relativeL2(img.image(), snapshots3d.image());
        System.out.printf("3D boundary vs snapshots: image rel. L2 %.2e%n", err);
        assertTrue(err < 1e-3, "3D reconstruction error " + err);
    }
}
