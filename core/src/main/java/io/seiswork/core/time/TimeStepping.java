package io.seiswork.core.time;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityField;

/**
 * The internal time axis of a run and the output axis its traces are resampled to.
 *
 * <p>The propagator advances the wavefield from time level {@code n} to {@code n + 1} in
 * {@code dtS} seconds; levels {@code 0 .. steps} (times {@code n · dtS}) are recorded. The
 * output traces are interpolated from those levels with a four-point cubic, which is exact where an output time falls on a level: {@link #fromCfl} chooses {@code dtS} so that
 * the output interval is a whole number of steps, so there the traces are plain samples.
 *
 * @param dtS internal time step in seconds, below the CFL limit of the model
 * @param steps number of time steps; level {@code steps} lies at least one step beyond the last
 *     output sample (the cubic interpolation reads one level past the interval it fills)
 * @param outputS output time axis in seconds (first sample at or after 0)
 */
public record TimeStepping(double dtS, int steps, Sampling outputS) {

    /** Default fraction of the stability limit used for the time step. */
    public static final double DEFAULT_SAFETY = 0.8;

    /**
     * Most time steps one propagation may take. The engines count steps in an {@code int}, a
     * shot's progress in up to four times that (a migration of data modelled first: the data, its
     * direct wave, the source wavefield forward and the receivers' backward), and the source
     * wavelet is one float array of a value a step: {@code Integer.MAX_VALUE / 4} (5.4 × 10⁸)
     * keeps all three exact and is far beyond any real run (10 s at 0.1 ms is 10⁵ steps); a count
     * beyond it means a grid far finer than the record's length calls for.
     */
    public static final int MAX_STEPS = Integer.MAX_VALUE / 4;

    public TimeStepping {
        if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("dtS must be > 0, got " + dtS);
        }
        if (outputS.first() < 0) {
            throw new IllegalArgumentException("output time axis must start at or after 0 s, got " + outputS.first());
        }
        long needed = stepsFor(dtS, outputS);
        if (needed > MAX_STEPS) {
            throw new IllegalArgumentException(needed + " time steps of " + dtS + " s to reach " + outputS.last()
                    + " s, more than the engine's limit of " + MAX_STEPS);
        }
        if (steps < needed) {
            throw new IllegalArgumentException("steps = " + steps + " do not reach the last output sample at "
                    + outputS.last() + " s with dtS = " + dtS + " (need " + needed + ")");
        }
    }

    /**
     * The time axis for a model at {@code safety} times the stability limit of
     * {@link SecondDerivative#maxStableDtS}, shortened so that the output interval is a whole
     * number of internal steps.
     *
     * @param model velocity model (its maximum velocity and spacings set the limit)
     * @param spaceOrder 2, 4 or 8
     * @param safety fraction of the stability limit, in (0, 1]
     * @param outputS output time axis in seconds
     */
    public static TimeStepping fromCfl(VelocityField model, int spaceOrder, double safety, Sampling outputS) {
        double dt = cflStepS(model, spaceOrder, safety, outputS);
        return new TimeStepping(dt, (int) stepsFor(dt, outputS), outputS);
    }

    /**
     * The internal step {@link #fromCfl} takes, in seconds: {@code safety} times the stability
     * limit, shortened to divide the output interval into a whole number of steps. For checking
     * its step count ({@link #stepsFor}) before building the axis.
     */
    public static double cflStepS(VelocityField model, int spaceOrder, double safety, Sampling outputS) {
        if (!(safety > 0) || safety > 1) {
            throw new IllegalArgumentException("CFL safety must be in (0, 1], got " + safety);
        }
        double dtMax = safety * maxStableDtS(model, spaceOrder);
        // As a double: a step far below the interval gives more steps per sample than an int holds.
        double perOutput = Math.ceil(outputS.delta() / dtMax - 1e-9);
        return outputS.delta() / Math.max(1, perOutput);
    }

    /** {@link #fromCfl} with the default safety {@value #DEFAULT_SAFETY}. */
    public static TimeStepping fromCfl(VelocityField model, int spaceOrder, Sampling outputS) {
        return fromCfl(model, spaceOrder, DEFAULT_SAFETY, outputS);
    }

    /**
     * A given internal step, checked against the stability limit.
     *
     * @throws IllegalArgumentException naming dtS and the limit when dtS is unstable
     */
    public static TimeStepping of(double dtS, VelocityField model, int spaceOrder, Sampling outputS) {
        double limit = maxStableDtS(model, spaceOrder);
        if (dtS > limit) {
            throw new IllegalArgumentException("dtS = " + dtS + " s exceeds the stability (CFL) limit "
                    + limit + " s for vmax = " + model.max() + " m/s and space order " + spaceOrder);
        }
        return new TimeStepping(dtS, (int) stepsFor(dtS, outputS), outputS);
    }

    /** Stability limit in seconds of the leapfrog scheme for this model and space order. */
    public static double maxStableDtS(VelocityField model, int spaceOrder) {
        Grid g = model.grid();
        SecondDerivative op = SecondDerivative.ofOrder(spaceOrder);
        return g.is2d()
                ? op.maxStableDtS(model.max(), g.dx(), g.dz())
                : op.maxStableDtS(model.max(), g.dx(), g.dy(), g.dz());
    }

    /** Recorded duration in seconds: the time of the last output sample. */
    public double durationS() {
        return outputS.last();
    }

    /**
     * Time steps of {@code dtS} seconds that reach one level past the last output sample, counted
     * exactly in a {@code long} (saturating at {@link Long#MAX_VALUE}): compare with
     * {@link #MAX_STEPS} before building the axis; an {@code int} wrapped to negative counts.
     */
    public static long stepsFor(double dtS, Sampling outputS) {
        double levels = Math.ceil(outputS.last() / dtS - 1e-9);
        return levels >= Long.MAX_VALUE - 1 ? Long.MAX_VALUE : (long) levels + 1;
    }
}
