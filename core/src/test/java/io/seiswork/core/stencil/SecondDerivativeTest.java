package io.seiswork.core.stencil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecondDerivativeTest {

    @ParameterizedTest
    @EnumSource(SecondDerivative.class)
    void coefficientsAnnihilateConstantsAndLinearFunctions(SecondDerivative d) {
        double sum = d.coefficient(0);
        for (int k = 1; k <= d.radius(); k++) {
            sum += 2 * d.coefficient(k);
        }
        assertEquals(0, sum, 1e-14);
    }

    @ParameterizedTest
    @EnumSource(SecondDerivative.class)
    void differentiatesPolynomialsUpToItsOrderExactly(SecondDerivative d) {
        // d²/dx² x^p at x = 0 is 2 for p = 2 and 0 for the other even p below order + 2.
        for (int p = 2; p <= d.order(); p += 2) {
            double s = 0;
            for (int k = 1; k <= d.radius(); k++) {
                s += 2 * d.coefficient(k) * Math.pow(k, p);
            }
            assertEquals(p == 2 ? 2.0 : 0.0, s, 1e-12, "order " + d.order() + ", x^" + p);
        }
    }

    @ParameterizedTest
    @EnumSource(SecondDerivative.class)
    void convergesAtItsOrderOnASine(SecondDerivative d) {
        double e1 = error(d, 0.2);
        double e2 = error(d, 0.1);
        double rate = Math.log(e1 / e2) / Math.log(2);
        assertEquals(d.order(), rate, 0.15, "observed convergence rate");
    }

    private static double error(SecondDerivative d, double h) {
        double x = 0.3;
        double approx = d.coefficient(0) * Math.sin(x);
        for (int k = 1; k <= d.radius(); k++) {
            approx += d.coefficient(k) * (Math.sin(x - k * h) + Math.sin(x + k * h));
        }
        return Math.abs(approx / (h * h) + Math.sin(x));
    }

    @Test
    void secondOrderCflIsTheClassicLimit() {
        // 1D order 2: v dt / h <= 1; 3D: <= 1/sqrt(3).
        assertEquals(1.0, SecondDerivative.ORDER_2.maxStableDtS(1000, 1000), 1e-12);
        assertEquals(1 / Math.sqrt(3), SecondDerivative.ORDER_2.maxStableDtS(1, 1, 1, 1), 1e-12);
        assertTrue(SecondDerivative.ORDER_8.maxStableDtS(1, 1, 1) < SecondDerivative.ORDER_2.maxStableDtS(1, 1, 1));
    }

    @Test
    void unsupportedOrderIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> SecondDerivative.ofOrder(6));
        assertTrue(e.getMessage().contains("2, 4, 8"));
    }
}
