package io.seiswork.render.section;

import static io.seiswork.render.FxTestSupport.snapshot;
import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.render.FxTestSupport;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.plot.PlotFrame;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A volume NaN everywhere (a migration that blew up): the section is blank, not the seismic
 * map's darkest blue, and says it has no finite samples instead of drawing a made-up scale.
 */
@ExtendWith(ApplicationExtension.class)
class SectionNonFiniteTest {

    private SectionView view;

    @Start
    void start(Stage stage) {
        view = new SectionView(FxTestSupport.nanEverywhere());
        view.colorMapProperty().set(ColorMap.SEISMIC);
        stage.setScene(new Scene(view, 640, 420));
        stage.show();
    }

    @Test
    void aVolumeNanEverywhereIsBlankAndSaysSo() {
        waitUntil(() -> view.displayedLevelProperty().get() == 0);
        Image img = snapshot(view);
        int x0 = (int) Math.ceil(view.xOf(0)) + 2;
        int x1 = (int) Math.floor(view.xOf(950)) - 2;
        int y0 = (int) Math.ceil(view.yOf(0)) + 2;
        int y1 = (int) Math.floor(view.yOf(1190)) - 2;
        assertTrue(x1 - x0 > 100 && y1 - y0 > 100, "the plot: " + x0 + ".." + x1 + " x " + y0 + ".." + y1);
        assertEquals(0, count(img, x0, x1, y0, y1, SectionNonFiniteTest::blue), "no pixel of the plot is a map colour's blue");
        // The note, dark red text, across the middle of the plot.
        int yc = (y0 + y1) / 2;
        assertTrue(count(img, x0, x1, yc - 10, yc + 10, SectionNonFiniteTest::darkRed) > 20, "the note is drawn");
        // No colour bar right of the plot: its column is white.
        int w = (int) img.getWidth();
        int least = FxTestSupport.darkest(img, x1 + 12, w - 4, y0 + 10, y1 - 10);
        assertTrue(least > 240, "nothing right of the plot, no scale for a volume without a finite sample: darkest "
                + least);
        assertTrue(PlotFrame.NO_FINITE_SAMPLES.startsWith("no finite samples"));
    }

    private static int count(Image img, int x0, int x1, int y0, int y1, java.util.function.IntPredicate p) {
        PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (p.test(r.getArgb(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean blue(int argb) {
        return (argb & 0xff) > 60 && ((argb >> 16) & 0xff) < 40 && ((argb >> 8) & 0xff) < 40;
    }

    private static boolean darkRed(int argb) {
        return ((argb >> 16) & 0xff) > 90 && ((argb >> 8) & 0xff) < 70 && (argb & 0xff) < 70;
    }
}
