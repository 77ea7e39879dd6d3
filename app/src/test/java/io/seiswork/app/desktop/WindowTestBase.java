package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TestFX test of the project window: a window of the size its constructor gives
 * for each test, its runs under the class's temporary folder, shut down after the test; the
 * specs the class opened leave the tests' Recent list after it.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTestBase {

    @TempDir
    static Path dir;

    ProjectWindow window;
    /** The window's stage. */
    Stage stage;

    /** The window's size, pixels. */
    private final double width;
    private final double height;
    /**
     * Whether the window has a stage of its own, hidden after each test, rather than TestFX's
     * primary stage: one the application's least size and close question may be set on
     * ({@link WorkstationApplication#dress}) without reaching the other test classes.
     */
    private final boolean ownStage;

    /** A window of its smallest size, a laptop's 1024 x 680. */
    WindowTestBase() {
        this(1024, 680);
    }

    WindowTestBase(double width, double height) {
        this(width, height, false);
    }

    WindowTestBase(double width, double height, boolean ownStage) {
        this.width = width;
        this.height = height;
        this.ownStage = ownStage;
    }

    final double width() {
        return width;
    }

    final double height() {
        return height;
    }

    /** Shown before each test (TestFX's own @Start is looked for on the test class alone). */
    @BeforeEach
    void showWindow() throws Exception {
        Stage primary = ownStage ? null : FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            stage = ownStage ? new Stage() : primary;
            window = ProjectWindows.show(stage, dir, width(), height());
        });
    }

    @AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) {
        if (ownStage) {
            robot.interact(stage::hide);
        }
        ProjectWindows.shutDown(robot, window);
    }

    /** The user's click on the window's close box (the request the window manager sends). */
    void closeBox() {
        javafx.application.Platform.runLater(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    /** Opens {@code spec} and waits until it is open, as a runnable project. */
    void open(FxRobot robot, Path spec) throws Exception {
        robot.interact(() -> window.openFile(spec));
        ProjectWindows.waitUntilOpened(window);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.editor().formPane().getContent() instanceof SpecForm);
    }

    /** The dialog on screen, once there is one. */
    static DialogPane dialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }
}
