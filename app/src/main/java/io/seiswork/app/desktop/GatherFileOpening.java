package io.seiswork.app.desktop;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.MemoryEstimate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The Result tab while a run's shot gathers are indexed, then the gathers ({@link GatherPane}).
 * The pass over the trace headers ({@link ShotGatherFile}) reads every header of the file, minutes
 * for a survey of 10^8 traces, so it runs on a thread of its own (the I/O thread stays free for
 * Open and Save), shows the bytes reached of the file's size with a bar, and stops on
 * <b>Cancel</b>, which leaves <b>Read again</b>. Closing it (another run, another result) stops a
 * pass under way and closes the file once indexed.
 */
final class GatherFileOpening extends BorderPane implements AutoCloseable {

    private final Path path;
    private final ExecutorService io;
    private final Consumer<String> problem;
    private final Label message = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button button = new Button();
    private final Object lock = new Object();
    private boolean closed;
    private ShotGatherFile opened;
    private CancellationToken pass = CancellationToken.none();
    private volatile String reached = "";

    /**
     * Starts indexing {@code file}; call on the JavaFX thread.
     *
     * @param io the thread the gathers' shots are read on once indexed
     * @param problem where a shot that cannot be read is said
     */
    GatherFileOpening(Path file, ExecutorService io, Consumer<String> problem) {
        this.path = file;
        this.io = io;
        this.problem = problem;
        setId("gatherOpening");
        message.setId("gatherOpeningMessage");
        message.setWrapText(true);
        bar.setId("gatherOpeningProgress");
        bar.setMaxWidth(400);
        button.setId("gatherOpeningButton");
        VBox box = new VBox(10, message, bar, button);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(20));
        setTop(box);
        start();
    }

    /** The line that says how far the pass is, or how it ended (for tests). */
    String message() {
        return message.getText();
    }

    private void start() {
        CancellationToken token = new CancellationToken();
        synchronized (lock) {
            if (closed) {
                return;
            }
            pass = token;
        }
        reached = "";
        message.setText("Reading the trace headers of " + path.getFileName() + "...");
        bar.setProgress(0);
        bar.setVisible(true);
        button.setText("Cancel");
        button.setOnAction(e -> token.cancel());
        Thread.ofPlatform().daemon().name("gather-index").start(() -> index(token));
    }

    /** On the pass's thread: the index, the first shot's gather, then the pane on the JavaFX thread. */
    private void index(CancellationToken token) {
        try {
            ShotGatherFile file = new ShotGatherFile(path, this::reached, token);
            ShotGatherFile.Read first;
            try {
                first = file.read(file.shots().get(0), ShotGatherFile.TraceAxis.RECEIVER);
            } catch (RuntimeException e) {
                file.close();
                throw e;
            }
            synchronized (lock) {
                if (closed) {
                    file.close();
                    return;
                }
                opened = file;
            }
            Platform.runLater(() -> {
                // Closed between the locked block and now: the file is closed, no pane shows it.
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
                setTop(null);
                setCenter(new GatherPane(file, first, io, problem));
            });
        } catch (CancelledException e) {
            Platform.runLater(() -> ended("Stopped reading the trace headers of " + path.getFileName() + reached
                    + ".", "Read again", this::start));
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Platform.runLater(() -> ended("Cannot show the gathers: " + why.lines().findFirst().orElse(""),
                    "Try again", this::start));
        }
    }

    private void reached(long doneBytes, long totalBytes) {
        double fraction = totalBytes <= 0 ? 1 : (double) doneBytes / totalBytes;
        reached = String.format(Locale.ROOT, " at %s of %s (%.0f %%)", MemoryEstimate.human(doneBytes),
                MemoryEstimate.human(totalBytes), 100 * fraction);
        String line = "Reading the trace headers of " + path.getFileName() + ":" + reached.substring(3);
        Platform.runLater(() -> {
            if (button.getText().equals("Cancel")) {
                message.setText(line);
                bar.setProgress(fraction);
            }
        });
    }

    private void ended(String text, String again, Runnable action) {
        message.setText(text);
        bar.setVisible(false);
        button.setText(again);
        button.setOnAction(e -> action.run());
    }

    /** Stops a pass under way and closes the gathers' file once indexed; on any thread. */
    @Override
    public void close() {
        ShotGatherFile file;
        synchronized (lock) {
            closed = true;
            pass.cancel();
            file = opened;
            opened = null;
        }
        if (file != null) {
            file.close();
        }
    }
}
