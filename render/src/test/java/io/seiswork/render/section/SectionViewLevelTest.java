package io.seiswork.render.section;

import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ByteRangeReader;
import io.seiswork.core.volume.FileRangeReader;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A depth slice much larger than its view is read no finer than the view's pixels, counted in
 * bricks read from the file: 1024 x 512 samples in 16³ bricks are 2048 bricks at level 0, 512 at
 * level 1, for a picture of 300 x 150 pixels. Zooming in reads finer.
 */
@ExtendWith(ApplicationExtension.class)
class SectionViewLevelTest {

    private static final int NX = 1024;
    private static final int NY = 512;
    private static final int NZ = 8;
    private static final int BRICK = 16;
    private static final long BRICK_BYTES = 4L * BRICK * BRICK * BRICK;

    @TempDir
    static Path dir;
    private static Path file;

    private final AtomicLong bytesRead = new AtomicLong();
    private SwvReader volume;
    private SectionView view;

    @BeforeAll
    static void write() {
        file = dir.resolve("wide.swv");
        VolumeAxes axes = new VolumeAxes(new Sampling(NX, 10, 0), new Sampling(NY, 10, 0), new Sampling(NZ, 4, 0));
        try (SwvWriter w = SwvWriter.create(file, axes, SwvWriteOptions.defaults().withBrickSize(BRICK))) {
            new SyntheticVolume(NX, NY, NZ).writeTo(w);
        }
    }

    @Start
    void start(Stage stage) {
        ByteRangeReader inner = FileRangeReader.open(file);
        volume = SwvReader.open(new ByteRangeReader() {
            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public void read(long offset, ByteBuffer dst) {
                if (offset > 0) {
                    bytesRead.addAndGet(dst.remaining());  // the header's read (offset 0) is not a brick
                }
                inner.read(offset, dst);
            }

            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public void close() {
                inner.close();
            }
        }, 256L << 20);
        view = new SectionView(volume);
        view.orientationProperty().set(SliceOrientation.DEPTH);
        view.sliceIndexProperty().set(3);
        stage.setScene(new Scene(view, 450, 400));
        stage.show();
    }

    @AfterEach
    void close() {
        volume.close();
    }

    private long bricksRead() {
        return bytesRead.get() / BRICK_BYTES;
    }

    private static long depthSliceBricks(int level) {
        long across = ((NX >> level) + BRICK - 1) / BRICK;
        long down = ((NY >> level) + BRICK - 1) / BRICK;
        return across * down;
    }

    @Test
    void aDepthSliceIsReadAtTheLevelCoveringThePlotThenFinerWhenZoomedIn(FxRobot robot) {
        waitUntil(() -> view.refinedProperty().get());
        int level = view.displayedLevelProperty().get();
        assertEquals(1, level, "the 2:1 map letterboxed in a 300 px wide plot is 300 x 150 px: level 1's 512 x 256 samples cover it, "
                + "level 2's 256 x 128 do not: view "
                + view.getWidth() + " x " + view.getHeight());
        // The preview (level 3: 128 x 64 samples, 32 bricks) and level 1's 512 bricks; not level 0's 2048.
        assertEquals(depthSliceBricks(3) + depthSliceBricks(1), bricksRead(), "bricks read");
        assertTrue(view.getScene().getWindow().getOutputScaleX() == 1, "the test assumes a scale-1 screen");

        long before = bricksRead();
        robot.interact(() -> view.zoomAbout(view.getWidth() / 2, view.getHeight() / 2, 4));
        waitUntil(() -> view.refinedProperty().get() && view.displayedLevelProperty().get() == 0);
        assertEquals(depthSliceBricks(0), bricksRead() - before, "zoomed in 4 times: level 0 only, no preview again");
    }

    /** A view not active (a tab not shown) reads nothing; made active, it reads its slice. */
    @Test
    void anInactiveViewReadsNothingUntilActive(FxRobot robot) throws Exception {
        waitUntil(() -> view.refinedProperty().get());
        long before = bricksRead();
        robot.interact(() -> {
            view.activeProperty().set(false);
            view.sliceIndexProperty().set(4);  // same brick layer: bricks cached would hide reads, so another level
            view.orientationProperty().set(SliceOrientation.INLINE);
        });
        Thread.sleep(300);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, bricksRead(), "nothing read while inactive");
        assertEquals(-1, view.displayedLevelProperty().get());
        robot.interact(() -> view.activeProperty().set(true));
        waitUntil(() -> view.refinedProperty().get());
        assertTrue(bricksRead() > before, "read once active");
        assertEquals(SliceOrientation.INLINE, view.orientationProperty().get());
    }
}
