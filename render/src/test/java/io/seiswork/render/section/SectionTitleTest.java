package io.seiswork.render.section;

import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A section's title names the horizontal plane by what z is: depth in metres, time in seconds. */
@ExtendWith(ApplicationExtension.class)
class SectionTitleTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 640, 420));
        stage.show();
    }

    private SectionView horizontalSlice(FxRobot robot, String zUnit, double dz) {
        VolumeAxes axes = new VolumeAxes(new Sampling(8, 10, 0), new Sampling(6, 10, 0), new Sampling(500, dz, 0));
        SectionView[] made = new SectionView[1];
        robot.interact(() -> {
            made[0] = new SectionView(new ArrayVolume("v", axes, new float[8 * 6 * 500], zUnit, "amplitude", 500));
            made[0].orientationProperty().set(SliceOrientation.DEPTH);
            made[0].sliceIndexProperty().set(250);
            stage.getScene().setRoot(made[0]);
        });
        waitUntil(() -> made[0].displayedLevelProperty().get() == 0);
        return made[0];
    }

    @Test
    void aHorizontalSliceOfATimeVolumeIsATimeSlice(FxRobot robot) {
        assertEquals("Time slice z = 1 s (index 250)", horizontalSlice(robot, "s", 0.004).title());
    }

    @Test
    void aHorizontalSliceOfADepthVolumeIsADepthSlice(FxRobot robot) {
        assertEquals("Depth slice z = 1250 m (index 250)", horizontalSlice(robot, "m", 5).title());
    }

    @Test
    void theShortNamesFollowTheUnitToo() {
        assertEquals("Time", PlaneName.of(SliceOrientation.DEPTH, "s"));
        assertEquals("Depth", PlaneName.of(SliceOrientation.DEPTH, "m"));
        assertEquals("Inline", PlaneName.slice(SliceOrientation.INLINE, "s"));
    }
}
