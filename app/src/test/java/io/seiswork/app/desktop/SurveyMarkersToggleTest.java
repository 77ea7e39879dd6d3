package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.render.color.ColorMap;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The survey's markers over the model can be hidden (a dense areal spread of 2091 receivers hid
 * the model), and dense receivers are drawn as small dots rather than 7 px triangles.
 */
@ExtendWith(ApplicationExtension.class)
class SurveyMarkersToggleTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 900, 700));
        stage.show();
    }

    @Test
    void theMarkersCanBeHiddenAndShownAgain(FxRobot robot) {
        VolumeAxes axes = new VolumeAxes(new Sampling(20, 10, 0), new Sampling(10, 10, 0), new Sampling(15, 10, 0));
        List<Position> receivers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            receivers.add(new Position(i * 10.0, 50, 0));
        }
        AcquisitionOverlay survey = new AcquisitionOverlay(List.of(new Position(95, 50, 0)), receivers,
                new Grid(20, 10, 15, 10, 10, 10));
        VolumeWindow[] w = new VolumeWindow[1];
        boolean[] visible = new boolean[3];
        robot.interact(() -> {
            w[0] = new VolumeWindow(new ArrayVolume("model", axes, new float[20 * 10 * 15], "m", "m/s", 15),
                    ColorMap.VIRIDIS);
            stage.getScene().setRoot(w[0]);
            visible[0] = w[0].overlayToggle().isVisible();
            w[0].setOverlay(survey);
            visible[1] = w[0].overlayToggle().isVisible();
            visible[2] = w[0].overlayToggle().isSelected();
        });
        assertTrue(!visible[0], "no survey, no toggle");
        assertTrue(visible[1] && visible[2], "shown and ticked once there are markers");
        for (SliceOrientation o : SliceOrientation.values()) {
            assertSame(survey, w[0].section(o).overlayProperty().get(), o + " draws the markers");
        }
        robot.interact(() -> w[0].overlayToggle().setSelected(false));
        for (SliceOrientation o : SliceOrientation.values()) {
            assertEquals(null, w[0].section(o).overlayProperty().get(), o + ": hidden");
        }
        robot.interact(() -> w[0].overlayToggle().setSelected(true));
        assertSame(survey, w[0].section(SliceOrientation.DEPTH).overlayProperty().get(), "shown again");
    }

    /** 2091 receivers in a 800 × 600 px depth slice (some 15 px apart): squares of about 4 px, not 7 px triangles. */
    @Test
    void denseReceiversAreDrawnSmall() {
        assertEquals(AcquisitionOverlay.TRIANGLE_HALF, AcquisitionOverlay.receiverHalfSize(20, 800 * 600), 0);
        double dense = AcquisitionOverlay.receiverHalfSize(2091, 800 * 600);
        assertTrue(dense < 2 && dense >= 1, "half size " + dense);
        assertEquals(1, AcquisitionOverlay.receiverHalfSize(1_000_000, 800 * 600), 0, "never under a pixel");
    }
}
