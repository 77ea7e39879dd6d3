package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.render.color.ColorMap;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code seiswork view --snapshot} on a volume its views cannot read stops at once with the
 * reason, not after the whole wait; and a volume in time names its horizontal tab "Time".
 */
@ExtendWith(ApplicationExtension.class)
class ViewerSnapshotTest {

    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 900, 700));
        stage.show();
    }

    private Path volume(String zUnit) throws Exception {
        Path file = dir.resolve("image.swv");
        int nx = 60;
        int ny = 40;
        int nz = 80;
        VolumeAxes axes = new VolumeAxes(new Sampling(nx, 12.5, 0), new Sampling(ny, 25, 0), new Sampling(nz, 0.004, 0));
        try (SwvWriter w = SwvWriter.create(file, axes, SwvWriteOptions.defaultsFor(ny).withZUnit(zUnit))) {
            float[] column = new float[nz];
            for (int c = 0; c < nx * ny; c++) {
                for (int z = 0; z < nz; z++) {
                    column[z] = (float) Math.sin(z * 0.3 + c * 0.01);
                }
                w.writeColumn(column);
            }
        }
        return file;
    }

    private VolumeWindow window(FxRobot robot, SwvReader reader) {
        VolumeWindow[] made = new VolumeWindow[1];
        robot.interact(() -> {
            made[0] = new VolumeWindow(reader, ColorMap.SEISMIC);
            stage.getScene().setRoot(made[0]);
        });
        return made[0];
    }

    /** The file cut short after it was opened (an in-place copy over it): the wait ends with the read error. */
    @Test
    void aSnapshotOfAVolumeThatCannotBeReadFailsAtOnceWithTheReason(FxRobot robot) throws Exception {
        Path file = volume("s");
        try (SwvReader reader = SwvReader.open(file)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(Math.min(f.length() / 8, 200_000));
            }
            VolumeWindow window = window(robot, reader);
            // The wait ends with the view's error, not with "the views did not finish drawing in
            // 120 s" (the limit's message): a wait that missed the error would end only so.
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ViewerApplication.awaitRefined(window, 120));
            assertTrue(e.getMessage().startsWith("a view could not be drawn: "), e.getMessage());
            assertTrue(e.getMessage().contains("was cut short to "), "the reader's reason: " + e.getMessage());
            // "At once": with the error known and no time left at all, the wait still ends with
            // the error, so it is looked at before the limit is.
            IllegalStateException atOnce = assertThrows(IllegalStateException.class,
                    () -> ViewerApplication.awaitRefined(window, 0));
            assertEquals(e.getMessage(), atOnce.getMessage(), "the error is checked before the time limit");
        }
    }

    @Test
    void aVolumeInTimeHasATimeTab(FxRobot robot) throws Exception {
        try (SwvReader reader = SwvReader.open(volume("s"))) {
            VolumeWindow window = window(robot, reader);
            List<String> tabs = window.tabs().getTabs().stream().map(t -> t.getText()).toList();
            assertEquals(List.of("3D", "Inline", "Crossline", "Time"), tabs);
            ViewerApplication.awaitRefined(window, 60);
        }
    }
}
