package io.seiswork.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemainingTimeTest {

    @Test
    void noEstimateWhileTheFirstShotHasBarelyStarted() {
        RemainingTime t = new RemainingTime(3);
        assertTrue(Double.isNaN(t.secondsLeft(0, 0.2)), "at the start");
        assertTrue(Double.isNaN(t.secondsLeft(0.01, 5)), "1 % done");
        assertTrue(Double.isNaN(t.secondsLeft(0.1, 50)), "10 % done: no window before the last to compare");
    }

    @Test
    void firstShotAtASteadyRateProjectsItselfOntoTheShotsStillToCome() {
        RemainingTime t = new RemainingTime(3);
        // A 20 s shot at a steady rate, reported every 1 %: at half of it, 10 s left, then two more of 20 s.
        double left = Double.NaN;
        for (int percent = 0; percent <= 50; percent++) {
            left = t.secondsLeft(percent / 100.0, 0.2 * percent);
        }
        assertEquals(50, left, 1e-6);
        // The clock moves on between two progress events: the figure counts down with it.
        assertEquals(49.5, t.secondsLeft(0.5, 10.5), 1e-6);
    }

    /**
     * The audit's case with a controlled clock: the first 100 of the first shot's 1,000 steps run
     * 20 times slower (the JIT's warm-up: 20 ms a step, then 1 ms), progress every 10 steps, 3 shots.
     * Projected from the shot's start, 10 % done in 2 s said 58 s left in a run of 4.9 s; from the
     * recent rate, the figure is within 30 % of the truth once it is given,
     * given by a third of the shot, and the second shot is expected to take 1 s, not 2.9 s.
     */
    @Test
    void theFirstShotsWarmUpDoesNotInflateTheTimeLeft() {
        RemainingTime t = new RemainingTime(3);
        double laterShotS = 1.0;
        double firstGiven = Double.NaN;
        double clock = 0;
        for (int step = 0; step <= 1000; step++) {
            if (step > 0) {
                clock += step <= 100 ? 0.020 : 0.001;
            }
            if (step % 10 != 0) {
                continue;
            }
            double truth = (1000 - step) * 0.001 + 2 * laterShotS;
            double left = t.secondsLeft(step / 1000.0, clock);
            if (!Double.isNaN(left)) {
                firstGiven = Double.isNaN(firstGiven) ? step / 1000.0 : firstGiven;
                assertEquals(truth, left, 0.3 * truth, "step " + step + " at " + clock + " s");
            }
        }
        assertTrue(firstGiven <= 0.35, "a figure by a third of the shot, first at " + firstGiven);
        t.shotFinished(clock);
        assertEquals(laterShotS, t.pace(), 0.05, "the first shot's time at its settled speed");
        assertEquals(2 * laterShotS, t.secondsLeft(0, 0), 0.1, "two shots of 1 s left when the second starts");
    }

    @Test
    void finishedShotsAfterTheFirstSetThePaceOfTheOnesNotStarted() {
        RemainingTime t = new RemainingTime(4);
        t.shotFinished(20);
        assertEquals(20, t.pace(), 1e-9, "the first alone");
        t.shotFinished(30);
        assertEquals(30, t.pace(), 1e-9, "the first (JIT warm-up) left out once another finished");
        // Third shot a quarter done in 5 s: 3/4 of it left at a rate between the pace (30 s) and its own
        // (20 s), weighted by the fraction done; then one shot at the pace.
        assertEquals(0.75 * (5 + 0.75 * 30) + 30, t.secondsLeft(0.25, 5), 1e-9);
        // Just started: a shot at the pace, and one more.
        assertEquals(60, t.secondsLeft(0, 0), 1e-9);
    }

    /**
     * The audit's case: a first shot of 4 s (warm-up), then a shot of 0.6 s, under the second
     * before which a first shot gives no estimate. The time left counts down with the shot's
     * progress (a clock of its own: elapsed = 0.6 s × fraction) to nothing, never stuck at 4 s.
     */
    @Test
    void aShortShotCountsDownWithItsProgress() {
        RemainingTime t = new RemainingTime(3);
        t.shotFinished(4.0);
        t.shotFinished(0.6);
        double before = Double.POSITIVE_INFINITY;
        for (int percent = 0; percent <= 100; percent += 10) {
            double f = percent / 100.0;
            double left = t.secondsLeft(f, 0.6 * f);
            assertTrue(left < before, percent + " %: " + left + " s left, before " + before);
            assertEquals(0.6 * (1 - f), left, 1e-9, "the shot's own rate is the pace here");
            before = left;
        }
        assertEquals(0, t.secondsLeft(1, 0.6), 1e-9);
    }

    @Test
    void lastShotPastItsProjectionLeavesNothingNegative() {
        RemainingTime t = new RemainingTime(1);
        for (int percent = 0; percent < 100; percent++) {
            t.secondsLeft(percent / 100.0, 0.1 * percent);
        }
        // Its last step at 12 s, not the 10 s its rate said.
        assertEquals(0, t.secondsLeft(1.0, 12), 1e-9);
        assertEquals(0, t.secondsLeft(1.0, 13), 1e-9);
    }

    @Test
    void formatsSecondsMinutesAndHours() {
        assertEquals("?", RemainingTime.format(Double.NaN));
        assertEquals("45 s", RemainingTime.format(44.6));
        assertEquals("3 min 05 s", RemainingTime.format(185));
        assertEquals("2 h 07 min", RemainingTime.format(2 * 3600 + 7 * 60 + 10));
    }
}
