package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TicksTest {

    @Test
    void ticksAreNiceStepsInsideTheRange() {
        assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0, 2000.0), Ticks.of(-12, 2010, 5));
        assertEquals(List.of(0.2, 0.4, 0.6000000000000001, 0.8), Ticks.of(0.1, 0.9, 4).subList(0, 4));
    }

    /**
     * A range drawn from cell edge to cell edge (401 cells of 10 m: -5 to 4005 m) with room for 2
     * ticks: the nice step above 2,005 m is 5,000 m, which left "0" alone (the Run tab's wavefield
     * at 1024 px had no far-end value); the next finer step that gives two is taken.
     */
    @Test
    void aNarrowAxisKeepsBothEndsOfItsScale() {
        assertEquals(List.of(0.0), Ticks.of(-5, 4005, 2), "the nearest nice step alone");
        assertEquals(List.of(0.0, 2000.0, 4000.0), Ticks.atLeastTwo(-5, 4005, 2));
        assertEquals(List.of(0.0, 2000.0), Ticks.atLeastTwo(-5, 2005, 2), "two already: unchanged");
        assertEquals(List.of(0.0, 1.0), Ticks.atLeastTwo(-0.1, 1.01, 1));
        assertEquals(List.of(-0.5, 0.0, 0.5), Ticks.atLeastTwo(-0.6, 0.6, 1));
        for (double max = 0.3; max < 5000; max *= 1.37) {
            List<Double> t = Ticks.atLeastTwo(-max / 400, max * 1.001, 2);
            assertTrue(t.size() >= 2 && t.size() <= 5, max + ": " + t);
        }
    }

    /**
     * The 3D box's z edge asks {@link Ticks#of} for only as many as fit: a thin slab (1.5 km deep,
     * room for one label) keeps one, not the two that {@link Ticks#atLeastTwo} would force, whose
     * labels overlapped ("0" and "1000" about 13 px apart on a 60 km × 1.5 km volume).
     */
    @Test
    void ofDoesNotForceASecondTick() {
        assertEquals(List.of(0.0), Ticks.of(0, 1500, 1));
        assertEquals(List.of(0.0, 1000.0), Ticks.atLeastTwo(0, 1500, 1));
    }

    /**
     * A section zoomed without limit: an infinite range, or one a single ulp wide, ends at once
     * (the finer-step loop had no bound and spun for ever), with no ticks for an empty,
     * non-finite or zero range. The timeout guards against a hang; it measures nothing.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void degenerateRangesEndAtOnce() {
        for (int target : new int[] {1, 2, 5}) {
            assertEquals(List.of(), Ticks.atLeastTwo(0, Double.POSITIVE_INFINITY, target));
            assertEquals(List.of(), Ticks.atLeastTwo(Double.NEGATIVE_INFINITY, 0, target));
            assertEquals(List.of(), Ticks.atLeastTwo(-Double.MAX_VALUE, Double.MAX_VALUE, target), "width overflows");
            assertEquals(List.of(), Ticks.atLeastTwo(Double.NaN, 1, target));
            assertEquals(List.of(), Ticks.atLeastTwo(7, 7, target), "zero range");
            assertEquals(List.of(), Ticks.of(0, Double.POSITIVE_INFINITY, target));
            for (double at : new double[] {0, 1, 1e6, 4005, -3.7e9}) {
                double next = Math.nextUp(at);
                // Rounding at this scale may repeat a value; the count stays a handful.
                List<Double> t = Ticks.atLeastTwo(at, next, target);
                assertTrue(t.size() < 10, at + ": one ulp: " + t);
                assertTrue(Ticks.of(at, next, target).size() < 10, at + ": one ulp");
            }
        }
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
