package io.seiswork.app.desktop;

import io.seiswork.render.snapshot.PngWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;

/**
 * Save picture, shared by the viewers: a view on screen written as a PNG file for a report. The
 * picture is taken on the JavaFX thread (a frame), encoded and written on a thread of its own;
 * a label says when it is done, or why not.
 */
final class PictureSaver {

    private PictureSaver() {
    }

    /**
     * Asks for a PNG file, starting in {@code folder} (the run's output folder; its nearest
     * existing folder when it is not made yet; null: the dialog's own choice) at
     * {@code initialName}.png, made a file name, and saves {@code view} there.
     */
    static void choose(Node view, String initialName, Path folder, Label said) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the view as a picture");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG pictures (*.png)", "*.png"));
        chooser.setInitialFileName(fileName(initialName) + ".png");
        Path start = existing(folder);
        if (start != null) {
            chooser.setInitialDirectory(start.toFile());
        }
        java.io.File f = chooser.showSaveDialog(view.getScene().getWindow());
        if (f != null) {
            save(view, f.toPath(), said);
        }
    }

    /**
     * Writes {@code view} as it is on screen to {@code file} as PNG, saying so in {@code said}.
     * Call on the JavaFX thread.
     *
     * @return done when the file is written (failed with the reason when it could not be)
     */
    static CompletableFuture<Path> save(Node view, Path file, Label said) {
        WritableImage picture = view.snapshot(null, null);
        said.setText("saving " + file.getFileName() + "...");
        CompletableFuture<Path> done = new CompletableFuture<>();
        Thread.ofPlatform().name("seiswork-picture").daemon().start(() -> {
            try {
                PngWriter.write(picture, file);
                done.complete(file);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.whenComplete((f, e) -> Platform.runLater(() -> said.setText(e == null ? "saved " + file
                : "cannot save " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()))));
        return done;
    }

    /**
     * {@code folder}, or its nearest parent that is a folder; null for none (or null given, or
     * the file system does not say within {@value QuickFolder#WAIT_MS} ms: {@link QuickFolder}).
     */
    static Path existing(Path folder) {
        return QuickFolder.nearest(folder);
    }

    /** {@code text} as a file name: letters, digits, '.', '-' and '_' kept, anything else '-'. */
    static String fileName(String text) {
        return text.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
