package io.seiswork.render.snapshot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/**
 * Writes a JavaFX image (a view's snapshot) to a PNG file through {@code javax.imageio}, so that
 * pictures for reports and docs need no {@code javafx-swing}. Call it off the JavaFX thread: the
 * copy and the encoding take tens of milliseconds for a window.
 */
public final class PngWriter {

    private PngWriter() {
    }

    public static void write(Image image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            b.setRGB(0, y, w, 1, row, 0, w);
        }
        if (!ImageIO.write(b, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
