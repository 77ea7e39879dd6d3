package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private ShotGatherFile file;
    private GatherPane pane;
    private final List<String> problems = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path shots = dir.resolve("shots.sgy");
        try (ShotGatherWriter w = new ShotGatherWriter(shots, new Sampling(SAMPLES, 0.001, 0), true, 1000, "test")) {
            for (int s = 1; s <= 3; s++) {
                List<Position> receivers = new ArrayList<>();
                float[][] traces = new float[RECEIVERS][SAMPLES];
                for (int r = 0; r < RECEIVERS; r++) {
                    receivers.add(new Position(r * 10.0, 0, 0));
                    traces[r][100 + 10 * r] = s;
                }
                w.write(new Shot(s, new Position(50.0 * s, 0, 0), receivers), traces);
            }
        }
        assertTrue(Files.size(shots) - 1_000_000 > SegyReader.READ_AHEAD_BYTES, "the cut past the read-ahead");
        file = new ShotGatherFile(shots);
        pane = new GatherPane(file, file.read(1, ShotGatherFile.TraceAxis.RECEIVER), io, problems::add);
        stage.setScene(new Scene(pane, 800, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        io.shutdownNow();
        file.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShotThatCannotBeReadIsSaidOverTheGather(FxRobot robot) throws Exception {
        var view = pane.view();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.readyProperty().get());
        try (FileChannel ch = FileChannel.open(file.file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1_000_000);  // half of the last shot gone
        }
        var shot = (ComboBox<Integer>) pane.controls().get(0);
        robot.interact(() -> shot.setValue(3));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.errorProperty().get().isEmpty());
        String said = view.errorProperty().get();
        assertTrue(said.startsWith("Cannot read shot 3: "), said);
        assertTrue(said.contains("shots.sgy"), "names the file: " + said);
        assertTrue(said.contains("unexpected end of file: the file was cut short to " + Files.size(file.file())
                + " bytes since it was opened"), "says the size it has now: " + said);
        assertFalse(said.contains("Exception") || said.contains("\tat "), "no stack trace: " + said);
        Label label = robot.lookup("#gatherError").queryAs(Label.class);
        assertTrue(label.isVisible(), "the error label is shown over the plot");
        assertEquals("error: " + said, label.getText());
        assertFalse(view.readyProperty().get(), "shot 1's picture is not left under shot 3's number");
        assertEquals(List.of(said), problems, "the status line says it too");

        // No Try again here: choosing a shot is it. One that reads clears the error: shot 2, which
        // lies wholly before the cut though its read-ahead (4 MiB from its second trace) runs past it.
        robot.interact(() -> shot.setValue(2));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.readyProperty().get());
        assertEquals("", view.errorProperty().get());
        assertFalse(label.isVisible());
        assertEquals(List.of(said), problems, "nothing more said");
    }
}
