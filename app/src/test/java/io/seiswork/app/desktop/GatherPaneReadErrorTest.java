package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A shot of a gathers file cut short after it was indexed (another run writing over it, a copy
 * stopped half way): the gather view says why over its plot, where the last shot's picture was.
 * Three shots of 24 traces of 20,000 samples (1.9 MB each), so that the last lies beyond the
 * reader's 4 MiB read-ahead and is read from the file, not from what the first shot's read kept;
 * the middle one lies wholly before the cut, but its read-ahead runs past it, to the old end.
 */
@ExtendWith(ApplicationExtension.class)
class GatherPaneReadErrorTest {

    private static final int SAMPLES = 20_000;
    private static final int RECEIVERS = 24;

    @TempDir
    Path dir;

    private GatherPaneFixture gathers;

    @Start
    void start(Stage stage) throws Exception {
        Path shots = GatherPaneFixture.writeShots(dir.resolve("shots.sgy"), new Sampling(SAMPLES, 0.001, 0), 3, RECEIVERS,
                s -> 50.0 * s, (s, r, trace) -> trace[100 + 10 * r] = s);
        assertTrue(Files.size(shots) - 1_000_000 > SegyReader.READ_AHEAD_BYTES, "the cut past the read-ahead");
        gathers = new GatherPaneFixture(shots, stage);
    }

    @AfterEach
    void close() {
        gathers.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShotThatCannotBeReadIsSaidOverTheGather(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.readyProperty().get());
        try (FileChannel ch = FileChannel.open(gathers.file.file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1_000_000);  // half of the last shot gone
        }
        var shot = (ComboBox<Integer>) gathers.pane.controls().get(0);
        robot.interact(() -> shot.setValue(3));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.errorProperty().get().isEmpty());
        String said = view.errorProperty().get();
        assertTrue(said.startsWith("Cannot read shot 3: "), said);
        assertTrue(said.contains("shots.sgy"), "names the file: " + said);
        assertTrue(said.contains("unexpected end of file: the file was cut short to " + Files.size(gathers.file.file())
                + " bytes since it was opened"), "says the size it has now: " + said);
        assertFalse(said.contains("Exception") || said.contains("\tat "), "no stack trace: " + said);
        Label label = robot.lookup("#gatherError").queryAs(Label.class);
        assertTrue(label.isVisible(), "the error label is shown over the plot");
        assertEquals("error: " + said, label.getText());
        assertFalse(view.readyProperty().get(), "shot 1's picture is not left under shot 3's number");
        assertEquals(List.of(said), gathers.problems, "the status line says it too");

        // No Try again here: choosing a shot is it. One that reads clears the error: shot 2, which
        // lies wholly before the cut though its read-ahead (4 MiB from its second trace) runs past it.
        robot.interact(() -> shot.setValue(2));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.readyProperty().get());
        assertEquals("", view.errorProperty().get());
        assertFalse(label.isVisible());
        assertEquals(List.of(said), gathers.problems, "nothing more said");
    }
}
