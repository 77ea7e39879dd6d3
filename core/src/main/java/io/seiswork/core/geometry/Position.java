package io.seiswork.core.geometry;

/**
 * A point in the model, in metres from the first grid node; z grows downward. In 2D models
 * (ny = 1) y is ignored.
 */
public record Position(double x, double y, double z) {

    /** Horizontal distance in metres to {@code other} (the SEG-Y offset). */
    public double horizontalDistanceTo(Position other) {
        return Math.hypot(other.x - x, other.y - y);
    }

    /** Straight-line distance in metres to {@code other}. */
    public double distanceTo(Position other) {
        double ddx = other.x - x;
        double ddy = other.y - y;
        double ddz = other.z - z;
        return Math.sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
    }
}
