package io.seiswork.app.desktop;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.stage.FileChooser;

/**
 * The editor's Save and Save as: the spec text written on the window's I/O thread, text that is
 * not JSON only when the user says so (parsed on the check thread), and the status line saying
 * what the project is afterwards.
 */
final class SpecSaving {

    private final ProjectWindow window;
    private final ExecutorService checks;

    /**
     * @param window whose spec is saved (its file, and where a spec saved elsewhere is opened
     *     again), written on its I/O thread
     * @param checks where the text is parsed (quick, never behind a model file being read)
     */
    SpecSaving(ProjectWindow window, ExecutorService checks) {
        this.window = window;
        this.checks = checks;
    }

    /**
     * Save: to the spec's file, or to a file the user picks for a spec that has none (the demo).
     * Text that is not JSON is saved only when the user says so.
     */
    void save(String json) {
        whenSavable(json, broken -> {
            Path target = window.opening().specFile();
            if (target == null) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save the job spec");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
                java.io.File f = chooser.showSaveDialog(window.getScene().getWindow());
                if (f == null) {
                    return;
                }
                target = f.toPath();
            }
            saveTo(target, json, broken);
        });
    }

    /**
     * Calls {@code save} on the JavaFX thread with where {@code json} stops being JSON (null when
     * it parses) once it may be saved: it parses, or the user says to save it all the same
     * (Cancel the default). The text is parsed on the check thread.
     */
    private void whenSavable(String json, java.util.function.Consumer<String> save) {
        checks.submit(() -> {
            String broken = JsonSyntaxError.describe(json);
            Platform.runLater(() -> {
                if (broken == null || confirmSaveBroken(broken)) {
                    save.accept(broken);
                } else {
                    window.status().setText("Not saved: the spec is not valid JSON (" + broken + ").");
                }
            });
        });
    }

    /** Asks whether to save text that is not JSON; Cancel, the default button, saves nothing. */
    private boolean confirmSaveBroken(String broken) {
        return window.questions().confirmed("Save text that is not JSON?", "The spec is not valid JSON (" + broken
                + "). Save it anyway?", "Save anyway", "saveInvalidJson");
    }

    /** Save as: a file the user picks, then {@link #saveAs} (text that is not JSON only when the user says so). */
    void chooseSaveAs(String json) {
        whenSavable(json, broken -> chooseSaveAsFile(json));
    }

    private void chooseSaveAsFile(String json) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the job spec as");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
        Path specFile = window.opening().specFile();
        if (specFile != null && specFile.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(specFile.toAbsolutePath().getParent().toFile());
        }
        java.io.File f = chooser.showSaveDialog(window.getScene().getWindow());
        if (f != null) {
            saveAs(f.toPath(), json);
        }
    }

    /**
     * Writes the spec text to {@code file}, its relative file names rewritten for the new folder
     * ({@link SpecFiles#rebase}), and opens that file as the project: the spec lives there now.
     */
    void saveAs(Path file, String json) {
        Path specFile = window.opening().specFile();
        Path from = specFile == null ? Path.of("") : specFile.toAbsolutePath().getParent();
        Path to = file.toAbsolutePath().getParent();
        window.io().submit(() -> {
            try {
                // Parsed here, not on the JavaFX thread: a spec of many points takes seconds.
                String moved = SpecFiles.rebase(json, from, to);
                java.nio.file.Files.writeString(file, moved);
                Platform.runLater(() -> {
                    window.editor().markSaved(json);  // the old file's edits are safe in the new one
                    window.opening().open(file.toString(), file, () -> Project.readText(file), true);
                });
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> window.status().setText("Cannot save " + file + ": " + e.getMessage()));
            }
        });
    }

    /**
     * Writes the spec text to {@code file} off the JavaFX thread, the status line saying what the
     * project is now: the saved text when it was applied; else the last text applied, until Apply
     * (which text that is not JSON, {@code broken} saying where, cannot pass).
     */
    private void saveTo(Path file, String json, String broken) {
        window.io().submit(() -> {
            try {
                java.nio.file.Files.writeString(file, json);
                window.recentMenu().remember(file);
                Platform.runLater(() -> {
                    SpecEditor editor = window.editor();
                    editor.markSaved(json);
                    window.opening().savedTo(file);
                    window.status().setText("Saved " + file + (broken != null
                            ? ", which is not valid JSON (" + broken + "): the project is still the spec last applied."
                            : editor.editedProperty().get() && editor.text().getText().equals(json)
                            ? ". Not applied yet: Apply makes it the project." : "."));
                });
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> window.status().setText("Cannot save " + file + ": " + e.getMessage()));
            }
        });
    }
}
