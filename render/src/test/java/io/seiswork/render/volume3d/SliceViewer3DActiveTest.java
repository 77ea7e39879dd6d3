package io.seiswork.render.volume3d;

import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.render.FxTestSupport;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.section.SectionViewTest;
import io.seiswork.render.task.RenderPoolSettled;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The 3D view reads nothing while inactive (its tab not shown), as a section tab does, and reads
 * what it was asked for meanwhile once active. Its state, not its drawing: runs without JavaFX 3D
 * (Monocle) as with it.
 */
@ExtendWith(ApplicationExtension.class)
class SliceViewer3DActiveTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 800, 640));
        stage.show();
    }

    private static boolean refined(SliceViewer3D view) {
        return Arrays.stream(SliceOrientation.values()).allMatch(o -> view.displayedLevelProperty(o).get() == 0);
    }

    /**
     * Lets the JavaFX thread and the render threads run what was submitted, if anything was:
     * ordered behind it ({@link RenderPoolSettled}), not timed.
     */
    private static void settle() throws InterruptedException {
        RenderPoolSettled.await();
    }

    @Test
    void anInactiveViewReadsNothingUntilActive(FxRobot robot) throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        var counted = new SectionViewTest.InterceptingSource(FxTestSupport.inMemory(), (o, level) -> reads.incrementAndGet());
        SliceViewer3D[] made = new SliceViewer3D[1];
        robot.interact(() -> {
            made[0] = new SliceViewer3D(counted, false);
            stage.getScene().setRoot(made[0]);
        });
        SliceViewer3D view = made[0];
        robot.interact(() -> {
            view.indexProperty(SliceOrientation.INLINE).set(5);
            view.colorMapProperty().set(ColorMap.SEISMIC);
            view.clipPercentProperty().set(95);
        });
        settle();
        assertEquals(0, reads.get(), "slices read while inactive");
        for (SliceOrientation o : SliceOrientation.values()) {
            assertEquals(-1, view.displayedLevelProperty(o).get(), o + " shown while inactive");
        }

        robot.interact(() -> view.activeProperty().set(true));
        waitUntil(() -> refined(view));
        assertTrue(reads.get() >= 3, "each plane read once active, read " + reads.get());
        var inline = view.subScene().getRoot().lookup("#inline-plane");
        assertEquals(FxTestSupport.axes().y().value(5), inline.getTranslateZ(), 1e-9,
                "the inline asked for while inactive");

        robot.interact(() -> view.activeProperty().set(false));
        int before = reads.get();
        robot.interact(() -> view.indexProperty(SliceOrientation.INLINE).set(9));
        settle();
        assertEquals(before, reads.get(), "hidden again: the new inline waits");
        assertEquals(FxTestSupport.axes().y().value(5), inline.getTranslateZ(), 1e-9);
        robot.interact(() -> view.activeProperty().set(true));
        waitUntil(() -> inline.getTranslateZ() == FxTestSupport.axes().y().value(9));
        assertTrue(reads.get() > before);
    }
}
