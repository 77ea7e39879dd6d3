package io.seiswork.core.stencil;

/**
 * Central finite-difference coefficients of the first derivative, paired with
 * {@link SecondDerivative} of the same space order.
 *
 * <p>Engines need a first derivative only inside absorbing layers (the convolutional PML of the
 * second-order wave equation differentiates the pressure and its memory variable once); keeping
 * the coefficients here, next to the second-derivative ones, keeps this package the one place
 * that knows finite-difference weights.
 *
 * <p>For order {@code 2r}: {@code du/dx ≈ Σ_{k=1..r} a[k] (u[i+k] − u[i−k]) / h}.
 */
public enum FirstDerivative {
    ORDER_2(2, new double[] {0.0, 1.0 / 2.0}),
    ORDER_4(4, new double[] {0.0, 2.0 / 3.0, -1.0 / 12.0}),
    ORDER_8(8, new double[] {0.0, 4.0 / 5.0, -1.0 / 5.0, 4.0 / 105.0, -1.0 / 280.0});

    private final int order;
    private final double[] coefficients;

    FirstDerivative(int order, double[] coefficients) {
        this.order = order;
        this.coefficients = coefficients;
    }

    /** The operator for a space order (2, 4 or 8). */
    public static FirstDerivative ofOrder(int order) {
        for (FirstDerivative d : values()) {
            if (d.order == order) {
                return d;
            }
        }
        throw new IllegalArgumentException("space order must be one of 2, 4, 8, got " + order);
    }

    /** The space order (2, 4 or 8). */
    public int order() {
        return order;
    }

    /** Half-width of the stencil in grid cells ({@code order / 2}). */
    public int radius() {
        return order / 2;
    }

    /** Coefficient {@code a[k]} for k = 1 .. radius (a[0] is 0: the operator is antisymmetric). */
    public double coefficient(int k) {
        return coefficients[k];
    }
}
