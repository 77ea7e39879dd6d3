package io.seiswork.render.gather;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import org.junit.jupiter.api.Test;

/** A gather's raster is at most twice the plot's pixels, each pixel the sample at its centre. */
class GatherRasterTest {

    @Test
    void aLargeGatherTakesTheSampleAtEachPixelsCentre() {
        int n = 2000;
        float[] s = new float[n * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                s[k * n + i] = k * 2000 + i;  // trace and sample readable from the value (exact in a float)
            }
        }
        Gather g = new Gather(s, new Sampling(n, 0.001, 0.1), new Sampling(n, 10, 0), "receiver");
        int cols = GatherRaster.columnsFor(n, 400);
        int rows = GatherRaster.rowsFor(n, 300);
        assertEquals(800, cols);
        assertEquals(600, rows);
        Slice r = GatherRaster.slice(g, cols, rows);
        assertEquals(800, r.width());
        assertEquals(600, r.height());
        // Column 0 covers traces 0 .. 2.5, its centre 1.25: trace 1; row 599 covers samples 1996.7 .. 2000: 1998.
        assertEquals(1 * 2000 + 1, r.value(0, 0));
        assertEquals(1998 * 2000 + 1998, r.value(599, 799));
        assertEquals(1001 * 2000 + 1001, r.value(300, 400));
        // Its axes span the gather's cells, edge to edge.
        assertEquals(-5, r.across().first() - r.across().delta() / 2, 1e-9);
        assertEquals(19995, r.across().last() + r.across().delta() / 2, 1e-9);
        assertEquals(0.0995, r.down().first() - r.down().delta() / 2, 1e-12);
        assertEquals(2.0995, r.down().last() + r.down().delta() / 2, 1e-12);
    }

    @Test
    void aGatherThatFitsIsItsSamplesOneForOne() {
        Gather g = GatherFixtures.gather();
        Slice r = GatherRaster.slice(g, GatherRaster.columnsFor(48, 490), GatherRaster.rowsFor(250, 414));
        assertEquals(g.traces(), r.across());
        assertEquals(g.time(), r.down());
        assertArrayEquals(g.rowsByTime(), r.values());
    }
}
