package io.seiswork.render.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.volume.Histogram;
import org.junit.jupiter.api.Test;

class RasterizerTest {

    @Test
    void valuesAtAndBeyondTheClipTakeTheEndColours() {
        int[] px = Rasterizer.argb(new float[] {-5, -1, 0, 1, 5}, new Clip(-1, 1), ColorMap.GRAY);
        assertArrayEquals(new int[] {0xff000000, 0xff000000, 0xff808080, 0xffffffff, 0xffffffff}, px);
    }

    @Test
    void percentileClipIsSymmetricForAmplitudesAndOneSidedForVelocities() {
        Histogram h = new Histogram(1500, 4500, new long[] {100, 100, 100});
        Clip sym = Clip.percentile(h, 98, true);
        Clip vel = Clip.percentile(h, 98, false);
        assertEquals(-sym.high(), sym.low());
        assertEquals(4500 - 3000 * 0.01, sym.high(), 1e-9);
        assertEquals(1500 + 3000 * 0.01, vel.low(), 1e-9);
        assertEquals(4500 - 3000 * 0.01, vel.high(), 1e-9);
    }

    @Test
    void constantVolumeGetsAUsableClip() {
        Clip c = Clip.percentile(new Histogram(0, 0, new long[] {10}), 99, true);
        assertEquals(0.5, c.normalise(0), 1e-12);
    }
}
