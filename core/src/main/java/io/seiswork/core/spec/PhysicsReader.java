package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.DEFAULT_BOUNDARY_WIDTH;

import io.seiswork.core.stencil.SecondDerivative;
import java.util.List;

/**
 * Reads a spec's {@code physics}: the space order of the stencil, the absorbing boundary (its
 * width in cells, from the stencil radius to {@link PhysicsSpec#MAX_BOUNDARY_WIDTH}) and whether
 * the top is a free surface.
 */
final class PhysicsReader {

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    PhysicsReader(Problems problems) {
        this.problems = problems;
    }

    /** The physics of object {@code p}: the defaults when not given. */
    PhysicsSpec physics(JsonObject p) {
        if (p == null) {
            return new PhysicsSpec(8, "cpml", DEFAULT_BOUNDARY_WIDTH, false);
        }
        int order = p.integer("spaceOrder", 8, 2, 8);
        if (order >= 2 && !SecondDerivative.isSupported(order)) {
            problems.error(p.pathOf("spaceOrder"), "must be one of 2, 4, 8, got " + order);
        }
        String type = "cpml";
        int width = DEFAULT_BOUNDARY_WIDTH;
        JsonObject b = p.object("boundary", false);
        if (b != null) {
            type = b.choice("type", "cpml", List.of("cpml"));
            width = b.integer("width", DEFAULT_BOUNDARY_WIDTH, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
            b.rejectUnknownKeys();
            int radius = SecondDerivative.isSupported(order) ? SecondDerivative.ofOrder(order).radius() : 1;
            if (width != Integer.MIN_VALUE && (width < radius || width > PhysicsSpec.MAX_BOUNDARY_WIDTH)) {
                problems.error(b.pathOf("width"), "must be between " + radius + " (the stencil radius of space order "
                        + order + ", the least the engines take) and "
                        + PhysicsSpec.MAX_BOUNDARY_WIDTH + " cells, got " + width + "; 10 or more absorbs well, 20 by"
                        + " default");
            }
        }
        boolean free = p.bool("freeSurface", false);
        p.rejectUnknownKeys();
        return new PhysicsSpec(order, type, width, free);
    }
}
