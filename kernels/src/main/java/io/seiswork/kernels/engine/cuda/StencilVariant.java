package io.seiswork.kernels.engine.cuda;

import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which interior stencil kernel a propagator launches. All compute the same floats (the same
 * Laplacian association as the CPU engine); they differ in how planes of the wavefields reach
 * shared memory, which is what limits the stencil on a large GPU (docs/gpu.md, "Stencil kernel:
 * what was measured"). {@link #PIPELINED} exists in 2D and 3D, {@link #DIRECT} in 2D only, the
 * others in 3D only.
 *
 * <p>The engine uses {@link #requested()}: the system property {@value #PROPERTY}; unset or
 * {@value #AUTO}, each propagator takes {@link #fastestFor} its space order, the kernel measured
 * fastest on an H200. A variant is used only where it can run ({@link #unfitReason}); elsewhere
 * the propagator keeps the pipelined kernel, so the choice never changes results.
 */
public enum StencilVariant {

    /**
     * {@code stencil3d_r*} and {@code stencil2d_r*}: loads of plane y (2D: column x) + 1 issued
     * through registers while plane y computes; every GPU.
     */
    PIPELINED("pipelined"),

    /**
     * {@code stencil2d_direct_r*}: 2D only, one thread per cell with every neighbour read from
     * global memory (the 2D kernel measured on an H200 before the marching one: 43 % of peak).
     */
    DIRECT("direct"),

    /**
     * {@code stencil3d_pf_r*}: the pipelined kernel that also asks L2 for its cells two planes
     * beyond its register loads ({@code prefetch.global.L2}), so those loads wait on L2 rather
     * than DRAM and fewer bytes need to be in flight per SM; every GPU, every 3D region.
     */
    L2_PREFETCH("prefetch"),

    /**
     * {@code stencil3d_wide_r*}: the L2-prefetch kernel on tiles of 64 z × 16 x cells (1024
     * threads) instead of 64 × 8. At order 8 a 64 × 8 tile reads as many x-halo cells as it
     * updates; 16 rows halve that share. Every GPU, every 3D region.
     */
    WIDE_PREFETCH("wide"),

    /**
     * {@code stencil3d_bulk_r*}: tile rows copied to shared memory by the copy engine two planes
     * ahead ({@code cp.async.bulk}, completion counted on an mbarrier), so the bytes in flight do
     * not cost registers. Needs compute capability 9.0 (Hopper) or newer, space order 4 or 8, and
     * rows on 16-byte boundaries: the padded depth and the region's first tile cell multiples of 4
     * cells.
     */
    BULK_COPIES("bulk");

    /**
     * System property that selects the variant: "auto" (default: {@link #fastestFor} each order),
     * "pipelined", "direct", "prefetch", "wide" or "bulk".
     */
    public static final String PROPERTY = "seiswork.gpu.stencil";

    /** The property value, also its default, that leaves the choice to {@link #fastestFor}. */
    public static final String AUTO = "auto";

    /** Lowest compute capability (10 × major + minor) with bulk copies and transaction mbarriers. */
    public static final int BULK_MIN_CAPABILITY = 90;

    private final String key;

    StencilVariant(String key) {
        this.key = key;
    }

    /** The property value, for example "bulk". */
    public String key() {
        return key;
    }

    /**
     * The variant {@value #PROPERTY} asks for, or empty when it is unset or {@value #AUTO}.
     *
     * @throws IllegalArgumentException naming the property and the accepted values when it is set to
     *     something else
     */
    public static Optional<StencilVariant> requested() {
        return choice(System.getProperty(PROPERTY, AUTO));
    }

    /**
     * {@link #parse} of {@code key}, or empty for {@value #AUTO} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the property, {@value #AUTO} and the variants
     */
    public static Optional<StencilVariant> choice(String key) {
        if (key.trim().equalsIgnoreCase(AUTO)) {
            return Optional.empty();
        }
        return Optional.of(KernelChoice.parse(PROPERTY, values(), StencilVariant::key, key, AUTO));
    }

    /** The variant with property value {@code key} (case-insensitive). */
    public static StencilVariant parse(String key) {
        return KernelChoice.parse(PROPERTY, values(), StencilVariant::key, key);
    }

    /**
     * The kernel measured fastest on an H200 at 512³ (docs/benchmarks.md): in 3D, the L2-prefetch
     * kernel at space orders 2 and 4 (67.0 and 64.6 % of peak bandwidth against the pipelined
     * kernel's 54.2 and 59.5 %), the pipelined one at order 8 (57.4 % against 57.2); in 2D the
     * marching kernel (67.4 % at 8192², the direct one 43.2 %). All run on every GPU and every
     * region.
     */
    public static StencilVariant fastestFor(int spaceOrder, boolean threeD) {
        return threeD && spaceOrder <= 4 ? L2_PREFETCH : PIPELINED;
    }

    /**
     * Cells along x of the 3D kernel's tile (threads per block along y); the tile is
     * {@link LaunchShape#TILE_Z} cells deep.
     */
    public int tileX() {
        return this == WIDE_PREFETCH ? 2 * LaunchShape.TILE_X : LaunchShape.TILE_X;
    }

    /** Why {@code device} cannot run this variant at all, or null when it can. */
    public String deviceReason(DeviceInfo device) {
        int cc = 10 * device.ccMajor() + device.ccMinor();
        if (this == BULK_COPIES && cc < BULK_MIN_CAPABILITY) {
            return "the bulk-copy stencil needs compute capability 9.0 or newer; " + device.name() + " has "
                    + device.ccMajor() + "." + device.ccMinor();
        }
        return null;
    }

    /**
     * Why this variant's kernel cannot update {@code region} of {@code grid}, or null when it can
     * (the pipelined kernel runs everywhere).
     *
     * @param region padded cells {x0, x1, y0, y1, z0, z1}
     * @param spaceOrder 2, 4 or 8 (stencil radius order / 2)
     */
    public String unfitReason(PaddedGrid grid, int[] region, int spaceOrder) {
        if (this == PIPELINED) {
            return null;
        }
        if (this == DIRECT) {
            return grid.is2d() ? null : "the direct stencil is 2D only";
        }
        if (grid.is2d()) {
            return "the " + key + " stencil is 3D only";
        }
        if (this == L2_PREFETCH || this == WIDE_PREFETCH) {
            return null;
        }
        int r = spaceOrder / 2;
        if (spaceOrder != 4 && spaceOrder != 8) {
            return "the bulk-copy stencil exists for space orders 4 and 8, not " + spaceOrder;
        }
        if (grid.nz() % 4 != 0 || (region[4] - r) % 4 != 0) {
            return "bulk copies need 16-byte aligned rows: padded depth " + grid.nz() + " and first tile cell "
                    + (region[4] - r) + " must be multiples of 4";
        }
        if (region[0] < r || region[2] < r || region[4] < r || region[1] > grid.nx() - r
                || region[3] > grid.ny() - r || region[5] > grid.nz() - r) {
            return "region " + Arrays.toString(region) + " leaves no halo of " + r + " cells";
        }
        return null;
    }
}
