package io.seiswork.core.spec;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * The time stepping a run actually uses: the internal step {@code dtS} (stable for the model's
 * fastest velocity) chosen so that the output sample interval is a whole number of steps, which
 * makes resampling to the output exact.
 *
 * @param dtS internal time step in seconds
 * @param steps number of internal time levels, 0 .. steps-1, covering the record length
 * @param stepsPerSample internal steps per output sample
 * @param output the output time axis in seconds
 * @param cflLimitS the largest stable step in seconds for this model and space order
 */
public record ResolvedTime(double dtS, int steps, int stepsPerSample, Sampling output, double cflLimitS) {

    /**
     * Fraction of the stability limit used when dt is chosen automatically: margin for the
     * absorbing layer and for float rounding.
     */
    public static final double CFL_SAFETY = 0.8;

    /**
     * Resolves the time axis. When {@code time.dtS()} is given it is used as is (validation has
     * checked it against the limit), rounded down only so that it divides the output interval.
     */
    public static ResolvedTime resolve(TimeSpec time, SecondDerivative operator, double vMaxMps, double... spacingsM) {
        double limit = operator.maxStableDtS(vMaxMps, spacingsM);
        double target = time.dtS() != null ? time.dtS() : CFL_SAFETY * limit;
        int perSample = (int) Math.ceil(time.sampleS() / target - 1e-9);
        double dt = time.sampleS() / perSample;
        int samples = time.outputSamples();
        int steps = (samples - 1) * perSample + 1;
        return new ResolvedTime(dt, steps, perSample, new Sampling(samples, time.sampleS(), 0), limit);
    }
}
