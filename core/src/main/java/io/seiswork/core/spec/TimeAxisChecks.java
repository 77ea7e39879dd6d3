package io.seiswork.core.spec;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityField;

/**
 * The run's time step (seconds): a {@code time.dtS} the spec gives is checked against the CFL
 * stability limit of the space order and dimension at the model's highest velocity (m/s), and
 * the steps to the record's length, of that step or of the CFL's, against the engine's
 * {@link TimeStepping#MAX_STEPS}.
 */
final class TimeAxisChecks {

    private TimeAxisChecks() {
    }

    /**
     * The spec's {@code time.dtS} when it may step the run: null when not given, when above
     * {@code limit} (an error, naming the limit rounded down) or above {@code time.sampleS} (the
     * reader said so); the steps then follow from the CFL limit.
     *
     * @param limit the CFL stability limit, seconds
     * @param vMax the model's highest velocity, m/s
     */
    static Double givenStep(JobSpec spec, double limit, int order, double vMax, Problems problems) {
        Double given = spec.time().dtS();
        if (given != null && given > limit) {
            problems.error("time.dtS", "must be <= " + Figures.atMost(limit) + " s, the CFL stability limit of space order "
                    + order + " in " + spec.grid().dimensions() + "D at the model's highest velocity " + Problems.num(vMax)
                    + " m/s, got " + Problems.num(given, limit));
            return null;
        }
        if (given != null && given > spec.time().sampleS()) {
            return null;  // above the output interval: the reader said so; the steps follow from the CFL limit
        }
        return given;
    }

    /**
     * The run's time axis: steps of {@code given} seconds (already checked against the CFL limit)
     * or, when null, of the CFL's step; null, with an error at {@code time.lengthS} naming the step,
     * the count and the limit, when reaching the record's length takes more than
     * {@link TimeStepping#MAX_STEPS} steps (a grid far finer than the record calls for: 51 × 51
     * cells of 10 µm at 2000 m/s take 2.2 ns steps, 2.7 × 10¹⁰ of them for 60 s).
     */
    static TimeStepping timeAxis(Double given, VelocityField field, int order, Sampling output, Problems problems) {
        double dt = given != null ? given : TimeStepping.cflStepS(field, order, TimeStepping.DEFAULT_SAFETY, output);
        long steps = dt > 0 ? TimeStepping.stepsFor(dt, output) : Long.MAX_VALUE;
        if (steps > TimeStepping.MAX_STEPS) {
            // A step that underflows to 0 (a spacing of 1e-300 m) or a count that saturates a long is said as "more than".
            String count = dt > 0 && steps < Long.MAX_VALUE ? Long.toString(steps) : "more than " + TimeStepping.MAX_STEPS;
            String step = dt > 0 ? Figures.sixDigits(dt) + " s" : "under 1e-300 s";
            problems.error("time.lengthS", "needs " + count + " time steps of " + step + " ("
                    + (given != null ? "time.dtS" : "the CFL step of the grid's spacing") + ") to reach "
                    + Problems.num(output.last()) + " s, more than the engine's limit of " + TimeStepping.MAX_STEPS
                    + " steps (shorten time.lengthS or " + (given != null ? "lengthen time.dtS" : "coarsen the grid") + ")");
            return null;
        }
        return given != null ? TimeStepping.of(given, field, order, output) : TimeStepping.fromCfl(field, order, output);
    }
}
