package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.MAX_LAYOUT_AXIS;
import static io.seiswork.core.spec.JobSpecReader.MAX_LAYOUT_POINTS;
import static io.seiswork.core.spec.JobSpecReader.MAX_LINE_POINTS;

import com.fasterxml.jackson.databind.JsonNode;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads where a spec puts its sources or receivers ({@link Layout}): a line, a grid or a list of
 * points, positions in metres, each point distinct and inside the model's grid (a point outside
 * it an error that leaves the spec whole, so the resolver's checks still run).
 */
final class LayoutReader {

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    LayoutReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The layout of object {@code o}, its points checked against {@code grid} when there is one;
     * null when {@code o} is null (its absence already reported) or a problem leaves none.
     *
     * @param what "shot" or "receiver", for messages
     */
    Layout layout(JsonObject o, String what, Grid grid) {
        if (o == null) {
            return null;
        }
        List<String> forms = List.of("line", "grid", "list");
        String form = o.oneOf(forms);
        forms.forEach(o::has);
        if (form == null) {
            return null;
        }
        Layout layout = switch (form) {
            case "line" -> {
                JsonObject l = o.object("line", true);
                double x0 = l.number("x0", null);
                double dx = l.number("dx", 0.0);
                int n = l.integer("n", null, 1, MAX_LINE_POINTS);
                double y = yOf(l, "y", grid);
                double z = l.number("z", null);
                l.rejectUnknownKeys();
                checkSpacing(l, "dx", dx, "n", n, what, "point");
                yield anyNaN(x0, dx, y, z) || n < 1 ? null : new Layout.Line(x0, dx, n, y, z);
            }
            case "grid" -> {
                JsonObject g = o.object("grid", true);
                double x0 = g.number("x0", null);
                double dx = g.number("dx", 0.0);
                int nx = g.integer("nx", null, 1, MAX_LAYOUT_AXIS);
                double y0 = yOf(g, "y0", grid);
                double dy = g.number("dy", 0.0);
                int ny = g.integer("ny", 1, 1, MAX_LAYOUT_AXIS);
                double z = g.number("z", null);
                g.rejectUnknownKeys();
                checkSpacing(g, "dx", dx, "nx", nx, what, "x");
                if (grid != null && grid.is2d() && ny > 1) {
                    problems.error(g.pathOf("ny"), "must be 1 in a 2D grid (grid.ny 1): " + ny + " rows of " + what
                            + "s would all lie on the one y and repeat each other, got " + ny);
                    yield null;
                }
                checkSpacing(g, "dy", dy, "ny", ny, what, "y");
                if (nx >= 1 && ny >= 1 && (long) nx * ny > MAX_LAYOUT_POINTS) {
                    problems.error(g.path(), "has " + ((long) nx * ny) + " points, more than " + MAX_LAYOUT_POINTS);
                    yield null;
                }
                yield anyNaN(x0, dx, y0, dy, z) || nx < 1 || ny < 1 ? null : new Layout.Areal(x0, dx, nx, y0, dy, ny, z);
            }
            default -> points(o);
        };
        if (layout != null && grid != null) {
            checkInside(o.pathOf(form), what, layout, grid);
        }
        return layout;
    }

    private Layout points(JsonObject o) {
        JsonNode arr = o.raw("list");
        String path = o.pathOf("list");
        if (!arr.isArray() || arr.isEmpty()) {
            problems.error(path, "must be a non-empty array of [x, y, z] in metres");
            return null;
        }
        List<Position> pts = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < arr.size(); i++) {
            JsonNode p = arr.get(i);
            if (!p.isArray() || p.size() != 3 || !p.get(0).isNumber() || !p.get(1).isNumber() || !p.get(2).isNumber()) {
                problems.error(path + "[" + i + "]", "must be [x, y, z] (three numbers, metres), got " + p);
                ok = false;
                continue;
            }
            pts.add(new Position(p.get(0).doubleValue(), p.get(1).doubleValue(), p.get(2).doubleValue()));
        }
        if (ok && !distinct(path, pts)) {
            return null;
        }
        return ok ? new Layout.Points(pts) : null;
    }

    /**
     * The y of a line, or the first y of a grid layout; when the spec leaves it out 0 in 2D,
     * where y means nothing; required (null) in 3D, where 0 would put every point on the grid's
     * y = 0 face, beside the absorbing layer.
     */
    private double yOf(JsonObject o, String key, Grid grid) {
        if (grid != null && !grid.is2d() && !o.has(key)) {
            problems.error(o.pathOf(key), "is required in 3D (grid.ny = " + grid.ny() + "): left out, every point"
                    + " would lie on the grid's y = 0 face, beside the absorbing layer");
            return Double.NaN;
        }
        return o.number(key, 0.0);
    }

    /**
     * Whether the listed points are distinct; else an error naming the first repeat's indices
     * (two shots or receivers at one point record the same traces twice).
     */
    private boolean distinct(String path, List<Position> pts) {
        java.util.Map<Position, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < pts.size(); i++) {
            Position p = pts.get(i);
            // -0.0 and 0.0 are one place; a record compares doubles by their bits.
            Position key = new Position(p.x() + 0.0, p.y() + 0.0, p.z() + 0.0);
            Integer before = seen.putIfAbsent(key, i);
            if (before != null) {
                problems.error(path + "[" + i + "]", "repeats " + path + "[" + before + "] ("
                        + Problems.num(p.x()) + ", " + Problems.num(p.y()) + ", " + Problems.num(p.z())
                        + "): each listed point must be distinct");
                return false;
            }
        }
        return true;
    }

    private void checkInside(String path, String what, Layout layout, Grid grid) {
        List<Position> pts = layout.positions();
        int outside = 0;
        int first = -1;
        for (int i = 0; i < pts.size(); i++) {
            Position p = pts.get(i);
            if (!grid.contains(p.x(), p.y(), p.z())) {
                if (first < 0) {
                    first = i;
                }
                outside++;
            }
        }
        if (outside > 0) {
            Position p = pts.get(first);
            Sampling x = grid.xAxis();
            Sampling y = grid.yAxis();
            Sampling z = grid.zAxis();
            String extent = "x 0.." + end(x, p.x()) + (grid.is2d() ? "" : ", y 0.." + end(y, p.y()))
                    + ", z 0.." + end(z, p.z()) + " m";
            String at = grid.is2d()
                    ? "(x " + coordinate(x, p.x()) + ", z " + coordinate(z, p.z()) + ")"
                    : "(x " + coordinate(x, p.x()) + ", y " + coordinate(y, p.y()) + ", z " + coordinate(z, p.z()) + ")";
            problems.independentError(path, outside + " of " + pts.size() + " " + what + (pts.size() == 1 ? "" : "s")
                    + " outside the grid (" + extent + "); first: " + what + " " + (first + 1) + " at " + at);
        }
    }

    /**
     * The end of an axis, metres, for a message about a point at {@code c}: when {@code c} lies past it,
     * with as many digits as tell them apart ({@link Problems#num(double, double)}); else as a person
     * writes it, the float residue of (n - 1) x d rounded away.
     */
    private static String end(Sampling axis, double c) {
        return axis.contains(c) ? Problems.num(axis.last()) : Problems.num(axis.last(), c);
    }

    /** A point's coordinate {@code c}, metres, written as {@link #end} writes the axis's end. */
    private static String coordinate(Sampling axis, double c) {
        return axis.contains(c) ? Problems.num(c) : Problems.num(c, axis.last());
    }

    /**
     * Records an error that leaves the spec whole when spacing {@code key} (metres) is 0 but
     * {@code count} > 1 points would share one place: "dx is 0: nx = 3 receivers at one x; give dx
     * > 0, or nx = 1".
     *
     * @param where what the points share: "point" for a line, "x" or "y" for a grid
     */
    private void checkSpacing(JsonObject o, String key, double spacing, String countKey, int count, String what,
            String where) {
        if (spacing == 0 && count > 1) {
            problems.independentError(o.pathOf(key), zero(o, key) + ": " + countKey + " = " + count + " " + what
                    + "s at one " + where + "; give " + key + " > 0, or " + countKey + " = 1");
        }
    }

    /** "is 0" for a spacing given as 0, "not given (0)" for one left out (it defaults to 0). */
    private static String zero(JsonObject o, String key) {
        return o.has(key) ? "is 0" : "not given (0)";
    }

    private static boolean anyNaN(double... v) {
        for (double d : v) {
            if (Double.isNaN(d)) {
                return true;
            }
        }
        return false;
    }
}
