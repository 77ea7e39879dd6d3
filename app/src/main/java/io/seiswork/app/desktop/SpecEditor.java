package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The job spec as JSON text with a form of the whole spec beside it ({@link SpecForm}, which
 * edits the text in place), checked as the user types: a pause of {@value #CHECK_DELAY_MS} ms
 * after the last key starts a check of the spec itself (types, ranges, misspelt keys: every
 * problem with its JSON path, as {@code seiswork run} reports them) off the JavaFX thread, and a
 * check that finishes after a newer edit is dropped. <b>Apply</b> opens the edited text as the
 * project (which also loads the model files it names and works out the time stepping);
 * <b>Save</b> writes it; <b>Save as</b> writes it to another file, its file names made right for
 * the new folder, and opens it there.
 */
final class SpecEditor extends BorderPane {

    private static final KeyCombination APPLY_KEY = new KeyCodeCombination(
            KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE_KEY = new KeyCodeCombination(
            KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    /** Quiet time after the last edit before the spec is checked, milliseconds. */
    static final int CHECK_DELAY_MS = 300;

    /** As the spec reader: with a key given twice the form shows nothing rather than the other value. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final TextArea text = new TextArea();
    private final SpecForm form;
    private final ListView<String> problems = new ListView<>();
    private final Label verdict = new Label();
    private final Button apply = new Button("Apply");
    private final Button save = new Button("Save");
    private final Button saveAs = new Button("Save as...");
    private final PauseTransition pause = new PauseTransition(Duration.millis(CHECK_DELAY_MS));
    private final BooleanProperty edited = new SimpleBooleanProperty(false);
    private final Executor background;
    private String appliedText = "";
    private String savedText = "";
    private long version;
    private boolean disposed;

    /**
     * @param background where checks run (a thread of their own, not queued behind file reads)
     * @param onApply called with the edited text when the user presses Apply
     * @param onSave called with the text when the user presses Save
     * @param onSaveAs called with the text when the user presses Save as
     * @param files how the form's Choose buttons ask for a model or data file
     */
    SpecEditor(Executor background, Consumer<String> onApply, Consumer<String> onSave, Consumer<String> onSaveAs,
            ModelFileChooser files) {
        this.background = background;
        this.form = new SpecForm(text, files);
        text.setId("specText");
        text.setStyle("-fx-font-family: monospace");
        text.setWrapText(false);
        problems.setId("specProblems");
        problems.setPrefHeight(120);
        problems.setPlaceholder(new Label("No problems in the spec itself."));
        verdict.setId("specVerdict");
        apply.setId("applySpec");
        save.setId("saveSpec");
        apply.setOnAction(e -> onApply.accept(text.getText()));
        save.setOnAction(e -> onSave.accept(text.getText()));
        saveAs.setId("saveSpecAs");
        saveAs.setOnAction(e -> onSaveAs.accept(text.getText()));
        saveAs.setTooltip(new Tooltip("Write the spec to another file and open it there; the model and data files it "
                + "names are named anew for the new folder"));
        apply.disableProperty().bind(edited.not());
        apply.setTooltip(new Tooltip("Check the whole spec and make it the project (Ctrl+Enter)"));
        save.setTooltip(new Tooltip("Write the spec to its file (Ctrl+S)"));
        text.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (APPLY_KEY.match(e) && !apply.isDisabled()) {
                apply.fire();
                e.consume();
            } else if (SAVE_KEY.match(e)) {
                save.fire();
                e.consume();
            }
        });
        pause.setOnFinished(e -> check());
        text.textProperty().addListener((o, a, b) -> {
            edited.set(!b.equals(appliedText));
            version++;
            pause.playFromStart();
        });
        HBox buttons = new HBox(8, apply, save, saveAs, verdict);
        buttons.setPadding(new Insets(6));
        VBox bottom = new VBox(2, buttons, problems);
        bottom.setPadding(new Insets(0, 6, 6, 6));
        ScrollPane formPane = new ScrollPane(form);
        formPane.setFitToWidth(true);
        SplitPane both = new SplitPane(formPane, text);
        both.setDividerPositions(0.42);
        setCenter(both);
        setBottom(bottom);
    }

    /** Shows the text of the project just opened (not an edit). */
    void load(String json) {
        appliedText = json;
        savedText = json;
        form.forgetTyping();
        text.setText(json);
        edited.set(false);
    }

    /**
     * Records {@code json} as the project's text without touching what is in the editor (keys
     * typed while Apply was checking stay, and count as edits).
     */
    void markApplied(String json) {
        appliedText = json;
        edited.set(!text.getText().equals(json));
    }

    /** Records that {@code json} is what the spec's file now holds. */
    void markSaved(String json) {
        savedText = json;
    }

    /** Whether the text differs from what was last opened or saved (closing would lose it). */
    boolean unsaved() {
        return !text.getText().equals(savedText);
    }

    /** Whether the text differs from the project's (Apply is then needed before a run sees it). */
    BooleanProperty editedProperty() {
        return edited;
    }

    SpecForm form() {
        return form;
    }

    TextArea text() {
        return text;
    }

    ListView<String> problems() {
        return problems;
    }

    Label verdict() {
        return verdict;
    }

    /** Stops checking (the window is closing). */
    void dispose() {
        pause.stop();
        disposed = true;
    }

    private void check() {
        if (disposed) {
            return;
        }
        long asked = version;
        String json = text.getText();
        background.execute(() -> {
            JsonNode tree;
            try {
                tree = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                tree = null;
            }
            JsonNode parsed = tree;
            List<SpecProblem> found;
            try {
                JobSpecReader.read(json, "spec", "spec");
                found = List.of();
            } catch (SpecException e) {
                found = e.problems();
            } catch (RuntimeException e) {
                found = List.of(SpecProblem.error("(spec)", String.valueOf(e.getMessage())));
            }
            List<SpecProblem> issues = found;
            List<String> result = found.stream().map(SpecProblem::toString).toList();
            Platform.runLater(() -> {
                if (asked == version) {
                    form.refresh(parsed, issues);
                    problems.getItems().setAll(result);
                    verdict.setText(result.isEmpty()
                            ? (edited.get() ? "Edited: Apply checks the files it names and updates the model." : "")
                            : result.size() + (result.size() == 1 ? " problem" : " problems"));
                }
            });
        });
    }
}
