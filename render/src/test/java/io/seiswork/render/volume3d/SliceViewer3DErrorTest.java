package io.seiswork.render.volume3d;

import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.FxTestSupport;
import io.seiswork.render.plot.PlotFrame;
import io.seiswork.render.section.SectionViewTest;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the 3D view says when a slice cannot be read (a file cut short under the viewer, an S3
 * error) or the volume has nothing finite to colour. Its state, not its drawing: runs without
 * JavaFX 3D (Monocle) as with it.
 */
@ExtendWith(ApplicationExtension.class)
class SliceViewer3DErrorTest {

    private static final String TRUNCATED = "/data/image.swv: unexpected end of file at byte 3145728 while reading "
            + "1048576 bytes from byte 3145728: the file was cut short to 3145728 bytes since it was opened";

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 800, 640));
        stage.show();
    }

    private SliceViewer3D show(FxRobot robot, VolumeSource volume) {
        SliceViewer3D[] made = new SliceViewer3D[1];
        robot.interact(() -> {
            made[0] = new SliceViewer3D(volume);
            stage.getScene().setRoot(made[0]);
        });
        return made[0];
    }

    private static boolean refined(SliceViewer3D view) {
        return java.util.Arrays.stream(SliceOrientation.values()).allMatch(o -> view.displayedLevelProperty(o).get() == 0);
    }

    private static Node plane(SliceViewer3D view, SliceOrientation o) {
        return view.subScene().getRoot().lookup("#" + o.name().toLowerCase(java.util.Locale.ROOT) + "-plane");
    }

    @Test
    void aFailedReadBlanksThePlaneAndSaysWhy(FxRobot robot) {
        AtomicBoolean cut = new AtomicBoolean();
        SliceViewer3D view = show(robot, breakable(cut));
        waitUntil(() -> refined(view));
        Node inline = plane(view, SliceOrientation.INLINE);
        double before = inline.getTranslateZ();
        assertEquals(FxTestSupport.axes().y().value(FxTestSupport.NY / 2), before, 1e-9, "the middle inline");
        assertEquals("", view.errorProperty().get());

        cut.set(true);
        robot.interact(() -> view.indexProperty(SliceOrientation.INLINE).set(5));
        waitUntil(() -> !view.errorProperty().get().isEmpty());
        assertEquals("Inline: " + TRUNCATED, view.errorProperty().get(), "the plane that failed, and why");
        assertFalse(inline.isVisible(), "no picture of another index left standing at the new one");
        assertEquals(-1, view.displayedLevelProperty(SliceOrientation.INLINE).get());
        Label message = (Label) view.lookup("#viewer3dMessage");
        assertTrue(message.isVisible());
        assertEquals("error: Inline: " + TRUNCATED, message.getText());
        assertTrue(message.getBoundsInParent().getMaxX() <= view.getWidth(), "wrapped inside the view");

        cut.set(false);
        robot.interact(() -> view.indexProperty(SliceOrientation.INLINE).set(6));
        waitUntil(() -> view.displayedLevelProperty(SliceOrientation.INLINE).get() == 0);
        assertEquals("", view.errorProperty().get(), "read again: the error goes");
        assertFalse(message.isVisible());
        assertTrue(inline.isVisible());
        assertEquals(FxTestSupport.axes().y().value(6), inline.getTranslateZ(), 1e-9, "at its new index");
    }

    @Test
    void onePlanesErrorNamesItAndAllThreesDoesNot(FxRobot robot) {
        AtomicBoolean cut = new AtomicBoolean(true);
        SliceViewer3D view = show(robot, breakable(cut));
        waitUntil(() -> java.util.Arrays.stream(SliceOrientation.values())
                .noneMatch(o -> plane(view, o).isVisible()));
        assertEquals(TRUNCATED, view.errorProperty().get(), "one reason for the three planes, said once");
    }

    @Test
    void aVolumeWithoutFiniteSamplesSaysSo(FxRobot robot) {
        SliceViewer3D view = show(robot, FxTestSupport.nanEverywhere());
        waitUntil(() -> refined(view));
        Label message = (Label) view.lookup("#viewer3dMessage");
        assertTrue(message.isVisible());
        assertEquals(PlotFrame.NO_FINITE_SAMPLES, message.getText());
        assertEquals("", view.errorProperty().get(), "not an error: the volume was read");
    }

    /** A volume whose reads fail while {@code cut} is set, as a file truncated under the viewer does. */
    private static VolumeSource breakable(AtomicBoolean cut) {
        return new SectionViewTest.InterceptingSource(FxTestSupport.inMemory(), (o, level) -> {
            if (cut.get()) {
                throw new java.io.UncheckedIOException(TRUNCATED, new java.io.EOFException());
            }
        });
    }
}
