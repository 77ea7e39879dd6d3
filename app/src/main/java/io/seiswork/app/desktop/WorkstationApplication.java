package io.seiswork.app.desktop;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop workstation behind {@code seiswork} with no arguments: a {@link ProjectWindow} on
 * the built-in demo project, or on a spec given with {@code seiswork desktop SPEC.json}. Runs
 * write to {@code runs/<job name>}, as {@code seiswork run} does by default.
 */
public final class WorkstationApplication extends Application {

    private static final AtomicReference<Path> SPEC = new AtomicReference<>();
    /** Done when the closed window's run has stopped (its run.json written) and its work is shut down. */
    private static final AtomicReference<CompletableFuture<Void>> CLOSED = new AtomicReference<>();
    private ProjectWindow window;

    /** Opens the window and blocks until the user closes it. @param spec a spec file, or null for the demo */
    public static void show(Path spec) {
        SPEC.set(spec);
        ClassPathFxWarning.silence();
        Application.launch(WorkstationApplication.class);
        CompletableFuture<Void> closed = CLOSED.get();
        if (closed != null) {
            try {  // a run cancelled by the close writes its run.json before the program exits
                closed.get(ProjectWindow.CLOSE_WAIT_MS + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // exit all the same: the run says "running" until a Resume or a new run
            }
        }
    }

    @Override
    public void start(Stage stage) {
        window = new ProjectWindow(spec -> Path.of("runs", spec.name()));
        Path spec = SPEC.get();
        if (spec == null) {
            window.openDemo();
        } else {
            window.openFile(spec);
        }
        WindowSize size = WindowSize.onScreenOf(null, 1280, 820, ProjectWindow.MIN_WIDTH, ProjectWindow.MIN_HEIGHT);
        stage.setScene(new Scene(window, size.width(), size.height()));
        size.place(stage, null);
        dress(stage, window);
        stage.show();
    }

    /**
     * Makes {@code stage} the window of {@code window}: its title, its least size (the laptop
     * layout's {@value ProjectWindow#MIN_WIDTH} x {@value ProjectWindow#MIN_HEIGHT} px, below which
     * tools would leave the bar), and closing only once {@link ProjectWindow#mayClose} says so.
     */
    static void dress(Stage stage, ProjectWindow window) {
        stage.titleProperty().bind(window.titleProperty());
        stage.setMinWidth(ProjectWindow.MIN_WIDTH);
        stage.setMinHeight(ProjectWindow.MIN_HEIGHT);
        stage.setOnCloseRequest(e -> {
            if (!window.mayClose()) {
                e.consume();
            }
        });
    }

    /**
     * Stops the window's work without waiting on the JavaFX thread: the wait for a run to stop
     * is made on its own thread, and {@link #show} waits for it before the program exits.
     */
    @Override
    public void stop() {
        if (window != null) {
            CLOSED.set(window.shutdown());
        }
    }
}
