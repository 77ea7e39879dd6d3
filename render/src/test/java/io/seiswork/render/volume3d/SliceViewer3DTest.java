package io.seiswork.render.volume3d;

import static io.seiswork.render.FxTestSupport.snapshot;
import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.render.FxTestSupport;
import io.seiswork.render.color.ColorMap;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Needs JavaFX 3D: skipped under Monocle, run with {@code -Pxvfb3d} under Xvfb (TOOLCHAIN.md section 3). */
@ExtendWith(ApplicationExtension.class)
class SliceViewer3DTest {

    private SliceViewer3D view;

    @BeforeEach
    void needs3d() {
        assumeTrue(Platform.isSupported(ConditionalFeature.SCENE3D),
                "JavaFX SCENE3D is not supported here (Monocle/sw pipeline); run mvn test -Pxvfb3d under xvfb-run");
    }

    @Start
    void start(Stage stage) {
        if (Platform.isSupported(ConditionalFeature.SCENE3D)) { // else the tests skip in needs3d()
            view = new SliceViewer3D(FxTestSupport.inMemory());
            stage.setScene(new Scene(view, 800, 640));
            stage.show();
        }
    }

    private Image refined() {
        waitUntil(() -> java.util.Arrays.stream(SliceOrientation.values())
                .allMatch(o -> view.displayedLevelProperty(o).get() == 0));
        return snapshot(view.subScene());
    }

    private static int count(Image img, java.util.function.IntPredicate p) {
        PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if (p.test(r.getArgb(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean background(int argb) {
        return (argb & 0xffffff) == 0xebeef2;
    }

    private static boolean red(int argb) {
        return ((argb >> 16) & 0xff) > 150 && ((argb >> 8) & 0xff) < 90 && (argb & 0xff) < 90;
    }

    @Test
    void planesCoverTheCentreOfTheView(FxRobot robot) {
        Image img = refined();
        int centre = img.getPixelReader().getArgb((int) img.getWidth() / 2, (int) img.getHeight() / 2);
        assertTrue(!background(centre), "the slices fill the middle of the view, got " + Integer.toHexString(centre));
        assertTrue(count(img, a -> !background(a)) > count(img, a -> true) / 8, "the volume covers much of the view");
    }

    @Test
    void seismicColourMapShowsRedReflectors(FxRobot robot) {
        Image grey = refined();
        assertEquals(0, count(grey, SliceViewer3DTest::red), "grey map has no red");
        robot.interact(() -> view.colorMapProperty().set(ColorMap.SEISMIC));
        Image seismic = refined();
        assertTrue(count(seismic, SliceViewer3DTest::red) > 50, "positive reflectors turn red");
    }

    @Test
    void movingTheDepthSliceChangesThePicture(FxRobot robot) {
        Image before = refined();
        robot.interact(() -> view.indexProperty(SliceOrientation.DEPTH).set(FxTestSupport.synthetic().brightIndex()));
        Image after = refined();
        int diff = 0;
        for (int y = 0; y < before.getHeight(); y += 2) {
            for (int x = 0; x < before.getWidth(); x += 2) {
                if (before.getPixelReader().getArgb(x, y) != after.getPixelReader().getArgb(x, y)) {
                    diff++;
                }
            }
        }
        assertNotEquals(0, diff, "the depth plane moved");
        assertTrue(diff > 500, "a visible part of the picture changed, got " + diff + " pixels");
    }

    @Test
    void draggingRotatesTheVolume(FxRobot robot) {
        Image before = refined();
        double yaw = view.yawProperty().get();
        robot.drag(view.subScene(), javafx.scene.input.MouseButton.PRIMARY).dropBy(100, 0);
        assertEquals(yaw - 40, view.yawProperty().get(), 4, "0.4 degree per pixel dragged");
        Image after = snapshot(view.subScene());
        assertTrue(count(after, a -> !background(a)) != count(before, a -> !background(a)),
                "the volume's outline on screen changed");
    }

    @Test
    void slidersDriveTheSlicePositions(FxRobot robot) {
        refined();
        javafx.scene.control.Slider depth = robot.lookup("#depth-slider").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> depth.setValue(12.4));
        assertEquals(12, view.indexProperty(SliceOrientation.DEPTH).get());
        robot.interact(() -> view.indexProperty(SliceOrientation.INLINE).set(5));
        javafx.scene.control.Slider inline = robot.lookup("#inline-slider").queryAs(javafx.scene.control.Slider.class);
        assertEquals(5, inline.getValue(), 1e-12, "the slider follows the property");
    }
}
