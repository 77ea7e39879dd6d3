package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import org.junit.jupiter.api.Test;

class LayeredVelocityFieldTest {

    private static final Grid G2 = new Grid(23, 1, 31, 10, 10, 10);
    private static final Grid G3 = new Grid(13, 11, 31, 10, 12, 10);

    @Test
    void constantWindowsEqualTheConstantModel() {
        for (Grid g : new Grid[] {G2, G3}) {
            FieldWindows.assertWindowsMatch(VelocityModel.constant(g, (float) 1234.56789),
                    LayeredVelocityField.constant(g, 1234.56789));
        }
    }

    @Test
    void layersFollowTheirTopsWithTheResolversTolerance() {
        // Tops at 0, 100 m (just below iz 10 by less than 1 nm: still counts) and 205 m.
        var f = LayeredVelocityField.layers(G2, new double[] {0, 100 + 5e-10, 205}, new double[] {1500, 2000.3, 3000});
        float[] expected = new float[G2.nz()];
        for (int iz = 0; iz < expected.length; iz++) {
            expected[iz] = iz < 10 ? 1500f : iz <= 20 ? (float) 2000.3 : 3000f;
        }
        assertArrayEquals(expected, f.column());
        VelocityModel whole = new VelocityModel(G2, tile(G2, expected));
        FieldWindows.assertWindowsMatch(whole, f);
    }

    @Test
    void layers3dWindowsEqualTheWholeModel() {
        var f = LayeredVelocityField.layers(G3, new double[] {0, 55, 170}, new double[] {1480, 1900, 2600});
        FieldWindows.assertWindowsMatch(new VelocityModel(G3, tile(G3, f.column())), f);
    }

    @Test
    void rangeIsTheRealisedColumnsNotTheListedLayers() {
        // A fast layer below the bottom of the grid (300 m) is never reached.
        var f = LayeredVelocityField.layers(G2, new double[] {0, 120, 5000}, new double[] {1500, 1800, 9000});
        assertEquals(1500f, f.min());
        assertEquals(1800f, f.max());
    }

    @Test
    void laterLayerInTheListWinsAsInTheResolver() {
        // Not sorted by depth: the 0 m layer comes last and so covers every node.
        var f = LayeredVelocityField.layers(G2, new double[] {100, 0}, new double[] {2500, 1700});
        assertEquals(1700f, f.min());
        assertEquals(1700f, f.max());
    }

    @Test
    void badLayerIsReportedWithItsFirstNodeAndCount() {
        var e = assertThrows(InvalidVelocityException.class, () -> LayeredVelocityField.layers(G3,
                new double[] {0, 200}, new double[] {1500, -3}));
        long badPerColumn = 11; // iz 20..30
        assertEquals(badPerColumn * 13 * 11 + " of " + G3.nodes()
                + " velocities are not positive and finite; first at node (ix 0, iy 0, iz 20): -3.0 m/s", e.getMessage());
        assertArrayEquals(new int[] {0, 0, 20}, e.firstNode());
    }

    @Test
    void zeroConstantIsRejected() {
        var e = assertThrows(InvalidVelocityException.class, () -> LayeredVelocityField.constant(G2, 0));
        assertEquals(G2.nodes(), e.badNodes());
        assertEquals(0f, e.firstValueMps());
    }

    @Test
    void holdsOneColumnForAGridBeyondOneArray() {
        Grid g = new Grid(20_000, 10_000, 1000, 12.5, 12.5, 10); // 2e11 nodes, 800 GB as floats
        var f = LayeredVelocityField.constant(g, 2000);
        VelocityModel w = f.window(19_990, 9_995, new Grid(10, 5, 1000, 12.5, 12.5, 10));
        assertEquals(2000f, w.min());
        assertEquals(2000f, w.max());
        assertThrows(IllegalStateException.class, f::whole);
    }

    private static float[] tile(Grid g, float[] column) {
        float[] v = new float[g.points()];
        for (int c = 0; c < g.nx() * g.ny(); c++) {
            System.arraycopy(column, 0, v, c * g.nz(), g.nz());
        }
        return v;
    }
}
