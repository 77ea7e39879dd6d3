package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import java.util.List;

/**
 * Device memory one shot needs, computed before anything is allocated so that a model that does
 * not fit is refused (or, under {@code engine: "auto"}, sent to the CPU) instead of failing half
 * way.
 *
 * <pre>
 *   fields  = 3 × P × 4          u, un, m = v²dt² over the P padded points
 *   pml     = Σ_slabs 2 × B × 4  ψ and ζ over each slab's box of B cells
 *           + (nx + ny + nz) × 2 × 4   the a, b profiles
 *   points  = E × 12 + (R + 2) × 4 × 2   spread entries (index, weight, owner), receiver starts
 *   traces  = 2 × K × R × 4 + S × 4      two chunks of K levels of R receivers, the wavelet (S steps)
 * </pre>
 * E is bounded by (2 × {@value PointSpread#HALF_WIDTH})^d per point (d = 2 or 3).
 *
 * @param fieldBytes the three padded fields
 * @param pmlBytes C-PML memory variables and profiles
 * @param pointBytes source and receiver spreads
 * @param traceBytes device trace chunks and the wavelet
 */
public record MemoryPlan(long fieldBytes, long pmlBytes, long pointBytes, long traceBytes) {

    /** Memory kept free for the driver, the JIT-compiled module and other users: at least 256 MiB. */
    public static final long MIN_RESERVE_BYTES = 256L << 20;

    /** Total bytes. */
    public long totalBytes() {
        return fieldBytes + pmlBytes + pointBytes + traceBytes;
    }

    /**
     * Whether the plan fits into {@code freeBytes} with a reserve of the larger of
     * {@link #MIN_RESERVE_BYTES} and 5 % of the free memory.
     */
    public boolean fits(long freeBytes) {
        long reserve = Math.max(MIN_RESERVE_BYTES, freeBytes / 20);
        return totalBytes() + reserve <= freeBytes;
    }

    /** One line: "2.13 GiB (fields 2.10, C-PML 0.03, points 0.00, traces 0.00)". */
    public String describe() {
        return String.format("%.2f GiB (fields %.2f, C-PML %.2f, points %.2f, traces %.2f)", gib(totalBytes()),
                gib(fieldBytes), gib(pmlBytes), gib(pointBytes), gib(traceBytes));
    }

    private static double gib(long b) {
        return b / (double) (1L << 30);
    }

    /**
     * The plan for a padded grid and its slabs.
     *
     * @param spreadEntries spread entries of the source and all receivers
     * @param receivers receivers
     * @param chunkLevels levels per trace chunk (K)
     * @param steps time steps (wavelet samples)
     */
    public static MemoryPlan of(PaddedGrid g, List<SlabGeometry> slabs, long spreadEntries, int receivers,
            int chunkLevels, int steps) {
        long fields = 3L * g.points() * Float.BYTES;
        long pml = (long) (g.nx() + g.ny() + g.nz()) * 2 * Float.BYTES;
        for (SlabGeometry s : slabs) {
            pml += 2 * s.boxCells() * Float.BYTES;
        }
        long points = spreadEntries * 12 + (receivers + 2L) * 4 * 2;
        long traces = 2L * chunkLevels * receivers * Float.BYTES + (long) steps * Float.BYTES;
        return new MemoryPlan(fields, pml, points, traces);
    }

    /**
     * An upper-bound plan for a model before any set-up: spreads at their largest size.
     *
     * @param receivers receivers
     * @param steps time steps
     */
    public static MemoryPlan estimate(VelocityModel model, PhysicsOptions physics, int receivers, int steps) {
        PaddedGrid g = new PaddedGrid(model.grid(), physics.boundaryWidth(), physics.operator().radius(),
                physics.freeSurface());
        long perPoint = (long) Math.pow(2 * PointSpread.HALF_WIDTH, g.is2d() ? 2 : 3);
        return of(g, SlabGeometry.of(g), perPoint * (receivers + 1L), receivers, chunkLevels(steps, receivers),
                steps);
    }

    /**
     * Levels per trace chunk: about 1 % of the run (the progress granularity), at most 4 Mi floats
     * of traces per chunk, at least 1.
     */
    public static int chunkLevels(int steps, int receivers) {
        int k = Math.max(1, (steps + 1 + 99) / 100);
        if (receivers > 0) {
            k = (int) Math.min(k, Math.max(1, (4L << 20) / receivers));
        }
        return k;
    }
}
