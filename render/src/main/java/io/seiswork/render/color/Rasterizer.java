package io.seiswork.render.color;

/**
 * Turns samples into opaque ARGB pixels with a colour map and a clip: the per-pixel work of every
 * view, done on worker threads so the JavaFX thread only copies finished pixels into an image.
 */
public final class Rasterizer {

    private Rasterizer() {
    }

    /** ARGB of every sample of {@code values}, in the same order. */
    public static int[] argb(float[] values, Clip clip, ColorMap map) {
        int[] out = new int[values.length];
        double scale = ColorMap.SIZE / (clip.high() - clip.low());
        double low = clip.low();
        for (int i = 0; i < values.length; i++) {
            double f = (values[i] - low) * scale;
            int k = f > 0 ? (f >= ColorMap.SIZE ? ColorMap.SIZE - 1 : (int) f) : 0;
            out[i] = map.entry(k);
        }
        return out;
    }
}
