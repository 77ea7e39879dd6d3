package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Propagator#heapBytes} predicts, without allocating, exactly the arrays a propagator then
 * holds ({@link Propagator#allocatedBytes}): what {@code seiswork bench} checks against the heap.
 */
class PropagatorHeapBytesTest {

    @ParameterizedTest(name = "{0} x {1} x {2}, order {3}, width {4}, free surface {5}, {6} threads, vector {7}")
    @CsvSource({
        "37, 1, 29, 8, 20, false, 2, true",
        "37, 1, 29, 4, 20, true, 1, true",
        "37, 1, 29, 2, 5, false, 3, false",
        "21, 18, 23, 8, 20, false, 2, true",
        "21, 18, 23, 4, 12, true, 2, false",
        "21, 18, 23, 8, 0, false, 2, true",
        "40, 1, 50, 8, 0, false, 1, true",
        "9, 7, 5, 2, 3, true, 4, true"})
    void predictsTheArraysThePropagatorAllocates(int nx, int ny, int nz, int order, int width, boolean freeSurface,
            int threads, boolean vector) {
        Grid g = ny == 1 ? Grid.of2d(nx, nz, 10) : Grid.of3d(nx, ny, nz, 10);
        VelocityModel model = VelocityModel.constant(g, 2000f);
        long predicted = Propagator.heapBytes(g, order, width, freeSurface, threads, vector);
        try (WorkerPool pool = new WorkerPool(threads)) {
            Propagator p = width == 0 ? Propagator.interiorOnly(model, order, 1e-3, pool)
                    : new Propagator(model, new PhysicsOptions(order, width, freeSurface), 1e-3, 15, pool, vector);
            assertEquals(p.allocatedBytes(), predicted);
            // the three padded fields alone are a floor: nothing is left out
            assertTrue(predicted >= 3L * p.grid().points() * Float.BYTES);
        }
    }

    @ParameterizedTest
    @CsvSource({"1500, 1500, 1500"})
    void aGridBeyondOneArrayIsRefusedAsTheConstructorRefusesIt(int nx, int ny, int nz) {
        Grid g = Grid.of3d(nx, ny, nz, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Propagator.heapBytes(g, 8, 0, false, 2, true));
        assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
    }
}
