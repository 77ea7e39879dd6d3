package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import org.junit.jupiter.api.Test;

class GridSectionsTest {

    /** values = 100·ix + 10·iy + iz, so every sample says where it came from. */
    @Test
    void theInlineHoldsItsPlaneRowByDepth() {
        Grid g = Grid.of3d(4, 3, 5, 10);
        float[] v = new float[g.points()];
        for (int iy = 0; iy < 3; iy++) {
            for (int ix = 0; ix < 4; ix++) {
                for (int iz = 0; iz < 5; iz++) {
                    v[g.index(ix, iy, iz)] = 100 * ix + 10 * iy + iz;
                }
            }
        }
        Slice s = GridSections.inline(g, v, 2);
        assertEquals(SliceOrientation.INLINE, s.orientation());
        assertEquals(2, s.index());
        assertEquals(4, s.across().count());
        assertEquals(5, s.down().count());
        for (int iz = 0; iz < 5; iz++) {
            for (int ix = 0; ix < 4; ix++) {
                assertEquals(100 * ix + 20 + iz, s.values()[iz * 4 + ix], "ix " + ix + " iz " + iz);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> GridSections.inline(g, v, 3));
        assertThrows(IllegalArgumentException.class, () -> GridSections.inline(g, new float[5], 0));
    }
}
