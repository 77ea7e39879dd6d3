package io.seiswork.core.stencil;

import java.util.Arrays;

/**
 * Central finite-difference coefficients of the second derivative for the space orders Seiswork
 * supports, and the stability and accuracy limits that follow from them.
 *
 * <p>This is the one place that knows the coefficients: validation (CFL, points per wavelength)
 * and every engine (CPU, CUDA) read them from here, so a limit that validation accepts is the
 * limit the kernels actually run at.
 *
 * <p>For order {@code 2r} the operator is
 * {@code d²u/dx² ≈ (c[0] u[i] + Σ_{k=1..r} c[k] (u[i-k] + u[i+k])) / h²}.
 */
public enum SecondDerivative {
    ORDER_2(2, new double[] {-2.0, 1.0}, 10.0),
    ORDER_4(4, new double[] {-5.0 / 2.0, 4.0 / 3.0, -1.0 / 12.0}, 6.0),
    ORDER_8(8, new double[] {-205.0 / 72.0, 8.0 / 5.0, -1.0 / 5.0, 8.0 / 315.0, -1.0 / 560.0}, 4.0);

    /**
     * Fewest grid points per minimum wavelength below which no space order gives a usable
     * answer (the wavelength is then barely above the grid's Nyquist of 2 points).
     */
    public static final double HARD_FLOOR_POINTS_PER_WAVELENGTH = 2.5;

    private final int order;
    private final double[] coefficients;
    private final double recommendedPointsPerWavelength;

    SecondDerivative(int order, double[] coefficients, double recommendedPointsPerWavelength) {
        this.order = order;
        this.coefficients = coefficients;
        this.recommendedPointsPerWavelength = recommendedPointsPerWavelength;
    }

    /** The operator for a space order (2, 4 or 8). */
    public static SecondDerivative ofOrder(int order) {
        for (SecondDerivative d : values()) {
            if (d.order == order) {
                return d;
            }
        }
        throw new IllegalArgumentException("space order must be one of 2, 4, 8, got " + order);
    }

    /** Whether {@code order} is a supported space order. */
    public static boolean isSupported(int order) {
        return Arrays.stream(values()).anyMatch(d -> d.order == order);
    }

    /** The space order (2, 4 or 8). */
    public int order() {
        return order;
    }

    /** Half-width of the stencil in grid cells ({@code order / 2}): the halo an engine needs. */
    public int radius() {
        return order / 2;
    }

    /** Coefficient {@code c[k]}, k = 0 (centre) .. radius. */
    public double coefficient(int k) {
        return coefficients[k];
    }

    /** A copy of the coefficients c[0..radius]. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Largest magnitude of the operator's Fourier symbol times h², reached at the grid Nyquist
     * wavenumber: {@code |c0| + 2 Σ |ck|} (the signs alternate, so this is exact).
     */
    public double symbolMax() {
        double s = Math.abs(coefficients[0]);
        for (int k = 1; k < coefficients.length; k++) {
            s += 2 * Math.abs(coefficients[k]);
        }
        return s;
    }

    /**
     * Largest stable time step in seconds of the second-order leapfrog scheme for velocity
     * {@code vMaxMps} on spacings {@code spacingsM} (one per propagating axis):
     * {@code dt ≤ 2 / (v sqrt(Σ_d symbolMax / h_d²))}.
     */
    public double maxStableDtS(double vMaxMps, double... spacingsM) {
        double sum = 0;
        for (double h : spacingsM) {
            sum += symbolMax() / (h * h);
        }
        return 2.0 / (vMaxMps * Math.sqrt(sum));
    }

    /** Points per minimum wavelength this order needs for a dispersion error of about 1 %. */
    public double recommendedPointsPerWavelength() {
        return recommendedPointsPerWavelength;
    }
}
