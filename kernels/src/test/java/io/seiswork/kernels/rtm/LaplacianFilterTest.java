package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Grid;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The image filter −∇² against analytic Laplacians, edge nodes included: a field linear in x, y
 * and z has none (counting the outside as zero gave its edges the step's second derivative, the
 * bright frame of the layered demo), and a quadratic one has the constant −∇² everywhere. Every
 * order, unequal spacings, 2D and 3D (whose planes come from the array, null beyond the grid).
 */
class LaplacianFilterTest {

    private interface Field {
        double at(double x, double y, double z);
    }

    private static float[] sample(Grid g, Field f) {
        float[] a = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    a[g.index(ix, iy, iz)] = (float) f.at(ix * g.dx(), iy * g.dy(), iz * g.dz());
                }
            }
        }
        return a;
    }

    /**
     * The {@link LaplacianFilter} on an image held in one array, plane by plane, each plane given
     * its neighbours from the array (null beyond the grid).
     */
    static float[] filtered(float[] in, Grid g, int order) {
        LaplacianFilter filter = new LaplacianFilter(g, order);
        int w = filter.radius();
        int plane = g.nx() * g.nz();
        float[] out = new float[in.length];
        float[][] around = new float[2 * w + 1][];
        float[] filtered = new float[plane];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int k = -w; k <= w; k++) {
                int j = iy + k;
                around[w + k] = j < 0 || j >= g.ny() ? null : Arrays.copyOfRange(in, j * plane, (j + 1) * plane);
            }
            filter.applyToPlane(around, iy, filtered);
            System.arraycopy(filtered, 0, out, iy * plane, plane);
        }
        return out;
    }

    /** Asserts −∇² of {@code f} is {@code expected} at every node, within {@code tolerance}. */
    private static void assertFiltered(Grid g, int order, Field f, double expected, double tolerance) {
        float[] out = filtered(sample(g, f), g, order);
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    assertEquals(expected, out[g.index(ix, iy, iz)], tolerance,
                            "order " + order + " at (" + ix + ", " + iy + ", " + iz + ") of " + g.nx() + " x " + g.ny()
                                    + " x " + g.nz());
                }
            }
        }
    }

    private static final Grid G2 = new Grid(23, 1, 17, 10, 10, 5);
    private static final Grid G3 = new Grid(11, 9, 10, 10, 8, 5);

    @Test
    void aLinearFieldHasNoResponseAnywhereEdgesIncluded() {
        Field linear = (x, y, z) -> 3 + 0.02 * x - 0.05 * y + 0.04 * z;
        for (int order : new int[] {2, 4, 8}) {
            assertFiltered(G2, order, linear, 0, 1e-6);
            assertFiltered(G3, order, linear, 0, 1e-6);
        }
    }

    @Test
    void aQuadraticFieldHasItsAnalyticLaplacianEverywhereEdgesIncluded() {
        // ∇² of a x² + b y² + c z² + cross terms is 2 (a + b + c): the cross terms have none.
        double a = 1e-3;
        double b = 2e-3;
        double c = -4e-3;
        Field quadratic = (x, y, z) -> a * x * x + b * y * y + c * z * z + 1e-3 * x * z - 2e-3 * x * y + 0.01 * x;
        for (int order : new int[] {2, 4, 8}) {
            assertFiltered(G2, order, quadratic, -2 * (a + c), 2e-6);
            assertFiltered(G3, order, quadratic, -2 * (a + b + c), 2e-6);
        }
    }
}
