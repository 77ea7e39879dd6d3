package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import io.seiswork.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The job spec's everyday numbers as a form beside its JSON: grid, wavelet and record, the source
 * and receiver lines, physics and engine. The JSON stays the one truth: a field shows the value
 * at its JSON pointer, and an edit replaces exactly that value's characters in the text (layout,
 * key order and the rest untouched, one undo step), after which the spec is checked as if typed.
 * A field whose value the spec does not have (a source list instead of a line, a velocity file)
 * is greyed out: that part is edited in the JSON. A value that is not a number is refused in the
 * field, in red, and the JSON is left as it was.
 */
final class SpecForm extends GridPane {

    /** What a field holds: the kind decides how the text is checked and written as JSON. */
    enum Kind {
        WHOLE, NUMBER, FLAG, ENGINE
    }

    /** One field: a label, where its value lives, and its kind. */
    record Field(String section, String label, String pointer, Kind kind) {
    }

    /** The fields, in order, under their section headings. */
    static final List<Field> FIELDS = List.of(
            new Field("Grid", "nx (cells)", "/grid/nx", Kind.WHOLE),
            new Field("Grid", "ny (cells, 1 in 2D)", "/grid/ny", Kind.WHOLE),
            new Field("Grid", "nz (cells)", "/grid/nz", Kind.WHOLE),
            new Field("Grid", "dx (m)", "/grid/dx", Kind.NUMBER),
            new Field("Grid", "dy (m)", "/grid/dy", Kind.NUMBER),
            new Field("Grid", "dz (m)", "/grid/dz", Kind.NUMBER),
            new Field("Wavelet and record", "peak frequency (Hz)", "/wavelet/peakHz", Kind.NUMBER),
            new Field("Wavelet and record", "record length (s)", "/time/lengthS", Kind.NUMBER),
            new Field("Wavelet and record", "sample interval (s)", "/time/sampleS", Kind.NUMBER),
            new Field("Sources (line)", "first x (m)", "/sources/line/x0", Kind.NUMBER),
            new Field("Sources (line)", "spacing (m)", "/sources/line/dx", Kind.NUMBER),
            new Field("Sources (line)", "count", "/sources/line/n", Kind.WHOLE),
            new Field("Sources (line)", "y (m)", "/sources/line/y", Kind.NUMBER),
            new Field("Sources (line)", "depth (m)", "/sources/line/z", Kind.NUMBER),
            new Field("Receivers (line)", "first x (m)", "/receivers/line/x0", Kind.NUMBER),
            new Field("Receivers (line)", "spacing (m)", "/receivers/line/dx", Kind.NUMBER),
            new Field("Receivers (line)", "count", "/receivers/line/n", Kind.WHOLE),
            new Field("Receivers (line)", "y (m)", "/receivers/line/y", Kind.NUMBER),
            new Field("Receivers (line)", "depth (m)", "/receivers/line/z", Kind.NUMBER),
            new Field("Physics", "space order (2, 4, 8)", "/physics/spaceOrder", Kind.WHOLE),
            new Field("Physics", "absorbing layer (cells)", "/physics/boundary/width", Kind.WHOLE),
            new Field("Physics", "free surface", "/physics/freeSurface", Kind.FLAG),
            new Field("Imaging (rtm)", "aperture (m)", "/imaging/aperture", Kind.NUMBER),
            new Field("Imaging (rtm)", "Laplacian filter", "/imaging/laplacianFilter", Kind.FLAG),
            new Field("Run", "engine", "/engine", Kind.ENGINE));

    private static final String PROBLEM_STYLE = "-fx-border-color: #d02020";

    private final TextArea json;
    private final List<Control> controls = new ArrayList<>();
    private boolean refreshing;

    /** @param json the editor whose text the form reads and edits */
    SpecForm(TextArea json) {
        this.json = json;
        setHgap(8);
        setVgap(4);
        setPadding(new Insets(8));
        setId("specForm");
        int row = 0;
        String section = "";
        for (Field f : FIELDS) {
            if (!f.section().equals(section)) {
                section = f.section();
                Label head = new Label(section);
                head.setStyle("-fx-font-weight: bold");
                head.setPadding(new Insets(row == 0 ? 0 : 6, 0, 0, 0));
                add(head, 0, row++, 2, 1);
            }
            Control c = control(f);
            c.setId("form" + f.pointer().replace('/', '-'));
            c.setDisable(true);
            controls.add(c);
            Label label = new Label(f.label());
            label.setMinWidth(Region.USE_PREF_SIZE);
            addRow(row++, label, c);
        }
    }

    /**
     * Shows the values of {@code tree} (the parsed text; null when it does not parse), a field
     * whose value has a problem in red with the message as its tooltip. A field being edited
     * keeps what the user typed.
     */
    void refresh(JsonNode tree, List<SpecProblem> problems) {
        refreshing = true;
        try {
            for (int i = 0; i < FIELDS.size(); i++) {
                Field f = FIELDS.get(i);
                Control c = controls.get(i);
                JsonNode v = tree == null ? null : tree.at(f.pointer());
                boolean present = v != null && v.isValueNode() && !v.isNull();
                c.setDisable(!present);
                String problem = problemAt(f, problems);
                c.setTooltip(new Tooltip(problem != null ? problem : present ? f.pointer()
                        : tree == null ? "the JSON does not parse: fix it on the right"
                                : "not in this spec as a single value: edit " + f.pointer() + " in the JSON"));
                if (!present) {
                    clear(c);  // no stale value from another spec under a greyed-out field
                } else if (!c.isFocused()) {
                    show(f, c, v);
                }
                if (!c.isFocused()) {  // a field being typed in keeps its own mark
                    c.setStyle(present && problem != null ? PROBLEM_STYLE : "");
                }
            }
        } finally {
            refreshing = false;
        }
    }

    /** The message of the first problem at this field's JSON path ("grid.dx" for /grid/dx), or null. */
    private static String problemAt(Field f, List<SpecProblem> problems) {
        String path = f.pointer().substring(1).replace('/', '.');
        for (SpecProblem p : problems) {
            if (p.path().equals(path)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The control of one field (for tests). */
    Control control(String pointer) {
        for (int i = 0; i < FIELDS.size(); i++) {
            if (FIELDS.get(i).pointer().equals(pointer)) {
                return controls.get(i);
            }
        }
        throw new IllegalArgumentException("no field " + pointer);
    }

    private Control control(Field f) {
        return switch (f.kind()) {
            case FLAG -> {
                CheckBox b = new CheckBox();
                b.setOnAction(e -> write(f, Boolean.toString(b.isSelected())));
                yield b;
            }
            case ENGINE -> {
                ChoiceBox<String> c = new ChoiceBox<>();
                c.getItems().setAll("auto", "cpu", "gpu");
                c.valueProperty().addListener((o, a, b) -> {
                    if (!refreshing && b != null) {
                        write(f, "\"" + b + "\"");
                    }
                });
                yield c;
            }
            default -> {
                TextField t = new TextField();
                t.setPrefColumnCount(6);
                t.setOnAction(e -> commit(f, t));
                t.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(f, t);
                    }
                });
                yield t;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void show(Field f, Control c, JsonNode v) {
        switch (f.kind()) {
            case FLAG -> ((CheckBox) c).setSelected(v.asBoolean());
            case ENGINE -> ((ChoiceBox<String>) c).setValue(v.asText());
            default -> ((TextField) c).setText(v.asText());
        }
    }

    @SuppressWarnings("unchecked")
    private static void clear(Control c) {
        if (c instanceof TextField t) {
            t.setText("");
            t.setStyle("");
        } else if (c instanceof CheckBox b) {
            b.setSelected(false);
        } else {
            ((ChoiceBox<String>) c).setValue(null);
        }
    }

    /** A text field's value into the JSON, if it reads as its kind; otherwise marked and left out. */
    private void commit(Field f, TextField t) {
        if (refreshing || t.isDisabled()) {
            return;
        }
        String literal = literal(f.kind(), t.getText());
        if (literal == null) {
            t.setStyle(PROBLEM_STYLE);
            t.setTooltip(new Tooltip(f.kind() == Kind.WHOLE ? "a whole number, please" : "a number, please"));
            return;
        }
        t.setStyle("");
        write(f, literal);
    }

    /** The JSON literal of {@code text} for a number field, or null when it is not one. */
    static String literal(Kind kind, String text) {
        String s = text.trim();
        try {
            if (kind == Kind.WHOLE) {
                return Long.toString(Long.parseLong(s));
            }
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) {
                return null;
            }
            return new java.math.BigDecimal(s).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Replaces the value's characters in the JSON text, when it changed. */
    private void write(Field f, String literal) {
        JsonValueEdit.Range r = JsonValueEdit.find(json.getText(), f.pointer());
        if (r == null) {
            return;
        }
        String now = json.getText().substring(r.start(), r.end());
        // The same value written another way ("10.0" for 10) is left as the user wrote it.
        boolean same = now.equals(literal) || (f.kind() == Kind.NUMBER || f.kind() == Kind.WHOLE)
                && literal.equals(literal(Kind.NUMBER, now));
        if (!same) {
            json.replaceText(r.start(), r.end(), literal);
        }
    }
}
