package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.PhysicsSpec;
import io.seiswork.core.spec.ShotTraces;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.Locale;

/**
 * The source-wavefield strategy of a migration shot and the memory each strategy needs, worked
 * out before anything is allocated. The figures are {@link MemoryEstimate}'s, the same the job
 * resolver checks against the budget, so the two never disagree.
 *
 * @param strategy the strategy to run
 * @param interval steps between imaging levels (Nyquist of the wavelet's highest frequency)
 * @param memoryBytes heap bytes of {@link WavefieldStrategy#MEMORY}
 * @param boundaryBytes heap plus direct-buffer bytes of {@link WavefieldStrategy#BOUNDARY}, the
 *     ring spilled to scratch
 * @param boundaryScratchBytes bytes {@link WavefieldStrategy#BOUNDARY} writes to its scratch
 *     directory (the ring of every level); held on the heap instead when {@code ringInMemory}
 * @param diskBytes heap plus direct-buffer bytes of {@link WavefieldStrategy#DISK}
 * @param diskScratchBytes bytes {@link WavefieldStrategy#DISK} writes to its scratch directory
 * @param ringInMemory whether boundary saving keeps the ring on the heap (no I/O; only for shots
 *     whose ring is small, never chosen by {@link #of}: see {@link #withRingInMemory()})
 * @param reason one line: why this strategy (for logs and run.json)
 */
public record MemoryPlan(WavefieldStrategy strategy, int interval, long memoryBytes, long boundaryBytes,
        long boundaryScratchBytes, long diskBytes, long diskScratchBytes, boolean ringInMemory, String reason) {

    /**
     * Plans one shot whose traces are on the request's output axis (synthetic data): as
     * {@link #of(ShotRequest, int, String, long)} with that axis' samples.
     */
    public static MemoryPlan of(ShotRequest request, String requested, long budgetBytes) {
        return of(request, request.timing().outputS().count(), requested, budgetBytes);
    }

    /**
     * Plans one shot.
     *
     * @param request the migration shot (model, physics, timing, wavelet, receivers)
     * @param traceSamples samples of each recorded trace as held: a data file's own (its interval
     *     and length), which may be several times the output axis'
     * @param requested "auto", "memory", "boundary" or "disk"
     * @param budgetBytes the most memory one shot may use; "auto" takes the fastest strategy that
     *     fits (memory, then boundary, then disk)
     */
    public static MemoryPlan of(ShotRequest request, int traceSamples, String requested, long budgetBytes) {
        Grid g = request.model().grid();
        TimeStepping t = request.timing();
        PhysicsSpec p = new PhysicsSpec(request.physics().spaceOrder(), "cpml", request.physics().boundaryWidth(),
                request.physics().freeSurface());
        ShotTraces traces = new ShotTraces(request.receivers().size(), traceSamples);
        int k = MemoryEstimate.imagingInterval(request.wavelet().highestFrequencyHz(), t.dtS());
        long mem = MemoryEstimate.snapshotBytes(g, p, traces, t, k);
        long bnd = MemoryEstimate.boundaryBytes(g, p, traces, t);
        long ring = MemoryEstimate.boundaryScratchBytes(g, p, t);
        long dsk = MemoryEstimate.diskBytes(g, p, traces, t);
        long scratch = MemoryEstimate.diskScratchBytes(g, t, k);
        WavefieldStrategy s;
        String why;
        if (!"auto".equals(requested)) {
            s = WavefieldStrategy.fromJson(requested);
            why = "requested by the spec";
        } else if (mem <= budgetBytes) {
            s = WavefieldStrategy.MEMORY;
            why = "snapshots fit the budget of " + MemoryEstimate.gib(budgetBytes);
        } else if (bnd <= budgetBytes) {
            s = WavefieldStrategy.BOUNDARY;
            why = "snapshots need " + MemoryEstimate.gib(mem) + ", over the budget of "
                    + MemoryEstimate.gib(budgetBytes) + "; boundary saving fits (ring spilled to scratch, "
                    + MemoryEstimate.gib(ring) + " on disk)";
        } else {
            s = WavefieldStrategy.DISK;
            why = "snapshots (" + MemoryEstimate.gib(mem) + ") and boundary saving (" + MemoryEstimate.gib(bnd)
                    + ") exceed the budget of " + MemoryEstimate.gib(budgetBytes) + "; snapshots go to disk";
        }
        return new MemoryPlan(s, k, mem, bnd, ring, dsk, scratch, false, why);
    }

    /** Bytes the given strategy needs in memory (the ring included when it is kept there). */
    public long bytes(WavefieldStrategy s) {
        return switch (s) {
            case MEMORY -> memoryBytes;
            case BOUNDARY -> ringInMemory ? boundaryBytes + boundaryScratchBytes : boundaryBytes;
            case DISK -> diskBytes;
        };
    }

    /**
     * Bytes a shot of this plan writes to its scratch folder: the snapshots ({@code disk}), the ring
     * of every level unless it is kept in memory ({@code boundary}), nothing ({@code memory}).
     * What the shot reserves there before its first step ({@link ScratchSpace}).
     */
    public long spillBytes() {
        return switch (strategy) {
            case MEMORY -> 0;
            case BOUNDARY -> ringInMemory ? 0 : boundaryScratchBytes;
            case DISK -> diskScratchBytes;
        };
    }

    /** This plan with another strategy (tests, benchmarks). */
    public MemoryPlan with(WavefieldStrategy s) {
        return new MemoryPlan(s, interval, memoryBytes, boundaryBytes, boundaryScratchBytes, diskBytes,
                diskScratchBytes, ringInMemory, "forced");
    }

    /**
     * This plan with boundary saving's ring kept on the heap instead of a scratch file: no I/O,
     * {@link #boundaryScratchBytes} more heap. For small shots where that is affordable (and as
     * the reference the spilled ring is checked against); the image is the same bit for bit.
     */
    public MemoryPlan withRingInMemory() {
        return new MemoryPlan(strategy, interval, memoryBytes, boundaryBytes, boundaryScratchBytes, diskBytes,
                diskScratchBytes, true, reason + "; ring kept in memory");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (imaging every %d steps; memory %s, boundary %s + %s scratch%s,"
                + " disk %s + %s scratch): %s", strategy.json(), interval, MemoryEstimate.gib(memoryBytes),
                MemoryEstimate.gib(boundaryBytes), MemoryEstimate.gib(boundaryScratchBytes),
                ringInMemory ? " (ring in memory)" : "", MemoryEstimate.gib(diskBytes),
                MemoryEstimate.gib(diskScratchBytes), reason);
    }
}
