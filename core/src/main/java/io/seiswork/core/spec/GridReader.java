package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.MAX_GRID_AXIS;

import io.seiswork.core.grid.Grid;

/**
 * Reads a spec's {@code grid}: node counts along x, y and z and spacings in metres, within
 * {@link JobSpecReader#MAX_GRID_AXIS} nodes an axis and {@link Grid#MAX_NODES} in all; and, for a
 * migration, whether its depth step {@code dz} can be written to {@code image.sgy} (whole
 * millimetres, 1..32767).
 */
final class GridReader {

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    GridReader(Problems problems) {
        this.problems = problems;
    }

    /** The grid of object {@code g}; null when {@code g} is null (its absence already reported) or a problem leaves no grid. */
    Grid grid(JsonObject g) {
        if (g == null) {
            return null;
        }
        int nx = g.integer("nx", null, 1, MAX_GRID_AXIS);
        int ny = g.integer("ny", 1, 1, MAX_GRID_AXIS);
        int nz = g.integer("nz", null, 1, MAX_GRID_AXIS);
        double dx = g.positive("dx", null);
        double dy = g.positive("dy", Double.isNaN(dx) ? 1.0 : dx);
        double dz = g.positive("dz", null);
        g.rejectUnknownKeys();
        if (nx < 1 || ny < 1 || nz < 1 || Double.isNaN(dx) || Double.isNaN(dy) || Double.isNaN(dz)) {
            return null;
        }
        long points = (long) nx * ny * nz;
        if (points > Grid.MAX_NODES) {
            problems.error(g.path(), "has " + points + " nodes, more than a grid may have ("
                    + Grid.MAX_NODES + "); split the survey or coarsen the grid");
            return null;
        }
        if (nx < 2 || nz < 2) {
            if (nx < 2) {
                problems.error(g.pathOf("nx"), "must be >= 2 (a grid needs at least 2 nodes along x and z), got " + nx);
            }
            if (nz < 2) {
                problems.error(g.pathOf("nz"), "must be >= 2 (a grid needs at least 2 nodes along x and z), got " + nz);
            }
            return null;
        }
        return new Grid(nx, ny, nz, dx, dy, dz);
    }

    /**
     * A migration writes {@code image.sgy} with dz in millimetres in the sample-interval
     * field, rounded to a whole number from 1 to 32767: a dz outside that range (under 0.5 mm,
     * 32.7675 m or more) is refused here rather than after every shot; one that is not a whole
     * number of millimetres is warned of (the field says the rounded step; {@code image.swv}
     * keeps the exact dz).
     */
    void checkImageDepthStep(JsonObject root, Grid grid) {
        double mm = grid.dz() * 1000;
        long field = Math.round(mm);
        String path = root.pathOf("grid") + ".dz";
        String why = " for task rtm: image.sgy keeps the depth step in millimetres in SEG-Y's 15-bit sample"
                + " interval field (1..32767 mm)";
        if (field > Short.MAX_VALUE) {
            problems.independentError(path, "must be < 32.7675 m" + why + ", got " + Problems.num(grid.dz(), 32.7675));
        } else if (field < 1) {
            problems.independentError(path, "must be >= 0.0005 m" + why + ", got " + Problems.num(grid.dz(), 0.0005));
        } else if (Math.abs(mm - field) > 1e-6) {
            problems.warning(path, Problems.num(grid.dz()) + " m is not a whole number of millimetres: image.sgy's"
                    + " sample interval field will say " + field + " (" + Problems.num(field / 1000.0) + " m);"
                    + " image.swv keeps the exact dz");
        }
    }
}
