package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.volume.SliceOrientation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Open volume (and Open spec on a volume file): a SEG-Y cube opened off the JavaFX thread into a
 * viewer window of its own, its sections named by the file's inline numbers; a file that is not
 * a cube said so in the progress window. On segyio's f3.sgy from ../shared/refdata (in time).
 */
@ExtendWith(ApplicationExtension.class)
class VolumeOpeningTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 200, 100));
        stage.show();
    }

    private static Path refdata(String file) {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        Path f = dir.resolve(file);
        assumeTrue(Files.isRegularFile(f), "refdata not found at " + f + "; volume opening not tested");
        return f;
    }

    private static VolumeWindow viewerWindow() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof VolumeWindow v) {
                return v;
            }
        }
        return null;
    }

    @Test
    void aSegyCubeOpensInAViewerWindowNamedByItsInlines(FxRobot robot) throws Exception {
        Path f3 = refdata("segyio/f3.sgy");
        assertTrue(VolumeOpening.isVolumeFile(f3) && VolumeOpening.isVolumeFile(Path.of("a/image.SWV"))
                && !VolumeOpening.isVolumeFile(Path.of("job.json")));
        robot.interact(() -> VolumeOpening.open(null, f3));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewerWindow() != null);
        VolumeWindow[] v = {viewerWindow()};
        String[] said = new String[3];
        robot.interact(() -> {
            said[0] = v[0].volume().name();
            said[1] = v[0].volume().zUnit();
            said[2] = v[0].section(SliceOrientation.INLINE).title();
        });
        try {
            assertEquals("f3.sgy", said[0]);
            assertEquals("s", said[1]);
            // The middle inline by the file's own number, its y to the centimetre (was "Inline y = 274.9564 m").
            assertEquals("Inline 122 (y = 274.96 m)", said[2]);
        } finally {
            robot.interact(() -> ((Stage) v[0].getScene().getWindow()).close());
        }
    }

    /** The status line names the tool that opens volumes as the window has it (it said "File: Open volume...", a menu it has not). */
    @Test
    void openSpecOnAVolumeNamesTheToolBarsOpenVolume(FxRobot robot) throws Exception {
        Path f3 = refdata("segyio/f3.sgy");
        ProjectWindow[] w = new ProjectWindow[1];
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            w[0] = new ProjectWindow(spec -> f3.getParent().resolve(spec.name()));
            stage[0] = new Stage();
            stage[0].setScene(new Scene(w[0], 1024, 680));
            stage[0].show();
            w[0].openFile(f3);
        });
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewerWindow() != null);
            String[] said = new String[1];
            robot.interact(() -> said[0] = w[0].status().getText());
            assertEquals("f3.sgy is a volume, not a job spec: opening it in a viewer window (the tool bar's Open volume...).",
                    said[0]);
            // Shown in the window, not held in a hidden overflow (isVisible alone is true there too).
            javafx.scene.Node tool = w[0].lookup("#openVolume");
            javafx.scene.Node n = tool;
            while (n != null && n != w[0]) {
                assertTrue(n.isVisible(), "the tool it names is in the bar, not in a hidden " + n);
                n = n.getParent();
            }
            assertSame(w[0], n, "the tool it names is in the window");
            javafx.geometry.Bounds b = tool.localToScene(tool.getBoundsInLocal());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= w[0].getScene().getWidth() && b.getWidth() > 10,
                    "the tool it names is on screen: " + b);
        } finally {
            robot.interact(() -> {
                VolumeWindow v = viewerWindow();
                if (v != null) {
                    ((Stage) v.getScene().getWindow()).close();
                }
                w[0].shutdown();
                stage[0].close();
            });
        }
    }

    @Test
    void aFileThatIsNoCubeIsSaidInTheProgressWindow(FxRobot robot) throws Exception {
        Path notACube = refdata("segyio/small-ps-dec-il-inc-xl-off.sgy");  // prestack: offsets per trace
        VolumeOpening[] o = new VolumeOpening[1];
        robot.interact(() -> o[0] = VolumeOpening.open(null, notACube));
        Label text = (Label) o[0].progressWindow().getScene().lookup("#volumeOpeningText");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text.getText().startsWith("Cannot open"));
        assertTrue(text.getText().contains(notACube.getFileName().toString()), text.getText());
        assertEquals(null, viewerWindow(), "no viewer for a file that is no cube");
        robot.interact(() -> o[0].progressWindow().close());
    }
}
