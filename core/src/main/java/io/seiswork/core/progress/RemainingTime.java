package io.seiswork.core.progress;

import java.util.Locale;

/**
 * How long a run of shots has left, from how long its shots have taken so far. Real shots take
 * 0.1–1 hour each, so the user needs the time left more than a percentage.
 *
 * <p>Estimate: shots not yet started take the <em>pace</em>, the mean time of the finished shots
 * after the first (the first pays the JIT's warm-up: 4 s against 0.6 s for the next shots of the
 * 2D demo), or the first's while it is the only one. The running shot has {@code (1 − f)} of its
 * work left at completed fraction f, done at a rate that moves from the pace (f = 0) to the
 * shot's own (elapsed / f) as f grows: {@code (1 − f) × (f × elapsed / f + (1 − f) × pace)}, so
 * the figure counts down within a shot however short it is. The first shot has no pace: it is
 * projected from its own rate once its fraction and elapsed time are large enough for the first
 * steps' warm-up not to dominate. Shots of one run do the same work (same grid, steps and engine);
 * what this cannot foresee is the machine getting busier.
 */
public final class RemainingTime {

    /** Completed fraction of the first shot below which no estimate is given. */
    static final double MIN_FRACTION = 0.02;

    /** Elapsed seconds in the first shot below which no estimate is given. */
    static final double MIN_SECONDS = 1.0;

    private final int shots;
    private int finished;
    private double firstSeconds;
    private double laterSeconds;

    /** @param shots shots in the run */
    public RemainingTime(int shots) {
        this.shots = shots;
    }

    /** Records a finished shot and how long it took, in seconds. */
    public void shotFinished(double seconds) {
        if (finished == 0) {
            firstSeconds = seconds;
        } else {
            laterSeconds += seconds;
        }
        finished++;
    }

    /** Seconds a shot not yet started is expected to take; NaN before any has finished. */
    double pace() {
        if (finished == 0) {
            return Double.NaN;
        }
        return finished == 1 ? firstSeconds : laterSeconds / (finished - 1);
    }

    /**
     * @param shotFraction completed fraction of the shot now running, 0 to 1
     * @param shotElapsedS seconds since that shot started
     * @return seconds left in the whole run, or NaN while it is too early to tell
     */
    public double secondsLeft(double shotFraction, double shotElapsedS) {
        double f = Math.max(0, Math.min(1, shotFraction));
        double pace;
        double leftInShot;
        if (finished > 0) {
            pace = pace();
            leftInShot = (1 - f) * (shotElapsedS + (1 - f) * pace);
        } else if (f >= MIN_FRACTION && shotElapsedS >= MIN_SECONDS) {
            pace = shotElapsedS / f;
            leftInShot = pace - shotElapsedS;
        } else {
            return Double.NaN;
        }
        int notStarted = Math.max(0, shots - finished - 1);
        return Math.max(0, leftInShot) + notStarted * pace;
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
