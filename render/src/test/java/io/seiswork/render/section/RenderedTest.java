package io.seiswork.render.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.render.color.Clip;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.color.Rasterizer;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The image of a coloured slice is built and filled on the worker thread that colours it, so the
 * JavaFX thread copies no pixels (a 6000 × 4000 slice is 96 MB).
 */
@ExtendWith(ApplicationExtension.class)
class RenderedTest {

    @Start
    void start(Stage stage) {
        // The toolkit running, as in the application: nothing shown.
    }

    @Test
    void theImageComesFilledFromTheWorkerThread() throws Exception {
        int w = 300;
        int h = 200;
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.01);
        }
        v[17] = Float.NaN;
        Slice s = new Slice(SliceOrientation.INLINE, 0, 0, new Sampling(w, 1, 0), new Sampling(h, 1, 0), v);
        Clip clip = new Clip(-0.5, 0.5);
        Rendered r = CompletableFuture.supplyAsync(() -> {
            assertFalse(Platform.isFxApplicationThread());
            return Rendered.of(s, clip, ColorMap.SEISMIC);
        }).get();
        assertEquals(w, (int) r.image().getWidth());
        assertEquals(h, (int) r.image().getHeight());
        int[] expected = Rasterizer.argb(v, clip, ColorMap.SEISMIC);
        PixelReader px = r.image().getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(expected[y * w + x], px.getArgb(x, y), "pixel " + x + ", " + y);
            }
        }
        assertEquals(Rasterizer.BLANK, px.getArgb(17, 0), "NaN is transparent");
    }
}
