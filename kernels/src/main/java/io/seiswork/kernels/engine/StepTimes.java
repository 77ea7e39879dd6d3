package io.seiswork.kernels.engine;

import java.util.Arrays;

/**
 * Seconds per time step of the few timed runs a speed measurement makes ({@link EngineSpeed},
 * {@link io.seiswork.kernels.rtm.MigrationSpeed}): their median, which a run of many steps meets
 * on a machine whose load stays as it was, and their extremes, how far the speed moved while it was
 * timed. The fastest alone is not the speed: on a busy machine a run of 0.05 s may catch a quiet
 * burst, 5 × faster than the shot's own average (0.37 against 1.6 ms a step measured at a load of 10
 * on 2 cores), and the estimate was then that many times short.
 *
 * @param median the middle run's seconds per step (the mean of the two middle ones for an even count)
 * @param fastest the fastest run's seconds per step
 * @param slowest the slowest run's seconds per step
 */
public record StepTimes(double median, double fastest, double slowest) {

    /** The median and extremes of {@code secondsPerStep}, one value per timed run (at least one). */
    public static StepTimes of(double... secondsPerStep) {
        if (secondsPerStep.length == 0) {
            throw new IllegalArgumentException("no timed runs");
        }
        double[] s = secondsPerStep.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new StepTimes(median, s[0], s[n - 1]);
    }

    /** These times multiplied by {@code factor} (a step of more or fewer points). */
    public StepTimes scaled(double factor) {
        return new StepTimes(median * factor, fastest * factor, slowest * factor);
    }
}
