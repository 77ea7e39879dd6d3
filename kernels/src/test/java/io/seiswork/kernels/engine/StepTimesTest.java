package io.seiswork.kernels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The timed runs' median and extremes, whatever order they ran in and however many fit the time. */
class StepTimesTest {

    @Test
    void theMedianIsTheMiddleRunOrTheMeanOfTheTwoMiddleOnes() {
        assertEquals(new StepTimes(2, 1, 9), StepTimes.of(9, 1, 2));
        assertEquals(new StepTimes(2.5, 1, 9), StepTimes.of(3, 9, 1, 2), "four runs (the time limit cut the fifth)");
        assertEquals(new StepTimes(4, 4, 4), StepTimes.of(4));
        assertEquals(new StepTimes(6, 3, 15), StepTimes.of(2, 1, 5).scaled(3));
        assertThrows(IllegalArgumentException.class, StepTimes::of);
    }
}
