package io.seiswork.kernels.engine.cpu;

import java.util.Locale;

/**
 * Whether the CPU engine's propagations take the Vector API kernels or the scalar ones, by the
 * work the JVM will do with them.
 *
 * <p>The vector kernels are 3–4 × faster once compiled, but until C2 has compiled them (seconds:
 * large methods, and the JIT shares the cores with the engine's threads) they run interpreted,
 * boxing every vector, about 100 × slower than the scalar kernels. That warm-up is paid once per
 * JVM, so work too small to amortise it runs faster on the scalar kernels, whose warm-up is a few
 * tenths of a second. Measured on the 2-core shared VM (load 5–8, 1 thread, order 8,
 * docs/engine.md "Small jobs"): the vector kernels' warm-up costs 5–8 s in 2D and 3D; the
 * break-even lies near 2–3 × 10⁸ computed point-steps; a 101 × 81 2D shot of 251 steps (5 × 10⁶)
 * ran 3.1–7.8 s vector, 0.7–0.9 s scalar.
 *
 * <p>A run's engine is given the choice of its whole job ({@link #forJob}: every shot of the
 * spec, every propagation of each), so a survey of many small shots pays the warm-up once and then
 * runs at the vector rate, while a job of one small shot stays scalar. The choice depends on the
 * job alone, never on which of its shots a run computes or on what this JVM ran before, so a
 * resumed run, a run of some shots ({@code --shots}) or a cloud worker picks the same kernels for
 * a shot and writes the same bytes; so does the CPU engine a GPU run of "auto" hands a shot that
 * does not fit the device ({@code cuda.CpuFallback}), and that of a migration falling back to the
 * CPU. An engine without a job ({@link #perPropagation}: benchmarks, tests) weighs each
 * propagation alone. The system property
 * {@code seiswork.cpu.vector} overrides both: {@code false} takes the scalar kernels for
 * everything, {@code true} the vector ones (where the module is present).
 */
public final class KernelChoice {

    /**
     * Work below which the scalar kernels are taken: computed points (the padded grid, absorbing
     * layers included) times steps, summed over the propagations weighed. At the lower end of the
     * measured break-even: work at the limit is a few seconds either way, and more threads move the
     * break-even up (the warm-up stays, the steps get faster).
     */
    static final long SCALAR_BELOW_POINT_STEPS = 200_000_000L;

    /** The system property that forces one kernel family ({@code true} or {@code false}). */
    public static final String PROPERTY = "seiswork.cpu.vector";

    private static final KernelChoice PER_PROPAGATION = new KernelChoice(Double.NaN);

    /** The job's computed point-steps, all shots and propagations; NaN to weigh each propagation alone. */
    private final double jobPointSteps;

    private KernelChoice(double jobPointSteps) {
        this.jobPointSteps = jobPointSteps;
    }

    /** Each propagation on the kernels its own work calls for. */
    public static KernelChoice perPropagation() {
        return PER_PROPAGATION;
    }

    /**
     * Every propagation of a job on the kernels the job's whole work calls for.
     *
     * @param pointSteps computed points × steps summed over every propagation of every shot of the job
     * @throws IllegalArgumentException when negative or not a number
     */
    public static KernelChoice forJob(double pointSteps) {
        if (!(pointSteps >= 0)) {
            throw new IllegalArgumentException("a job's point-steps must be >= 0, not " + pointSteps);
        }
        return new KernelChoice(pointSteps);
    }

    /**
     * Whether a propagation of {@code computedPoints} padded points over {@code steps} time steps
     * takes the vector kernels (still only where {@link ColumnKernel#vectorAvailable()}).
     */
    boolean vectorFor(long computedPoints, long steps) {
        return vectorFor(computedPoints, steps, System.getProperty(PROPERTY));
    }

    /** {@link #vectorFor(long, long)} with the property's value {@code forced} (null when unset). */
    boolean vectorFor(long computedPoints, long steps, String forced) {
        Boolean f = forced(forced);
        if (f != null) {
            return f;
        }
        double work = Double.isNaN(jobPointSteps) ? (double) computedPoints * steps : jobPointSteps;
        return work >= SCALAR_BELOW_POINT_STEPS;
    }

    /**
     * Whether every propagation prefers the vector kernels (true), the scalar ones (false), or
     * each decides by its own work (null): the property's forcing, else the job's work. The vector
     * kernels run only where {@link ColumnKernel#vectorAvailable()}.
     */
    public Boolean vectorForEvery() {
        Boolean f = forced(System.getProperty(PROPERTY));
        if (f != null || Double.isNaN(jobPointSteps)) {
            return f;
        }
        return jobPointSteps >= SCALAR_BELOW_POINT_STEPS;
    }

    /**
     * The kernels every propagation takes, for the engine's name: "Vector API" or "scalar"; null
     * when each propagation decides by its own work.
     */
    String family() {
        Boolean vector = vectorForEvery();
        if (vector == null) {
            return null;
        }
        return vector && ColumnKernel.vectorAvailable() ? "Vector API" : "scalar";
    }

    /** The property's forcing value, or null when it forces nothing. */
    private static Boolean forced(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return Double.isNaN(jobPointSteps) ? "per propagation"
                : String.format(Locale.ROOT, "job of %.3g point-steps", jobPointSteps);
    }
}
