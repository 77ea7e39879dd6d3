package io.seiswork.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CubicConvolutionTest {

    @Test
    void weightsAreTheKernelAtTheFourDistancesAndSumToOne() {
        double[] w = new double[4];
        for (double f = 0; f < 1; f += 0.125) {
            CubicConvolution.weights(f, w);
            assertEquals(CubicConvolution.weight(1 + f), w[0], 1e-15);
            assertEquals(CubicConvolution.weight(f), w[1], 1e-15);
            assertEquals(CubicConvolution.weight(1 - f), w[2], 1e-15);
            assertEquals(CubicConvolution.weight(2 - f), w[3], 1e-15);
            assertEquals(1, w[0] + w[1] + w[2] + w[3], 1e-15);
        }
    }

    @Test
    void reproducesQuadraticsExactly() {
        // Keys' kernel with a = -0.5 is third-order: a quadratic is interpolated without error.
        double[] w = new double[4];
        double f = 0.3;
        CubicConvolution.weights(f, w);
        double s = 0;
        for (int k = 0; k < 4; k++) {
            double x = k - 1;
            s += w[k] * (2 * x * x - 3 * x + 1);
        }
        assertEquals(2 * f * f - 3 * f + 1, s, 1e-12);
    }
}
