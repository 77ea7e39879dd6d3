package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values the spec form writes when the user picks another form of a value: a layout of
 * sources or receivers turned into another layout of the same points, and a first velocity of a
 * new kind made from the one the spec has. Numbers are computed in decimal from the spec's own
 * literals, so a line of x0 = 0.1 every 0.2 m lists 0.3, not 0.30000000000000004.
 */
final class FormValues {

    /** Most points a line or a grid is expanded to when it becomes a list (a 316 × 316 grid). */
    static final int MAX_LISTED_POINTS = 100_000;

    /** Most rows written on one line; longer arrays get a line a row (a text area lays out one huge line slowly). */
    static final int MAX_ROWS_ON_ONE_LINE = 20;

    private FormValues() {
    }

    /** A line of the layout's points: the same line; a grid's first row; a list's first point and spacing. */
    static String line(JsonNode layout, JsonNode grid) {
        String[] l = lineValues(layout, grid);
        return object("x0", l[0], "dx", l[1], "n", l[2], "y", l[3], "z", l[4]);
    }

    /** An areal grid of the layout's points: a line is a grid of one row; a list is its first point and spacing, one row. */
    static String grid(JsonNode layout, JsonNode grid) {
        JsonNode g = layout.path("grid");
        if (g.isObject()) {
            return object("x0", text(g, "x0", "0"), "dx", text(g, "dx", "100"), "nx", text(g, "nx", "1"),
                    "y0", text(g, "y0", "0"), "dy", text(g, "dy", "100"), "ny", text(g, "ny", "1"), "z", text(g, "z", "0"));
        }
        String[] l = lineValues(layout, grid);
        return object("x0", l[0], "dx", l[1], "nx", l[2], "y0", l[3], "dy", l[1], "ny", "1", "z", l[4]);
    }

    /** x0, dx, n, y, z of the line {@link #line} writes. */
    private static String[] lineValues(JsonNode layout, JsonNode grid) {
        JsonNode l = layout.path("line");
        if (l.isObject()) {
            return new String[] {text(l, "x0", "0"), text(l, "dx", "100"), text(l, "n", "1"), text(l, "y", "0"), text(l, "z", "0")};
        }
        JsonNode g = layout.path("grid");
        if (g.isObject()) {
            return new String[] {text(g, "x0", "0"), text(g, "dx", "100"), text(g, "nx", "1"), text(g, "y0", "0"), text(g, "z", "0")};
        }
        List<String[]> points = listed(layout);
        if (points != null) {
            String[] first = points.getFirst();
            return new String[] {first[0], spacing(points, grid), Integer.toString(points.size()), first[1], first[2]};
        }
        return new String[] {"0", plain(new BigDecimal(cell(grid, "dx", 10)).multiply(BigDecimal.TEN)),
                Integer.toString(Math.max(1, size(grid, "nx") / 10)), "0", cell(grid, "dz", 1)};
    }

    /**
     * The layout's points as a list, in the layout's order (shot and receiver numbers stay), or
     * null when there are more than {@value #MAX_LISTED_POINTS}; a long one written a point a
     * line, two steps past {@code indent}, the line of the layout's member ({@link #array}).
     */
    static String list(JsonNode layout, String indent) {
        if (layout.path("list").isArray()) {
            List<String> rows = new ArrayList<>();
            layout.path("list").forEach(p -> rows.add(p.toString()));
            return array(rows, indent + "    ", indent + "  ");
        }
        List<String> points = new ArrayList<>();
        JsonNode l = layout.path("line");
        JsonNode g = layout.path("grid");
        if (l.isObject()) {
            long n = l.path("n").asLong(1);
            if (n > MAX_LISTED_POINTS) {
                return null;
            }
            for (long i = 0; i < n; i++) {
                points.add(point(step(text(l, "x0", "0"), text(l, "dx", "0"), i), text(l, "y", "0"), text(l, "z", "0")));
            }
        } else if (g.isObject()) {
            long nx = g.path("nx").asLong(1);
            long ny = g.path("ny").asLong(1);
            if (nx * ny > MAX_LISTED_POINTS) {
                return null;
            }
            for (long j = 0; j < ny; j++) {
                for (long i = 0; i < nx; i++) {
                    points.add(point(step(text(g, "x0", "0"), text(g, "dx", "0"), i),
                            step(text(g, "y0", "0"), text(g, "dy", "0"), j), text(g, "z", "0")));
                }
            }
        } else {
            points.add(point("0", "0", "0"));
        }
        return array(points, indent + "    ", indent + "  ");
    }

    /**
     * A JSON array of {@code rows} (literals): on one line when there are a few, else a row a
     * line indented by {@code rowIndent}, the closing bracket on a line of its own indented by
     * {@code closeIndent}.
     */
    static String array(List<String> rows, String rowIndent, String closeIndent) {
        if (rows.size() <= MAX_ROWS_ON_ONE_LINE) {
            return "[ " + String.join(", ", rows) + " ]";
        }
        String row = "\n" + rowIndent;
        return "[" + row + String.join("," + row, rows) + "\n" + closeIndent + "]";
    }

    /** A constant velocity: the spec's constant, or its first layer's; else 2000 m/s. */
    static String constant(JsonNode velocity) {
        if (finite(velocity.path("constant"))) {
            return object("constant", plain(velocity.path("constant").decimalValue()));
        }
        JsonNode first = velocity.path("layers").path(0).path("vp");
        return object("constant", finite(first) ? plain(first.decimalValue()) : "2000");
    }

    /**
     * Layers: the spec's own; a constant becomes the top layer over a layer 500 m/s faster from
     * half the model's depth, something to edit.
     */
    static String layers(JsonNode velocity, JsonNode grid) {
        if (velocity.path("layers").isArray()) {
            return object("layers", velocity.path("layers").toString());
        }
        String top = finite(velocity.path("constant")) ? plain(velocity.path("constant").decimalValue()) : "1500";
        BigDecimal half = new BigDecimal(cell(grid, "dz", 10)).multiply(BigDecimal.valueOf(Math.max(1, size(grid, "nz") / 2)));
        String below = plain(new BigDecimal(top).add(BigDecimal.valueOf(500)));
        return object("layers", "[ { \"top\": 0, \"vp\": " + top + " }, { \"top\": " + plain(half) + ", \"vp\": " + below + " } ]");
    }

    /** A moving spread of a quarter of the model's width (rounded to 100 m, at least 100 m). */
    static String movingSpread(JsonNode grid) {
        double width = new BigDecimal(cell(grid, "dx", 10)).doubleValue() * Math.max(1, size(grid, "nx") - 1);
        long max = Math.max(100, Math.round(width / 4 / 100) * 100);
        return "{ \"moving\": { \"minOffset\": 0, \"maxOffset\": " + max + " } }";
    }

    /** A JSON object of key, literal pairs on one line. */
    static String object(String... keysAndLiterals) {
        StringBuilder b = new StringBuilder("{ ");
        for (int i = 0; i < keysAndLiterals.length; i += 2) {
            b.append(i == 0 ? "" : ", ").append('"').append(keysAndLiterals[i]).append("\": ").append(keysAndLiterals[i + 1]);
        }
        return b.append(" }").toString();
    }

    private static List<String[]> listed(JsonNode layout) {
        JsonNode list = layout.path("list");
        if (!list.isArray() || list.isEmpty()) {
            return null;
        }
        List<String[]> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isArray() || p.size() < 3 || !finite(p.get(0)) || !finite(p.get(1)) || !finite(p.get(2))) {
                return null;
            }
            out.add(new String[] {p.get(0).asText(), p.get(1).asText(), p.get(2).asText()});
        }
        return out;
    }

    /** The x spacing of listed points: the first two's, else ten cells. */
    private static String spacing(List<String[]> points, JsonNode grid) {
        if (points.size() > 1) {
            BigDecimal d = new BigDecimal(points.get(1)[0]).subtract(new BigDecimal(points.get(0)[0]));
            if (d.signum() != 0) {
                return plain(d);
            }
        }
        return plain(new BigDecimal(cell(grid, "dx", 10)).multiply(BigDecimal.TEN));
    }

    private static String point(String x, String y, String z) {
        return "[" + x + ", " + y + ", " + z + "]";
    }

    private static String step(String origin, String spacing, long i) {
        return plain(new BigDecimal(origin).add(new BigDecimal(spacing).multiply(BigDecimal.valueOf(i))));
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode o, String key, String absent) {
        JsonNode v = o == null ? null : o.get(key);
        return finite(v) ? plain(v.decimalValue()) : absent;
    }

    private static String cell(JsonNode grid, String key, double absent) {
        JsonNode v = grid.get(key);
        return finite(v) && v.asDouble() > 0 ? plain(v.decimalValue()) : plain(BigDecimal.valueOf(absent));
    }

    /** Whether {@code v} is a number a double holds (1e400 is not: it reads as infinity). */
    static boolean finite(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.asDouble());
    }

    private static int size(JsonNode grid, String key) {
        JsonNode v = grid.get(key);
        return v != null && v.canConvertToInt() ? v.asInt() : 1;
    }
}
