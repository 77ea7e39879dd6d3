package io.seiswork.core.progress;

import java.util.Locale;

/**
 * How long a run of shots has left, from how fast its shots have gone so far. Real shots take
 * 0.1–1 hour each, so the user needs the time left more than a percentage. Shots of one run run one
 * after another and do the same work (same grid, steps and engine); what this cannot foresee is the
 * machine getting busier.
 *
 * <p>The first shot of a run pays the JIT's warm-up: its first steps run up to 20 times slower
 * than the rest (4 s against 0.6 s for the later shots of the 2D demo), so a projection from the
 * shot's start says minutes for a run of seconds. The speed is therefore measured over the last
 * {@link #WINDOW} of the shot's progress only, and the first shot gives no figure (NaN: "estimating")
 * until that rate has <em>settled</em>: within {@link #SETTLED} of the rate over the window before
 * it. Once settled, a shot stays settled.
 *
 * <p>Estimate: shots not yet started take the <em>pace</em>: the mean time of the finished shots
 * after the first; while only the first has finished, the first's time at its settled speed (its
 * last window's rate, plus the time after its last step: writing, stacking). The running shot,
 * after the first, has {@code (1 − f)} of its work left at completed fraction f, done at a rate that
 * moves from the pace (f = 0) to the shot's own (elapsed / f) as f grows:
 * {@code (1 − f) × (f × elapsed / f + (1 − f) × pace)}, so the figure counts down within a shot
 * however short it is. The first shot has {@code (1 − f)} left at its recent rate, and each shot
 * not started takes a whole shot at that rate.
 *
 * <p>Fed through {@link #secondsLeft}, called at each progress event of the running shot (and as
 * often as wanted between them), and {@link #shotFinished} at the end of each shot.
 */
public final class RemainingTime {

    /** Fraction of a shot over which its recent speed is measured (and the window before it compared). */
    static final double WINDOW = 0.1;

    /** Largest relative difference between the rates of the last two windows for the speed to count as settled. */
    static final double SETTLED = 0.25;

    /** Most progress points kept per shot (engines report about every 1 %; more are thinned out). */
    private static final int MAX_POINTS = 4096;

    private final int shots;
    private int finished;
    private double firstSeconds;
    private double laterSeconds;

    /** The running shot's progress: fraction done at each point, and the seconds since its start then. */
    private double[] fractions = new double[64];
    private double[] times = new double[64];
    private int points;
    private boolean settled;

    /** @param shots shots in the run */
    public RemainingTime(int shots) {
        this.shots = shots;
    }

    /** Records a finished shot and how long it took, in seconds; the next progress is the next shot's. */
    public void shotFinished(double seconds) {
        if (finished == 0) {
            double steady = steadyShotSeconds(seconds);
            firstSeconds = Double.isNaN(steady) ? seconds : Math.min(seconds, steady);
        } else {
            laterSeconds += seconds;
        }
        finished++;
        points = 0;
        settled = false;
    }

    /** Seconds a shot not yet started is expected to take; NaN before any has finished. */
    double pace() {
        if (finished == 0) {
            return Double.NaN;
        }
        return finished == 1 ? firstSeconds : laterSeconds / (finished - 1);
    }

    /**
     * Records where the running shot is and says how long the run has left.
     *
     * @param shotFraction completed fraction of the shot now running, 0 to 1
     * @param shotElapsedS seconds since that shot started
     * @return seconds left in the whole run, or NaN while it is too early to tell ("estimating")
     */
    public double secondsLeft(double shotFraction, double shotElapsedS) {
        double f = Math.max(0, Math.min(1, shotFraction));
        record(f, shotElapsedS);
        int notStarted = Math.max(0, shots - finished - 1);
        if (finished > 0) {
            double pace = pace();
            double leftInShot = (1 - f) * (shotElapsedS + (1 - f) * pace);
            return Math.max(0, leftInShot) + notStarted * pace;
        }
        double shotSeconds = recentShotSeconds();
        if (!settled || Double.isNaN(shotSeconds)) {
            return Double.NaN;
        }
        // From the last point on, at the recent rate; the clock may have moved on since that point.
        double leftInShot = (1 - fractions[points - 1]) * shotSeconds - (shotElapsedS - times[points - 1]);
        return Math.max(0, leftInShot) + notStarted * shotSeconds;
    }

    /** Keeps a point of the running shot's progress when it moved on, and checks whether its speed settled. */
    private void record(double f, double elapsedS) {
        if (points > 0 && (f <= fractions[points - 1] || elapsedS < times[points - 1])) {
            return;
        }
        if (points == fractions.length) {
            if (points >= MAX_POINTS) {
                thin();
            } else {
                fractions = java.util.Arrays.copyOf(fractions, points * 2);
                times = java.util.Arrays.copyOf(times, points * 2);
            }
        }
        fractions[points] = f;
        times[points] = elapsedS;
        points++;
        if (!settled) {
            double recent = recentShotSeconds();
            double before = shotSecondsOver(f - 2 * WINDOW, f - WINDOW);
            settled = !Double.isNaN(recent) && !Double.isNaN(before)
                    && Math.abs(recent - before) <= SETTLED * recent;
        }
    }

    /** Drops every other point (the last kept), for a shot reporting far more often than every 1 %. */
    private void thin() {
        int n = 0;
        for (int i = 0; i < points; i += 2) {
            fractions[n] = fractions[i];
            times[n] = times[i];
            n++;
        }
        fractions[n - 1] = fractions[points - 1];
        times[n - 1] = times[points - 1];
        points = n;
    }

    /** Seconds a whole shot takes at the rate of the last window of progress; NaN without one. */
    private double recentShotSeconds() {
        if (points == 0) {
            return Double.NaN;
        }
        double f = fractions[points - 1];
        return shotSecondsOver(f - WINDOW, f);
    }

    /**
     * The first shot's time without its warm-up: a whole shot at its last window's rate, plus the
     * time after its last progress point (its outputs written), seconds; NaN without a window.
     */
    private double steadyShotSeconds(double seconds) {
        double s = recentShotSeconds();
        return Double.isNaN(s) ? s : s + Math.max(0, seconds - times[points - 1]);
    }

    /** Seconds a whole shot takes at the rate between fractions {@code from} and {@code to}; NaN when not covered. */
    private double shotSecondsOver(double from, double to) {
        double t0 = timeAt(from);
        double t1 = timeAt(to);
        double dt = t1 - t0;
        return Double.isNaN(dt) || dt <= 0 ? Double.NaN : dt / (to - from);
    }

    /** Seconds into the shot at which it reached fraction {@code f}, interpolated; NaN before the first point. */
    private double timeAt(double f) {
        if (points == 0 || f < fractions[0] || f > fractions[points - 1]) {
            return Double.NaN;
        }
        int hi = java.util.Arrays.binarySearch(fractions, 0, points, f);
        if (hi >= 0) {
            return times[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double w = (f - fractions[lo]) / (fractions[hi] - fractions[lo]);
        return times[lo] + w * (times[hi] - times[lo]);
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
