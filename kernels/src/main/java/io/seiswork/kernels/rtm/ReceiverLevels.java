package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;

/**
 * One receiver's injected data, level by level in the receiver propagation's order (nt down to 0),
 * computed from the trace at its own rate as each level is reached ({@link TraceUpsampler#sampler})
 * and, for migration, put through {@code −∂/∂t}, a centred difference that needs the levels either
 * side: the two already evaluated are kept (a window of three levels), so each level is evaluated
 * once. A receiver costs the trace it already has plus a few dozen bytes, not the nt + 1 floats of
 * every level at dt. {@link ReceiverData#levels} is this run to the end, so the CPU's level-by-level
 * values and the GPU's upload are the same floats.
 */
final class ReceiverLevels {

    private final LevelSampler d;
    private final double dtS;
    private final int steps;
    private final boolean migration;
    /** The level the last {@link #next} returned (nt + 1 before the first). */
    private int level;
    /** d at level + 1 and at level (migration only). */
    private float above;
    private float here;

    /**
     * @param trace recorded samples on {@code axis} (kept, not copied)
     * @param axis the trace's time axis in seconds
     * @param dtS internal step in seconds
     * @param steps nt: levels nt down to 0 are returned
     * @param migration return {@code −∂d/∂t} (per second), the data a migration injects, instead
     *     of d (the exact adjoint of modelling)
     */
    ReceiverLevels(float[] trace, Sampling axis, double dtS, int steps, boolean migration) {
        this.d = TraceUpsampler.sampler(trace, axis, dtS);
        this.dtS = dtS;
        this.steps = steps;
        this.migration = migration;
        this.level = steps + 1;
    }

    /**
     * The value of the next level down: nt on the first call, 0 on the (nt + 1)-th.
     *
     * @throws IllegalStateException past level 0
     */
    float next() {
        if (level == 0) {
            throw new IllegalStateException("all " + (steps + 1) + " levels were taken");
        }
        level--;
        if (!migration) {
            return d.at(level);
        }
        if (level == steps) {
            here = d.at(level);
        }
        float below = level > 0 ? d.at(level - 1) : here;
        float value = negativeDerivative(below, level < steps ? above : here,
                Math.min(steps, level + 1) - Math.max(0, level - 1));
        above = here;
        here = below;
        return value;
    }

    /** The level the last {@link #next} returned (nt + 1 before the first). */
    int level() {
        return level;
    }

    /**
     * Minus the centred difference, {@code −(next − prev) / (span · dt)}, one-sided at the ends
     * (span 1), per second: a factor iω, no phase beyond the derivative's own 90°, and the gain
     * sin(ω dt) / dt. 0 for a single level (span 0).
     */
    private float negativeDerivative(float prev, float next, int span) {
        return span == 0 ? 0 : (float) ((prev - next) / (span * dtS));
    }
}
