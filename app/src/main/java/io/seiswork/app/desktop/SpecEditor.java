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
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The job spec as JSON text with a form of the whole spec beside it ({@link SpecForm}, which
 * edits the text in place), checked as the user types: a pause of {@value #CHECK_DELAY_MS} ms
 * after the last key starts a check of the spec itself (types, ranges, misspelt keys: every
 * problem with its JSON path, as {@code seiswork run} reports them) off the JavaFX thread, and a
 * check that finishes after a newer edit is dropped. Whether the text is JSON at all is asked at
 * every key, on the JavaFX thread, for a text of up to {@value #SYNTAX_AT_ONCE_MAX_CHARS}
 * characters (a parse of a fraction of a millisecond to a few): the syntax error's line is marked,
 * and its banner shown, as the key that made or mended it lands, not a pause later; a larger text
 * learns it from the check, off the JavaFX thread. <b>Apply</b> opens the edited text as the
 * project (which also loads the model files it names and works out the time stepping);
 * <b>Save</b> writes it; <b>Save as</b> writes it to another file, its file names made right for
 * the new folder, and opens it there.
 */
final class SpecEditor extends BorderPane {

    private static final KeyCombination APPLY_KEY = new KeyCodeCombination(
            KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE_KEY = new KeyCodeCombination(
            KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    /**
     * The longest text the form edits, characters: above it the form shows the spec's values
     * read-only and says to edit the text. A form edit parses the whole text (off the JavaFX
     * thread, {@link FormEdits}, to find the value's characters, and that the JSON still holds
     * what the form shows) and a table's writes every row back; a
     * spec of this many characters (about 56,000 listed points at the 19 characters a point that
     * {@code LargeSpecFormTest} writes: its 120,000 points are 2.24 million characters) parses in
     * 50 to 300 ms on the 2-core VM under load, a 16 MB one (the most a spec may be) in 0.8 to 2.7 s.
     * The form turns read-only at the key that takes the text past it, not when the check lands.
     */
    static final int FORM_MAX_CHARS = 1024 * 1024;

    /** Quiet time after the last edit before the spec is checked, milliseconds. */
    static final int CHECK_DELAY_MS = 300;

    /**
     * The longest text whose syntax is checked at every key on the JavaFX thread, characters.
     * Parsing 240 kB took 7 ms on the 2-core VM at a load of 7.5 (the demo's 750 characters 0.1
     * to 0.3 ms): within a frame. A spec is a few kB unless it lists many points (100,000 of them
     * is about 2.5 MB, 65 ms to parse there).
     */
    static final int SYNTAX_AT_ONCE_MAX_CHARS = 256 * 1024;

    /** As the spec reader: with a key given twice the form shows nothing rather than the other value. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The JSON, with line numbers: the syntax error and the problems name lines. */
    private final SpecCodeArea text = new SpecCodeArea();
    private final SpecForm form;
    private final ListView<String> problems = new ListView<>();
    private final Label verdict = new Label();
    /** Over the form while the text does not parse: where the syntax error is (click: go there). */
    private final Label syntaxBanner = new Label();
    /** Over the form while the text is too long for the form to edit ({@link #FORM_MAX_CHARS}). */
    private final Label readOnlyNote = new Label();
    private final ScrollPane formPane;
    /** The problems listed, in the list's order (a click goes to the one picked). */
    private List<SpecProblem> listed = List.of();
    /** What the last check as typed found (the spec's own problems). */
    private List<SpecProblem> checked = List.of();
    /**
     * The text last applied and refused, with every problem the refusal found (the files it
     * names, the time stepping, the model: more than a check as typed sees); null when the last
     * Apply or opening went through. Listed while the editor holds that text.
     */
    private String refusedText;
    private List<SpecProblem> refusedProblems;
    /** The last text that parsed, as the form shows it while the text does not. */
    private JsonNode lastParsed;
    /** Where the text stops being JSON, or null while it parses. */
    private JsonSyntaxError syntaxError;
    private final Button apply = new Button("Apply");
    private final Button save = new Button("Save");
    private final Button saveAs = new Button("Save as...");
    private final PauseTransition pause = new PauseTransition(Duration.millis(CHECK_DELAY_MS));
    private final BooleanProperty edited = new SimpleBooleanProperty(false);
    /** Which form field holds a value typed and refused, and why; null when none does ({@link SpecForm#refusedValue}). */
    private final javafx.beans.property.ReadOnlyStringWrapper refusedValue = new javafx.beans.property.ReadOnlyStringWrapper();
    /** Whether the text last applied was refused (Apply may then try the same text again). */
    private final BooleanProperty refused = new SimpleBooleanProperty(false);
    private final Executor background;
    private String appliedText = "";
    private String savedText = "";
    /** Counts the edits of the text: a check's result is for the version it read, and is dropped if older. */
    private long version;
    /** The version whose parsed values the form shows (the tables compare this, not the trees). */
    private long shownVersion = -1;
    /** Whether the text last checked is longer than {@link #FORM_MAX_CHARS}: the form is read-only. */
    private boolean tooLong;
    private boolean disposed;
    /** The spec being put into the code area a chunk at a time; null when none is. */
    private ChunkedLoad loading;
    /** Whether a spec is being put into the code area (Apply, Save, Save as and Run wait for it). */
    private final BooleanProperty loadingSpec = new SimpleBooleanProperty(false);
    /** "Opening name..." over the form while a spec loads and until its first check. */
    private Label opening;

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
        this.form = new SpecForm(text, files, background);
        // A value typed in a field, refused or with a problem in the spec, is said beside Apply as it is typed.
        form.setOnTypingChanged(() -> {
            refusedValue.set(form.refusedValue());
            updateVerdict();
        });
        text.setId("specText");
        problems.setId("specProblems");
        problems.setPrefHeight(120);
        problems.setPlaceholder(new Label("No problems in the spec itself."));
        // No room taken while there is nothing to list: the verdict beside Apply says so.
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(problems.getItems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setOnMouseClicked(e -> goToProblem(problems.getSelectionModel().getSelectedIndex()));
        problems.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goToProblem(problems.getSelectionModel().getSelectedIndex());
            }
        });
        problems.setTooltip(new Tooltip("Click a problem to go to its field, or to its place in the JSON"));
        syntaxBanner.setId("syntaxBanner");
        syntaxBanner.setWrapText(true);
        syntaxBanner.setMaxWidth(Double.MAX_VALUE);
        syntaxBanner.setPadding(new Insets(6));
        syntaxBanner.setStyle("-fx-background-color: #fff3cd; -fx-border-color: #d39e00; -fx-text-fill: #5c4400");
        syntaxBanner.setVisible(false);
        syntaxBanner.setManaged(false);
        syntaxBanner.setOnMouseClicked(e -> goToSyntaxError());
        readOnlyNote.setId("formReadOnly");
        readOnlyNote.setWrapText(true);
        readOnlyNote.setMaxWidth(Double.MAX_VALUE);
        readOnlyNote.setPadding(new Insets(6));
        readOnlyNote.setStyle("-fx-background-color: #e8f0fe; -fx-border-color: #7a9cc6");
        readOnlyNote.setVisible(false);
        readOnlyNote.setManaged(false);
        verdict.setId("specVerdict");
        apply.setId("applySpec");
        save.setId("saveSpec");
        // Each first writes a value still being typed in the form into the JSON, as Enter would.
        apply.setOnAction(e -> {
            if (committed("Not applied: ")) {
                onApply.accept(text.getText());
            }
        });
        save.setOnAction(e -> {
            if (committed("Not saved: ")) {
                onSave.accept(text.getText());
            }
        });
        saveAs.setId("saveSpecAs");
        saveAs.setOnAction(e -> {
            if (committed("Not saved: ")) {
                onSaveAs.accept(text.getText());
            }
        });
        saveAs.setTooltip(new Tooltip("Write the spec to another file and open it there; the model and data files it "
                + "names are named anew for the new folder"));
        apply.disableProperty().bind(edited.not().and(refused.not()).or(loadingSpec));
        save.disableProperty().bind(loadingSpec);
        saveAs.disableProperty().bind(loadingSpec);
        apply.setTooltip(new Tooltip("Check the whole spec and make it the project (Ctrl+Enter)"));
        save.setTooltip(new Tooltip("Write the spec to its file (Ctrl+S)"));
        // Anywhere in the editor, the form's fields as the JSON: a value being typed is written first.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (APPLY_KEY.match(e)) {
                if (committed("Not applied: ") && !apply.isDisabled()) {
                    onApply.accept(text.getText());
                }
                e.consume();
            } else if (SAVE_KEY.match(e)) {
                save.fire();
                e.consume();
            }
        });
        edited.addListener((o, a, b) -> updateVerdict());
        pause.setOnFinished(e -> check());
        // Per key, work of the edit's size, not the text's: the text is only made a String when
        // it is short enough to parse at once, or as long as the text applied (to compare them).
        text.plainTextChanges().subscribe(change -> {
            version++;
            if (loading != null) {
                return;  // a chunk of a spec being loaded: the load's end checks the whole text once
            }
            int length = text.getLength();
            String now = length <= SYNTAX_AT_ONCE_MAX_CHARS || length == appliedText.length() ? text.getText() : null;
            edited.set(now == null || !now.equals(appliedText));
            if (length <= SYNTAX_AT_ONCE_MAX_CHARS) {
                markSyntax(JsonSyntaxError.in(now));
            }
            if (length > FORM_MAX_CHARS && !tooLong) {
                // Read-only at this key, not when the check lands: a form edit until then would
                // parse the whole text on this thread. (Editable again only once the check of a
                // shorter text has given the form its values.)
                showTooLong(length);
            }
            pause.playFromStart();
        });
        HBox buttons = new HBox(8, apply, save, saveAs, verdict);
        buttons.setPadding(new Insets(6));
        VBox bottom = new VBox(2, buttons, problems);
        bottom.setPadding(new Insets(0, 6, 6, 6));
        formPane = new ScrollPane(form);
        formPane.setFitToWidth(true);
        BorderPane formSide = new BorderPane(formPane);
        formSide.setTop(new VBox(syntaxBanner, readOnlyNote));
        SplitPane both = new SplitPane(formSide, new VirtualizedScrollPane<>(text));
        both.setDividerPositions(0.42);
        setCenter(both);
        setBottom(bottom);
    }

    /**
     * Shows the text of the project just opened (not an edit); the form says it is opening
     * {@code name} until the first check of the text fills its fields (rather than show every
     * section's fields blank, or the last spec's values).
     */
    void load(String json, String name) {
        if (loading != null) {
            loading.cancel();  // another spec: the rest of the last one's text is not put in
        }
        String openingName = "Opening " + ProjectSummary.shortName(name) + "...";
        opening = new Label(openingName);
        opening.setId("formOpening");
        opening.setWrapText(true);
        opening.setPadding(new Insets(20));
        formPane.setContent(opening);
        lastParsed = null;  // another spec: nothing of the last one's values to show
        appliedText = json;
        savedText = json;
        refusedText = null;
        refusedProblems = null;
        form.forgetTyping();
        edited.set(false);
        refused.set(false);
        pause.stop();  // (a check of the last spec's text, or of a part of this one, would be dropped)
        loadingSpec.set(true);
        Label shown = opening;
        loading = new ChunkedLoad(text, json, ChunkedLoad.CHUNK_CHARS,
                percent -> shown.setText(openingName + "\n" + loadingNote(percent)), this::loaded);
        loading.start();
    }

    /** What the form says while a spec is put into the code area: "Loading the spec… 42 %". */
    static String loadingNote(int percent) {
        return "Loading the spec\u2026 " + percent + " %";
    }

    /**
     * The last chunk of a spec is in the code area: what each edit's listener does, once for the
     * whole text, and the check (one, not one per chunk).
     */
    private void loaded() {
        String json = loading.text();
        loading = null;
        version++;
        int length = json.length();
        edited.set(!json.equals(appliedText));
        if (length <= SYNTAX_AT_ONCE_MAX_CHARS) {
            markSyntax(JsonSyntaxError.in(json));
        }
        if (length > FORM_MAX_CHARS && !tooLong) {
            showTooLong(length);
        }
        if (opening != null) {
            opening.setText(opening.getText().lines().findFirst().orElse(""));
        }
        loadingSpec.set(false);
        pause.playFromStart();  // checked even when the text is the one already there (no change to hear of)
    }

    /** Whether a spec is being put into the code area (Apply, Save, Save as and Run wait for it). */
    javafx.beans.property.ReadOnlyBooleanProperty loadingProperty() {
        return loadingSpec;
    }

    /** The editor's text: the whole spec being loaded while it is put into the code area a chunk at a time. */
    private String currentText() {
        return loading != null ? loading.text() : text.getText();
    }

    /**
     * Writes a value still being typed in the form (the focused field, or table cell) into the
     * JSON, as Enter would: whatever reads the spec or lets it go next sees it.
     *
     * @return null when nothing typed is left unwritten, else which field holds a refused value and
     *     why ("record length (s): a number, please"), the value still in it, red
     */
    String commitTyped() {
        return form.commitTyped();
    }

    /** {@link #commitTyped}, saying beside Apply, after {@code refusal}, why not when a value is refused. */
    private boolean committed(String refusal) {
        String refusedValue = commitTyped();
        if (refusedValue != null) {
            verdict.setText(refusal + refusedValue);
            return false;
        }
        return true;
    }

    /**
     * Records {@code json} as the project's text without touching what is in the editor (keys
     * typed while Apply was checking stay, and count as edits).
     */
    void markApplied(String json) {
        appliedText = json;
        refusedText = null;
        refusedProblems = null;
        refused.set(false);
        edited.set(!currentText().equals(json));
        showProblems();
    }

    /**
     * Records that {@code json} was applied and refused (it has problems, or a file it names
     * cannot be read): it is what the next edit is measured against, so that taking the edit back
     * to the last good text counts as an edit, and Apply stays enabled to try it again. Its
     * problems are listed while the editor holds that text: every one the refusal found, which
     * the check as typed (the spec's own) may not see.
     */
    void markRefused(String json, List<SpecProblem> found) {
        appliedText = json;
        refusedText = json;
        refusedProblems = List.copyOf(found);
        edited.set(!currentText().equals(json));
        refused.set(true);
        showProblems();
    }

    /**
     * Lists the problems of the text in the editor: the refusal's when it is the text refused,
     * else the last check's; the note beside Apply says how many, or that Apply is needed.
     */
    private void showProblems() {
        showProblems(currentText());
    }

    /** {@link #showProblems()} for {@code now}, the text in the editor (not read again). */
    private void showProblems(String now) {
        listed = refusedProblems != null && now.equals(refusedText) ? refusedProblems : checked;
        problems.getItems().setAll(listed.stream().map(SpecEditor::line).toList());
        updateVerdict();
    }

    private void updateVerdict() {
        String typing = form.typingNote();
        verdict.setText(typing != null ? typing : !listed.isEmpty() ? SpecProblem.counted(listed)
                : edited.get() ? "Edited: Apply checks the files it names and updates the model." : "");
    }

    /** A problem as listed: "grid.dx: must be > 0, got -5"; one without a JSON path, its message alone. */
    static String line(SpecProblem p) {
        return p.path().equals(WHOLE_SPEC) ? p.message() : p.toString();
    }

    /** The path of a problem of the whole spec, not of one value (a file that cannot be read, say). */
    static final String WHOLE_SPEC = "(spec)";

    /** Records that {@code json} is what the spec's file now holds. */
    void markSaved(String json) {
        savedText = json;
    }

    /** Whether the text differs from what was last opened or saved (closing would lose it). */
    boolean unsaved() {
        return !currentText().equals(savedText);
    }

    /** Whether the text differs from the project's (Apply is then needed before a run sees it). */
    /** Where the form is shown: the form, or "Opening..." until a spec's first check (for tests). */
    ScrollPane formPane() {
        return formPane;
    }

    BooleanProperty editedProperty() {
        return edited;
    }

    /** Which form field holds a value typed and refused, and why ("dx (m): a number, please"); null when none does. */
    javafx.beans.property.ReadOnlyStringProperty refusedValueProperty() {
        return refusedValue.getReadOnlyProperty();
    }

    SpecForm form() {
        return form;
    }

    SpecCodeArea text() {
        return text;
    }

    ListView<String> problems() {
        return problems;
    }

    Label verdict() {
        return verdict;
    }

    Label syntaxBanner() {
        return syntaxBanner;
    }

    /** Over the form while it is read-only for the text's length (for tests). */
    Label readOnlyNote() {
        return readOnlyNote;
    }

    /**
     * Goes to the problem listed at {@code index}: a syntax error's place in the JSON (the caret
     * there, its line scrolled into view), a value's field in the form when it shows one
     * (focused, scrolled to; its characters in the JSON selected and scrolled to as well), else
     * the value's characters in the JSON (selected, focused, in view).
     */
    void goToProblem(int index) {
        if (index < 0 || index >= listed.size() || loading != null) {
            return;
        }
        SpecProblem p = listed.get(index);
        if (p.path().equals("(json)") && syntaxError != null) {
            goToSyntaxError();
            return;
        }
        String pointer = pointerOf(p.path());
        if (pointer == null) {
            return;
        }
        JsonValueEdit.Range r = JsonValueEdit.find(text.getText(), pointer);
        if (r != null) {
            text.show(r.start(), r.end());
        }
        javafx.scene.control.Control field = form.shownControl(pointer);
        if (field != null && !form.isDisabled()) {
            scrollTo(field);
            field.requestFocus();
        } else if (r != null) {
            text.requestFocus();
        }
    }

    /** The JSON pointer of a problem's path ("sources.list[3].x" is /sources/list/3/x), or null for "(root)" and the like. */
    static String pointerOf(String path) {
        if (path.isEmpty() || path.startsWith("(")) {
            return null;
        }
        return "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    private void goToSyntaxError() {
        if (syntaxError != null) {
            text.requestFocus();
            text.goTo(syntaxError.offset());
        }
    }

    private void scrollTo(javafx.scene.Node node) {
        double contentHeight = form.getBoundsInLocal().getHeight();
        double viewport = formPane.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double y = form.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
        formPane.setVvalue(Math.max(0, Math.min(1, (y - viewport / 3) / (contentHeight - viewport))));
    }

    /**
     * Shows the last values that parsed, read-only, with where the text stops being JSON; or the
     * form live again. With the form's values: the check's.
     */
    private void showSyntax(JsonSyntaxError error) {
        markSyntax(error);
        form.setDisable(error != null || tooLong);
    }

    /** What the form says over its values while the text is too long to edit them there (characters, as measured). */
    static String readOnlyNote(int chars) {
        return String.format(java.util.Locale.ROOT, "The spec is %,d characters long: the form shows its values read-only"
                + " above %,d characters. Edit them in the JSON on the right.", chars, FORM_MAX_CHARS);
    }

    /** The form read-only, and saying why, for a text of {@code chars} characters (above {@link #FORM_MAX_CHARS}). */
    private void showTooLong(int chars) {
        tooLong = true;
        form.setReadOnly(true);
        form.setDisable(true);
        readOnlyNote.setText(readOnlyNote(chars));
        readOnlyNote.setVisible(true);
        readOnlyNote.setManaged(true);
    }

    /**
     * Marks where the text stops being JSON (the gutter's line, the banner), or that it parses.
     * The form turns read-only with a syntax error at once (it cannot write into such text); it
     * turns live again only with {@link #showSyntax}, once the check has given it the text's
     * values, so that it never offers values older than the text to edit.
     */
    private void markSyntax(JsonSyntaxError error) {
        syntaxError = error;
        syntaxBanner.setText(error == null ? "" : error.banner());
        syntaxBanner.setVisible(error != null);
        syntaxBanner.setManaged(error != null);
        text.markLine(error == null ? 0 : error.markedLine());
        if (error != null) {
            form.setDisable(true);
        }
    }

    /** Whether a check as typed is still to start: the pause after the last key is running. On the JavaFX thread. */
    boolean checkPending() {
        return pause.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    /** Stops checking (the window is closing). */
    void dispose() {
        pause.stop();
        if (loading != null) {
            loading.cancel();
        }
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
            JsonSyntaxError syntax = null;
            try {
                tree = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                tree = null;
                syntax = JsonSyntaxError.of(e, json);
            }
            JsonNode parsed = tree;
            JsonSyntaxError brokenAt = syntax;
            List<SpecProblem> found;
            try {
                JobSpecReader.read(json, "spec", "spec");
                found = List.of();
            } catch (SpecException e) {
                found = e.problems();
            } catch (RuntimeException e) {
                found = List.of(SpecProblem.error(WHOLE_SPEC, String.valueOf(e.getMessage())));
            }
            List<SpecProblem> issues = found;
            Platform.runLater(() -> {
                if (asked == version && !disposed) {  // (not after the window closed: its threads are gone)
                    if (parsed != null) {
                        lastParsed = parsed;
                    }
                    checked = issues;
                    // The refusal's problems while this is the text refused (the fields marked by them too).
                    List<SpecProblem> marked = refusedProblems != null && json.equals(refusedText) ? refusedProblems : issues;
                    // Text that does not parse: the form keeps the last values that did, greyed.
                    form.refresh(parsed != null ? parsed : lastParsed, parsed != null ? asked : shownVersion,
                            parsed != null ? marked : List.of());
                    if (parsed != null) {
                        shownVersion = asked;
                    }
                    formPane.setContent(form);  // (in place of "Opening..." after a spec is loaded)
                    tooLong = false;
                    if (json.length() > FORM_MAX_CHARS) {
                        showTooLong(json.length());
                    } else {
                        form.setReadOnly(false);
                        readOnlyNote.setText("");
                        readOnlyNote.setVisible(false);
                        readOnlyNote.setManaged(false);
                    }
                    showSyntax(brokenAt);
                    showProblems(json);
                }
            });
        });
    }
}
