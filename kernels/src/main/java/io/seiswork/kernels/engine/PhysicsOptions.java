package io.seiswork.kernels.engine;

import io.seiswork.core.spec.PhysicsSpec;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * Numerical physics of a run: the spatial accuracy and the model boundaries.
 *
 * @param spaceOrder finite-difference order in space: 2, 4 or 8
 * @param boundaryWidth width in grid cells of the absorbing layer (convolutional PML) added
 *     outside the user's grid on every absorbing side; at least the stencil radius
 * @param freeSurface whether the top (z = 0) is a pressure-free surface (p = 0) instead of
 *     absorbing: it produces the ghost and the surface multiples of marine data
 */
public record PhysicsOptions(int spaceOrder, int boundaryWidth, boolean freeSurface) {

    /** Default space order: the eighth-order stencil needs about 4 points per wavelength. */
    public static final int DEFAULT_SPACE_ORDER = 8;

    /** Default absorbing-layer width in cells: reflections below 1 % at normal incidence. */
    public static final int DEFAULT_BOUNDARY_WIDTH = 20;

    public PhysicsOptions {
        SecondDerivative op = SecondDerivative.ofOrder(spaceOrder);
        if (boundaryWidth < op.radius() || boundaryWidth > PhysicsSpec.MAX_BOUNDARY_WIDTH) {
            throw new IllegalArgumentException("physics.boundary.width must be between " + op.radius()
                    + " (the stencil radius of space order " + spaceOrder + ") and " + PhysicsSpec.MAX_BOUNDARY_WIDTH
                    + " cells, got " + boundaryWidth);
        }
    }

    /** The physics a job spec asks for (its boundary type is C-PML, the only one the engines have). */
    public static PhysicsOptions of(PhysicsSpec spec) {
        return new PhysicsOptions(spec.spaceOrder(), spec.boundaryWidth(), spec.freeSurface());
    }

    /** Order 8, 20-cell C-PML on all sides, no free surface. */
    public static PhysicsOptions defaults() {
        return new PhysicsOptions(DEFAULT_SPACE_ORDER, DEFAULT_BOUNDARY_WIDTH, false);
    }

    /** These options with another space order. */
    public PhysicsOptions withSpaceOrder(int order) {
        return new PhysicsOptions(order, boundaryWidth, freeSurface);
    }

    /** These options with another boundary width in cells. */
    public PhysicsOptions withBoundaryWidth(int cells) {
        return new PhysicsOptions(spaceOrder, cells, freeSurface);
    }

    /** These options with the free surface on or off. */
    public PhysicsOptions withFreeSurface(boolean on) {
        return new PhysicsOptions(spaceOrder, boundaryWidth, on);
    }

    /** The second-derivative operator of {@link #spaceOrder()}. */
    public SecondDerivative operator() {
        return SecondDerivative.ofOrder(spaceOrder);
    }
}
