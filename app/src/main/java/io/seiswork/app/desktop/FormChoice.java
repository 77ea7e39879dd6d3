package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
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
     * @param make the new value's JSON literal from the whole spec tree, or null to leave the JSON as it is
     * @param body the fields shown while the value takes this form (may be empty)
     */
    record Option(String label, Predicate<JsonNode> is, Function<JsonNode, String> make, List<Node> body) {
    }

    private final String pointer;
    private final List<Option> options;
    private final FormContext form;
    private final ChoiceBox<String> box = new ChoiceBox<>();
    private JsonNode tree;

    FormChoice(String pointer, List<Option> options, FormContext form) {
        this.pointer = pointer;
        this.options = List.copyOf(options);
        this.form = form;
        box.setId("form" + pointer.replace('/', '-') + "-form");
        box.getItems().setAll(options.stream().map(Option::label).toList());
        box.setDisable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().addListener((o, was, now) -> {
            if (!form.refreshing && now != null && !now.equals(was)) {
                choose(option(now), was);
            }
        });
    }

    ChoiceBox<String> box() {
        return box;
    }

    /** Every node of every form's body (the caller places them; visibility is kept here). */
    List<Node> bodies() {
        List<Node> all = new ArrayList<>();
        options.forEach(o -> all.addAll(o.body()));
        return all;
    }

    /** Shows the form the value takes in {@code tree} (null when the text does not parse), and its body alone. */
    void refresh(JsonNode tree) {
        this.tree = tree;
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

    private void choose(Option chosen, String was) {
        String literal = tree == null ? null : chosen.make().apply(tree);
        if (literal == null || !form.text.put(pointer, literal)) {
            form.refreshing = true;  // put the box back without writing
            try {
                box.setValue(was);
            } finally {
                form.refreshing = false;
            }
            return;
        }
        show(chosen);  // at once; the values follow when the edited text has been checked
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
