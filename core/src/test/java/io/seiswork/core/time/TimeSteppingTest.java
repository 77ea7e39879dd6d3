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
}
