package io.seiswork.kernels.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packed GPU kernels: where the build puts them in the jar and the entry points the Java
 * side calls. {@link #ENTRY_POINTS} is the single list both the engine (it resolves every name
 * when it loads the module, so a missing kernel fails at start, not mid-run) and the build test
 * ({@code CudaKernelsTest}, which parses the packed PTX) use.
 *
 * <p>The module is built from {@code kernels/src/main/cuda/seiswork.cu} by the {@code cuda}
 * Maven profile: PTX for {@code compute_75} (PTX ISA 9.0 with nvcc 13, which needs a CUDA 13
 * driver, R580 or newer, to JIT) and a fatbin with SASS for sm_80 and sm_90 plus that PTX and
 * compute_90 PTX (newer cards JIT it and keep the sm_90 code paths).
 */
public final class CudaKernels {

    /** Class-path resource of the PTX module. */
    public static final String PTX_RESOURCE = "/cuda/seiswork.ptx";

    /** Class-path resource of the fatbin (SASS sm_80, sm_90 + compute_75 and compute_90 PTX). */
    public static final String FATBIN_RESOURCE = "/cuda/seiswork.fatbin";

    /** Space orders the kernels are instantiated for (stencil radius = order / 2). */
    public static final List<Integer> SPACE_ORDERS = List.of(2, 4, 8);

    /** Entry points the modelling engine ({@link CudaPropagator}) launches. */
    public static final List<String> ENGINE_ENTRIES = List.of(
            "stencil2d_r1", "stencil2d_r2", "stencil2d_r4",
            "stencil2d_direct_r1", "stencil2d_direct_r2", "stencil2d_direct_r4",
            "stencil3d_r1", "stencil3d_r2", "stencil3d_r4",
            "stencil3d_pf_r1", "stencil3d_pf_r2", "stencil3d_pf_r4",
            "stencil3d_wide_r1", "stencil3d_wide_r2", "stencil3d_wide_r4",
            "stencil3d_bulk_r2", "stencil3d_bulk_r4",
            "cpml_psi_r1", "cpml_psi_r2", "cpml_psi_r4",
            "cpml_correct_r1", "cpml_correct_r2", "cpml_correct_r4",
            "cpml_march_r1", "cpml_march_r2", "cpml_march_r4",
            "stencil_cpml2d_r1", "stencil_cpml2d_r2", "stencil_cpml2d_r4",
            "stencil_cpml3d_r1", "stencil_cpml3d_r2", "stencil_cpml3d_r4",
            "free_surface", "inject_points", "sample_points");

    /**
     * Entry points for reverse-time migration (imaging condition, boundary ring for source
     * wavefield reconstruction); launched by the RTM driver, documented in docs/gpu.md.
     */
    public static final List<String> RTM_ENTRIES = List.of("image_xcorr", "image_normalize", "ring_copy");

    /** Every entry point the Java side resolves: {@link #ENGINE_ENTRIES} then {@link #RTM_ENTRIES}. */
    public static final List<String> ENTRY_POINTS =
            Stream.concat(ENGINE_ENTRIES.stream(), RTM_ENTRIES.stream()).toList();

    private static final Pattern ENTRY = Pattern.compile("^\\s*(?:\\.visible\\s+|\\.weak\\s+)?\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(",
            Pattern.MULTILINE);

    private CudaKernels() {
    }

    /** The interior stencil kernel for a dimension and space order, for example "stencil3d_r4". */
    public static String stencil(boolean threeD, int spaceOrder) {
        return checked((threeD ? "stencil3d_r" : "stencil2d_r") + radius(spaceOrder));
    }

    /**
     * The 3D interior stencil kernel of a variant for a space order, for example
     * "stencil3d_bulk_r4" ({@link StencilVariant#unfitReason} says where it can run).
     */
    public static String stencil3d(StencilVariant variant, int spaceOrder) {
        return switch (variant) {
            case PIPELINED, DIRECT -> stencil(true, spaceOrder);
            case L2_PREFETCH -> checked("stencil3d_pf_r" + radius(spaceOrder));
            case WIDE_PREFETCH -> checked("stencil3d_wide_r" + radius(spaceOrder));
            case BULK_COPIES -> checked("stencil3d_bulk_r" + radius(spaceOrder));
        };
    }

    /**
     * The 2D interior stencil kernel of a variant for a space order: "stencil2d_direct_r4" for
     * {@link StencilVariant#DIRECT}, the marching "stencil2d_r4" for every other.
     */
    public static String stencil2d(StencilVariant variant, int spaceOrder) {
        return variant == StencilVariant.DIRECT ? checked("stencil2d_direct_r" + radius(spaceOrder))
                : stencil(false, spaceOrder);
    }

    /** The C-PML memory-variable kernel (ψ update) for a space order. */
    public static String cpmlPsi(int spaceOrder) {
        return checked("cpml_psi_r" + radius(spaceOrder));
    }

    /** The C-PML correction kernel (ζ update and layer terms) for a space order. */
    public static String cpmlCorrect(int spaceOrder) {
        return checked("cpml_correct_r" + radius(spaceOrder));
    }

    /** The marching ψ and correction kernel of an x or y slab ({@link CpmlLayout#MARCHING}) for a space order. */
    public static String cpmlMarch(int spaceOrder) {
        return checked("cpml_march_r" + radius(spaceOrder));
    }

    /**
     * The fused layer kernel (stencil and every slab's correction of a layer cell) for a
     * dimension and space order, for example "stencil_cpml3d_r4" ({@link CpmlLayout#FUSED}).
     */
    public static String stencilCpml(boolean threeD, int spaceOrder) {
        return checked((threeD ? "stencil_cpml3d_r" : "stencil_cpml2d_r") + radius(spaceOrder));
    }

    private static int radius(int spaceOrder) {
        if (!SPACE_ORDERS.contains(spaceOrder)) {
            throw new IllegalArgumentException("GPU kernels exist for space orders " + SPACE_ORDERS + ", not "
                    + spaceOrder);
        }
        return spaceOrder / 2;
    }

    private static String checked(String name) {
        if (!ENTRY_POINTS.contains(name)) {
            throw new IllegalStateException("kernel " + name + " missing from CudaKernels.ENTRY_POINTS");
        }
        return name;
    }

    /**
     * Cells of the boundary ring {@code ring_copy} saves: the cells of an lx × ly × lz box within
     * r of its faces (of the x and z faces only in 2D, where ly = 1).
     */
    public static long ringCells(int lx, int ly, int lz, int r, boolean threeD) {
        if (lx < 2 * r || lz < 2 * r || (threeD && ly < 2 * r)) {
            throw new IllegalArgumentException("box " + lx + " x " + ly + " x " + lz + " thinner than two rings of "
                    + r);
        }
        long all = (long) lx * ly * lz;
        long inner = (long) (lx - 2 * r) * (threeD ? ly - 2 * r : ly) * (lz - 2 * r);
        return all - inner;
    }

    /** Whether this build packed the PTX module (false when it was built without nvcc). */
    public static boolean packed() {
        return CudaKernels.class.getResource(PTX_RESOURCE) != null;
    }

    /** The PTX text, if packed. */
    public static Optional<String> ptx() {
        return bytes(PTX_RESOURCE).map(b -> new String(b, StandardCharsets.US_ASCII));
    }

    /** The fatbin image, if packed. */
    public static Optional<byte[]> fatbin() {
        return bytes(FATBIN_RESOURCE);
    }

    /** The names of the {@code .entry} directives of a PTX text, in order. */
    public static Set<String> entries(String ptxText) {
        Set<String> out = new LinkedHashSet<>();
        Matcher mt = ENTRY.matcher(ptxText);
        while (mt.find()) {
            out.add(mt.group(1));
        }
        return out;
    }

    private static Optional<byte[]> bytes(String resource) {
        try (InputStream in = CudaKernels.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }
}
