package io.seiswork.app.desktop;

import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.RunCheckpoint;
import io.seiswork.app.run.RunTimeEstimator;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.Task;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.section.SliceView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The workstation's main window: one job spec (a "project") with its facts on the left, its
 * velocity model, the live progress of a local run and the run's result (the migrated image, or
 * the shot gathers) in tabs, and Open, engine, Run and Cancel in the tool bar. Opening a spec,
 * running shots and reading results all happen on background threads; the JavaFX thread only
 * swaps what is shown.
 */
public final class ProjectWindow extends BorderPane {

    private static final KeyCombination OPEN_KEY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RUN_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);

    private static final String SHOTS_TIP = "Run only these shots on this machine, by number: 1 or 1,4-6 (empty: every "
            + "shot). They keep their numbers and places; a migration stacks only them";

    /** The least width of the window, pixels: the laptop layout, whose tools all stay in the bar. */
    public static final double MIN_WIDTH = 1024;
    /** The least height of the window, pixels. */
    public static final double MIN_HEIGHT = 680;

    /** Longest wait for a cancelled run to stop when the window closes, milliseconds. */
    static final long CLOSE_WAIT_MS = 10_000;

    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-io");
        t.setDaemon(true);
        return t;
    });
    /** Checks the spec as it is typed: quick, and never queued behind a model file being read on {@link #io}. */
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-check");
        t.setDaemon(true);
        return t;
    });
    /**
     * Works out the Examples menu's notes (each example read and resolved, a model loaded): its
     * own low-priority thread, so that opening, applying and saving on {@link #io} never wait
     * behind them; a listing asked for while an older one is queued or under way supersedes it.
     */
    private final ExecutorService notes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-example-notes");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    /** The latest listing of the Examples menu asked for: an older one stops, and its result is dropped. */
    private final java.util.concurrent.atomic.AtomicInteger examplesListing = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * How a cloud run makes its dispatcher from the stack's clients: {@link Dispatcher#of}; the
     * transfer tests put in one that holds parts in flight ({@link #setDispatchers}).
     */
    private volatile Function<CloudClients, Dispatcher> dispatchers = Dispatcher::of;
    /** Works out one example's note on {@link #notes} (tests put in a slow or failing one). */
    private volatile NoteMaker noteMaker;
    /** Measures the chosen engine for the run-time estimate, one job at a time. */
    private final ExecutorService estimator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-estimate");
        t.setDaemon(true);
        return t;
    });
    private CancellationToken estimating = CancellationToken.none();
    /** The Shots list the run time was last measured for. */
    private String estimatedShots = "";
    /** What the last measurement that ran to its end was of ({@link RunTimeInputs}), and said; null before one. */
    private RunTimeInputs measuredInputs;
    private String measuredText;
    private final Function<JobSpec, Path> outputDir;
    private final Button open = new Button("Open spec...");
    private final MenuButton examples = new MenuButton("Examples");
    private final RecentSpecsMenu recentMenu;
    private final TextField shotsField = new TextField();
    private Path examplesDir = Path.of("examples");
    private final ChoiceBox<EngineChoice> engine = new ChoiceBox<>();
    private final ChoiceBox<RunTarget> runOn = new ChoiceBox<>();
    private final MenuButton cloudJobs = new MenuButton("Cloud jobs");
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    /** Which check of the output folder for a run to resume is the latest (older answers are dropped). */
    private int resumeChecks;
    private final Label output = new Label();
    private final ProjectSummary summary = new ProjectSummary();
    private final TabPane tabs = new TabPane();
    private final Tab specTab = new Tab("Spec");
    private final Tab modelTab = new Tab("Model");
    private final Tab runTab = new Tab("Run");
    private final Tab resultTab = new Tab("Result");
    private final RunProgressPane progress = new RunProgressPane();
    private final SliceView imageSoFar = new SliceView();
    /** The migration's image last shown while it runs, or null: kept on screen if the run stops part-way. */
    private RunEvents.Image lastImage;
    private final Label status = new Label();
    private final SpecEditor editor;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Seiswork");
    private Project project;
    /** The job the title names: the project's, or a refused spec's (its "name", else its file's). */
    private String titleName;
    /** A Shots problem the status line shows, to be taken back once the list is fine. */
    private String shotsProblemShown;
    private String source = "";
    private Path specFile;
    /** The spec file last put in the Recent menu (Apply shows the same file again: not remembered twice). */
    private Path specFileRemembered;
    private boolean opening;
    /** Whether Run is looking for a finished run in the output folder (or asking whether to replace it). */
    private boolean checkingOutput;
    private ActiveRun current;
    /** The output folder of the run started or followed last: where its pictures are saved. */
    private Path runFolder;
    /** The task of the cloud job being followed (not the project's), while one is. */
    private Task followedTask;
    private AutoCloseable shownResult;

    /**
     * @param outputDir where a run of a spec writes its files (the command line's default is
     *     {@code runs/<job name>})
     */
    public ProjectWindow(Function<JobSpec, Path> outputDir) {
        this.outputDir = outputDir;
        noteMaker = (spec, repository, readme) -> ExampleNote.of(spec, repository, readme, outputDir);
        engine.getItems().setAll(EngineChoice.values());
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(EngineChoice c) {
                return c == null ? "" : c.json();
            }

            @Override
            public EngineChoice fromString(String s) {
                return JobEngine.parse(s, "engine");
            }
        });
        open.setId("openSpec");
        engine.setId("engineChoice");
        runOn.getItems().setAll(RunTarget.values());
        runOn.setValue(RunTarget.THIS_MACHINE);
        runOn.setId("runOnChoice");
        runOn.setTooltip(new Tooltip("Where Run sends the job: this machine's engine, the local cloud "
                + "(scripts/cloud-local.sh start, a worker runs in this window) or AWS (SEISWORK_BUCKET, your AWS profile)"));
        run.setId("runButton");
        cancel.setId("cancelButton");
        status.setId("status");
        run.setDisable(true);
        cancel.setDisable(true);
        engine.valueProperty().addListener((o, a, b) -> estimateRunTime());
        open.setOnAction(e -> chooseSpec());
        run.setOnAction(e -> startRun(false));
        cancel.setOnAction(e -> cancelRun());
        resume.setId("resumeRun");
        resume.setDisable(true);
        resume.setOnAction(e -> startRun(true));

        examples.setId("examples");
        examples.setTooltip(new Tooltip("The job specs in ./examples"));
        examples.setOnShowing(e -> listExamples());
        listExamples();
        shotsField.setId("shotsField");
        shotsField.setPromptText("all");
        shotsField.setOnAction(e -> estimateShotsListed());  // Enter: the run time of those shots
        shotsField.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                estimateShotsListed();
            }
        });
        shotsField.setPrefColumnCount(6);
        shotsField.setTooltip(new Tooltip(SHOTS_TIP));
        shotsField.textProperty().addListener((o, a, b) -> checkShotsField());  // red at once, as the form's fields
        recentMenu = new RecentSpecsMenu(RecentSpecs.ofUser(), checks, f -> {
            if (current == null && mayDiscardEdits("Open " + f.getFileName())) {
                openFile(f);
            }
        });
        setOnDragOver(e -> {
            if (specsIn(e.getDragboard()).isEmpty()) {
                return;
            }
            e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);  // read, never moved
            e.consume();
        });
        setOnDragDropped(e -> {
            List<Path> specs = specsIn(e.getDragboard());
            e.setDropCompleted(!specs.isEmpty());
            e.consume();
            // Opened after the drop has ended: a question asked inside it stalls the drag's source.
            Platform.runLater(() -> openDropped(specs));
        });
        cloudJobs.setId("cloudJobs");
        cloudJobs.setTooltip(new Tooltip("The cloud's recent jobs (the tool bar's cloud): pick one to follow its shots "
                + "here and get its outputs when it is done; a failed or cancelled one can be resumed"));
        cloudJobs.setOnShowing(e -> listCloudJobs());
        runOn.valueProperty().addListener((o, a, b) -> updateRunButton());
        ToolBar bar = new ToolBar(open, recentMenu, examples, new Separator(), new Label("Engine"), engine, new Label("on"), runOn,
                new Label("shots"), shotsField, run, cancel, resume, cloudJobs);
        editor = new SpecEditor(checks, this::applyEdits, this::save, this::chooseSaveAs, new DialogFileChooser(
                () -> specFile == null ? Path.of("") : specFile.toAbsolutePath().getParent(),
                () -> getScene().getWindow()));
        editor.editedProperty().addListener((o, a, b) -> updateRunButton());
        specTab.setContent(editor);
        for (Tab t : List.of(specTab, modelTab, runTab, resultTab)) {
            t.setClosable(false);
            t.setId(t.getText().toLowerCase(java.util.Locale.ROOT) + "Tab");
        }
        runTab.setContent(progress);
        imageSoFar.setId("imageSoFar");
        imageSoFar.unitProperty().set("image amplitude");
        progress.setOnImage(this::showImageSoFar);
        resultTab.setContent(placeholder("Run the job to see its result here."));
        modelTab.setContent(placeholder("No project open."));
        tabs.getTabs().setAll(specTab, modelTab, runTab, resultTab);
        // The facts beside the tabs in a split: narrower on a laptop screen, wider by hand, scrolled when long.
        ScrollPane left = new ScrollPane(summary);
        left.setFitToWidth(true);
        left.setMinWidth(0);
        left.setId("factsPane");
        javafx.scene.control.SplitPane sides = new javafx.scene.control.SplitPane(left, tabs);
        sides.setId("sides");
        javafx.scene.control.SplitPane.setResizableWithParent(left, false);
        sides.setDividerPositions(0.26);
        // The output folder in the status bar, where it shortens (from its start) rather than push tools out of the bar.
        output.setId("outputFolder");
        output.setMinWidth(0);
        output.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        output.setStyle("-fx-text-fill: #555");
        status.setMinWidth(0);
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        HBox bottom = new HBox(12, status, gap, output);
        bottom.setPadding(new Insets(4, 8, 4, 8));
        setTop(bar);
        setCenter(sides);
        setBottom(bottom);

        open.setTooltip(new Tooltip("Open a job spec (Ctrl+O)"));
        run.setTooltip(new Tooltip("Run every shot where the tool bar says (Ctrl+R); needs an applied spec without problems"));
        cancel.setTooltip(new Tooltip("Stop at the next time step; finished shots are kept (Esc)"));
        resume.setTooltip(new Tooltip("Go on with the run that stopped in the spec's output folder (cancelled, failed "
                + "or killed): its finished shots are kept, the others run, and the files are those a run without the "
                + "stop writes"));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN_KEY.match(e) && !open.isDisabled()) {
                chooseSpec();
            } else if (RUN_KEY.match(e) && !run.isDisabled()) {
                startRun(false);
            } else if (e.getCode() == KeyCode.ESCAPE && !cancel.isDisabled()) {
                cancelRun();
            } else {
                return;
            }
            e.consume();
        });
        editor.editedProperty().addListener((o, a, b) -> updateTitle());
    }

    /** "Seiswork: job name", with " *" while the spec has unapplied edits: for the stage's title. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    private void updateTitle() {
        String name = project != null ? project.job().spec().name() : titleName != null ? titleName : source;
        title.set("Seiswork" + (name == null || name.isEmpty() ? "" : ": " + name)
                + (editor.editedProperty().get() ? " *" : ""));
    }

    /** Opens the built-in demo project. */
    public void openDemo() {
        open("the built-in demo", null, Project::demoText, false);
    }

    /**
     * The migration's image after one more shot in the Result tab: whole in the volume viewer
     * (the 3D view and sections of a 3D image, kept with their slices and camera from shot to
     * shot), or for an image too large to copy each shot its middle inline.
     */
    private void showImageSoFar(RunEvents.Image im) {
        lastImage = im;
        if (im.volume() != null) {
            if (!(resultTab.getContent() instanceof VolumeWindow live && live.getId().equals("liveImage")
                    && live.showVolume(im.volume()))) {
                VolumeWindow live = new VolumeWindow(im.volume(), ColorMap.SEISMIC);
                live.setId("liveImage");
                live.setPictureFolder(runFolder);
                resultTab.setContent(live);
            }
            return;
        }
        imageSoFar.titleProperty().set(String.format(java.util.Locale.ROOT,
                "Image after %d of %d shots (middle inline)", im.stacked(), im.shots()));
        imageSoFar.sliceProperty().set(im.section());
        if (resultTab.getContent() != imageSoFar) {
            resultTab.setContent(imageSoFar);
        }
    }

    /** Opens a spec file; a spec with problems shows them all in the editor and cannot run until fixed. */
    public void openFile(Path file) {
        open(file.toString(), file, () -> Project.readText(file), false);
    }

    /**
     * Reads a spec's text and opens it as the project, both off the JavaFX thread: the text goes
     * to the editor first, so that a spec with problems can be fixed in place. Another spec's
     * shots are other shots: the Shots list is emptied, unless {@code keepShots} (the same spec
     * saved elsewhere). A file that cannot be read leaves the project in hand as it was.
     */
    private void open(String what, Path file, Supplier<String> text, boolean keepShots) {
        opening = true;
        updateRunButton();
        status.setText("Opening " + what + "...");
        io.submit(() -> {
            try {
                String json = text.get();
                Platform.runLater(() -> {
                    source = what;
                    specFile = file;
                    titleName = null;
                    if (!keepShots) {
                        shotsField.clear();
                    }
                    editor.load(json, what);
                    // Nothing of the last project's is shown beside this spec's text while it is checked.
                    estimating.cancel();
                    summary.showOpening(what);
                    modelTab.setContent(placeholder("Opening " + ProjectSummary.shortName(what) + "..."));
                });
                resolve(what, file, json, false);
            } catch (RuntimeException e) {
                Platform.runLater(() -> cannotOpen(what, firstLine(e)));
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
            summary.showProblems(what, List.of(why));  // nothing open yet: the facts' place says why
        }
        updateRunButton();
        if (estimating.isCancelled()) {
            estimateRunTime();  // of the project that stays, if any: Run stopped its estimate while this opened
        }
        status.setText("Cannot open " + what + ": " + why);
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
            Platform.runLater(() -> refuse(what, json, List.of(SpecProblem.error(SpecEditor.WHOLE_SPEC, firstLine(e))),
                    refused));
        }
    }

    /** Apply: the edited text becomes the project (checked in full, model reloaded). */
    private void applyEdits(String json) {
        opening = true;
        updateRunButton();
        status.setText("Checking the edited spec...");
        String what = source;
        Path file = specFile;
        io.submit(() -> resolve(what, file, json, true));
    }

    /**
     * Save: to the spec's file, or to a file the user picks for a spec that has none (the demo).
     * Text that is not JSON is saved only when the user says so.
     */
    private void save(String json) {
        whenSavable(json, broken -> {
            Path target = specFile;
            if (target == null) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save the job spec");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
                java.io.File f = chooser.showSaveDialog(getScene().getWindow());
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
                    status.setText("Not saved: the spec is not valid JSON (" + broken + ").");
                }
            });
        });
    }

    /** Asks whether to save text that is not JSON; Cancel, the default button, saves nothing. */
    private boolean confirmSaveBroken(String broken) {
        return confirmed("Save text that is not JSON?", "The spec is not valid JSON (" + broken + "). Save it anyway?",
                "Save anyway", "saveInvalidJson");
    }

    /** Save as: a file the user picks, then {@link #saveAs} (text that is not JSON only when the user says so). */
    private void chooseSaveAs(String json) {
        whenSavable(json, broken -> chooseSaveAsFile(json));
    }

    private void chooseSaveAsFile(String json) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the job spec as");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
        if (specFile != null && specFile.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(specFile.toAbsolutePath().getParent().toFile());
        }
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            saveAs(f.toPath(), json);
        }
    }

    /**
     * Writes the spec text to {@code file}, its relative file names rewritten for the new folder
     * ({@link SpecFiles#rebase}), and opens that file as the project: the spec lives there now.
     */
    void saveAs(Path file, String json) {
        Path from = specFile == null ? Path.of("") : specFile.toAbsolutePath().getParent();
        Path to = file.toAbsolutePath().getParent();
        String moved = SpecFiles.rebase(json, from, to);
        io.submit(() -> {
            try {
                java.nio.file.Files.writeString(file, moved);
                Platform.runLater(() -> {
                    editor.markSaved(json);  // the old file's edits are safe in the new one
                    open(file.toString(), file, () -> Project.readText(file), true);
                });
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> status.setText("Cannot save " + file + ": " + e.getMessage()));
            }
        });
    }

    /** Writes the spec text to {@code file} off the JavaFX thread; the spec then lives there. */
    void saveTo(Path file, String json) {
        saveTo(file, json, null);
    }

    /**
     * As {@link #saveTo(Path, String)}, the status line saying what the project is now: the
     * saved text when it was applied; else the last text applied, until Apply (which text that is
     * not JSON, {@code broken} saying where, cannot pass).
     */
    private void saveTo(Path file, String json, String broken) {
        io.submit(() -> {
            try {
                java.nio.file.Files.writeString(file, json);
                recentMenu.remember(file);
                Platform.runLater(() -> {
                    editor.markSaved(json);
                    specFile = file;
                    source = file.toString();
                    status.setText("Saved " + file + (broken != null
                            ? ", which is not valid JSON (" + broken + "): the project is still the spec last applied."
                            : editor.editedProperty().get() && editor.text().getText().equals(json)
                            ? ". Not applied yet: Apply makes it the project." : "."));
                });
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> status.setText("Cannot save " + file + ": " + e.getMessage()));
            }
        });
    }

    /**
     * Cancels a run in progress, waits up to {@value #CLOSE_WAIT_MS} ms for it to stop (so that its
     * {@code run.json} says "cancelled" before the program exits), and stops the window's
     * background work: the window is closing.
     */
    public void shutdown() {
        ActiveRun r = current;
        if (r != null) {
            r.stopFollowing();
            try {
                r.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        estimating.cancel();
        editor.dispose();
        closeResult();
        io.shutdownNow();
        notes.shutdownNow();
        checks.shutdownNow();
        estimator.shutdownNow();
    }

    private void show(Project p, boolean applied) {
        project = p;
        opening = false;
        editor.markApplied(p.text());
        if (p.file() != null && !p.file().equals(specFileRemembered)) {
            specFileRemembered = p.file();
            recentMenu.remember(p.file());
        }
        summary.show(p);
        EngineChoice shown = engine.getValue();
        engine.setValue(p.job().spec().engine());
        if (shown == engine.getValue()) {
            estimateRunTime();  // else the engine's listener has started it
        }
        showModel(p);
        output.setText("Output: " + outputDir.apply(p.job().spec()));
        status.setText((applied ? "Applied the edits to " : "Opened ") + p.source() + ".");
        updateTitle();
        updateRunButton();
        if (tabs.getSelectionModel().getSelectedItem() != specTab) {
            tabs.getSelectionModel().select(modelTab);
        }
    }

    /** The Model tab: the model with the survey over it, and a migration's own velocity beside it. */
    private void showModel(Project p) {
        ResolvedJob job = p.job();
        AcquisitionOverlay survey = new AcquisitionOverlay(job.geometry().sources(), job.geometry().receivers(),
                job.velocity().grid());
        VolumeWindow model = new VolumeWindow(p.velocity(), ColorMap.VIRIDIS);
        model.setOverlay(survey);
        model.setPictureFolder(outputDir.apply(job.spec()));  // (its nearest existing folder until a run makes it)
        if (p.migrationVelocity() == null) {
            modelTab.setContent(model);
        } else {
            // A migration with its own velocity: the true model and the one the image is made with.
            VolumeWindow migration = new VolumeWindow(p.migrationVelocity(), ColorMap.VIRIDIS);
            migration.setOverlay(survey);
            migration.setPictureFolder(outputDir.apply(job.spec()));
            Tab truth = new Tab("Model", model);
            Tab used = new Tab("Migration velocity", migration);
            TabPane both = new TabPane(truth, used);
            both.setId("modelTabs");
            both.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            modelTab.setContent(both);
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
        estimating.cancel();
        titleName = refused.name();
        // The tool bar's engine follows the text, as it does for a spec that opens (there is no run time to measure).
        engine.setValue(refused.engine());
        editor.markRefused(json, problems);
        summary.showProblems(what, problems.stream().map(SpecEditor::line).toList());
        modelTab.setContent(placeholder("Fix the spec in the Spec tab and Apply, or open another."));
        // Nothing of the last project's stays to be taken for this one's.
        output.setText("Output: none, the spec cannot run");
        updateTitle();
        updateRunButton();
        status.setText(what + " cannot run: " + SpecEditor.counted(problems) + ", listed on the left.");
    }

    /**
     * "The spec has edits that are not saved (and ...)" when closing or opening another spec
     * would lose some, else null. A value still being typed in the form is an edit too: it is
     * written into the JSON first, as Enter would.
     */
    private String unsavedEdits() {
        String refusedValue = editor.commitTyped();
        if (!editor.unsaved() && refusedValue == null) {
            return null;
        }
        return "The spec has edits that are not saved" + (refusedValue == null ? "" : " (and " + refusedValue + ")");
    }

    /**
     * Whether the window may close. With no run in progress: nothing unsaved, or the user says to
     * lose it ({@link #mayDiscardEdits}). During a run, one question says what closing does to the
     * run ({@link ActiveRun#closeQuestion}: a local run stops, a cloud job goes on in the cloud) and
     * to unsaved edits; Cancel, the default button, keeps the window, the run and the edits.
     */
    public boolean mayClose() {
        ActiveRun r = current;
        if (r == null) {
            return mayDiscardEdits("Close Seiswork");
        }
        String edits = unsavedEdits();
        return confirmed("A run is in progress", r.closeQuestion()
                + (edits == null ? "" : " " + edits + ": closing loses them."), "Close", "closeDuringRun");
    }

    /**
     * Whether the spec's text may be let go: nothing unsaved, or the user says so.
     *
     * @param doing what would let it go, for the question ("Open another spec")
     */
    public boolean mayDiscardEdits(String doing) {
        String edits = unsavedEdits();
        if (edits == null) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, edits + ". " + doing
                + " and lose them?", ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText(null);
        ask.initOwner(getScene().getWindow());
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /**
     * Fills the Examples menu with the job specs in {@link #examplesDir}, each with its
     * {@link ExampleNote} under its name (what it is and needs, worked out from the spec), read
     * and resolved on the notes' own thread ({@link #notes}), never ahead of the user's own file
     * work on {@link #io}; a spec unchanged since the last listing keeps its note. The disk a note
     * states is held against the free space of the spec's output folder each time. A note that
     * cannot be worked out says so in its place, and the menu is filled whatever happens; a
     * listing superseded by a newer one stops and is not shown.
     */
    private void listExamples() {
        Path dir = examplesDir;
        int listing = examplesListing.incrementAndGet();
        NoteMaker maker = noteMaker;
        notes.submit(() -> {
            java.util.LinkedHashMap<Path, ExampleNote> worked;
            String failed;
            try {
                worked = exampleNotes(dir, maker, listing);
                failed = null;
                if (worked == null) {
                    return;  // superseded: the newer listing fills the menu
                }
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                worked = null;
                failed = "cannot list the job specs in " + dir + ": " + ExampleNote.firstLine(e);
            }
            java.util.Map<Path, ExampleNote> notesWorked = worked;
            String failure = failed;
            Platform.runLater(() -> {
                if (listing != examplesListing.get()) {
                    return;  // a newer listing is under way
                }
                if (failure == null) {
                    examples.getItems().setAll(exampleItems(dir, notesWorked));
                } else {
                    examples.getItems().setAll(MenuItems.line(failure));
                }
            });
        });
    }

    /**
     * The notes of the job specs in {@code dir}, in name order, each worked out by {@code maker}
     * (or kept from the last listing); a note that throws becomes {@link ExampleNote#failed}. Null
     * when listing {@code listing} is superseded part-way. On {@link #notes}.
     */
    private java.util.LinkedHashMap<Path, ExampleNote> exampleNotes(Path dir, NoteMaker maker, int listing) {
        List<Path> specs;
        try (var files = java.nio.file.Files.list(dir)) {
            specs = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (java.io.IOException | RuntimeException e) {
            specs = List.of();  // no examples folder here: the menu says so
        }
        java.util.Map<String, String> readme = ExampleNote.readmeNotes(dir);
        Path repository = dir.toAbsolutePath().normalize().getParent();
        java.util.LinkedHashMap<Path, ExampleNote> worked = new java.util.LinkedHashMap<>();
        for (Path f : specs) {
            if (listing != examplesListing.get()) {
                return null;
            }
            ExampleNote note;
            try {
                note = exampleNotes.note(f, () -> maker.of(f, repository == null ? dir : repository, readme));
                // The free space where it would run, read anew at each listing: it is not part of the kept note.
                if (note.diskBytes() > 0 && note.output() != null) {
                    note = note.withFreeSpace(ExampleNote.usableAt(note.output()));
                }
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                note = ExampleNote.failed(e);
            }
            worked.put(f, note);
        }
        return worked;
    }

    /** The Examples menu's items for {@code listed}, each opening its spec; one disabled line for none. */
    private List<MenuItem> exampleItems(Path dir, java.util.Map<Path, ExampleNote> listed) {
        List<MenuItem> items = new java.util.ArrayList<>();
        listed.forEach((f, note) -> {
            MenuItem item = exampleItem(f.getFileName().toString(), note);
            item.setOnAction(e -> {
                if (mayDiscardEdits("Open " + f.getFileName())) {
                    openFile(f);
                }
            });
            items.add(item);
        });
        if (items.isEmpty()) {
            items.add(MenuItems.line("no job specs in " + dir));
        }
        return items;
    }

    /** Works out the note of one example (the tests' may be slow, or fail). */
    @FunctionalInterface
    interface NoteMaker {
        ExampleNote of(Path spec, Path repository, java.util.Map<String, String> readme);
    }

    /** Works out the Examples menu's notes with {@code maker} from the next listing on (for tests). */
    void setNoteMaker(NoteMaker maker) {
        noteMaker = maker;
    }

    /** Makes the dispatchers of the cloud runs started from now on with {@code made} (for tests). */
    void setDispatchers(Function<CloudClients, Dispatcher> made) {
        dispatchers = made;
    }

    /** Told of the pass over a cloud submission's data file headers beside its log ({@link #watchHeaderPasses}). */
    private volatile ByteProgress headerPasses = ByteProgress.NONE;

    /**
     * Tells {@code watcher}, too, of the pass over the data file's trace headers that each cloud
     * submission from the next Run on makes, on the run's thread (for tests: holding the pass at its
     * first report until Cancel is pressed, a test knows it cancels the pass mid-way, however fast
     * the machine).
     */
    void watchHeaderPasses(ByteProgress watcher) {
        headerPasses = watcher;
    }

    /** Notes of the examples listed, kept while their files (and the files they name) are unchanged. */
    private final ExampleNotes exampleNotes = new ExampleNotes();

    /**
     * An Examples menu item: the spec's name, its summary in grey under it, and its cautions
     * (large, data from outside the repository) in dark red under that, wrapped; the whole note
     * as its tooltip. The item's text is the file name.
     */
    private static MenuItem exampleItem(String name, ExampleNote note) {
        Label title = new Label(name);
        Label summary = new Label(note.summary());
        summary.setStyle("-fx-text-fill: #555555; -fx-font-size: 0.9em");
        summary.getStyleClass().add("example-summary");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(1, title, summary);
        for (String c : note.cautions()) {
            // Text, not a wrapped Label: a menu sizes its rows by their height at their own width.
            javafx.scene.text.Text caution = new javafx.scene.text.Text("\u26a0 " + c);
            caution.setWrappingWidth(EXAMPLE_NOTE_WIDTH);
            caution.setStyle("-fx-fill: #8b1a1a; -fx-font-size: 0.9em");
            caution.getStyleClass().add("example-caution");
            box.getChildren().add(caution);
        }
        box.setPadding(new Insets(2, 0, 2, 0));
        javafx.scene.control.CustomMenuItem item = new javafx.scene.control.CustomMenuItem(box, true);
        item.setText(name);
        item.setMnemonicParsing(false);  // a file name, shown as written ("my_survey.json")
        item.setId("example-" + name.replace('.', '-'));
        item.setUserData(note);
        Tooltip tip = new Tooltip(note.tooltip());
        tip.setWrapText(true);
        tip.setMaxWidth(EXAMPLE_NOTE_WIDTH);
        Tooltip.install(box, tip);
        return item;
    }

    /** Width the Examples menu wraps a caution at, pixels. */
    private static final double EXAMPLE_NOTE_WIDTH = 460;

    /**
     * Fills the Cloud jobs menu with the tool bar's cloud's recent jobs, read off the JavaFX thread;
     * a cloud that does not answer is one disabled line.
     */
    private void listCloudJobs() {
        RunTarget target = runOn.getValue();
        if (target == null || target.cloud() == null) {
            return;
        }
        cloudJobs.getItems().setAll(MenuItems.line("reading the " + target + " job table..."));
        io.submit(() -> {
            List<MenuItem> items = new java.util.ArrayList<>();
            CloudSettings settings = null;
            try {
                settings = CloudRun.settings(target.cloud());
            } catch (RuntimeException e) {
                items.add(MenuItems.line("cannot read the " + target + " jobs: " + firstLine(e)));
                Platform.runLater(() -> cloudJobs.getItems().setAll(items));
                return;
            }
            try (CloudClients clients = new CloudClients(settings)) {
                for (JobRecord j : Dispatcher.of(clients).recentJobs(20)) {
                    String line = String.format(java.util.Locale.ROOT, "%s   %s %s %d/%d", j.id(), j.task(), j.status(),
                            j.done(), j.total());
                    items.add(j.status().isFinal() ? endedJobMenu(target, j, line) : followItem(target, j, line));
                }
            } catch (RuntimeException e) {
                items.clear();
                // Not the SDK's account of its retries: what Run on that cloud says, and what to do.
                items.add(MenuItems.line(CloudRun.isUnreachable(e) ? CloudRun.unreachable(settings)
                        : "cannot read the " + target + " jobs: " + firstLine(e)));
            }
            if (items.isEmpty()) {
                items.add(MenuItems.line("no jobs in the " + target + " yet"));
            }
            Platform.runLater(() -> cloudJobs.getItems().setAll(items));
        });
    }

    private static boolean resumable(JobRecord job) {
        return job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED;
    }

    private MenuItem followItem(RunTarget target, JobRecord job, String text) {
        MenuItem item = MenuItems.item(text);
        item.setOnAction(e -> followCloudJob(target, job, false));
        return item;
    }

    /**
     * An ended job's entry: Follow (its rows as they ended; a DONE job's outputs fetched), for a
     * failed or cancelled one Resume (its unfinished shots run again, its done ones kept, as
     * {@code seiswork resume} does), and Delete (its stored files and items, as
     * {@code seiswork delete} does, once confirmed).
     */
    private Menu endedJobMenu(RunTarget target, JobRecord job, String text) {
        Menu menu = MenuItems.menu(text);
        MenuItem follow = new MenuItem("Follow");
        follow.setOnAction(e -> followCloudJob(target, job, false));
        menu.getItems().add(follow);
        if (resumable(job)) {
            int unfinished = job.total() - job.done();
            MenuItem resume = new MenuItem(unfinished == 0 ? "Resume: stack its " + job.total() + " done shots again"
                    : String.format(java.util.Locale.ROOT, "Resume: run its %d unfinished shot%s, keep its %d done",
                            unfinished, unfinished == 1 ? "" : "s", job.done()));
            resume.setOnAction(e -> followCloudJob(target, job, true));
            menu.getItems().add(resume);
        }
        MenuItem delete = new MenuItem("Delete...");
        delete.setOnAction(e -> deleteCloudJob(target, job));
        menu.getItems().add(delete);
        return menu;
    }

    /**
     * Deletes an ended job once the user confirms, on the I/O thread; the status bar says what
     * was deleted, or why not.
     */
    private void deleteCloudJob(RunTarget target, JobRecord job) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Delete job " + job.id() + " for good? Its spec, "
                + (job.status() == JobStatus.DONE ? "outputs" : "stored shot results (kept for a resume)")
                + " and items in the " + target + " are deleted; files already fetched to this machine stay.",
                ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText(null);
        ask.initOwner(getScene().getWindow());
        if (ask.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        status.setText("Deleting job " + job.id() + " in the " + target + "...");
        io.submit(() -> {
            String said;
            try (CloudClients clients = new CloudClients(CloudRun.settings(target.cloud()))) {
                said = Dispatcher.of(clients).delete(job.id()).summary();
            } catch (RuntimeException e) {
                said = "cannot delete job " + job.id() + ": " + firstLine(e);
            }
            String line = said;
            Platform.runLater(() -> status.setText(line));
        });
    }

    /**
     * Follows a job submitted elsewhere, resumed first when asked: its rows in the Run tab, its
     * outputs into runs/<job id>.
     */
    private void followCloudJob(RunTarget target, JobRecord job, boolean resume) {
        if (current != null) {
            return;
        }
        stopEstimate();
        Path out = project != null ? outputDir.apply(project.job().spec()).resolveSibling(job.id().value())
                : Path.of("runs", job.id().value());
        RunEvents events = new RunEvents();
        runFolder = out;
        progress.follow(events, java.util.stream.IntStream.rangeClosed(1, job.total()).boxed().toList(), 1,
                "Wavefield: only for runs on this machine");
        closeResult();
        resultTab.setContent(placeholder("Following job " + job.id() + "..."));
        tabs.getSelectionModel().select(runTab);
        followedTask = Task.RTM.json().equals(job.task()) ? Task.RTM : Task.MODEL;
        CloudRun.Target on = new CloudRun.Target(target.cloud(), dispatchers);
        current = resume ? CloudRun.resume(job.id(), on, out, events, this::ended)
                : CloudRun.follow(job.id(), on, out, events, this::ended);
        setRunning(true);
        status.setText((resume ? "Resuming" : "Following") + " job " + job.id() + " in the " + target
                + "; its files will come to " + out + "...");
    }

    TextField shotsField() {
        return shotsField;
    }

    MenuButton recentMenu() {
        return recentMenu;
    }

    /** The job specs (.json files) among the files dragged onto the window. */
    private static List<Path> specsIn(javafx.scene.input.Dragboard board) {
        return !board.hasFiles() ? List.of() : board.getFiles().stream().map(java.io.File::toPath)
                .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")).toList();
    }

    /**
     * Opens the first of the job specs dropped on the window, as Open would (asking first when
     * the spec in hand has unsaved edits); false when there is none, or the user keeps theirs.
     */
    boolean openDropped(List<Path> specs) {
        if (specs.isEmpty() || current != null || !mayDiscardEdits("Open " + specs.getFirst().getFileName())) {
            return false;
        }
        openFile(specs.getFirst());
        return true;
    }

    /** Where the Examples menu looks (the repository's {@code examples}, from where the app started). */
    void setExamplesDir(Path dir) {
        examplesDir = dir;
        listExamples();
    }

    MenuButton examplesMenu() {
        return examples;
    }

    private void chooseSpec() {
        if (!mayDiscardEdits("Open another spec")) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a job spec");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Job specs (*.json)", "*.json"));
        Path start = openFolder();
        if (start != null) {
            chooser.setInitialDirectory(start.toFile());  // not GTK's empty "Recent" view
        }
        java.io.File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /**
     * Where Open starts: the open spec's folder, else (the demo) the examples folder, else the
     * folder the app started in; null when none of them is a folder any more.
     */
    Path openFolder() {
        List<Path> candidates = new java.util.ArrayList<>();
        if (specFile != null && specFile.toAbsolutePath().getParent() != null) {
            candidates.add(specFile.toAbsolutePath().getParent());
        }
        candidates.add(examplesDir.toAbsolutePath());
        candidates.add(Path.of("").toAbsolutePath());
        return candidates.stream().filter(java.nio.file.Files::isDirectory).findFirst().orElse(null);
    }

    /**
     * Marks the Shots field red with the problem as its tooltip (and in the status line) when Run
     * would refuse its list for the project, as the form marks its fields; null when it is fine.
     */
    private String checkShotsField() {
        Project p = project;
        String problem = p == null ? null
                : ShotsFieldCheck.problem(shotsField.getText(), p.job().dataFile() != null ? null : p.job().geometry());
        shotsField.setStyle(problem == null ? "" : FormField.PROBLEM_STYLE);
        shotsField.setTooltip(new Tooltip(problem == null ? SHOTS_TIP : problem));
        if (problem != null) {
            showShotsProblem(problem);
        } else if (p != null) {
            shotsFine();
        }
        return problem;
    }

    /** Says what is wrong with the Shots list in the status line, until the list is fine. */
    private void showShotsProblem(String problem) {
        status.setText(problem);
        shotsProblemShown = problem;
    }

    /** The Shots list is fine: a problem of it the status line still shows gives way to what Run will run. */
    private void shotsFine() {
        if (shotsProblemShown != null && status.getText().equals(shotsProblemShown)) {
            String list = shotsField.getText().strip();
            status.setText(list.isEmpty() ? "Shots: Run runs every shot." : "Shots: Run runs only " + list + ".");
        }
        shotsProblemShown = null;
    }

    /** The run time again when the Shots list differs from the one last estimated. */
    private void estimateShotsListed() {
        if (!shotsField.getText().equals(estimatedShots)) {
            estimateRunTime();
        }
    }

    /**
     * Measures the tool bar's engine on the project's first shot, off the JavaFX thread, and shows
     * how long the run will take ({@link RunTimeEstimator}); a newer project, another engine or
     * a run started cancels the measurement under way. Measured again, up to
     * {@link RunTimeEstimator#ATTEMPTS} times in all, while the JIT is still compiling the engine;
     * not measured again while what it depends on ({@link RunTimeInputs}) is what the last
     * settled measurement was of: that one is shown again (after a run, say). One still unsettled
     * after its attempts is measured again at the next chance (a run's end, the JIT then warm).
     */
    private void estimateRunTime() {
        estimating.cancel();
        Project p = project;
        if (p == null || current != null || checkingOutput || engine.getValue() == null || estimator.isShutdown()) {
            // (shut down: the window has closed, and its Shots field lost the focus; checking the
            // output: a run is about to start, and would wait for the measurement to let go of the engine)
            return;
        }
        if (p.localLimit() != null) {
            // Measuring would hold one shot's memory, which is what this machine lacks.
            summary.showRunTime("not estimated: this machine cannot run it (see Runs on)");
            return;
        }
        ResolvedJob job = p.job().withEngine(engine.getValue());
        String shotList = shotsField.getText();  // the Shots the run would take
        estimatedShots = shotList;
        String listProblem = checkShotsField();
        if (listProblem != null) {
            summary.showRunTime("not estimated: " + listProblem);
            return;
        }
        RunTimeInputs standing = measuredInputs;
        String standingText = measuredText;
        // A data file's size and time are asked for off this thread, in the measurement's turn.
        RunTimeInputs known = job.dataFile() == null ? RunTimeInputs.of(job, shotList) : null;
        if (known != null && known.equals(standing)) {
            summary.showRunTime(standingText);
            return;
        }
        CancellationToken token = CancellationToken.none();
        estimating = token;
        String measuring = "measuring the " + engine.getValue().json() + " engine on the first shot...";
        // With a data file the standing estimate holds unless the file was written again, which only
        // the estimator's thread asks: it stays shown (a run started meanwhile leaves it standing),
        // and "measuring" comes only if the file changed. Anything else changed: measured for sure.
        boolean mayStand = known == null && standing != null && standing.sameButTheFileStat(job, shotList);
        if (mayStand) {
            summary.showRunTime(standingText);
        } else {
            summary.showRunTimeMeasuring(measuring);
        }
        estimator.submit(() -> {
            if (token.isCancelled()) {
                return;  // superseded while queued
            }
            RunTimeInputs inputs = known != null ? known : RunTimeInputs.of(job, shotList);
            if (inputs.equals(standing)) {
                whileEstimating(token, () -> summary.showRunTime(standingText));
                return;
            }
            if (mayStand) {
                whileEstimating(token, () -> summary.showRunTimeMeasuring(measuring));  // the file was written again
            }
            String text;
            RunTimeEstimator.Estimate estimate = null;
            try {
                // Its pass over a data file's headers stops with the estimate (a run started): minutes for a TB.
                List<Shot> shots = ShotComputer.shotsAndNotes(job, ByteProgress.NONE, token).shots();
                try {
                    shots = ShotSelection.parseOrAll(shotList, "Shots").of(shots, "Shots");
                } catch (IllegalArgumentException notAList) {
                    // every shot: Run says what is wrong with the list
                }
                // Timed while the JIT was still compiling the engine (a window just opened, a busy
                // machine): many times long. Said so, and measured again once the JIT has caught up.
                // The run runs in this JVM, whose kernels the measurement compiled.
                estimate = RunTimeEstimator.estimate(job, shots, null, RunTimeEstimator.RunsIn.THIS_JVM, token,
                        unsettled -> {
                            String interim = unsettled.describe() + RunTimeEstimator.MEASURING_AGAIN;
                            whileEstimating(token, () -> summary.showRunTimeMeasuring(interim));
                        });
                text = estimate.describe();
            } catch (CancelledException e) {
                return;
            } catch (RuntimeException e) {
                text = "not estimated: " + firstLine(e);
            } catch (OutOfMemoryError e) {
                text = "not estimated: one shot does not fit this JVM's memory";
            }
            String shown = text;
            // A failure is tried again (memory or a data file may be there next time), and so is an
            // estimate still unsettled after its attempts (a busy machine): a run's end measures it
            // again, the JIT then warm.
            boolean stands = estimate != null && estimate.settled();
            whileEstimating(token, () -> {
                summary.showRunTime(shown);
                if (stands) {
                    measuredInputs = inputs;
                    measuredText = shown;
                }
            });
        });
    }

    /** Runs {@code shown} on the JavaFX thread unless the measurement {@code token} is of has been superseded. */
    private void whileEstimating(CancellationToken token, Runnable shown) {
        Platform.runLater(() -> {
            if (estimating == token && !token.isCancelled()) {
                shown.run();
            }
        });
    }

    /**
     * Stops the run-time measurement for a run about to start (it would compete for the engine and
     * a shot's memory); a measurement under way says it was not finished. {@link #ended} measures again.
     */
    private void stopEstimate() {
        estimating.cancel();
        if (summary.runTimePending()) {
            summary.showRunTime("not measured: the run started first (the Run tab shows the time it has left)");
        }
    }

    /** @param resumeStopped go on with the run that stopped in the output folder rather than start over */
    private void startRun(boolean resumeStopped) {
        if (project == null || current != null || checkingOutput) {
            return;
        }
        // A value still being typed in the form is an edit: Run waits for it to be applied (the status says so).
        String refusedValue = editor.commitTyped();
        if (refusedValue != null) {
            status.setText("Not run: the form's " + refusedValue);
            return;
        }
        if (editor.editedProperty().get()) {
            status.setText(EDITS_TO_APPLY);
            return;
        }
        RunTarget chosen = runOn.getValue();
        if (project.localLimit() != null && (chosen == null || chosen.cloud() == null)) {
            status.setText("This machine cannot run " + project.job().spec().name() + ": " + project.localLimit()
                    + ". Choose the local cloud or AWS in Run on.");
            return;
        }
        // A cloud that is not configured refuses before anything is asked, measured or listed as queued.
        String cloudProblem = cloudNotConfigured(chosen);
        if (cloudProblem != null) {
            status.setText(cloudProblem);
            return;
        }
        stopEstimate();
        ResolvedJob job = project.job();
        if (engine.getValue() != null) {
            job = job.withEngine(engine.getValue());
        }
        RunTarget target = runOn.getValue();
        boolean cloud = target != null && target.cloud() != null;
        ShotSelection shots;
        List<Integer> known;
        try {
            shots = ShotSelection.parseOrAll(shotsField.getText(), "Shots");
            if (cloud && !shots.all()) {
                throw new IllegalArgumentException("Shots: a cloud job runs every shot; empty the field to send it");
            }
            // Shots of a synthetic survey are known now; recorded data name theirs as they start, and
            // so does a resumed run (which shots it kept is read from its checkpoint as it starts).
            known = job.dataFile() != null || resumeStopped ? List.of()
                    : shots.of(ShotsFieldCheck.numbered(job.geometry()), "Shots").stream().map(Shot::number).toList();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Shots")) {
                showShotsProblem(firstLine(e));
            } else {
                status.setText(firstLine(e));
            }
            return;
        }
        Path out = outputDir.apply(job.spec());
        if (resumeStopped) {
            launch(job, target, shots, known, out, true);
            return;
        }
        // What Run would throw away in the output folder goes only when the user says so (read off this thread).
        checkingOutput = true;
        updateRunButton();
        Project asked = project;
        ResolvedJob toRun = job;
        io.submit(() -> {
            OutputsAtStake atStake = OutputsAtStake.in(out, toRun);
            Platform.runLater(() -> {
                checkingOutput = false;
                if (project != asked || current != null || opening) {
                    // Another project or run came first, or a spec opened or applied while Run asked
                    // is on its way: nothing to start (a run of the spec it replaces least of all).
                    updateRunButton();
                    if (!opening) {
                        estimateRunTime();  // the estimate Run stopped
                    }  // else the spec on its way measures its own, and one that cannot open the one it leaves
                } else if (atStake == null || confirmReplace(atStake)) {
                    launch(toRun, target, shots, known, out, false);
                } else {
                    updateRunButton();
                    status.setText("Not run: " + atStake.kept());
                    closeResult();
                    if (atStake.shown() != null) {
                        showResult(atStake.shown(), out);
                    }
                    estimateRunTime();  // the estimate Run stopped
                }
            });
        });
    }

    /**
     * Why Run cannot send a job to {@code target}'s cloud (a setting missing from the environment),
     * in the window's words; null when it can, or the target is this machine.
     */
    private static String cloudNotConfigured(RunTarget target) {
        if (target == null || target.cloud() == null) {
            return null;
        }
        try {
            CloudSettings.check(target.cloud(), CloudSettings.environment(), CloudRun.LOCAL_INSTEAD);
            return null;
        } catch (IllegalArgumentException e) {
            return "Cannot run on " + target + ": " + firstLine(e);
        }
    }

    /**
     * Asks whether to throw away what the output folder holds; Cancel, the default button, keeps it.
     */
    private boolean confirmReplace(OutputsAtStake atStake) {
        return confirmed("Replace what the output folder holds?", atStake.question(), "Replace", "replaceFinishedRun");
    }

    /**
     * Asks {@code question}, {@code yes} against Cancel, Cancel the default button (Enter keeps
     * what is at stake); true when the user pressed {@code yes}.
     *
     * @param id the dialog pane's id (tests look it up)
     */
    private boolean confirmed(String title, String question, String yes, String id) {
        ButtonType doIt = new ButtonType(yes, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, doIt, ButtonType.CANCEL);
        ask.setTitle(title);
        ask.setHeaderText(null);
        ((Button) ask.getDialogPane().lookupButton(doIt)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ask.getDialogPane().setId(id);
        ask.initOwner(getScene().getWindow());
        return ask.showAndWait().filter(b -> b == doIt).isPresent();
    }

    /** Starts the run checked by {@link #startRun}: its rows in the Run tab, on this machine or in the cloud. */
    private void launch(ResolvedJob job, RunTarget target, ShotSelection shots, List<Integer> known, Path out,
            boolean resumeStopped) {
        boolean cloud = target != null && target.cloud() != null;
        String cloudProblem = cloudNotConfigured(target);  // (again: the environment may have changed while Run asked)
        if (cloudProblem != null) {
            status.setText(cloudProblem);
            updateRunButton();
            return;
        }
        RunEvents events = new RunEvents();
        runFolder = out;
        progress.follow(events, known, job.time().dtS(), cloud
                ? "Wavefield: only for runs on this machine"
                : "Wavefield: shown while a shot runs", !cloud);
        closeResult();
        lastImage = null;
        resultTab.setContent(placeholder("Running..."));
        tabs.getSelectionModel().select(runTab);
        if (cloud) {
            current = CloudRun.start(project, engine.getValue(), new CloudRun.Target(target.cloud(), dispatchers), out,
                    events, headerPasses, this::ended);
            setRunning(true);
            status.setText("Sending " + job.spec().name() + " to the " + target + "; its files will come to " + out + "...");
            return;
        }
        // The run starts when the estimator has let go of its engine and shot: told to stop again here,
        // in case a measurement began while Run asked about the output folder.
        estimating.cancel();
        Future<?> estimatorIdle = estimator.submit(() -> { });
        current = DesktopRun.start(job, shots, out, resumeStopped && !cloud, events, this::ended, estimatorIdle);
        setRunning(true);  // ended() comes later, on this thread
        status.setText((resumeStopped ? "Resuming " : "Running ") + job.spec().name() + " into " + out + "...");
    }

    private void cancelRun() {
        if (current != null) {
            current.cancel();
            cancel.setDisable(true);
            status.setText("Cancelling at the next time step...");
        }
    }

    private void ended(DesktopRun.Outcome o) {
        current = null;
        if (io.isShutdown()) {
            return;  // the window has closed (its run stopped by the close): nothing is shown any more
        }
        progress.stop(o.status());
        progress.message(o.message());
        setRunning(false);
        status.setText(o.message());
        // A followed cloud job need not be the open project's task: its job item says which it is.
        Task task = followedTask != null ? followedTask : project != null ? project.job().spec().task() : null;
        followedTask = null;
        RunEvents.Image soFar = lastImage;
        lastImage = null;
        Node live = resultTab.getContent();
        if (o.status() == DesktopRun.Status.DONE && task != null) {
            showResult(task, o.outDir());
        } else if (soFar != null && (live == imageSoFar || live instanceof VolumeWindow w && "liveImage".equals(w.getId()))) {
            // Cancelled or failed part-way: the image stacked so far stays on screen, said to be that.
            Label note = new Label(String.format(java.util.Locale.ROOT, "The image after %d of %d shots (image files are"
                    + " written when a run finishes). The run %s", soFar.stacked(), soFar.shots(), o.message()));
            note.setId("imageSoFarNote");
            note.setWrapText(true);
            note.setPadding(new Insets(4, 8, 4, 8));
            resultTab.setContent(null);
            BorderPane kept = new BorderPane(live);
            kept.setTop(note);
            resultTab.setContent(kept);
        } else {
            resultTab.setContent(placeholder("No result: " + o.message()));
        }
        estimateRunTime();  // the estimate the run stopped, or one of before it: the engine is free again
    }

    private void setRunning(boolean running) {
        open.setDisable(running);
        recentMenu.setDisable(running);
        shotsField.setDisable(running);
        examples.setDisable(running);
        engine.setDisable(running);
        runOn.setDisable(running);
        cloudJobs.setDisable(running || runOn.getValue() == null || runOn.getValue().cloud() == null);
        cancel.setDisable(!running);
        editor.setDisable(running);
        updateRunButton();
    }

    /** What the status line says while the spec has edits Run would not run; taken back with the edits. */
    static final String EDITS_TO_APPLY = "The spec has edits: Apply them to run.";

    /** Run needs an applied project, no unapplied edits, nothing opening and no run in progress. */
    private void updateRunButton() {
        cloudJobs.setDisable(current != null || runOn.getValue() == null || runOn.getValue().cloud() == null);
        boolean edited = editor.editedProperty().get();
        run.setDisable(project == null || current != null || opening || edited || checkingOutput);
        if (edited && current == null) {
            status.setText(EDITS_TO_APPLY);
        } else if (!edited && status.getText().equals(EDITS_TO_APPLY)) {
            // The edits were taken back (dx -5, then 10 again): the text is the applied spec's.
            status.setText(project != null ? "No edits left: Run runs " + project.job().spec().name() + " as applied."
                    : "No edits left: the spec still cannot run (its problems are listed on the left).");
        }
        checkResumable();
    }

    /**
     * Enables Resume when the applied spec's output folder holds a run that stopped (its
     * checkpoint), looked for on the I/O thread; only for runs on this machine.
     */
    private void checkResumable() {
        int check = ++resumeChecks;
        resume.setDisable(true);
        RunTarget target = runOn.getValue();
        if (project == null || current != null || opening || editor.editedProperty().get()
                || target != null && target.cloud() != null) {
            return;
        }
        Path out = outputDir.apply(project.job().spec());
        io.submit(() -> {
            boolean stopped = RunCheckpoint.exists(out);
            Platform.runLater(() -> {
                if (check == resumeChecks) {
                    resume.setDisable(!stopped);
                }
            });
        });
    }

    /** The image of a migration, or the gathers of a modelling run, read off the JavaFX thread. */
    private void showResult(Task task, Path dir) {
        // The live image's window takes the written image in place: its slices and camera stay.
        VolumeWindow live = task == Task.RTM && resultTab.getContent() instanceof VolumeWindow w
                && "liveImage".equals(w.getId()) ? w : null;
        if (live == null) {
            resultTab.setContent(placeholder("Reading the result..."));
        }
        io.submit(() -> {
            try {
                if (task == Task.RTM) {
                    VolumeSource image = SwvReader.open(dir.resolve("image.swv"));
                    Platform.runLater(() -> {
                        shownResult = image;
                        if (live != null && resultTab.getContent() == live && live.showVolume(image)) {
                            live.setId("resultImage");
                        } else {
                            VolumeWindow written = new VolumeWindow(image, ColorMap.SEISMIC);
                            written.setId("resultImage");
                            resultTab.setContent(written);
                        }
                        tabs.getSelectionModel().select(resultTab);
                    });
                } else {
                    Platform.runLater(() -> {
                        var gathers = new GatherFileOpening(dir.resolve(LocalRunner.SHOTS_FILE), io, status::setText);
                        shownResult = gathers;
                        resultTab.setContent(gathers);
                        tabs.getSelectionModel().select(resultTab);
                    });
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> resultTab.setContent(placeholder("Cannot show the result: " + firstLine(e))));
            }
        });
    }

    private void closeResult() {
        AutoCloseable r = shownResult;
        shownResult = null;
        if (r != null) {
            io.submit(() -> {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // a result file that does not close cleanly has nothing left to lose
                }
            });
        }
    }

    private static Node placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPadding(new Insets(20));
        return l;
    }

    private static String firstLine(RuntimeException e) {
        if (e instanceof SpecException spec && !spec.problems().isEmpty()) {
            return spec.problems().getFirst().toString();  // the reason, not the "N problems" heading
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    // For tests and the application.

    Button runButton() {
        return run;
    }

    Button resumeButton() {
        return resume;
    }

    Button cancelButton() {
        return cancel;
    }

    ChoiceBox<EngineChoice> engineChoice() {
        return engine;
    }

    ChoiceBox<RunTarget> runOnChoice() {
        return runOn;
    }

    MenuButton cloudJobsMenu() {
        return cloudJobs;
    }

    TabPane tabs() {
        return tabs;
    }

    SliceView imageSoFar() {
        return imageSoFar;
    }

    Tab resultTab() {
        return resultTab;
    }

    RunProgressPane progress() {
        return progress;
    }

    Label outputFolder() {
        return output;
    }

    ProjectSummary summary() {
        return summary;
    }

    SpecEditor editor() {
        return editor;
    }

    Tab specTab() {
        return specTab;
    }

    Label status() {
        return status;
    }

    /** Whether a run is in progress (JavaFX thread). */
    boolean running() {
        return current != null;
    }
}
