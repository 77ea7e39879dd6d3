package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
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
 * The Result tab's gathers as the user meets them: a file whose tail was never written is refused
 * in the tab's message line, naming the trace, with <b>Try again</b> and no stack trace, as other
 * unreadable files are; segyio's complete 1x1.sgy, whose first trace header is zeros, is shown.
 */
@ExtendWith(ApplicationExtension.class)
class GatherFileOpeningTest {

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final StackPane root = new StackPane();
    private GatherFileOpening opening;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(root, 800, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        if (opening != null) {
            opening.close();
        }
        io.shutdownNow();
    }

    @Test
    void aFileWithAZeroTailIsRefusedInTheTabNamingItsFirstZeroTrace(FxRobot robot) throws Exception {
        Path file = ShotGatherIndexTest.zeroTail(dir, "tail");
        open(robot, file);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> opening.getCenter() != null || opening.message().startsWith("Cannot"));
        WaitForAsyncUtils.waitForFxEvents();  // the rest of the tab's update lands with the message
        assertNull(opening.getCenter(), "no gathers shown (its zeros were read as a shot)");
        assertEquals("Try again", robot.lookup("#gatherOpeningButton").queryButton().getText());
        String said = robot.lookup("#gatherOpeningMessage").queryLabeled().getText();
        assertTrue(said.startsWith("Cannot show the gathers: " + file + ": trace 21 of 23 (its header at byte "), said);
        assertTrue(said.endsWith("give the complete file"), said);
        assertFalse(said.contains("Exception") || said.contains("\n"), "one line, no stack trace: " + said);
        assertFalse(robot.lookup("#gatherOpeningProgress").query().isVisible(), "the bar is gone");
        assertEquals(List.of(), problems);
    }

    @Test
    void aCompleteFileWhoseFirstHeaderIsZerosIsShown(FxRobot robot) throws Exception {
        open(robot, ShotGatherIndexTest.refdata("segyio/1x1.sgy"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> opening.getCenter() instanceof GatherPane);
        assertNull(opening.getTop(), "the pass's message and bar are gone: " + opening.message());
        assertEquals(List.of(), problems);
    }

    private void open(FxRobot robot, Path file) {
        robot.interact(() -> {
            opening = new GatherFileOpening(file, io, problems::add);
            root.getChildren().setAll(opening);
        });
    }
}
