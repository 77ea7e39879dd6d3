package io.seiswork.core.progress;

import java.util.Locale;

/**
 * How long a run of shots has left, from how long its shots have taken so far. Real shots take
 * 0.1–1 hour each, so the user needs the time left more than a percentage.
 *
 * <p>Estimate: the current shot's total is its elapsed time divided by its completed fraction
 * (once that fraction and the elapsed time are large enough for the first steps' warm-up not to
 * dominate); each shot still to start is assumed to take the mean of the finished shots, or the
 * current shot's estimate before any has finished. Shots of one run do the same work (same grid,
 * steps and engine), so the mean is a fair predictor; what it cannot foresee is the machine
 * getting busier.
 */
public final class RemainingTime {

    /** Completed fraction of the first shot below which no estimate is given. */
    static final double MIN_FRACTION = 0.02;

    /** Elapsed seconds in the first shot below which no estimate is given. */
    static final double MIN_SECONDS = 1.0;

    private final int shots;
    private int finished;
    private double finishedSeconds;

    /** @param shots shots in the run */
    public RemainingTime(int shots) {
        this.shots = shots;
    }

    /** Records a finished shot and how long it took, in seconds. */
    public void shotFinished(double seconds) {
        finished++;
        finishedSeconds += seconds;
    }

    /**
     * @param shotFraction completed fraction of the shot now running, 0 to 1
     * @param shotElapsedS seconds since that shot started
     * @return seconds left in the whole run, or NaN while it is too early to tell
     */
    public double secondsLeft(double shotFraction, double shotElapsedS) {
        boolean measurable = shotFraction >= MIN_FRACTION && shotElapsedS >= MIN_SECONDS;
        double perShot;
        double current;
        if (finished > 0) {
            perShot = finishedSeconds / finished;
            current = measurable ? shotElapsedS / shotFraction : perShot;
        } else if (measurable) {
            current = shotElapsedS / shotFraction;
            perShot = current;
        } else {
            return Double.NaN;
        }
        int notStarted = Math.max(0, shots - finished - 1);
        return Math.max(0, current - shotElapsedS) + notStarted * perShot;
    }

    /** "45 s", "3 min 05 s", "2 h 07 min"; "?" for NaN. */
    public static String format(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        long m = Math.round(seconds / 60);
        return String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
    }
}
