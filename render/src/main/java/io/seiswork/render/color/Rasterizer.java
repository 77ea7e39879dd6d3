package io.seiswork.render.color;

/**
 * Turns samples into ARGB pixels with a colour map and a clip: the per-pixel work of every view,
 * done on worker threads so the JavaFX thread only copies finished pixels into an image. A finite
 * sample gets an opaque colour; NaN and ±∞ (no sample there, or a computation that blew up) get
 * {@link #BLANK}, a transparent pixel, so the view's background shows through: neither is a value
 * on the colour map's scale, and colouring one as its end would draw a made-up strongest amplitude.
 */
public final class Rasterizer {

    /** The pixel of a NaN or infinite sample: fully transparent. */
    public static final int BLANK = 0;

    private Rasterizer() {
    }

    /** ARGB of every sample of {@code values}, in the same order ({@link #BLANK} where not finite). */
    public static int[] argb(float[] values, Clip clip, ColorMap map) {
        int[] out = new int[values.length];
        double scale = ColorMap.SIZE / (clip.high() - clip.low());
        double low = clip.low();
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                out[i] = BLANK;
                continue;
            }
            double f = (v - low) * scale;
            int k = f > 0 ? (f >= ColorMap.SIZE ? ColorMap.SIZE - 1 : (int) f) : 0;
            out[i] = map.entry(k);
        }
        return out;
    }
}
