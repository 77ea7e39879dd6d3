package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.job.MigratedShot;
import io.seiswork.kernels.job.ShotComputer;
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

    /**
     * A migration of recorded data holds the file's traces at their own interval and length, not
     * at {@code time.sampleS}: 200 receivers of 2 s at 1 ms (2 001 samples, 1.6 MB) under a run of
     * 0.3 s at 4 ms (76 samples), on a 2D grid small enough that the traces dominate the shot. A
     * whole shot of the run ({@code ShotComputer.migrate}: the traces read from the file, the
     * migration, the placed image) is measured, and so is the same shot from a file on the output
     * axis. What the fine file's shot allocates beyond that one is its traces, and stays within
     * what its plan counts beyond that one's (to 2 %, the incidental objects of two measurements):
     * 4 B × R × (2 001 − 76), and the 1/64 unitemised. And the fine file's shot exceeds the plan
     * counted at the output axis, as it was: the term matters.
     * (Measured: the finer traces add 1.546 MB, the plan 1.564 MB. The shot on the output axis
     * itself allocates 0.92 MB against a plan of 0.45 MB on this tiny grid, a gap the traces do not
     * cause: not asserted here.)
     */
    @Test
    void recordedTracesAtTheirOwnRateStayWithinThePlan() throws Exception {
        long[] fine = recordedShot(new Sampling(2001, 0.001, 0));
        long[] onAxis = recordedShot(new Sampling(76, 0.004, 0));
        long allocated = fine[0] - onAxis[0];
        long planned = fine[1] - onAxis[1];
        System.out.printf("recorded data at 1 ms under sampleS 4 ms: shot %.3f MB, plan %.3f MB; on the 4 ms axis:"
                + " shot %.3f MB, plan %.3f MB; the finer traces add %.3f MB, the plan %.3f MB (4 B x 200 x 1925 ="
                + " %.3f MB)%n", fine[0] / 1e6, fine[1] / 1e6, onAxis[0] / 1e6, onAxis[1] / 1e6, allocated / 1e6,
                planned / 1e6, 4.0 * 200 * 1925 / 1e6);
        assertTrue(planned >= 4L * 200 * 1925, "the plan counts the traces at the file's rate: " + planned + " B more");
        // Two warm measurements' difference: a few kB of incidental objects either way (a loaded run measured
        // 3.2 kB over a plan of 1.564 MB), as the planner's 2 % above allows.
        assertTrue(allocated <= 1.02 * planned, "the finer traces allocate " + allocated + " B more, over 2 % more than"
                + " the plan's " + planned);
        assertTrue(fine[0] > onAxis[1], "the finer traces must matter here: " + fine[0] + " B allocated, "
                + onAxis[1] + " B planned at the output axis");
    }

    /**
     * Migrates one shot of 200 receivers (1 m apart) from a file on {@code fileAxis}, as a run
     * does, the run's time 0.3 s at 4 ms.
     *
     * @return the heap bytes the shot allocates warm (plus the ring's direct buffers) and the
     *     bytes its plan counts for its strategy
     */
    private long[] recordedShot(Sampling fileAxis) throws Exception {
        int receivers = 200;
        List<Position> at = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            at.add(new Position(200 + i, 0, 20));
        }
        Path dir = java.nio.file.Files.createTempDirectory(scratch, "recorded");
        try (ShotGatherWriter out = new ShotGatherWriter(dir.resolve("data.sgy"), fileAxis, true, 600, "C 1 DATA")) {
            float[][] traces = new float[receivers][fileAxis.count()];
            for (float[] t : traces) {
                t[(int) Math.round(0.15 / fileAxis.delta())] = 1;  // an event at 0.15 s, so that the image is not empty
            }
            out.write(new Shot(1, new Position(300, 0, 20), at), traces);
        }
        String spec = """
            { "name": "recorded", "task": "rtm", "grid": { "nx": 61, "nz": 41, "dx": 10, "dz": 10 },
              "velocity": { "constant": 2000 }, "wavelet": { "peakHz": 15 },
              "time": { "lengthS": 0.3, "sampleS": 0.004 },
              "sources": { "line": { "x0": 300, "dx": 10, "n": 1, "z": 20 } },
              "receivers": { "line": { "x0": 200, "dx": 1, "n": 200, "z": 20 } },
              "imaging": { "wavefield": "boundary" }, "data": "data.sgy", "engine": "cpu" }
            """;
        ResolvedJob job = new JobResolver(dir, 1L << 34).resolve(JobSpecReader.read(spec, "spec.json", "recorded"),
                "spec.json");
        try (ShotComputer computer = new ShotComputer(job, Rtm.ENGINE, dir.resolve("run"), line -> { })) {
            Shot shot = computer.shots().get(0);
            MemoryPlan plan = computer.memoryPlan();
            long direct = 4L * MemoryEstimate.ringCells(job.spec().grid(), 4) * MemoryEstimate.RING_BUFFERS;
            MigratedShot[] done = new MigratedShot[1];
            long heap = allocatedWhenWarm("recorded RTM, data at " + fileAxis.delta() * 1e3 + " ms",
                    () -> done[0] = computer.migrate(shot, ProgressListener.NONE, CancellationToken.none()));
            assertTrue(Rtm.maxAbs(done[0].image().image()) > 0, "empty image");
            return new long[] {heap + direct, plan.bytes(plan.strategy())};
        }
    }
}
