package io.seiswork.render.section;

import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.Histogram;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * While a view's first picture is read (a big model's depth slice takes seconds), the plot says
 * so rather than standing white with no colour bar; the sign goes once the picture is there.
 */
@ExtendWith(ApplicationExtension.class)
class SectionReadingTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 640, 420));
        stage.show();
    }

    @Test
    void thePlotSaysItIsReadingUntilItsFirstPicture(FxRobot robot) throws Exception {
        VolumeAxes axes = new VolumeAxes(new Sampling(8, 10, 0), new Sampling(6, 10, 0), new Sampling(20, 5, 0));
        ArrayVolume inner = new ArrayVolume("slow", axes, new float[8 * 6 * 20], "m", "m/s", 20);
        CountDownLatch release = new CountDownLatch(1);
        VolumeSource slow = new VolumeSource() {
            public String name() { return inner.name(); }
            public int levels() { return inner.levels(); }
            public VolumeAxes axes(int level) { return inner.axes(level); }
            public Histogram histogram() { return inner.histogram(); }
            public String zUnit() { return inner.zUnit(); }
            public String valueUnit() { return inner.valueUnit(); }
            public Slice slice(SliceOrientation o, int index, int level) {
                try {
                    release.await(20, TimeUnit.SECONDS);  // a slow disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.slice(o, index, level);
            }
            public void close() { }
        };
        SectionView[] made = new SectionView[1];
        robot.interact(() -> {
            made[0] = new SectionView(slow);
            made[0].orientationProperty().set(SliceOrientation.DEPTH);
            stage.getScene().setRoot(made[0]);
        });
        boolean[] reading = new boolean[1];
        robot.interact(() -> reading[0] = made[0].reading());
        assertTrue(reading[0], "reading the first picture: the plot says so");
        release.countDown();
        waitUntil(() -> made[0].displayedLevelProperty().get() == 0);
        robot.interact(() -> reading[0] = made[0].reading());
        assertTrue(!reading[0], "the picture is there: no reading sign");
    }
}
