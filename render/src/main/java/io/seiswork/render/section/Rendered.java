package io.seiswork.render.section;

import io.seiswork.core.volume.Slice;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.color.Rasterizer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A slice coloured and ready to show: computed on a worker thread, copied into an image on the
 * JavaFX thread.
 *
 * @param slice the samples and their axes
 * @param argb one pixel per sample, row by row (opaque; transparent where the sample is NaN or infinite)
 * @param clip the clip used
 * @param map the colour map used
 */
public record Rendered(Slice slice, int[] argb, Clip clip, ColorMap map) {

    /** Colours {@code slice} (call off the JavaFX thread). */
    public static Rendered of(Slice slice, Clip clip, ColorMap map) {
        return new Rendered(slice, Rasterizer.argb(slice.values(), clip, map), clip, map);
    }

    /** The image of the pixels, one per sample (call on the JavaFX thread: a copy, no computing). */
    public WritableImage toImage() {
        int w = slice.width();
        int h = slice.height();
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }
}
