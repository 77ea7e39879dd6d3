package io.seiswork.kernels.engine.cuda;

/**
 * How a step applies the C-PML corrections on the GPU. Both give the same floats (the same
 * helpers in the same order, checked bit for bit by the kernel emulation); they differ in memory
 * traffic (docs/gpu.md, "C-PML layouts").
 *
 * <p>The engine uses {@link #requested()}: the system property {@value #PROPERTY}, default
 * {@link #FUSED}.
 */
public enum CpmlLayout {

    /**
     * The tiled stencil over the interior box only, then {@code stencil_cpml*} over the layer
     * boxes around it: stencil and corrections of a layer cell in one pass, so u, un and m are
     * read once there (about 24 B per slab cell beyond the stencil's 16 B per point).
     */
    FUSED("fused", 24),

    /**
     * The tiled stencil over the whole compute region, then one {@code cpml_correct*} launch per
     * slab, which reads u, un and m again (about 40 B per slab cell beyond the stencil's).
     */
    SEPARATE("separate", 40),

    /**
     * The separate layout with the x and y slabs' ψ and correction in one {@code cpml_march*}
     * launch per slab, each thread marching along the damped axis with u and the new ψ in register
     * queues: u, ψ, ζ, un and m read once per slab cell (32 B beyond the stencil's 16 B per point;
     * the z slabs keep {@code cpml_psi} and {@code cpml_correct}, 40 B) and no neighbour of u or ψ
     * fetched again through L1 and L2, where the one-thread-per-cell kernels read 17 of them per
     * cell at order 8.
     */
    MARCHING("marching", 32);

    /** System property that selects the layout: "fused" (default), "separate" or "marching". */
    public static final String PROPERTY = "seiswork.gpu.cpml";

    private final String key;
    private final int bytesPerSlabCell;

    CpmlLayout(String key, int bytesPerSlabCell) {
        this.key = key;
        this.bytesPerSlabCell = bytesPerSlabCell;
    }

    /** The property value, for example "fused". */
    public String key() {
        return key;
    }

    /**
     * Modelled DRAM bytes per C-PML slab cell and step on top of the stencil's 16 B per point:
     * the ψ kernel (u, ψ read and write: 12 B) plus the correction's own traffic (fused: ψ, ζ
     * read and write; separate: also u, un read and write, m).
     */
    public int bytesPerSlabCell() {
        return bytesPerSlabCell;
    }

    /**
     * The layout {@value #PROPERTY} asks for.
     *
     * @throws IllegalArgumentException naming the property and the accepted values when it is set
     *     to something else
     */
    public static CpmlLayout requested() {
        return parse(System.getProperty(PROPERTY, FUSED.key));
    }

    /** The layout with property value {@code key} (case-insensitive). */
    public static CpmlLayout parse(String key) {
        return KernelChoice.parse(PROPERTY, values(), CpmlLayout::key, key);
    }
}
