package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void ticksAreNiceStepsInsideTheRange() {
        assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0, 2000.0), Ticks.of(-12, 2010, 5));
        assertEquals(List.of(0.2, 0.4, 0.6000000000000001, 0.8), Ticks.of(0.1, 0.9, 4).subList(0, 4));
    }

    @Test
    void labelsDropTrailingZeros() {
        assertEquals("1250", Ticks.label(1250.0));
        assertEquals("0.6", Ticks.label(0.6000000000000001));
        assertEquals("-12.5", Ticks.label(-12.5));
    }

    /** Values read out under the pointer: four significant digits, no trailing zeros, whole numbers whole. */
    @Test
    void valuesKeepFourSignificantDigits() {
        assertEquals("2200", Ticks.value(2200));
        assertEquals("0.02183", Ticks.value(0.021834));
        assertEquals("-1.5e-05", Ticks.value(-1.5e-5));
        assertEquals("1.235e+07", Ticks.value(12_345_678.5));
        assertEquals("0.1", Ticks.value(0.1f));
    }
}
