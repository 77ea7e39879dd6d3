package io.seiswork.app.desktop;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.render.section.SliceView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The workstation's main window: one job spec (a "project") with its facts on the left, its
 * velocity model, the live progress of a local run and the run's result (the migrated image, or
 * the shot gathers) in tabs, and Open, engine, Run and Cancel in the tool bar. Opening a spec,
 * running shots and reading results all happen on background threads; the JavaFX thread only
 * swaps what is shown. The window lays out the tool bar, the tabs and the status line and keeps
 * Run's buttons in step; its parts do the work: {@link SpecOpening} and {@link SpecSaving} the
 * spec in hand, {@link RunControl} its runs, {@link RunTimeEstimate} the run time in the facts,
 * {@link RunResultTab} the Result tab, and the tool bar's {@link ExamplesMenu},
 * {@link CloudJobsMenu} and {@link ShotsField}.
 */
public final class ProjectWindow extends BorderPane {

    private static final KeyCombination OPEN_KEY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RUN_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);

    /** The least width of the window, pixels: the laptop layout, whose tools all stay in the bar. */
    public static final double MIN_WIDTH = 1024;
    /** The least height of the window, pixels. */
    public static final double MIN_HEIGHT = 680;

    /** Longest wait for a cancelled run to stop when the window closes, milliseconds. */
    static final long CLOSE_WAIT_MS = 10_000;

    /** What the status line says while the spec has edits Run would not run; taken back with the edits. */
    static final String EDITS_TO_APPLY = "The spec has edits: Apply them to run.";

    /** Set by {@link #shutdown} (JavaFX thread). */
    private boolean closed;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-io");
        t.setDaemon(true);
        return t;
    });
    /**
     * Talks to the cloud (the job list, deleting jobs): the SDK retries an unreachable stack for
     * many seconds, which must not hold up opening a spec on {@link #io}, nor it them.
     */
    private final ExecutorService cloud = daemonThread("seiswork-desktop-cloud");
    /** Opens and reads results (volumes, shot gathers): not queued behind a spec's models being read. */
    private final ExecutorService results = daemonThread("seiswork-desktop-results");
    /** Reads the recent specs' list (a stat a file), so that a slow disk never delays the check as typed. */
    private final ExecutorService recents = daemonThread("seiswork-desktop-recent");
    /** Checks the spec as it is typed: quick, and never queued behind a model file being read on {@link #io}. */
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-check");
        t.setDaemon(true);
        return t;
    });
    private final Questions questions = new Questions(() -> getScene().getWindow());
    private final Label status = new Label();
    private final Button open = new Button("Open spec...");
    private final Button openVolume = new Button("Open volume...");
    private final ExamplesMenu examples;
    private final RecentSpecsMenu recentMenu;
    private final ShotsField shotsField = new ShotsField(this::project, status);
    private final ChoiceBox<EngineChoice> engine = new ChoiceBox<>();
    private final ChoiceBox<RunTarget> runOn = new ChoiceBox<>();
    private final CloudJobsMenu cloudJobs;
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    private final Label output = new Label();
    private final ProjectSummary summary = new ProjectSummary();
    private final TabPane tabs = new TabPane();
    private final Tab specTab = new Tab("Spec");
    private final Tab modelTab = new Tab("Model");
    private final Tab runTab = new Tab("Run");
    private final Tab resultTab = new Tab("Result");
    private final RunProgressPane progress = new RunProgressPane();
    private final RunResultTab result = new RunResultTab(resultTab, tabs, results, status::setText);
    private final RunTimeEstimate estimate = new RunTimeEstimate(this);
    private final SpecOpening opening = new SpecOpening(this, estimate);
    private final SpecSaving saving = new SpecSaving(this, checks);
    private final RunControl runs = new RunControl(this, estimate, result);
    private final Function<JobSpec, Path> outputDir;
    private final SpecEditor editor;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Seiswork");

    /**
     * @param outputDir where a run of a spec writes its files (the command line's default is
     *     {@code runs/<job name>})
     */
    public ProjectWindow(Function<JobSpec, Path> outputDir) {
        this.outputDir = outputDir;
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
        engine.valueProperty().addListener((o, a, b) -> estimate.estimateRunTime());
        open.setOnAction(e -> opening.chooseSpec());
        openVolume.setId("openVolume");
        openVolume.setTooltip(new Tooltip("Show a volume (a post-stack SEG-Y cube or a .swv) in a viewer window,"
                + " as seiswork view does"));
        openVolume.setOnAction(e -> opening.chooseVolume());
        run.setOnAction(e -> runs.startRun(false));
        cancel.setOnAction(e -> runs.cancelRun());
        resume.setId("resumeRun");
        resume.setDisable(true);
        resume.setOnAction(e -> runs.startRun(true));

        examples = new ExamplesMenu(outputDir, f -> {
            if (mayDiscardEdits("Open " + f.getFileName())) {
                openFile(f);
            }
        });
        shotsField.setOnAction(e -> estimate.estimateShotsListed());  // Enter: the run time of those shots
        shotsField.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                estimate.estimateShotsListed();
            }
        });
        recentMenu = new RecentSpecsMenu(RecentSpecs.ofUser(), recents, f -> {
            if (!running() && mayDiscardEdits("Open " + f.getFileName())) {
                openFile(f);
            }
        });
        setOnDragOver(e -> {
            if (SpecOpening.specsIn(e.getDragboard()).isEmpty()) {
                return;
            }
            e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);  // read, never moved
            e.consume();
        });
        setOnDragDropped(e -> {
            List<Path> specs = SpecOpening.specsIn(e.getDragboard());
            e.setDropCompleted(!specs.isEmpty());
            e.consume();
            // Opened after the drop has ended: a question asked inside it stalls the drag's source.
            Platform.runLater(() -> openDropped(specs));
        });
        cloudJobs = new CloudJobsMenu(runOn::getValue, cloud, status::setText, questions, runs::followCloudJob);
        runOn.valueProperty().addListener((o, a, b) -> {
            runs.targetChanged(b);  // a refusal of the earlier choice goes, once no longer true
            updateRunButton();
        });
        FlowPane bar = toolBar(open, openVolume, recentMenu, examples, new Separator(Orientation.VERTICAL),
                labelled("Engine", engine), labelled("on", runOn), labelled("shots", shotsField), run, cancel, resume,
                cloudJobs);
        editor = new SpecEditor(checks, opening::applyEdits, saving::save, saving::chooseSaveAs, new DialogFileChooser(
                () -> opening.specFile() == null ? Path.of("") : opening.specFile().toAbsolutePath().getParent(),
                () -> getScene().getWindow()));
        editor.editedProperty().addListener((o, a, b) -> updateRunButton());
        editor.loadingProperty().addListener((o, a, b) -> updateRunButton());
        specTab.setContent(editor);
        for (Tab t : List.of(specTab, modelTab, runTab, resultTab)) {
            t.setClosable(false);
            t.setId(t.getText().toLowerCase(java.util.Locale.ROOT) + "Tab");
        }
        runTab.setContent(progress);
        progress.setOnImage(result::showImageSoFar);
        modelTab.setContent(Placeholder.of("No project open."));
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
        // Placed once the window has its width: the long facts' preferred width would otherwise take
        // a third of a 1024-pixel window, cutting the tabs' tables; widened by hand, it stays.
        sides.widthProperty().addListener(new javafx.beans.value.ChangeListener<Number>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                double w = now.doubleValue();
                if (w > 0) {
                    o.removeListener(this);
                    sides.setDividerPositions(FactsWidth.of(w) / w);
                }
            }
        });
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
                opening.chooseSpec();
            } else if (RUN_KEY.match(e) && !run.isDisabled()) {
                runs.startRun(false);
            } else if (e.getCode() == KeyCode.ESCAPE && !cancel.isDisabled()) {
                runs.cancelRun();
            } else {
                return;
            }
            e.consume();
        });
        editor.editedProperty().addListener((o, a, b) -> updateTitle());
        // A value refused in a form field is an edit not in the JSON: the title says so too (Run names the field).
        editor.refusedValueProperty().addListener((o, a, b) -> updateTitle());
    }

    /**
     * "Seiswork: job name", with " *" while the spec has unapplied edits, or a form field holds a
     * value it refused: for the stage's title.
     */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    void updateTitle() {
        String name = opening.jobName();
        title.set("Seiswork" + (name == null || name.isEmpty() ? "" : ": " + name)
                + (editor.editedProperty().get() || editor.refusedValueProperty().get() != null ? " *" : ""));
    }

    /** Opens the built-in demo project. */
    public void openDemo() {
        opening.openDemo();
    }

    /** Opens a spec file; a spec with problems shows them all in the editor and cannot run until fixed. */
    public void openFile(Path file) {
        opening.openFile(file);
    }

    /** As {@link SpecSaving#saveAs}: the spec text written to {@code file}, and opened there. */
    void saveAs(Path file, String json) {
        saving.saveAs(file, json);
    }

    /** As {@link SpecOpening#openDropped}; false when nothing opens. */
    boolean openDropped(List<Path> specs) {
        return opening.openDropped(specs);
    }

    /**
     * Cancels a run in progress and stops the window's background work: the window is closing.
     * The wait for the run to stop (up to {@value #CLOSE_WAIT_MS} ms, so that its
     * {@code run.json} says "cancelled" before the program exits) is made on a thread of its
     * own, not the JavaFX thread, which returns at once; the program waits for the future
     * returned before it exits ({@link WorkstationApplication#show}).
     *
     * @return done when the run has stopped (or the wait is over) and the executors are shut down
     */
    public CompletableFuture<Void> shutdown() {
        closed = true;
        ActiveRun r = runs.current();
        if (r != null) {
            r.stopFollowing();
        }
        estimate.cancel();
        editor.dispose();
        result.close();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread.ofPlatform().name("seiswork-desktop-close").start(() -> {
            try {
                if (r != null) {
                    r.join(CLOSE_WAIT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                io.shutdownNow();
                cloud.shutdownNow();
                results.shutdown();  // the result's files closed first (result.close() queued it)
                recents.shutdownNow();
                examples.shutdown();
                checks.shutdownNow();
                estimate.shutdown();
                closed.complete(null);
            }
        });
        return closed;
    }

    /** Whether {@link #shutdown} has been called: nothing is shown or started any more (JavaFX thread). */
    boolean closed() {
        return closed;
    }

    /**
     * The tool bar: a flow of tools that wraps onto a second row when the window is narrower than
     * its tools (1,135 px with the system font at 13 px) rather than a {@code ToolBar}, which hid
     * Resume and Cloud jobs behind its overflow button at 1024 px; a tool with a label is one node
     * ({@link #labelled}), so a row never ends between a label and its control.
     */
    private static FlowPane toolBar(Node... tools) {
        FlowPane bar = new FlowPane(4, 4, tools);
        bar.getStyleClass().add("tool-bar");
        bar.setId("toolBar");
        bar.setAccessibleRole(AccessibleRole.TOOL_BAR);
        bar.setPadding(new Insets(5, 6, 5, 6));
        for (Node n : tools) {
            if (n instanceof Separator sep) {
                sep.setPrefHeight(24);
            }
        }
        return bar;
    }

    /** {@code control} with its label before it, the two kept together on one row of the tool bar. */
    private static HBox labelled(String text, Control control) {
        Label label = new Label(text);
        label.setLabelFor(control);
        HBox pair = new HBox(4, label, control);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
        ActiveRun r = runs.current();
        if (r == null) {
            return mayDiscardEdits("Close Seiswork");
        }
        String edits = unsavedEdits();
        return questions.confirmed("A run is in progress", r.closeQuestion()
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
        return questions.confirmed("Unsaved edits", edits + ". " + doing + " and lose them?", "Lose the edits",
                "loseEdits");
    }

    /**
     * The tool bar and the editor while a run is in progress ({@code running}), or after it; the
     * run's own choices (shots, engine, Run on) are set by {@link #updateRunButton}.
     */
    void setRunning(boolean running) {
        open.setDisable(running);
        recentMenu.setDisable(running);
        examples.setDisable(running);
        cloudJobs.setDisable(running || runOn.getValue() == null || runOn.getValue().cloud() == null);
        cancel.setDisable(!running);
        editor.setDisable(running);
        updateRunButton();
    }

    /** Run needs an applied project, no unapplied edits, nothing opening and no run in progress. */
    void updateRunButton() {
        boolean running = running();
        cloudJobs.setDisable(running || runOn.getValue() == null || runOn.getValue().cloud() == null);
        // What Run took (shots, engine, target) is fixed from the click, while it looks at the output folder too.
        boolean held = runBusy();
        shotsField.setDisable(held);
        engine.setDisable(held);
        runOn.setDisable(held);
        boolean edited = editor.editedProperty().get();
        Project project = project();
        run.setDisable(project == null || held || opening.inProgress() || edited || editor.loadingProperty().get());
        if (edited && !running) {
            status.setText(EDITS_TO_APPLY);
        } else if (!edited && status.getText().equals(EDITS_TO_APPLY)) {
            // The edits were taken back (dx -5, then 10 again): the text is the applied spec's.
            status.setText(project != null ? "No edits left: Run runs " + project.job().spec().name() + " as applied."
                    : "No edits left: the spec still cannot run (its problems are listed on the left).");
        }
        runs.checkResumable();
    }

    /** Whether a run is in progress, or about to start (Run looking at its output folder): nothing is measured. */
    boolean runBusy() {
        return running() || runs.checkingOutput();
    }

    /** The project in hand, or null (JavaFX thread). */
    Project project() {
        return opening.project();
    }

    // For the window's parts, tests and the application.

    Button runButton() {
        return run;
    }

    ShotsField shotsField() {
        return shotsField;
    }

    Button resumeButton() {
        return resume;
    }

    RecentSpecsMenu recentMenu() {
        return recentMenu;
    }

    Button cancelButton() {
        return cancel;
    }

    ExamplesMenu examplesMenu() {
        return examples;
    }

    ChoiceBox<EngineChoice> engineChoice() {
        return engine;
    }

    /** The window's I/O thread: specs read, saved and resolved, output folders looked at, results opened. */
    ExecutorService io() {
        return io;
    }

    /** The thread the spec is checked on as it is typed (tests queue behind it). */
    ExecutorService checks() {
        return checks;
    }

    ChoiceBox<RunTarget> runOnChoice() {
        return runOn;
    }

    /** Where a run of {@code spec} writes its files. */
    Path outputDirOf(JobSpec spec) {
        return outputDir.apply(spec);
    }

    MenuButton cloudJobsMenu() {
        return cloudJobs;
    }

    Questions questions() {
        return questions;
    }

    TabPane tabs() {
        return tabs;
    }

    SliceView imageSoFar() {
        return result.imageSoFar();
    }

    Tab resultTab() {
        return resultTab;
    }

    /** The spec in hand and its opening (for tests: a text that cannot be read). */
    SpecOpening opening() {
        return opening;
    }

    RunProgressPane progress() {
        return progress;
    }

    Tab modelTab() {
        return modelTab;
    }

    Label outputFolder() {
        return output;
    }

    Tab runTab() {
        return runTab;
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
        return runs.current() != null;
    }

    /** Where the Examples menu looks (the repository's {@code examples}, from where the app started). */
    void setExamplesDir(Path dir) {
        examples.setExamplesDir(dir);
    }

    /** Works out the Examples menu's notes with {@code maker} from the next listing on (for tests). */
    void setNoteMaker(ExamplesMenu.NoteMaker maker) {
        examples.setNoteMaker(maker);
    }

    /** As {@link RunControl#setDispatchers} (for tests). */
    void setDispatchers(Function<CloudClients, Dispatcher> made) {
        runs.setDispatchers(made);
    }

    /** As {@link RunControl#watchHeaderPasses} (for tests). */
    void watchHeaderPasses(ByteProgress watcher) {
        runs.watchHeaderPasses(watcher);
    }
}
