package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import io.seiswork.core.spec.SpecProblem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.SpecException;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * One value of the spec in the form: a label, the JSON pointer of its value, and a control that
 * shows it and writes it back. An optional value the spec leaves out shows its default greyed in
 * the field; typing a value adds it to the JSON, and emptying the field removes it again (back to
 * the default). A value that is not of the field's kind is refused in the field, in red, and the
 * JSON is left as it was.
 */
final class FormField {

    /** What a field holds: the kind decides how the text is checked and written as JSON. */
    enum Kind {
        WHOLE, NUMBER, FLAG, CHOICE, TEXT, FILE
    }

    /**
     * A control whose value has a problem: its own border drawn red (a text field's, a choice
     * box's, a check box's box, and the focus ring while it is typed in), not a border added
     * around it, which would make it, and the tool bar or form row it sits in, 2 px taller.
     */
    static final String PROBLEM_STYLE = "-fx-text-box-border: #d02020; -fx-outer-border: #d02020; "
            + "-fx-focus-color: #d02020; -fx-faint-focus-color: #d0202022";
    /** Longest number typed that is read. */
    private static final int MAX_NUMBER_CHARS = 64;
    /** Largest power of ten of a number typed (doubles end near 308; plain digits stay short). */
    private static final int MAX_EXPONENT = 300;

    private final String label;
    private final String pointer;
    private final Kind kind;
    private final String absent;
    private final List<String> choices;
    private final FormContext form;
    private final Control control;
    private final Node node;
    /** Whether the user has typed in the text field since its value was last shown or written. */
    private boolean typed;
    /** Why the value typed is refused ("a number, please"), or null: it is not written while so. */
    private String refusal;
    /** The spec's problem with the value as typed, were it written ("must be > 0, got -5"), or null. */
    private String typedProblem;
    /** The JSON's value at the pointer as last shown (null before the first refresh). */
    private JsonNode shownValue;
    /** The JSON's value at the pointer when the user started typing: a refused value stays until it changes. */
    private JsonNode typedOver;
    /** The last refresh's tree and problems: what Escape shows again. */
    private JsonNode lastTree;
    private List<SpecProblem> lastProblems = List.of();
    /** Counts the keys typed: a check of an older value as typed is dropped. */
    private long typedVersion;
    /** The pause after the last key before the value as typed is checked ({@link SpecEditor#CHECK_DELAY_MS}). */
    private final PauseTransition typing = new PauseTransition(Duration.millis(SpecEditor.CHECK_DELAY_MS));

    /**
     * @param label what the user reads, with its unit ("dx (m)")
     * @param pointer where the value lives in the spec
     * @param absent the default shown while the spec leaves the value out, or null when it is required
     * @param choices the values of a {@link Kind#CHOICE} field (else empty)
     */
    FormField(String label, String pointer, Kind kind, String absent, List<String> choices, FormContext form) {
        this.label = label;
        this.pointer = pointer;
        this.kind = kind;
        this.absent = absent;
        this.choices = choices;
        this.form = form;
        this.control = makeControl();
        control.setId("form" + pointer.replace('/', '-'));
        control.setDisable(true);
        control.setMaxWidth(Double.MAX_VALUE);  // fields fill the form's width
        if (kind == Kind.FILE) {
            Button choose = new Button("Choose...");
            choose.setId("choose" + pointer.replace('/', '-'));
            choose.disableProperty().bind(control.disabledProperty());
            choose.setMinWidth(Region.USE_PREF_SIZE);  // whole beside the field, never "C..." in a narrow form
            choose.setOnAction(e -> chooseFile());
            HBox.setHgrow(control, Priority.ALWAYS);
            node = new HBox(4, control, choose);
        } else {
            node = control;
        }
    }

    static FormField number(String label, String pointer, String absent, FormContext form) {
        return new FormField(label, pointer, Kind.NUMBER, absent, List.of(), form);
    }

    static FormField whole(String label, String pointer, String absent, FormContext form) {
        return new FormField(label, pointer, Kind.WHOLE, absent, List.of(), form);
    }

    static FormField flag(String label, String pointer, boolean absent, FormContext form) {
        return new FormField(label, pointer, Kind.FLAG, Boolean.toString(absent), List.of(), form);
    }

    static FormField choice(String label, String pointer, String absent, List<String> choices, FormContext form) {
        return new FormField(label, pointer, Kind.CHOICE, absent, choices, form);
    }

    static FormField text(String label, String pointer, String absent, FormContext form) {
        return new FormField(label, pointer, Kind.TEXT, absent, List.of(), form);
    }

    static FormField file(String label, String pointer, FormContext form) {
        return new FormField(label, pointer, Kind.FILE, null, List.of(), form);
    }

    String pointer() {
        return pointer;
    }

    /** The field's label, to place beside {@link #node()}. */
    Label label() {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** What goes in the form's row: the control, and a Choose button for a file. */
    Node node() {
        return node;
    }

    Control control() {
        return control;
    }

    /**
     * Shows the value at the field's pointer in {@code tree} (the parsed text; null when it does
     * not parse), in red with the message as its tooltip when it has a problem. A field the user
     * is typing in keeps what they typed until they press Enter or leave it; a refused value left
     * in a field stays (red, saying why) until the user enters a value, presses Escape (the
     * JSON's value again) or the JSON's own value at the pointer changes.
     */
    void refresh(JsonNode tree, List<SpecProblem> problems) {
        lastTree = tree;
        lastProblems = problems;
        JsonNode v = tree == null ? null : tree.at(pointer);
        if (v != null) {
            shownValue = v;
        }
        boolean present = v != null && v.isValueNode() && !v.isNull();
        boolean addable = tree != null && (v == null || v.isMissingNode()) && objectsOnTheWay(tree);
        control.setDisable(!present && !addable);
        String problem = problemAt(problems);
        control.setTooltip(new Tooltip(problem != null ? problem
                : present ? pointer
                : addable ? (absent != null ? "not in the spec: " + absent + " (the default)" : "required: " + pointer)
                : tree == null ? "the JSON does not parse: fix it on the right"
                : "not a single value in this spec: edit " + pointer + " in the JSON"));
        if (typed && !control.isFocused() && (refusal == null || v != null && !v.equals(typedOver))) {
            dropTyping();  // left, and not refused (or the JSON's own value changed since): the JSON's shows again
        }
        if (typed && refusal != null) {
            control.setTooltip(new Tooltip(refusal + " (Escape: the JSON's value again)"));
        }
        if (!typed) {
            if (present) {
                show(v);
            } else {
                showAbsent(addable);
            }
            control.setStyle((present || addable) && problem != null ? PROBLEM_STYLE : "");
        }
    }

    /**
     * Writes what the user is typing in this field (the focused one) into the JSON, as Enter
     * would: an action that reads the spec or lets it go (open, run, save, apply, close) must
     * not miss it.
     *
     * @return null when nothing is left unwritten, else the field's label and why its value was
     *     refused ("record length (s): a number, please"), the value still in the field, red
     */
    String commitTyped() {
        if (control instanceof TextField t && typed && t.getScene() != null && t.getScene().getFocusOwner() == t) {
            commit(t);
        }
        return refusal();
    }

    /**
     * The field's label and why the value left in it was refused ("spacing (m): a number,
     * please"), focused or not; null when it holds none.
     */
    String refusal() {
        return typed && refusal != null ? label + ": " + refusal : null;
    }

    /**
     * What the field says of the value typed in it and not yet written: why it is refused, or
     * the spec's problem with it ("dx (m): must be > 0, got -5"); null when nothing.
     */
    String typingNote() {
        return !typed ? null : refusal != null ? label + ": " + refusal
                : typedProblem != null ? label + ": " + typedProblem : null;
    }

    /** Drops what the user typed and did not enter: another spec is being shown. */
    void forget() {
        dropTyping();
    }

    /** No value typed any more (written, or given up for the JSON's): nothing refused, nothing to check. */
    private void dropTyping() {
        boolean had = typingNote() != null;
        typed = false;
        refusal = null;
        typedProblem = null;
        typing.stop();
        if (had) {
            form.typingChanged.run();
        }
    }

    /** Marks the value typed as refused for {@code why} (red, the reason as the tooltip), or as fine (null). */
    private void refuse(TextField t, String why) {
        boolean changed = !java.util.Objects.equals(why, refusal) || typedProblem != null;
        refusal = why;
        typedProblem = null;
        if (why != null) {
            t.setStyle(PROBLEM_STYLE);
            t.setTooltip(new Tooltip(why));
        } else {
            t.setStyle("");
        }
        if (changed) {
            form.typingChanged.run();
        }
    }

    /** Why {@code value} typed is refused in this field, or null when it reads as the field's kind. */
    private String refusalOf(String value) {
        if (value.isEmpty()) {
            return absent != null ? null : "required: type a value (" + pointer + ")";
        }
        if (kind == Kind.FILE || kind == Kind.TEXT || literal(kind, value) != null) {
            return null;
        }
        return kind == Kind.WHOLE ? "a whole number, please" : "a number, please";
    }

    /**
     * The value as typed, a pause after the last key: refused at once when it is not of the
     * field's kind; a number is checked with the rest of the spec off the JavaFX thread (the text
     * with the value put in it, read as the spec reader reads it), and the spec's problem with it
     * shown in red, before Enter writes it.
     */
    private void checkTyping(TextField t) {
        if (!typed || form.refreshing || t.isDisabled() || form.readOnly) {
            return;
        }
        String value = t.getText().trim();
        String why = refusalOf(value);
        refuse(t, why);
        if (why != null || value.isEmpty() || (kind != Kind.NUMBER && kind != Kind.WHOLE)) {
            return;
        }
        String literal = literal(kind, value);
        long asked = typedVersion;
        java.util.function.Supplier<String> later = form.edits.textLater();
        String path = pointer.substring(1).replace('/', '.');
        form.checks.execute(() -> {
            String json = later.get();
            String problem = null;
            try {
                JsonValueEdit.Edit e = JsonValueEdit.put(json, pointer, literal);
                JobSpecReader.read(json.substring(0, e.start()) + e.text() + json.substring(e.end()), "spec", "spec");
            } catch (SpecException e) {
                problem = e.problems().stream().filter(p -> p.path().equals(path)).findFirst()
                        .map(SpecProblem::message).orElse(null);
            } catch (RuntimeException e) {
                problem = null;  // the text does not take the value (it does not parse): its own banner says so
            }
            String found = problem;
            Platform.runLater(() -> {
                if (asked == typedVersion && typed && refusal == null && !java.util.Objects.equals(found, typedProblem)) {
                    typedProblem = found;
                    t.setStyle(found != null ? PROBLEM_STYLE : "");
                    if (found != null) {
                        t.setTooltip(new Tooltip(found + " (as typed; Enter writes it)"));
                    }
                    form.typingChanged.run();
                }
            });
        });
    }

    /** Whether every step of the path that exists is an object, so the value can be added. */
    private boolean objectsOnTheWay(JsonNode tree) {
        JsonNode at = tree;
        for (String key : pointer.substring(1).split("/")) {
            if (!at.isObject()) {
                return false;
            }
            at = at.get(key);
            if (at == null) {
                return true;
            }
        }
        return false;
    }

    /** The message of the first problem at this field's JSON path ("grid.dx" for /grid/dx), or null. */
    private String problemAt(List<SpecProblem> problems) {
        String path = pointer.substring(1).replace('/', '.');
        for (SpecProblem p : problems) {
            if (p.path().equals(path)) {
                return p.toString();
            }
        }
        return null;
    }

    private Control makeControl() {
        return switch (kind) {
            case FLAG -> {
                CheckBox b = new CheckBox();
                b.setOnAction(e -> write(Boolean.toString(b.isSelected())));
                yield b;
            }
            case CHOICE -> {
                ChoiceBox<String> c = new ChoiceBox<>();
                c.getItems().setAll(choices);
                c.valueProperty().addListener((o, a, b) -> {
                    if (!form.refreshing && b != null) {
                        write(SpecText.quote(b));
                    }
                });
                yield c;
            }
            default -> {
                TextField t = new TextField();
                t.setPrefColumnCount(kind == Kind.FILE || kind == Kind.TEXT ? 14 : 6);
                t.setOnAction(e -> commit(t));
                typing.setOnFinished(e -> checkTyping(t));
                t.textProperty().addListener((o, a, b) -> {
                    if (!form.refreshing) {
                        if (!typed) {
                            typedOver = shownValue;
                        }
                        typed = true;
                        typedVersion++;
                        typing.playFromStart();  // checked as typed, a pause after the last key
                    }
                });
                t.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && typed) {
                        giveUpTyping();
                        e.consume();
                    }
                });
                t.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(t);
                    }
                });
                yield t;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private void show(JsonNode v) {
        switch (control) {
            case CheckBox b -> b.setSelected(v.asBoolean());
            case ChoiceBox<?> c -> ((ChoiceBox<String>) c).setValue(v.asText());
            case TextField t -> t.setText(v.asText());
            default -> throw new IllegalStateException(control.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void showAbsent(boolean addable) {
        switch (control) {
            case CheckBox b -> b.setSelected(addable && Boolean.parseBoolean(absent));
            case ChoiceBox<?> c -> ((ChoiceBox<String>) c).setValue(addable ? absent : null);
            case TextField t -> {
                t.setText("");
                t.setPromptText(!addable ? "" : absent != null ? absent : "required");
            }
            default -> throw new IllegalStateException(control.toString());
        }
    }

    /** Drops what the user typed and shows the JSON's value again, as the last refresh showed it (Escape). */
    void giveUpTyping() {
        dropTyping();
        boolean was = form.refreshing;
        form.refreshing = true;  // the JSON's value shown is not typed
        try {
            refresh(lastTree, lastProblems);
        } finally {
            form.refreshing = was;
        }
    }

    /** A text field's value into the JSON, if it reads as its kind; otherwise marked and left out. */
    private void commit(TextField t) {
        if (form.refreshing || t.isDisabled() || !typed || form.readOnly) {
            return;  // nothing typed: a field left, or hidden with its form, writes nothing
        }
        String value = t.getText().trim();
        String why = refusalOf(value);
        if (why != null) {
            refuse(t, why);
            return;
        }
        t.setStyle("");
        dropTyping();
        if (value.isEmpty()) {
            form.edits.submit(json -> new FormEdits.Outcome(JsonValueEdit.remove(json, pointer), null), control);  // back to the default
            return;
        }
        write(kind == Kind.FILE || kind == Kind.TEXT ? SpecText.quote(value) : literal(kind, value));
    }

    private void chooseFile() {
        TextField t = (TextField) control;
        String chosen = form.files.choose(label, pointer.contains("segy") || pointer.equals("/data"),
                t.getText().isBlank() ? null : t.getText());
        if (chosen != null) {
            t.setText(chosen);
            dropTyping();
            write(SpecText.quote(chosen));
        }
    }

    /** The JSON literal of {@code text} for a number field, or null when it is not one. */
    static String literal(Kind kind, String text) {
        String s = text.trim();
        try {
            if (kind == Kind.WHOLE) {
                return Long.toString(Long.parseLong(s));
            }
            if (s.length() > MAX_NUMBER_CHARS || !Double.isFinite(Double.parseDouble(s))) {
                return null;
            }
            BigDecimal d = new BigDecimal(s).stripTrailingZeros();
            int exponent = d.precision() - d.scale() - 1;
            if (d.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT) {
                return null;  // written out, 1e-1200 is a number JSON readers refuse (over 1000 digits)
            }
            return d.toPlainString().toLowerCase(Locale.ROOT);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Writes the value, unless the JSON already holds it (perhaps written another way: "10.0" for
     * 10); the text is read and the edit worked out off the JavaFX thread ({@link FormEdits}).
     */
    private void write(String literal) {
        if (form.readOnly) {
            return;  // the text is too long for the form to edit: it is not read here
        }
        boolean numeric = kind == Kind.NUMBER || kind == Kind.WHOLE;
        form.edits.submit(json -> {
            JsonValueEdit.Range r = JsonValueEdit.find(json, pointer);
            if (r != null) {
                String now = json.substring(r.start(), r.end());
                if (now.equals(literal) || numeric && literal.equals(literal(Kind.NUMBER, now))) {
                    return FormEdits.Outcome.none(null);
                }
            }
            return FormContext.put(json, pointer, literal, null);
        }, control);
    }
}
