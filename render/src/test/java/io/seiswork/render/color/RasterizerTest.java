package io.seiswork.render.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void nanAndInfiniteSamplesAreBlankNotTheEndColours() {
        // A migration that blew up writes NaN and ±Inf: none is the strongest negative (or
        // positive) amplitude, so none may take the colour map's end colour.
        float[] v = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -1, 1};
        for (ColorMap map : ColorMap.values()) {
            int[] px = Rasterizer.argb(v, new Clip(-1, 1), map);
            assertArrayEquals(new int[] {Rasterizer.BLANK, Rasterizer.BLANK, Rasterizer.BLANK, map.entry(0),
                map.entry(ColorMap.SIZE - 1)}, px, map + ": non-finite samples transparent, finite ones opaque");
            assertEquals(0, px[0] >>> 24, "NaN's alpha");
        }
    }

    @Test
    void aHistogramWithoutFiniteSamplesGivesAnUnmeasuredClip() {
        // What HistogramBuilder writes for a volume NaN everywhere: no sample counted.
        Histogram none = new Histogram(0, 0, new long[256]);
        assertFalse(Clip.percentile(none, 99, true).measured());
        assertFalse(Clip.percentile(none, 99, false).measured());
        assertTrue(Clip.percentile(new Histogram(0, 0, new long[] {10}), 99, true).measured(),
                "a constant volume has finite samples: its clip is real");
    }
}
