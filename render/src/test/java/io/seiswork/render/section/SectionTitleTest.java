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

    /**
     * A volume with the survey's line numbers (a SEG-Y cube's: inline 100 at y index 0, step 2)
     * names its sections by them, the position after: "Inline 122 (y = 274.96 m)", not
     * "Inline y = 274.9564 m"; its depth slice keeps the z title.
     */
    @Test
    void aVolumeWithLineNumbersNamesItsSectionsByThem(FxRobot robot) {
        VolumeAxes axes = new VolumeAxes(new Sampling(8, 12.5, 3.1), new Sampling(20, 12.4982, 137.4762),
                new Sampling(50, 0.004, 0));
        ArrayVolume inner = new ArrayVolume("f3", axes, new float[8 * 20 * 50], "s", "amplitude", 50);
        io.seiswork.core.volume.SegyGrid grid = new io.seiswork.core.volume.SegyGrid(100, 2, 300, 1, 0, 12.5, 0, 0, 0,
                12.5, -100, 4000);
        io.seiswork.core.volume.VolumeSource withLines = new io.seiswork.core.volume.VolumeSource() {
            public String name() { return inner.name(); }
            public int levels() { return inner.levels(); }
            public VolumeAxes axes(int level) { return inner.axes(level); }
            public io.seiswork.core.volume.Histogram histogram() { return inner.histogram(); }
            public String zUnit() { return inner.zUnit(); }
            public String valueUnit() { return inner.valueUnit(); }
            public io.seiswork.core.volume.Slice slice(SliceOrientation o, int index, int level) {
                return inner.slice(o, index, level);
            }
            public io.seiswork.core.volume.SegyGrid segyGrid() { return grid; }
            public void close() { }
        };
        SectionView[] made = new SectionView[1];
        String[] titles = new String[3];
        robot.interact(() -> {
            made[0] = new SectionView(withLines);
            made[0].orientationProperty().set(SliceOrientation.INLINE);
            made[0].sliceIndexProperty().set(11);
            stage.getScene().setRoot(made[0]);
        });
        waitUntil(() -> made[0].displayedLevelProperty().get() == 0);
        robot.interact(() -> {
            titles[0] = made[0].title();
            made[0].orientationProperty().set(SliceOrientation.CROSSLINE);
            made[0].sliceIndexProperty().set(4);
            titles[1] = made[0].title();
            made[0].orientationProperty().set(SliceOrientation.DEPTH);
            made[0].sliceIndexProperty().set(25);
            titles[2] = made[0].title();
        });
        assertEquals("Inline 122 (y = 274.96 m)", titles[0]);  // 137.4762 + 11 × 12.4982 = 274.9564
        assertEquals("Crossline 304 (x = 53.10 m)", titles[1]);
        assertEquals("Time slice z = 0.1 s (index 25)", titles[2]);
    }
}
