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
    void finishedShotsSetThePaceOfTheOnesNotStarted() {
        RemainingTime t = new RemainingTime(4);
        t.shotFinished(20);
        t.shotFinished(30);
        // Third shot: a quarter done in 5 s (20 s projected, 15 s left), one shot of 25 s (the mean) after it.
        assertEquals(40, t.secondsLeft(0.25, 5), 1e-9);
        // Too early in the third shot to project it: it is taken as a mean shot.
        assertEquals(25 - 0.2 + 25, t.secondsLeft(0.001, 0.2), 1e-9);
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
