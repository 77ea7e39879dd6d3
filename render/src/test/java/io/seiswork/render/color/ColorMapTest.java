package io.seiswork.render.color;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void grayRunsFromBlackToWhite() {
        assertEquals(0xff000000, ColorMap.GRAY.argb(0));
        assertEquals(0xffffffff, ColorMap.GRAY.argb(1));
        assertEquals(0xff000000, ColorMap.GRAY.argb(-3), "below the range clamps to the first colour");
    }

    @Test
    void seismicIsWhiteAtZeroBlueBelowRedAbove() {
        int mid = ColorMap.SEISMIC.argb(0.5);
        for (int shift : new int[] {16, 8, 0}) {
            assertEquals(255, (mid >> shift) & 0xff, 3, "zero is white to within one table step");
        }
        assertEquals(0xff800000, ColorMap.SEISMIC.argb(1));
        assertEquals(0xff00004c, ColorMap.SEISMIC.argb(0));
    }

    @Test
    void viridisEndsAtItsPublishedColours() {
        assertEquals(0xff440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xfffde725, ColorMap.VIRIDIS.argb(1));
        int mid = ColorMap.VIRIDIS.argb(0.5);
        assertEquals(0x21, (mid >> 16) & 0xff, 2, "red of the middle anchor #21918c");
        assertEquals(0x91, (mid >> 8) & 0xff, 2, "green");
        assertEquals(0x8c, mid & 0xff, 2, "blue");
    }
}
