package io.seiswork.kernels.engine;

/**
 * The warm-up of a speed measurement ({@link EngineSpeed}, {@link io.seiswork.kernels.rtm.MigrationSpeed}):
 * the wall seconds its runs stepped for and their time steps. What they took beyond the speed the
 * timed runs then found is the JIT compiling the code, which a run in a fresh JVM pays again.
 *
 * @param wallSeconds seconds of stepping the warm-up runs took
 * @param steps time steps they took
 */
public record WarmUp(double wallSeconds, long steps) {

    /** Seconds beyond {@code secondsPerStep} a step (never below 0). */
    public double secondsBeyond(double secondsPerStep) {
        return Math.max(0, wallSeconds - steps * secondsPerStep);
    }
}
