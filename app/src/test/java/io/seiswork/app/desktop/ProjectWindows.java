package io.seiswork.app.desktop;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop tests' window: a project window shown on the test's stage, and what it leaves behind. */
final class ProjectWindows {

    private ProjectWindows() {
    }

    /** A project window writing its runs under {@code dir/runs}, shown on {@code stage} at this size (pixels). */
    static ProjectWindow show(Stage stage, Path dir, double width, double height) {
        ProjectWindow window = new ProjectWindow(spec -> dir.resolve("runs").resolve(spec.name()));
        stage.setScene(new Scene(window, width, height));
        stage.sizeToScene();  // the tests share one stage: a size another test set must not stay
        stage.show();
        return window;
    }

    /**
     * What the application's stop() does once the window has closed, and what the program then
     * waits for: {@link ProjectWindow#shutdown} on the JavaFX thread (which returns at once), then
     * its wait for the run to stop, here on the test's thread.
     */
    static void shutDown(org.testfx.api.FxRobot robot, ProjectWindow window) {
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<Void>[] closed = new java.util.concurrent.CompletableFuture[1];
        robot.interact(() -> closed[0] = window.shutdown());
        closed[0].orTimeout(ProjectWindow.CLOSE_WAIT_MS + 10_000, java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }

    /**
     * Waits until the spec the window is opening is open: read, and its text all in the editor. A
     * spec of more than a few lines goes into the text a few lines a runnable ({@link ChunkedLoad}),
     * Run disabled until the last one: a test that pressed Run before pressed a disabled button.
     */
    static void waitUntilOpened(ProjectWindow window) throws java.util.concurrent.TimeoutException {
        org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> !window.status().getText().startsWith("Opening") && !window.editor().loadingProperty().get());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertTrue(window.status().getText().startsWith("Opened"),
                window.status().getText());
    }

    /** The window as a PNG picture in {@code target/} (to look at; docs/desktop.md shows some). */
    static void snapshot(org.testfx.api.FxRobot robot, ProjectWindow window, String name) throws java.io.IOException {
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = window.getScene().snapshot(null));
        io.seiswork.render.snapshot.PngWriter.write(shot[0], Path.of("target", name));
    }

    /** The specs a test class opened leave the Recent list of the tests' own preferences node (never the user's). */
    static void forgetRecentSpecs() throws Exception {
        if (System.getProperty("seiswork.prefsNode") != null) {
            java.util.prefs.Preferences.userRoot().node(RecentSpecs.NODE).removeNode();
        }
    }
}
