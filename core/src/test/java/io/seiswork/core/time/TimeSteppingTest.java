package io.seiswork.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityModel;
import org.junit.jupiter.api.Test;

class TimeSteppingTest {

    @Test
    void cflStepIsBelowTheLimitAndDividesTheOutputInterval() {
        VelocityModel m = VelocityModel.constant(Grid.of3d(10, 10, 10, 10), 3000f);
        Sampling out = new Sampling(501, 0.004, 0);
        TimeStepping t = TimeStepping.fromCfl(m, 8, out);
        double limit = SecondDerivative.ORDER_8.maxStableDtS(3000, 10, 10, 10);
        assertTrue(t.dtS() <= 0.8 * limit + 1e-15, "dt " + t.dtS() + " vs limit " + limit);
        double ratio = out.delta() / t.dtS();
        assertEquals(Math.round(ratio), ratio, 1e-9);
        assertTrue(t.dtS() * (t.steps() - 1) >= out.last() - 1e-12);
    }

    @Test
    void unstableGivenStepIsRejectedNamingTheLimit() {
        VelocityModel m = VelocityModel.constant(Grid.of2d(10, 10, 5), 4000f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeStepping.of(0.01, m, 8, new Sampling(10, 0.01, 0)));
        assertTrue(e.getMessage().contains("CFL"), e.getMessage());
    }

    /** 60 s in 1 ns steps: 6 × 10¹⁰ + 1 levels, counted exactly (an int wrapped them to -2147483648). */
    @Test
    void stepCountsBeyondAnIntAreCountedExactly() {
        Sampling out = new Sampling(15001, 0.004, 0);
        assertEquals(6e10 + 1, TimeStepping.stepsFor(1e-9, out), 2);
        assertEquals(501, TimeStepping.stepsFor(0.004, new Sampling(501, 0.004, 0)));
    }

    /** A CFL step far below the output interval: refused naming the count and the limit, not wrapped. */
    @Test
    void anAxisOfMoreStepsThanTheEngineTakesIsRefused() {
        VelocityModel m = VelocityModel.constant(Grid.of2d(51, 51, 1e-5), 2000f);
        Sampling out = new Sampling(15001, 0.004, 0);
        long steps = TimeStepping.stepsFor(TimeStepping.cflStepS(m, 8, TimeStepping.DEFAULT_SAFETY, out), out);
        assertTrue(steps > Integer.MAX_VALUE, "steps " + steps);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeStepping.fromCfl(m, 8, out));
        assertTrue(e.getMessage().startsWith(steps + " time steps of ")
                && e.getMessage().endsWith("more than the engine's limit of " + TimeStepping.MAX_STEPS), e.getMessage());
        TimeStepping fits = TimeStepping.fromCfl(VelocityModel.constant(Grid.of2d(51, 51, 1e-3), 2000f), 8,
                new Sampling(51, 0.004, 0));
        assertEquals(TimeStepping.stepsFor(fits.dtS(), fits.outputS()), fits.steps());
    }
}
