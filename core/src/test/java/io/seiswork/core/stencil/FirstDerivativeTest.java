package io.seiswork.core.stencil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FirstDerivativeTest {

    @ParameterizedTest
    @EnumSource(FirstDerivative.class)
    void differentiatesOddPolynomialsUpToItsOrderExactly(FirstDerivative d) {
        // d/dx x^p at x = 0 is 1 for p = 1 and 0 for odd p in 3 .. order - 1.
        for (int p = 1; p < d.order(); p += 2) {
            double s = 0;
            for (int k = 1; k <= d.radius(); k++) {
                s += 2 * d.coefficient(k) * Math.pow(k, p);
            }
            assertEquals(p == 1 ? 1.0 : 0.0, s, 1e-13, "order " + d.order() + " power " + p);
        }
    }

    @ParameterizedTest
    @EnumSource(FirstDerivative.class)
    void pairsWithTheSecondDerivativeOfTheSameOrder(FirstDerivative d) {
        assertEquals(SecondDerivative.ofOrder(d.order()).radius(), d.radius());
    }
}
