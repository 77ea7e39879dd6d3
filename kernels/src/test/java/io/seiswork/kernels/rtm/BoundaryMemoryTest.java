package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory of a 3D migration shot with boundary saving (the ring spilled to scratch, the default),
 * against the modelling footprint of the same shot: the bytes {@code CpuWaveEngine.model}
 * allocates for it (padded wavefields, velocity term, C-PML memory variables and profiles,
 * spread tables, traces).
 *
 * <p>Both are measured the same way: the heap bytes allocated by all threads of the JVM during
 * the run ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}, which counts the
 * engine's worker threads and the scratch I/O thread, even after it ended), the least of the
 * runs after a first one, until three in a row bring no new least (before C2 compiles them, the
 * Vector API loops allocate boxed vectors, hundreds of MB on a first run: JIT warm-up, not the
 * shot's memory), in a JVM of its own (kernels/pom.xml): after other tests, the JIT's profiles
 * left one padded field a run more of such temporaries in some test orders, failing CI runs
 * that the test alone passed. Nothing is allocated per step, so the total bounds
 * the peak heap the shot adds from above. The migration's direct (off-heap) I/O buffers are added
 * to its figure. Bound checked: at most twice the modelling footprint (the bound), and
 * within the planner's estimate ({@link MemoryEstimate#boundaryBytes}) that the job resolver
 * checks. The image equals the in-memory ring's bit for bit and the snapshot strategy's to
 * 1e-3, with all six faces of the ring at work.
 */
class BoundaryMemoryTest {

    @TempDir
    Path scratch;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Heap bytes all threads allocate while {@code run} runs, in the steady state: code the JIT has
     * not compiled yet (or has just deoptimised) allocates temporaries that compiled code keeps in
     * registers (the Vector API's boxed vectors), and on a loaded machine C2 compiles late, so
     * three runs after a first still measured 8–16 % more in loaded CI runs. So the runs go on
     * until three in a row bring no new least (at most {@value #MAX_RUNS}), and the least is taken:
     * the steady state is what the planner sizes. Prints how much of it the calling thread
     * allocated (the rest: worker and I/O threads, and any background noise).
     */
    private static long allocatedWhenWarm(String what, Supplier<?> run) {
        run.get();
        long least = Long.MAX_VALUE;
        long calling = 0;
        int runs = 0;
        for (int sinceLeast = 0; sinceLeast < 3 && runs < MAX_RUNS; runs++) {
            long a0 = THREADS.getTotalThreadAllocatedBytes();
            long c0 = THREADS.getCurrentThreadAllocatedBytes();
            run.get();
            long all = THREADS.getTotalThreadAllocatedBytes() - a0;
            if (all < least) {
                sinceLeast = least - all > least / 1000 ? 0 : sinceLeast + 1;  // a new least by more than 0.1 %
                least = all;
                calling = THREADS.getCurrentThreadAllocatedBytes() - c0;
            } else {
                sinceLeast++;
            }
        }
        System.out.printf("%s: %d B allocated (least of %d warm runs), %d B of them by the calling thread%n", what, least,
                runs, calling);
        return least;
    }

    /** Most measured runs {@link #allocatedWhenWarm} makes. */
    private static final int MAX_RUNS = 12;

    @Test
    void boundarySavingStaysWithinTwiceTheModellingFootprint() {
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
        long modelling = allocatedWhenWarm("modelling", () -> Rtm.ENGINE.model(r, ProgressListener.NONE,
                CancellationToken.none()));

        MemoryPlan plan = MemoryPlan.of(r, "boundary", Long.MAX_VALUE);
        ShotMigrator migrator = new ShotMigrator(Rtm.ENGINE, scratch);
        PartialImage[] img = new PartialImage[1];
        long heap = allocatedWhenWarm("RTM", () -> img[0] = migrator.migrate(r, data, plan, ProgressListener.NONE,
                CancellationToken.none()));
        long ringCells = MemoryEstimate.ringCells(g, 4);
        long direct = 4L * ringCells * MemoryEstimate.RING_BUFFERS;
        long rtm = heap + direct;
        long ringOnDisk = 4L * ringCells * r.timing().steps();
        long snapshots = 4L * g.points() * (r.timing().steps() / plan.interval());
        System.out.printf("3D boundary-saving memory: modelling footprint %.2f MB; RTM shot %.2f MB heap + %.2f MB"
                + " direct = %.3f x modelling (ring %.1f MB on disk); planner estimate %.2f MB; snapshots would"
                + " need %.1f MB%n", modelling / 1e6, heap / 1e6, direct / 1e6, (double) rtm / modelling,
                ringOnDisk / 1e6, plan.boundaryBytes() / 1e6, snapshots / 1e6);
        assertTrue(Rtm.maxAbs(img[0].image()) > 0, "empty image");
        assertTrue(rtm <= 2 * modelling, "RTM shot " + rtm + " B over twice the modelling footprint " + modelling);
        // The planner sizes the arrays; the JVM adds a few kB of incidental objects around them.
        assertTrue(rtm <= 1.02 * plan.boundaryBytes(), "allocated " + rtm + " B, more than 2 % over the planner's "
                + plan.boundaryBytes());
        assertTrue(List.of(scratch.toFile().list()).isEmpty(), "ring scratch file left behind");

        long t0 = System.nanoTime();
        migrator.migrate(r, data, plan, ProgressListener.NONE, CancellationToken.none());
        long t1 = System.nanoTime();
        PartialImage heapRing = migrator.migrate(r, data, plan.withRingInMemory(), ProgressListener.NONE,
                CancellationToken.none());
        long t2 = System.nanoTime();
        System.out.printf("3D boundary saving: ring spilled %.2f s, ring in memory %.2f s%n", (t1 - t0) * 1e-9,
                (t2 - t1) * 1e-9);
        assertArrayEquals(heapRing.image(), img[0].image(), "spilled ring image differs from in-memory ring");
        assertArrayEquals(heapRing.illumination(), img[0].illumination());

        PartialImage snapshots3d = migrator.migrate(r, data, plan.with(WavefieldStrategy.MEMORY), ProgressListener.NONE,
                CancellationToken.none());
        double err = Misfit.relativeL2(img[0].image(), snapshots3d.image());
        System.out.printf("3D boundary (spilled ring) vs snapshots: image rel. L2 %.2e%n", err);
        assertTrue(err < 1e-3, "3D reconstruction error " + err);
    }
}
