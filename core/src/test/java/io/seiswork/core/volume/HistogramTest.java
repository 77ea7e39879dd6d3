package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void quantileInterpolatesInsideTheCrossingBin() {
        Histogram h = new Histogram(0, 10, new long[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10});
        assertEquals(5.0, h.quantile(0.5), 1e-12);
        assertEquals(9.9, h.quantile(0.99), 1e-12);
        assertEquals(0.0, h.quantile(0), 1e-12);
    }

    @Test
    void builderFindsRangeAndSpreadsCountsOverBins() {
        HistogramBuilder b = new HistogramBuilder();
        float[] v = new float[10001];
        for (int i = 0; i < v.length; i++) {
            v[i] = -1 + 2f * i / (v.length - 1);
        }
        b.add(v, 0, v.length);
        Histogram h = b.build(256);
        assertEquals(-1, h.min());
        assertEquals(1, h.max());
        assertEquals(v.length, h.total());
        assertEquals(0.0, h.quantile(0.5), 0.02, "median of a uniform ramp");
        assertEquals(0.98, h.symmetricClip(98), 0.02, "98 % symmetric clip of a uniform ramp on [-1, 1]");
    }

    @Test
    void symmetricClipTakesTheLargerTail() {
        Histogram h = new Histogram(-1, 3, new long[] {25, 25, 25, 25});
        assertEquals(3.0 - 4 * 0.005, h.symmetricClip(99), 1e-9);
    }

    @Test
    void nonFiniteValuesAreNotCounted() {
        HistogramBuilder b = new HistogramBuilder();
        b.add(new float[] {1, Float.NaN, Float.POSITIVE_INFINITY, 2}, 0, 4);
        Histogram h = b.build(4);
        assertEquals(2, h.total());
        assertEquals(2.0, h.max());
    }
}
