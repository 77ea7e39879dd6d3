package io.seiswork.kernels.engine.cpu;

/**
 * Whether a propagation takes the Vector API kernels or the scalar ones, by the work it does.
 *
 * <p>The vector kernels are 3–4 × faster once compiled, but until C2 has compiled them (seconds:
 * large methods, and the JIT shares the cores with the engine's threads) they run interpreted,
 * boxing every vector, about 100 × slower than the scalar kernels. That warm-up is paid by every
 * JVM, so a small shot runs faster on the scalar kernels, whose warm-up is a few tenths of a
 * second. Measured on the 2-core shared VM (load 5–8, 1 thread, order 8, docs/engine.md "Small
 * shots"): the vector kernels' warm-up costs 5–8 s in 2D and 3D; the break-even lies near 2–3 ×
 * 10⁸ computed point-steps; a 101 × 81 2D shot of 251 steps (5 × 10⁶) ran 3.1–7.8 s vector,
 * 0.7–0.9 s scalar.
 *
 * <p>The choice depends on the shot alone, never on what this JVM ran before, so a resumed run or
 * another worker picks the same kernels for a shot and writes the same bytes. The system property
 * {@code seiswork.cpu.vector} overrides it: {@code false} takes the scalar kernels for every shot,
 * {@code true} the vector ones for every shot (where the module is present).
 */
final class KernelChoice {

    /**
     * Work below which a propagation takes the scalar kernels: computed points (the padded grid,
     * absorbing layers included) times steps. At the lower end of the measured break-even: a
     * shot at the limit is a few seconds either way, and more threads move the break-even up
     * (the warm-up stays, the steps get faster).
     */
    static final long SCALAR_BELOW_POINT_STEPS = 200_000_000L;

    /** The system property that forces one kernel family ({@code true} or {@code false}). */
    static final String PROPERTY = "seiswork.cpu.vector";

    private KernelChoice() {
    }

    /**
     * Whether a propagation of {@code computedPoints} padded points over {@code steps} time steps
     * should take the vector kernels (still only where {@link ColumnKernel#vectorAvailable()}).
     */
    static boolean vectorFor(long computedPoints, long steps) {
        return vectorFor(computedPoints, steps, System.getProperty(PROPERTY));
    }

    /** {@link #vectorFor(long, long)} with the property's value {@code forced} (null when unset). */
    static boolean vectorFor(long computedPoints, long steps, String forced) {
        if ("true".equalsIgnoreCase(forced)) {
            return true;
        }
        if ("false".equalsIgnoreCase(forced)) {
            return false;
        }
        return (double) computedPoints * steps >= SCALAR_BELOW_POINT_STEPS;
    }
}
