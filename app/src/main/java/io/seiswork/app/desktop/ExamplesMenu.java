package io.seiswork.app.desktop;

import io.seiswork.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * The tool bar's Examples menu: the job specs in the examples folder, each with its
 * {@link ExampleNote} under its name (what it is and needs, worked out from the spec). The notes
 * are worked out on the menu's own low-priority thread, never on the JavaFX thread.
 */
final class ExamplesMenu extends MenuButton {

    /** Width the Examples menu wraps a caution at, pixels. */
    private static final double EXAMPLE_NOTE_WIDTH = 460;

    /**
     * Works out the Examples menu's notes (each example read and resolved, a model loaded): its
     * own low-priority thread, so that opening, applying and saving on the window's I/O thread never
     * wait behind them; a listing asked for while an older one is queued or under way supersedes it.
     */
    private final ExecutorService notes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seiswork-desktop-example-notes");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    /** The latest listing of the Examples menu asked for: an older one stops, and its result is dropped. */
    private final java.util.concurrent.atomic.AtomicInteger examplesListing = new java.util.concurrent.atomic.AtomicInteger();
    /** Works out one example's note on {@link #notes} (tests put in a slow or failing one). */
    private volatile NoteMaker noteMaker;
    /** Notes of the examples listed, kept while their files (and the files they name) are unchanged. */
    private final ExampleNotes exampleNotes = new ExampleNotes();
    private final Consumer<Path> open;
    private Path examplesDir = Path.of("examples");

    /**
     * @param outputDir where a run of a spec writes its files (a note states the disk it needs there)
     * @param open called on the JavaFX thread with the example the user picked
     */
    ExamplesMenu(Function<JobSpec, Path> outputDir, Consumer<Path> open) {
        super("Examples");
        this.open = open;
        noteMaker = (spec, repository, readme) -> ExampleNote.of(spec, repository, readme, outputDir);
        setId("examples");
        setTooltip(new Tooltip("The job specs in ./examples"));
        setOnShowing(e -> listExamples());
        listExamples();
    }

    /** Where the Examples menu looks (the repository's {@code examples}, from where the app started). */
    void setExamplesDir(Path dir) {
        examplesDir = dir;
        listExamples();
    }

    /** Where the menu looks now. */
    Path examplesDir() {
        return examplesDir;
    }

    /** Works out one example's note (the tests' may be slow, or fail). */
    @FunctionalInterface
    interface NoteMaker {
        ExampleNote of(Path spec, Path repository, java.util.Map<String, String> readme);
    }

    /** Works out the Examples menu's notes with {@code maker} from the next listing on (for tests). */
    void setNoteMaker(NoteMaker maker) {
        noteMaker = maker;
    }

    /** Stops working out notes: the window is closing. */
    void shutdown() {
        notes.shutdownNow();
    }

    /**
     * Fills the Examples menu with the job specs in {@link #examplesDir}, each with its
     * {@link ExampleNote} under its name (what it is and needs, worked out from the spec), read
     * and resolved on the notes' own thread ({@link #notes}), never ahead of the user's own file
     * work on the window's I/O thread; a spec unchanged since the last listing keeps its note. The
     * disk a note states is held against the free space of the spec's output folder each time. A
     * note that cannot be worked out says so in its place, and the menu is filled whatever
     * happens; a listing superseded by a newer one stops and is not shown.
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
                    getItems().setAll(exampleItems(dir, notesWorked));
                } else {
                    getItems().setAll(MenuItems.line(failure));
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
            item.setOnAction(e -> open.accept(f));
            items.add(item);
        });
        if (items.isEmpty()) {
            items.add(MenuItems.line("no job specs in " + dir));
        }
        return items;
    }

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
}
