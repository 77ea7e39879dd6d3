package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * Which form a value of the spec takes (a velocity given as layers, a constant or a file; sources
 * on a line, a grid or a list), chosen in a box; each form shows its own fields below it. The
 * form the spec has is the one shown. Choosing another writes that form's value in place of the
 * old one, made from what the spec has (a line of sources becomes the grid or the list of the
 * same points), or, when the form needs what only the user knows (a file), asked for; the JSON
 * is left alone when the user changes their mind.
 */
final class FormChoice {

    /**
     * One form.
     *
     * @param label the box's text for it
     * @param is whether the value (a missing node when the spec leaves it out) takes this form
     * @param make the new value's JSON literal from the whole spec tree and its text, or null to
     *     leave the JSON as it is; worked out off the JavaFX thread, from the text as it is then
     * @param refusal what the user is told when {@code make} gives null ("no file chosen")
     * @param body the fields shown while the value takes this form (may be empty)
     * @param asks whether {@code make} asks the user (a file dialog): it then runs on the JavaFX
     *     thread, with the tree last shown, and its text argument is null
     */
    record Option(String label, Predicate<JsonNode> is, BiFunction<JsonNode, String, String> make, String refusal,
            List<Node> body, boolean asks) {

        /** A form made from the spec alone, off the JavaFX thread. */
        Option(String label, Predicate<JsonNode> is, BiFunction<JsonNode, String, String> make, String refusal,
                List<Node> body) {
            this(label, is, make, refusal, body, false);
        }
    }

    private final String pointer;
    private final List<Option> options;
    private final FormContext form;
    private final ChoiceBox<String> box = new ChoiceBox<>();
    private final Label note = new Label();
    /** The editor's version of the text last shown: a refusal's note stays while it is the same. */
    private long shownVersion = Long.MIN_VALUE;
    /** The tree last shown: what a form that asks the user (a file) offers as the current value. */
    private JsonNode shownTree;

    FormChoice(String pointer, List<Option> options, FormContext form) {
        this.pointer = pointer;
        this.options = List.copyOf(options);
        this.form = form;
        box.setId("form" + pointer.replace('/', '-') + "-form");
        box.getItems().setAll(options.stream().map(Option::label).toList());
        box.setDisable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        note.setId("form" + pointer.replace('/', '-') + "-note");
        note.setWrapText(true);
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        box.valueProperty().addListener((o, was, now) -> {
            if (!form.refreshing && now != null && !now.equals(was)) {
                choose(option(now), was);
            }
        });
    }

    ChoiceBox<String> box() {
        return box;
    }

    /** Why the last choice was not written, under the box; empty when it was. */
    Label note() {
        return note;
    }

    /** The refusal note, then every node of every form's body (the caller places them; visibility is kept here). */
    List<Node> bodies() {
        List<Node> all = new ArrayList<>();
        all.add(note);
        options.forEach(o -> all.addAll(o.body()));
        return all;
    }

    /**
     * Shows the form the value takes in {@code tree} (null when the text does not parse), and its
     * body alone; {@code version} is the editor's count of edits of the text it was parsed from.
     */
    void refresh(JsonNode tree, long version) {
        if (version != shownVersion) {
            note.setText("");  // the spec changed since: a refusal's reason no longer holds
        }
        shownVersion = version;
        shownTree = tree;
        JsonNode v = tree == null ? null : tree.at(pointer);
        Option current = v == null ? null : options.stream().filter(o -> o.is().test(v)).findFirst().orElse(null);
        box.setDisable(tree == null);
        box.setTooltip(new Tooltip(current != null ? "the form of " + pointer
                : tree == null ? "the JSON does not parse: fix it on the right"
                : "not a form the form knows: edit " + pointer + " in the JSON"));
        box.setValue(current == null ? null : current.label());
        show(current);
    }

    /** The form shown now, or null. */
    String value() {
        return box.getValue();
    }

    /**
     * Writes the chosen form, made from the text as it is when the edit is worked out (off the
     * JavaFX thread, {@link FormEdits}), not as last shown; a form that asks the user for a file
     * asks first, here.
     */
    private void choose(Option chosen, String was) {
        show(chosen);  // at once; the values follow when the edited text has been checked
        note.setText("");
        if (chosen.asks()) {
            String literal;
            try {
                literal = shownTree == null ? null : chosen.make().apply(shownTree, null);
            } catch (RuntimeException e) {
                literal = null;
            }
            if (literal == null) {
                refuse(shownTree == null ? "the JSON does not parse: fix it on the right" : chosen.refusal(), was);
                return;
            }
            String asked = literal;
            form.edits.submit(json -> FormContext.put(json, pointer, asked, () -> refuse(notAnObject(), was)), box);
            return;
        }
        form.edits.submit(json -> {
            JsonNode tree = FormContext.parse(json);
            if (tree == null) {
                return FormEdits.Outcome.none(() -> refuse("the JSON does not parse: fix it on the right", was));
            }
            String literal;
            try {
                literal = chosen.make().apply(tree, json);
            } catch (RuntimeException e) {  // values the conversion cannot take (not finite, not numbers)
                String why = "the spec's values cannot be written as " + chosen.label() + ": " + e.getMessage();
                return FormEdits.Outcome.none(() -> refuse(why, was));
            }
            if (literal == null) {
                return FormEdits.Outcome.none(() -> refuse(chosen.refusal(), was));
            }
            return FormContext.put(json, pointer, literal, () -> refuse(notAnObject(), was));
        }, box);
    }

    private String notAnObject() {
        return "the JSON has something other than an object where " + pointer + " goes";
    }

    /** Says why the choice was not written, and puts the box (and the fields shown) back to {@code was}. */
    private void refuse(String why, String was) {
        note.setText("Not changed: " + why + ".");
        boolean before = form.refreshing;
        form.refreshing = true;  // put the box back without writing
        try {
            box.setValue(was);
        } finally {
            form.refreshing = before;
        }
        show(was == null ? null : option(was));
    }

    private void show(Option current) {
        for (Option o : options) {
            for (Node n : o.body()) {
                n.setVisible(o == current);
                n.setManaged(o == current);
            }
        }
    }

    private Option option(String label) {
        return options.stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }
}
