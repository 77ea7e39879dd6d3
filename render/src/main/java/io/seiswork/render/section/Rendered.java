package io.seiswork.render.section;

import io.seiswork.core.volume.Slice;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.color.Rasterizer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A slice coloured and copied into an image on a worker thread, ready to show: the JavaFX thread
 * only hands the image to a canvas or a material. A {@link WritableImage} may be created and
 * written on any thread while no scene shows it; copying the pixels of a zoomed-in depth slice
 * (6000 × 4000, 96 MB) or of three 4096² planes on the JavaFX thread froze the window for as long.
 *
 * @param slice the samples and their axes
 * @param image one pixel per sample, opaque; transparent where the sample is NaN or infinite.
 *     Shown by one view only, never written again.
 * @param clip the clip used
 * @param map the colour map used
 */
public record Rendered(Slice slice, WritableImage image, Clip clip, ColorMap map) {

    /** Colours {@code slice} and fills its image (call off the JavaFX thread). */
    public static Rendered of(Slice slice, Clip clip, ColorMap map) {
        int w = slice.width();
        int h = slice.height();
        int[] argb = Rasterizer.argb(slice.values(), clip, map);
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Rendered(slice, img, clip, map);
    }
}
