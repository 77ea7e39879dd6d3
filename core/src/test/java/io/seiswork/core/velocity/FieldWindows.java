package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Windows to try on a grid, and the bit-for-bit comparison of a field's windows with a whole model's crops. */
public final class FieldWindows {

    private FieldWindows() {
    }

    /** A window of columns x0.. (nx wide) by y0.. (ny wide). */
    public record Box(int x0, int y0, int nx, int ny) {

        public Grid on(Grid g) {
            return new Grid(nx, ny, g.nz(), g.dx(), g.dy(), g.dz());
        }

        @Override
        public String toString() {
            return "window x " + x0 + ".." + (x0 + nx - 1) + ", y " + y0 + ".." + (y0 + ny - 1);
        }
    }

    /**
     * Windows of {@code g}: the whole grid, interior ones, ones touching each edge and each corner,
     * one column, whole rows and whole y lines.
     */
    public static List<Box> of(Grid g) {
        int nx = g.nx();
        int ny = g.ny();
        int wx = Math.max(1, nx / 3);
        int wy = Math.max(1, ny / 3);
        int mx = (nx - wx) / 2;
        int my = (ny - wy) / 2;
        List<Box> boxes = new ArrayList<>(List.of(
                new Box(0, 0, nx, ny),                       // whole grid
                new Box(mx, my, wx, wy),                     // interior
                new Box(0, my, wx, wy),                      // left edge
                new Box(nx - wx, my, wx, wy),                // right edge
                new Box(mx, 0, wx, wy),                      // front edge
                new Box(mx, ny - wy, wx, wy),                // back edge
                new Box(0, 0, wx, wy),                       // corner
                new Box(nx - wx, ny - wy, wx, wy),           // opposite corner
                new Box(nx / 2, ny / 2, 1, 1),               // one column
                new Box(0, my, nx, wy),                      // whole rows
                new Box(mx, 0, wx, ny)));                    // whole y lines
        if (nx > 2 && ny > 2) {
            boxes.add(new Box(1, 1, nx - 2, ny - 2));        // all but a rim
        }
        return boxes;
    }

    /**
     * Asserts that every window of {@link #of} read from {@code field} equals {@code whole}'s crop
     * bit for bit, and that the field's range is the whole model's.
     */
    public static void assertWindowsMatch(VelocityModel whole, VelocityField field) {
        Grid g = whole.grid();
        assertEquals(g, field.grid(), "grid");
        for (Box b : of(g)) {
            Grid w = b.on(g);
            assertSameBits(whole.window(b.x0(), b.y0(), w), field.window(b.x0(), b.y0(), w), b.toString());
        }
        assertEquals(whole.min(), field.min(), "min m/s");
        assertEquals(whole.max(), field.max(), "max m/s");
    }

    /** Asserts equal grids and values equal bit for bit. */
    public static void assertSameBits(VelocityModel expected, VelocityModel actual, String what) {
        assertEquals(expected.grid(), actual.grid(), what + ": grid");
        assertArrayEquals(bits(expected.values()), bits(actual.values()), what + ": values differ");
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /**
     * A model of distinct velocities between {@code lo} and {@code hi} m/s, irregular enough that a
     * value read from the wrong node or smoothed over the wrong neighbours shows.
     */
    public static VelocityModel random(Grid g, long seed, float lo, float hi) {
        Random rnd = new Random(seed);
        float[] v = new float[g.points()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextFloat();
        }
        VelocityModel m = new VelocityModel(g, v);
        assertTrue(m.min() >= lo && m.max() <= hi);
        return m;
    }
}
