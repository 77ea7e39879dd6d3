package io.seiswork.render;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.testfx.util.WaitForAsyncUtils;

/** Test volumes and pixel helpers shared by the view tests. */
public final class FxTestSupport {

    /** Test volume size: nz = 300 gives a level-1 preview (150 samples) before level 0. */
    public static final int NX = 96;
    /** Samples along y. */
    public static final int NY = 64;
    /** Samples along z. */
    public static final int NZ = 300;

    private FxTestSupport() {
    }

    /** Axes of the test volume: 10 m grid, 4 m depth step. */
    public static VolumeAxes axes() {
        return new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 4, 0));
    }

    /** The synthetic layered volume with its bright reflector at {@link SyntheticVolume#brightIndex()}. */
    public static SyntheticVolume synthetic() {
        return new SyntheticVolume(NX, NY, NZ);
    }

    /** The synthetic volume in memory, pyramid down to 64 samples. */
    public static ArrayVolume inMemory() {
        return new ArrayVolume("synthetic", axes(), synthetic().toArray(), "m", "amplitude", 64);
    }

    /** The test axes NaN everywhere, as a migration that blew up writes its image. */
    public static ArrayVolume nanEverywhere() {
        float[] nan = new float[NX * NY * NZ];
        java.util.Arrays.fill(nan, Float.NaN);
        return new ArrayVolume("blew-up", axes(), nan, "m", "amplitude", 64);
    }

    /** Waits (up to 10 s) for {@code condition}, then for pending JavaFX events. */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A snapshot of {@code node} taken on the JavaFX thread. */
    public static Image snapshot(Node node) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, () -> node.snapshot(null, null));
    }

    /** Mean brightness (0..255, the mean of r, g and b) of row {@code y} between x0 and x1. */
    public static double rowBrightness(Image img, int y, int x0, int x1) {
        PixelReader r = img.getPixelReader();
        double sum = 0;
        for (int x = x0; x < x1; x++) {
            int argb = r.getArgb(x, y);
            sum += (((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff)) / 3.0;
        }
        return sum / (x1 - x0);
    }

    /** The largest {@link #rowBrightness} of the rows in [y0, y1). */
    public static double maxRowBrightness(Image img, int y0, int y1, int x0, int x1) {
        return rowBrightness(img, brightestRow(img, y0, y1, x0, x1), x0, x1);
    }

    /**
     * The darkest value (the least of r, g and b) of the pixels in columns [x0, x1) and rows
     * [y0, y1): 255 where they are all white (nothing drawn there).
     */
    public static int darkest(Image img, int x0, int x1, int y0, int y1) {
        PixelReader r = img.getPixelReader();
        int least = 255;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int argb = r.getArgb(x, y);
                least = Math.min(least, Math.min((argb >> 16) & 0xff, Math.min((argb >> 8) & 0xff, argb & 0xff)));
            }
        }
        return least;
    }

    /**
     * Asserts that nothing is drawn in the last 4 columns of {@code img} between a quarter of its
     * height and 36 px above its bottom, where a colour bar's tick labels run out of a view that
     * cut them ("-5.343e-0" for -5.343e-05).
     */
    public static void assertTheRightEdgeIsBlank(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int least = darkest(img, w - 4, w, h / 4, h - 36);
        if (least < 200) {
            throw new AssertionError("something is drawn at the view's right edge (a label cut off?): darkest " + least);
        }
    }

    /** The row in [y0, y1) with the largest {@link #rowBrightness}. */
    public static int brightestRow(Image img, int y0, int y1, int x0, int x1) {
        int best = y0;
        double b = -1;
        for (int y = y0; y < y1; y++) {
            double v = rowBrightness(img, y, x0, x1);
            if (v > b) {
                b = v;
                best = y;
            }
        }
        return best;
    }
}
