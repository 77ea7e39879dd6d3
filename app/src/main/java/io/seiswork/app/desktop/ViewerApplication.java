package io.seiswork.app.desktop;

import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.snapshot.PngWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The JavaFX application behind {@code seiswork view}: one {@link VolumeWindow}. JavaFX creates
 * the instance itself, so the command hands the opened volume over through {@link #show}; the
 * volume is closed when the window closes.
 */
public final class ViewerApplication extends Application {

    private static final AtomicReference<VolumeSource> VOLUME = new AtomicReference<>();
    private static final AtomicReference<ColorMap> COLOR_MAP = new AtomicReference<>(ColorMap.SEISMIC);
    private static final AtomicReference<Path> SNAPSHOT = new AtomicReference<>();
    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();

    /** Longest wait in seconds for the views to refine before a snapshot gives up. */
    private static final int SNAPSHOT_TIMEOUT_S = 120;

    /**
     * Opens the window on {@code volume} and blocks until the user closes it, or, with a
     * {@code snapshot} path, until every view is refined and the window is written there as PNG.
     *
     * @throws IllegalStateException when the snapshot could not be taken
     */
    public static void show(VolumeSource volume, ColorMap colorMap, Path snapshot) {
        VOLUME.set(volume);
        COLOR_MAP.set(colorMap);
        SNAPSHOT.set(snapshot);
        ClassPathFxWarning.silence();
        Application.launch(ViewerApplication.class);
        Throwable failed = FAILURE.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException("snapshot " + snapshot + " failed: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void start(Stage stage) {
        VolumeSource volume = VOLUME.get();
        VolumeWindow window = new VolumeWindow(volume, COLOR_MAP.get());
        stage.setTitle("Seiswork: " + volume.name());
        Path snapshot = SNAPSHOT.get();
        // A snapshot is a file, 1100 x 800 whatever the screen (xvfb-run's is 640 x 480); a window fits its screen.
        WindowSize size = snapshot != null ? VolumeWindow.SIZE : VolumeWindow.sizeOn(null);
        stage.setScene(new Scene(window, size.width(), size.height()));
        if (snapshot == null) {
            size.place(stage, null);
        }
        stage.show();
        if (snapshot != null) {
            Thread t = new Thread(() -> snapshotWhenRefined(stage, window, snapshot), "seiswork-snapshot");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Waits (off the JavaFX thread) for the views to refine, writes the PNG, and exits. */
    private static void snapshotWhenRefined(Stage stage, VolumeWindow window, Path file) {
        try {
            awaitRefined(window, SNAPSHOT_TIMEOUT_S);
            Image image = onFx(() -> stage.getScene().snapshot(null));
            PngWriter.write(image, file);
        } catch (Exception e) {
            FAILURE.set(e);
        } finally {
            Platform.exit();
        }
    }

    /**
     * Waits (off the JavaFX thread) until every view of {@code window} on screen is drawn at the
     * pyramid level its size and zoom read (not full resolution: a view never reads finer); stops at once when a view could not read its slice (a file truncated or
     * unreadable, an S3 error), which no wait would mend.
     *
     * @throws IllegalStateException naming the view and the reason, or the wait's limit
     */
    static void awaitRefined(VolumeWindow window, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!onFx(window::refined)) {
            String error = onFx(window::viewError);
            if (!error.isEmpty()) {
                throw new IllegalStateException("a view could not be drawn: " + error);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the views did not finish drawing in " + timeoutSeconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        VolumeSource volume = VOLUME.getAndSet(null);
        if (volume != null) {
            volume.close();
        }
    }
}
