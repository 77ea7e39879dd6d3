package io.seiswork.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemainingTimeTest {

    @Test
    void noEstimateWhileTheFirstShotHasBarelyStarted() {
        RemainingTime t = new RemainingTime(3);
        assertTrue(Double.isNaN(t.secondsLeft(0.01, 5)), "1 % done");
        assertTrue(Double.isNaN(t.secondsLeft(0.5, 0.5)), "half a second in");
    }

    @Test
    void firstShotProjectsItselfOntoTheShotsStillToCome() {
        RemainingTime t = new RemainingTime(3);
        // Half of a 20 s shot done: 10 s of it left, then two more shots of 20 s.
        assertEquals(50, t.secondsLeft(0.5, 10), 1e-9);
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
        assertEquals(0, t.secondsLeft(1.0, 12), 1e-9);
    }

    @Test
    void formatsSecondsMinutesAndHours() {
        assertEquals("?", RemainingTime.format(Double.NaN));
        assertEquals("45 s", RemainingTime.format(44.6));
        assertEquals("3 min 05 s", RemainingTime.format(185));
        assertEquals("2 h 07 min", RemainingTime.format(2 * 3600 + 7 * 60 + 10));
    }
}
