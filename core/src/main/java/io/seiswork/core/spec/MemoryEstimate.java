package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;

/**
 * What one shot needs in memory, in bytes, computed before anything is allocated so that a run
 * that cannot fit is refused up front rather than failing hours in.
 *
 * <p>Modelling holds, on the grid padded with the absorbing layer: the velocity term, two
 * wavefields (leapfrog in place), and the absorbing layer's memory variables; plus the shot's
 * traces at the internal and the output rate. Migration holds two such propagations (source and
 * receiver wavefields), the image and the illumination, and the source-wavefield boundary record
 * (the default strategy; larger snapshot strategies are planned by the migration itself).
 */
public final class MemoryEstimate {

    private MemoryEstimate() {
    }

    /** Points of the grid padded by {@code width} cells on every side (not on top when free surface). */
    public static long paddedPoints(Grid g, int width, boolean freeSurface) {
        long nx = g.nx() + 2L * width;
        long nz = g.nz() + (freeSurface ? 1L : 2L) * width;
        long ny = g.is2d() ? 1 : g.ny() + 2L * width;
        return nx * ny * nz;
    }

    /** Bytes one modelling shot needs. */
    public static long modellingBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        long padded = paddedPoints(g, physics.boundaryWidth(), physics.freeSurface());
        long interior = (long) g.nx() * g.ny() * g.nz();
        long layer = padded - interior;
        long fields = 4L * padded * 3;          // two wavefields + velocity term
        long pml = 4L * layer * 2L * g.dimensions(); // memory variables, layer cells only
        long traces = 4L * receivers * ((long) time.steps() + time.outputS().count());
        return fields + pml + traces;
    }

    /**
     * Bytes one migration shot needs with boundary saving of the source wavefield (the smallest
     * in-memory strategy, which {@code JobResolver} checks): two propagations (source and
     * receiver wavefields), the image and the illumination, and the ring of {@code spaceOrder/2}
     * cells just inside the grid's faces for every time level, which reverse-time reconstruction
     * re-imposes.
     */
    public static long migrationBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        return boundaryBytes(g, physics, receivers, time);
    }

    /** Boundary saving: {@link #migrationBytes}; memory grows with the model's surface times nt. */
    public static long boundaryBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        return commonMigrationBytes(g, physics, receivers, time)
                + 4L * ringCells(g, physics.spaceOrder() / 2) * time.steps();
    }

    /**
     * Snapshots in memory: the source wavefield on the user's grid every {@code interval} steps
     * (see {@link #imagingInterval}); memory grows with the model's volume times nt / interval.
     */
    public static long snapshotBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time, int interval) {
        return commonMigrationBytes(g, physics, receivers, time) + 4L * g.points() * (time.steps() / interval);
    }

    /**
     * Snapshots spilled to disk: in the heap only two snapshot buffers (one being written or read
     * ahead while the other is used) besides the propagations, plus two direct I/O buffers of the
     * same size outside the heap, counted here too.
     */
    public static long diskBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        return commonMigrationBytes(g, physics, receivers, time) + 4L * g.points() * 4;
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

    private static long commonMigrationBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        return 2 * modellingBytes(g, physics, receivers, time) + 4L * g.points() * 2;
    }

    /** Formats bytes as GiB with two decimals. */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
