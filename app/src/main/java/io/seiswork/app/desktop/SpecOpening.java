package io.seiswork.app.desktop;

import io.seiswork.app.run.LocalRunner;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.render.color.ColorMap;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.FileChooser;

/**
 * The project window's spec in hand and how it comes: opened (a file, an example, the demo, one
 * dropped on the window) or applied from the editor, read and resolved on the window's I/O thread,
 * then shown (its facts, its model, its run time measured) or refused (its problems listed, the
 * editor keeping its text to be fixed). What it leaves on the JavaFX thread is the project, or
 * the refused spec's name, and the file it lives in.
 */
final class SpecOpening {

    private final ProjectWindow window;
    private final RunTimeEstimate estimate;
    private Project project;
    /** The job the title names: the project's, or a refused spec's (its "name", else its file's). */
    private String titleName;
    private String source = "";
    private Path specFile;
    /** The spec file last put in the Recent menu (Apply shows the same file again: not remembered twice). */
    private Path specFileRemembered;
    private boolean opening;

    /**
     * @param window where the spec is read and resolved (its I/O thread) and shown
     * @param estimate stopped when the project goes, measured for the one that comes
     */
    SpecOpening(ProjectWindow window, RunTimeEstimate estimate) {
        this.window = window;
        this.estimate = estimate;
    }

    /** The project in hand: the spec last opened or applied that resolved; null for none. */
    Project project() {
        return project;
    }

    /** The job the title names: the project's, a refused spec's, else where the spec came from ("" for none). */
    String jobName() {
        return project != null ? project.job().spec().name() : titleName != null ? titleName : source;
    }

    /** Whether a spec is being opened or applied. */
    boolean inProgress() {
        return opening;
    }

    /** The spec lives in {@code file} now: it was saved there. */
    void savedTo(Path file) {
        specFile = file;
        source = file.toString();
    }

    /** The file the spec lives in; null for the demo. */
    Path specFile() {
        return specFile;
    }

    /** Opens the built-in demo project. */
    void openDemo() {
        open("the built-in demo", null, Project::demoText, false);
    }

    /** Opens a spec file; a spec with problems shows them all in the editor and cannot run until fixed. */
    void openFile(Path file) {
        if (VolumeOpening.isVolumeFile(file)) {
            // Not a spec (it would be refused as "not UTF-8 text"): a volume, opened as Open volume does.
            window.status().setText(file.getFileName() + " is a volume, not a job spec: opening it in a viewer window"
                    + " (the tool bar's Open volume...).");
            VolumeOpening.open(window.getScene() == null ? null : window.getScene().getWindow(), file);
            return;
        }
        open(file.toString(), file, () -> Project.readText(file), false);
    }

    /** Open volume: a SEG-Y cube or a .swv the user picks, in a viewer window of its own. */
    void chooseVolume() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a volume");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Volumes (*.sgy, *.segy, *.swv)", "*.sgy",
                "*.segy", "*.swv", "*.SGY", "*.SEGY"));
        Path start = openFolder();
        if (start != null) {
            chooser.setInitialDirectory(start.toFile());
        }
        java.io.File f = chooser.showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            VolumeOpening.open(window.getScene().getWindow(), f.toPath());
        }
    }

    /**
     * Reads a spec's text and opens it as the project, both off the JavaFX thread: the text goes
     * to the editor first, so that a spec with problems can be fixed in place. Another spec's
     * shots are other shots: the Shots list is emptied, unless {@code keepShots} (the same spec
     * saved elsewhere). A file that cannot be read leaves the project in hand as it was.
     *
     * @param what the spec's name for the status line (its file, "the built-in demo")
     * @param file the file it lives in, or null
     * @param text reads its text (on the I/O thread)
     */
    void open(String what, Path file, Supplier<String> text, boolean keepShots) {
        opening = true;
        window.updateRunButton();
        window.status().setText("Opening " + what + "...");
        window.io().submit(() -> {
            try {
                String json = text.get();
                Platform.runLater(() -> {
                    source = what;
                    specFile = file;
                    titleName = null;
                    if (!keepShots) {
                        window.shotsField().clear();
                    }
                    window.editor().load(json, what);
                    // Nothing of the last project's is shown beside this spec's text while it is checked.
                    estimate.cancel();
                    window.summary().showOpening(what);
                    window.modelTab().setContent(Placeholder.of("Opening " + ProjectSummary.shortName(what) + "..."));
                });
                resolve(what, file, json, false);
            } catch (RuntimeException e) {
                Platform.runLater(() -> cannotOpen(what, ProblemLine.of(e)));
            } catch (Error e) {
                // Left to the Future it would vanish, the window saying "Opening..." for ever: said
                // like the other failures (a model too large for the heap in the heap's words), and logged.
                org.slf4j.LoggerFactory.getLogger(ProjectWindow.class).error("opening {} failed", what, e);
                String why = e instanceof OutOfMemoryError oom
                        ? LocalRunner.outOfHeap("opening the spec (reading its velocity models)", oom).getMessage()
                        : e.toString();
                Platform.runLater(() -> cannotOpen(what, why));
            }
        });
    }

    /** A spec whose text cannot be read: said, and the project in hand (if any) stays. */
    private void cannotOpen(String what, String why) {
        opening = false;
        if (project == null && titleName == null && source.isEmpty()) {
            window.summary().showProblems(what, List.of(why));  // nothing open yet: the facts' place says why
        }
        window.updateRunButton();
        if (estimate.cancelled()) {
            estimate.estimateRunTime();  // of the project that stays, if any: Run stopped its estimate while this opened
        }
        window.status().setText("Cannot open " + what + ": " + why);
    }

    /**
     * Resolves edited or loaded text into the project (on the I/O thread).
     *
     * @param applied the user's edits (Apply), said so on the status line, rather than a spec opened
     */
    private void resolve(String what, Path file, String json, boolean applied) {
        try {
            Project p = Project.fromText(json, what, file);
            Platform.runLater(() -> show(p, applied));
        } catch (SpecException e) {
            RefusedSpec refused = RefusedSpec.of(json, file);
            Platform.runLater(() -> refuse(what, json, e.problems(), refused));
        } catch (RuntimeException e) {
            RefusedSpec refused = RefusedSpec.of(json, file);
            Platform.runLater(() -> refuse(what, json,
                    List.of(SpecProblem.error(SpecEditor.WHOLE_SPEC, ProblemLine.of(e))), refused));
        }
    }

    /** Apply: the edited text becomes the project (checked in full, model reloaded). */
    void applyEdits(String json) {
        opening = true;
        window.updateRunButton();
        window.status().setText("Checking the edited spec...");
        String what = source;
        Path file = specFile;
        window.io().submit(() -> resolve(what, file, json, true));
    }

    private void show(Project p, boolean applied) {
        project = p;
        opening = false;
        window.editor().markApplied(p.text());
        if (p.file() != null && !p.file().equals(specFileRemembered)) {
            specFileRemembered = p.file();
            window.recentMenu().remember(p.file());
        }
        window.summary().show(p);
        EngineChoice shown = window.engineChoice().getValue();
        window.engineChoice().setValue(p.job().spec().engine());
        if (shown == window.engineChoice().getValue()) {
            estimate.estimateRunTime();  // else the engine's listener has started it
        }
        showModel(p);
        window.outputFolder().setText("Output: " + window.outputDirOf(p.job().spec()));
        window.status().setText((applied ? "Applied the edits to " : "Opened ") + p.source() + ".");
        window.updateTitle();
        window.updateRunButton();
        TabPane tabs = window.tabs();
        if (tabs.getSelectionModel().getSelectedItem() != window.specTab()) {
            tabs.getSelectionModel().select(window.modelTab());
        }
    }

    /** The Model tab: the model with the survey over it, and a migration's own velocity beside it. */
    private void showModel(Project p) {
        ResolvedJob job = p.job();
        AcquisitionOverlay survey = new AcquisitionOverlay(job.geometry().sources(), job.geometry().receivers(),
                job.velocity().grid());
        VolumeWindow model = new VolumeWindow(p.velocity(), ColorMap.VIRIDIS);
        model.setOverlay(survey);
        Path folder = window.outputDirOf(job.spec());
        model.setPictureFolder(folder);  // (its nearest existing folder until a run makes it)
        if (p.migrationVelocity() == null) {
            window.modelTab().setContent(model);
        } else {
            // A migration with its own velocity: the true model and the one the image is made with.
            VolumeWindow migration = new VolumeWindow(p.migrationVelocity(), ColorMap.VIRIDIS);
            migration.setOverlay(survey);
            migration.setPictureFolder(folder);
            Tab truth = new Tab("Model", model);
            Tab used = new Tab("Migration velocity", migration);
            TabPane both = new TabPane(truth, used);
            both.setId("modelTabs");
            both.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            window.modelTab().setContent(both);
        }
    }

    /**
     * @param json the text refused (the editor measures the next edits against it), or null when
     *     no text was read
     * @param refused its name and engine, read from the text
     */
    private void refuse(String what, String json, List<SpecProblem> problems, RefusedSpec refused) {
        project = null;
        opening = false;
        // The estimate of the spec this replaces stops (a data file's header pass, one shot's memory):
        // the engine's listener stops it only when the refused spec names another engine.
        estimate.cancel();
        titleName = refused.name();
        // The tool bar's engine follows the text, as it does for a spec that opens (there is no run time to measure).
        window.engineChoice().setValue(refused.engine());
        window.editor().markRefused(json, problems);
        window.summary().showProblems(what, problems.stream().map(SpecEditor::line).toList());
        window.modelTab().setContent(Placeholder.of("Fix the spec in the Spec tab and Apply, or open another."));
        // Nothing of the last project's stays to be taken for this one's.
        window.outputFolder().setText("Output: none, the spec cannot run");
        window.updateTitle();
        window.updateRunButton();
        window.status().setText(what + " cannot run: " + SpecProblem.counted(problems) + ", listed on the left.");
    }

    /** The job specs (.json files) among the files dragged onto the window. */
    static List<Path> specsIn(javafx.scene.input.Dragboard board) {
        return !board.hasFiles() ? List.of() : board.getFiles().stream().map(java.io.File::toPath)
                .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")).toList();
    }

    /**
     * Opens the first of the job specs dropped on the window, as Open would (asking first when
     * the spec in hand has unsaved edits); false when there is none, or the user keeps theirs.
     */
    boolean openDropped(List<Path> specs) {
        if (specs.isEmpty() || window.running() || !window.mayDiscardEdits("Open " + specs.getFirst().getFileName())) {
            return false;
        }
        openFile(specs.getFirst());
        return true;
    }

    /** Open: the spec file the user picks, once the spec in hand may be let go. */
    void chooseSpec() {
        if (!window.mayDiscardEdits("Open another spec")) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a job spec");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
        Path start = openFolder();
        if (start != null) {
            chooser.setInitialDirectory(start.toFile());  // not GTK's empty "Recent" view
        }
        java.io.File f = chooser.showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /**
     * Where Open starts: the open spec's folder, else (the demo) the examples folder, else the
     * folder the app started in; null when none of them is a folder any more (or the file system
     * does not say within {@value QuickFolder#WAIT_MS} ms: a hung network share).
     */
    Path openFolder() {
        List<Path> candidates = new java.util.ArrayList<>();
        if (specFile != null && specFile.toAbsolutePath().getParent() != null) {
            candidates.add(specFile.toAbsolutePath().getParent());
        }
        candidates.add(window.examplesMenu().examplesDir().toAbsolutePath());
        candidates.add(Path.of("").toAbsolutePath());
        return QuickFolder.first(candidates);  // stat off the JavaFX thread, not waited for long
    }
}
