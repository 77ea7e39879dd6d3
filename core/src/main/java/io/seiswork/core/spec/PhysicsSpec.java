package io.seiswork.core.spec;

/**
 * Numerical physics options.
 *
 * @param spaceOrder finite-difference space order: 2, 4 or 8
 * @param boundaryType absorbing boundary method: "cpml"
 * @param boundaryWidth absorbing layer thickness in grid cells, added outside the model
 * @param freeSurface whether the top of the model is a pressure-free surface (sea surface)
 */
public record PhysicsSpec(int spaceOrder, String boundaryType, int boundaryWidth, boolean freeSurface) {

    /**
     * The widest absorbing layer, cells, the spec reader and the engines accept: 25 x the default
     * of 20, whose reflections are already below 0.1 %; a wider one only adds compute.
     */
    public static final int MAX_BOUNDARY_WIDTH = 500;
}
