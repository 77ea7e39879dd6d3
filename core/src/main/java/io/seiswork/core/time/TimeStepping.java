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

    public TimeStepping {
        if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("dtS must be > 0, got " + dtS);
        }
        if (outputS.first() < 0) {
            throw new IllegalArgumentException("output time axis must start at or after 0 s, got " + outputS.first());
        }
        int needed = stepsFor(dtS, outputS);
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
        if (!(safety > 0) || safety > 1) {
            throw new IllegalArgumentException("CFL safety must be in (0, 1], got " + safety);
        }
        double dtMax = safety * maxStableDtS(model, spaceOrder);
        int perOutput = (int) Math.ceil(outputS.delta() / dtMax - 1e-9);
        double dt = outputS.delta() / Math.max(1, perOutput);
        return new TimeStepping(dt, stepsFor(dt, outputS), outputS);
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
        return new TimeStepping(dtS, stepsFor(dtS, outputS), outputS);
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

    private static int stepsFor(double dtS, Sampling outputS) {
        return (int) Math.ceil(outputS.last() / dtS - 1e-9) + 1;
    }
}
