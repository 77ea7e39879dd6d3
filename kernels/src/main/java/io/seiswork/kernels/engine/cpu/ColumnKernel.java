package io.seiswork.kernels.engine.cpu;

/**
 * The interior update of one (x, y) column: {@code un = 2u − un + v²dt² ∇²u} for z cells
 * [zs, ze) of the column starting at flat index {@code base}.
 */
interface ColumnKernel {

    /**
     * @param u current level
     * @param un previous level on entry, next level on exit
     * @param m v² dt² per padded cell, m²
     * @param lap scratch row of at least the padded nz floats
     */
    void column(float[] u, float[] un, float[] m, int base, int zs, int ze, float[] lap);

    /**
     * {@link #column} for {@code count} neighbouring x columns starting at {@code base} (column
     * c at {@code base + c · nz}).
     */
    default void columns(float[] u, float[] un, float[] m, int base, int count, int zs, int ze, float[] lap) {
        for (int c = 0; c < count; c++) {
            column(u, un, m, base + c * stepX(), zs, ze, lap);
        }
    }

    /** Flat-index distance between neighbouring x columns (the padded nz). */
    int stepX();

    /** A short name for logs: "vector 8 lanes" or "scalar". */
    String describe();

    /**
     * The fastest kernel this JVM can run: the Vector API kernel (every space order) when the
     * {@code jdk.incubator.vector} module is present (and the system property
     * {@code seiswork.cpu.vector} is not {@code false}), otherwise the scalar kernel.
     *
     * @param allowVector false to force the scalar kernel (tests compare both)
     */
    static ColumnKernel best(StencilKernel scalar, boolean allowVector) {
        boolean wanted = allowVector && vectorAvailable();
        return wanted ? VectorSupport.kernel(scalar) : scalar;
    }

    /** The name {@link #describe()} gives the kernel {@link #best} picks for this dimension and order. */
    static String describe(boolean allowVector, boolean is3d, int spaceOrder) {
        return allowVector && vectorAvailable() ? VectorSupport.describe(is3d, spaceOrder / 2) : "scalar";
    }

    /**
     * Whether the Vector API may be used: the {@code jdk.incubator.vector} module is in the boot
     * layer and the system property {@code seiswork.cpu.vector} is not {@code false}.
     */
    static boolean vectorAvailable() {
        return !"false".equalsIgnoreCase(System.getProperty("seiswork.cpu.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
