package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;

/**
 * What one shot needs in memory, in bytes, computed before anything is allocated so that a run
 * that cannot fit is refused up front rather than failing hours in.
 *
 * <p>Modelling holds, on the grid padded with the absorbing layer: the velocity term, two
 * wavefields (leapfrog in place), and the absorbing layer's memory variables; plus the shot's
 * traces at the internal and the output rate. Migration holds two such propagations (source and
 * receiver wavefields) sharing one velocity term and one set of C-PML memory variables, the
 * recorded traces at their own rate (each level's data computed from them when injected), the
 * image and the illumination, and what its
 * source-wavefield strategy keeps in memory: snapshots ({@link #snapshotBytes}), two ring frames
 * with the ring of every level on disk ({@link #boundaryBytes}, {@link #boundaryScratchBytes}) or
 * snapshot buffers with the snapshots on disk ({@link #diskBytes}, {@link #diskScratchBytes}). The job resolver checks these and
 * {@code kernels.rtm.MemoryPlan} chooses among them, so the two always agree; the figures are
 * checked against measured allocations in {@code BoundaryMemoryTest}.
 */
public final class MemoryEstimate {

    private MemoryEstimate() {
    }

    /** The compute region's z length is rounded up to this many cells (the engine's widest vector). */
    static final int Z_ALIGN = 16;

    /** Ring frames boundary saving keeps in memory: one being filled or used, one in transfer. */
    public static final int RING_BUFFERS = 2;

    /**
     * Points of each padded array of the CPU engine: the grid, the absorbing layer of
     * {@code width} cells (not on top with a free surface), a halo of {@code radius} cells, and
     * the z compute length rounded up to {@value #Z_ALIGN} cells (as {@code PaddedGrid} lays it out).
     */
    public static long paddedPoints(Grid g, int width, int radius, boolean freeSurface) {
        return paddedX(g, width, radius) * paddedY(g, width, radius) * paddedZ(g, width, radius, freeSurface);
    }

    /**
     * Bytes a modelling job needs while a shot runs, what {@code JobResolver} checks against the
     * budget: the shot's arrays ({@link #modellingBytes}), 1/64 of them for what that does not
     * itemise (C-PML profiles, per-thread scratch columns, spread tables, array headers, the
     * wavelet), and the job's velocity model on the user's grid, {@link #wholeModelBytes}: the
     * engine builds its padded velocity term from a whole model, which the resolved job holds for
     * the run or, when it keeps the model as a field read a window at a time, the shot loads
     * whole. Loading it (the resolver's {@code field.whole()}) streams the file through buffers of
     * at most a few MiB, held before any shot array exists, so the shot is the peak.
     *
     * <p>Checked against the live heap of a shot in {@code ModellingMemoryTest}. For a 6000 × 5000
     * grid (120 MB model, order 8, 11 steps) the model is 114.4 MiB and the shot's propagator
     * 355.6 MiB, the estimate 475.2 MiB; without the model (355.2 MiB) the check passed a heap of
     * 430 MiB that the run then ran out of (480 MiB did too, 500 MiB ran).
     */
    public static long modellingJobBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        long shot = modellingBytes(g, physics, receivers, time);
        return shot + shot / 64 + wholeModelBytes(g);
    }

    /** Bytes of one velocity model on the whole user grid in memory: a float (4 bytes) a node. */
    public static long wholeModelBytes(Grid g) {
        return 4L * g.points();
    }

    /**
     * Bytes of the arrays one modelling shot allocates on the grid padded with the absorbing
     * layer: the velocity term and two wavefields (4 bytes a padded node each), the layer's memory
     * variables, and the traces at the internal and the output rate. Not the model the velocity
     * term is made from, nor what is not itemised: see {@link #modellingJobBytes}.
     */
    public static long modellingBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        long traces = 4L * receivers * ((long) time.steps() + time.outputS().count());
        return propagationBytes(g, physics) + traces;
    }

    /**
     * Bytes of one propagation's arrays on the grid padded with the absorbing layer: the velocity
     * term and two wavefields (4 bytes a padded node each) and the layer's memory variables.
     */
    private static long propagationBytes(Grid g, PhysicsSpec physics) {
        int w = physics.boundaryWidth();
        int r = physics.spaceOrder() / 2;
        boolean fs = physics.freeSurface();
        long fields = 4L * paddedPoints(g, w, r, fs) * 3;          // two wavefields + velocity term
        long cx = paddedX(g, w, r) - 2L * r;
        long cy = g.is2d() ? 1 : paddedY(g, w, r) - 2L * r;
        long cz = paddedZ(g, w, r, fs) - 2L * r;
        long slab = w + 2L * r;                                  // a layer plus a stencil halo each side
        long pml = 2 * 2 * slab * cy * cz                           // psi and zeta, two sides, per axis
                + (g.is2d() ? 0 : 2 * 2 * slab * cx * cz)
                + 2L * (fs ? 1 : 2) * (roundUp(w) + 2L * r) * cx * cy;
        return fields + 4L * pml;
    }

    /**
     * Bytes the receiver propagation of a migration keeps per receiver besides its trace: the
     * data of each level are computed from the trace as the field reaches it
     * ({@code kernels.rtm.ReceiverLevels}: the two levels either side that −∂/∂t needs, and the
     * interpolator or low-pass state, two small objects of at most 104 bytes with compressed
     * references), never held for all nt + 1 levels.
     */
    public static final int RECEIVER_LEVEL_BYTES = 112;

    /**
     * Bytes of a migration shot's receiver data: the recorded traces as held, at their own rate
     * ({@link ShotTraces#bytes}: 4 bytes a sample; a data file's at its own interval and length,
     * not {@code time.sampleS}), and {@value #RECEIVER_LEVEL_BYTES} a receiver to compute the
     * injected levels from them (the interpolator or the anti-alias low-pass evaluates each level
     * from the samples, with no buffer of its own). For 100 000 receivers of 2 685 samples
     * (10.7 s at 4 ms) that is 1.09 GB; the same at 1 ms (10 737 samples) 4.31 GB; every level at
     * 0.5 ms (21 476 levels), as the CPU held them before, would add 8.6 GB.
     */
    public static long migrationReceiverBytes(ShotTraces traces) {
        return traces.bytes() + (long) traces.receivers() * RECEIVER_LEVEL_BYTES;
    }

    /**
     * What a GPU migration holds on the host besides the CPU's terms: the receivers' data at every
     * level, level-major ({@code ReceiverData.levelMajor}), until they are uploaded, 4 · R · (nt + 1)
     * bytes. Counted for engines "auto" and "gpu", since the resolver cannot know which the run
     * will take.
     */
    public static long gpuHostLevelBytes(int receivers, TimeStepping time) {
        return 4L * receivers * (time.steps() + 1L);
    }

    private static long paddedX(Grid g, int w, int r) {
        return g.nx() + 2L * (w + r);
    }

    private static long paddedY(Grid g, int w, int r) {
        return g.is2d() ? 1 : g.ny() + 2L * (w + r);
    }

    private static long paddedZ(Grid g, int w, int r, boolean freeSurface) {
        long compute = (freeSurface ? 0 : w) + g.nz() + w;
        return roundUp(compute) + 2L * r;
    }

    private static long roundUp(long cells) {
        return (cells + Z_ALIGN - 1) / Z_ALIGN * Z_ALIGN;
    }

    /**
     * Bytes one migration shot needs in memory with boundary saving of the source wavefield (the
     * smallest in-memory strategy, which {@code JobResolver} checks): {@link #boundaryBytes}.
     */
    public static long migrationBytes(Grid g, PhysicsSpec physics, ShotTraces traces, TimeStepping time) {
        return boundaryBytes(g, physics, traces, time);
    }

    /**
     * Boundary saving, memory: two propagations sharing the velocity term, the image, the
     * illumination, and {@value #RING_BUFFERS} direct buffers of one ring frame (the ring of
     * {@code spaceOrder/2} cells just inside the grid's faces, one time level); the ring of
     * every level goes to a scratch file ({@link #boundaryScratchBytes}). Nothing here grows
     * with nt; the traces grow with the run's length at their own rate.
     */
    public static long boundaryBytes(Grid g, PhysicsSpec physics, ShotTraces traces, TimeStepping time) {
        return commonMigrationBytes(g, physics, traces, time)
                + 4L * ringCells(g, physics.spaceOrder() / 2) * RING_BUFFERS;
    }

    /**
     * Bytes boundary saving writes to its scratch directory per shot: the ring of every time
     * level, {@code 4 · ringCells · nt} (surface × nt).
     */
    public static long boundaryScratchBytes(Grid g, PhysicsSpec physics, TimeStepping time) {
        return 4L * ringCells(g, physics.spaceOrder() / 2) * time.steps();
    }

    /**
     * Snapshots in memory: the source wavefield on the user's grid every {@code interval} steps
     * (see {@link #imagingInterval}); memory grows with the model's volume times nt / interval.
     */
    public static long snapshotBytes(Grid g, PhysicsSpec physics, ShotTraces traces, TimeStepping time, int interval) {
        return commonMigrationBytes(g, physics, traces, time) + 4L * g.points() * (time.steps() / interval);
    }

    /**
     * Snapshots spilled to disk: besides the propagations, one user-grid array on the heap (the
     * snapshot being imaged) and two direct I/O buffers of the same size (one being written or
     * read ahead while the other is used) outside the heap, counted here too.
     */
    public static long diskBytes(Grid g, PhysicsSpec physics, ShotTraces traces, TimeStepping time) {
        return commonMigrationBytes(g, physics, traces, time) + 4L * g.points() * 3;
    }

    /** Bytes the disk strategy writes to its scratch directory per shot. */
    public static long diskScratchBytes(Grid g, TimeStepping time, int interval) {
        return 4L * g.points() * (time.steps() / interval);
    }

    /**
     * Steps between imaging (and snapshot) levels: the Nyquist interval {@code 1 / (2 fmax)} of
     * the wavelet's highest significant frequency, in whole internal steps, at least 1. The
     * cross-correlation of two fields band-limited to fmax is exact at that rate.
     *
     * @param highestHz the wavelet's highest significant frequency in Hz
     * @param dtS internal time step in seconds
     */
    public static int imagingInterval(double highestHz, double dtS) {
        return Math.max(1, (int) Math.floor(1.0 / (2.0 * highestHz * dtS)));
    }

    /**
     * Cells of the user grid within {@code r} cells of a face: what boundary saving stores per
     * time level (all faces, the top included, so that it also serves without free surface).
     */
    public static long ringCells(Grid g, int r) {
        long inner = Math.max(0, g.nx() - 2L * r) * Math.max(0, g.nz() - 2L * r)
                * (g.is2d() ? 1 : Math.max(0, g.ny() - 2L * r));
        return (long) g.points() - inner;
    }

    /**
     * Two propagations that share the velocity term and one set of C-PML memory variables (the
     * source field is rebuilt or stored without its layer while the receiver field needs one):
     * one propagation plus a second pair of padded wavefields; the receiver data
     * ({@link #migrationReceiverBytes}: the traces at their own rate, each level computed when
     * injected); the image and the illumination; plus 1/64 for what the estimate does not
     * itemise (absorbing profiles, per-thread scratch columns, spread tables, array headers, the
     * wavelet), measured against allocations in {@code BoundaryMemoryTest}.
     */
    private static long commonMigrationBytes(Grid g, PhysicsSpec physics, ShotTraces traces, TimeStepping time) {
        long wavefields = 4L * paddedPoints(g, physics.boundaryWidth(), physics.spaceOrder() / 2,
                physics.freeSurface()) * 2;
        long itemised = propagationBytes(g, physics) + migrationReceiverBytes(traces) + wavefields
                + 4L * g.points() * 2;
        return itemised + itemised / 64;
    }

    /**
     * What finishing and writing a migration's image holds besides its stack, in bytes: the
     * finish's planes of constant y (2r + 1 image planes for the Laplacian of radius r, at least 2
     * for its edges: {@code LaplacianFilter#radius}; or all
     * of them when fewer, the illumination's, the finished one and three finished ahead of the
     * writer: nx · nz floats each) and the {@code .swv} writer's
     * brick rows ({@link SwvWriter#bufferBytes}: up to 64 planes at full resolution, a quarter of
     * that at each coarser level). For a survey's grid this is the image's largest need after its
     * shots, and it grows with the area of a y plane, not with the survey's length in y.
     */
    public static long imageWritingBytes(Grid g, int spaceOrder) {
        long finish = 4L * g.nx() * g.nz() * (Math.min(Math.max(spaceOrder, 4) + 1, g.ny()) + 2 + 3);
        return finish + SwvWriter.bufferBytes(g.nx(), g.ny(), g.nz(), SwvWriteOptions.brickSizeFor(g.ny()));
    }

    /** Formats bytes as GiB with two decimals. */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /**
     * Two byte counts of one message (a need and a budget) as {@link #gib}, or as {@link #human}
     * ("469.9 MiB", "1000 B") when they would read the same in GiB ("needs 0.46 GiB but the budget
     * is 0.46 GiB"), or in bytes when they read the same so too.
     */
    public static String[] distinct(long a, long b) {
        if (!gib(a).equals(gib(b))) {
            return new String[] {gib(a), gib(b)};
        }
        if (!human(a).equals(human(b))) {
            return new String[] {human(a), human(b)};
        }
        return new String[] {String.format(java.util.Locale.ROOT, "%,d bytes", a),
            String.format(java.util.Locale.ROOT, "%,d bytes", b)};
    }

    /** Formats bytes in the largest binary unit that keeps at least 1 before the point (MiB, GiB...). */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
