package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A JSON array of numeric rows as an editable table: the layers of a velocity model
 * ({@code [{"top": 0, "vp": 1500}, ...]}: rows are objects, columns their keys) or a list of
 * points ({@code [[x, y, z], ...]}: rows are arrays). An edited cell, an added or a removed row
 * writes the whole array back in place of the old one; the numbers keep the way they were written.
 * Rows can be pasted in bulk from a spreadsheet or a CSV file.
 * The table shows a virtual window of its rows, so a list of many thousand receivers costs what
 * fits on the screen.
 */
final class NumberTable extends VBox {

    /** A column: its heading and, for rows that are objects, its key (null for rows that are arrays). */
    record Column(String heading, String key) {
    }

    private final String pointer;
    private final List<Column> columns;
    private final String[] stepWhenAlone;
    private final FormContext form;
    private final TableView<String[]> table = new TableView<>();
    private final ObservableList<String[]> rows = FXCollections.observableArrayList();
    private final Button add = new Button("Add");
    private final Button remove = new Button("Remove");
    private final Button paste = new Button("Paste");
    private final Label note = new Label();
    /** The editor's version of the text last shown ({@link #refresh}). */
    private long shownVersion = Long.MIN_VALUE;
    /** Whether the array has more rows than are shown (read-only then). */
    private boolean cut;

    /** The most rows a table shows (and the most points the form lists): more are shown in part, read-only. */
    static final int MAX_ROWS = FormValues.MAX_LISTED_POINTS;

    /**
     * @param stepWhenAlone what an added row adds to the last when there is only one (a layer 100 m deeper)
     */
    NumberTable(String pointer, List<Column> columns, String[] stepWhenAlone, FormContext form) {
        this.pointer = pointer;
        this.columns = List.copyOf(columns);
        this.stepWhenAlone = stepWhenAlone.clone();
        this.form = form;
        String id = "form" + pointer.replace('/', '-');
        setId(id);
        table.setId(id + "-table");
        add.setId(id + "-add");
        remove.setId(id + "-remove");
        paste.setId(id + "-paste");
        note.setId(id + "-note");
        note.setWrapText(true);
        paste.setTooltip(new Tooltip("Replace the rows by the clipboard's: one row a line, "
                + columns.size() + " numbers separated by spaces, tabs, commas or semicolons (a spreadsheet's "
                + "columns, a CSV file; a heading line is skipped)"));
        table.setItems(rows);
        table.setEditable(true);
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        for (int c = 0; c < columns.size(); c++) {
            int col = c;
            TableColumn<String[], String> tc = new TableColumn<>(columns.get(c).heading());
            tc.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue()[col]));
            tc.setCellFactory(TextFieldTableCell.forTableColumn());
            tc.setSortable(false);
            tc.setOnEditCommit(e -> set(e.getTablePosition().getRow(), col, e.getNewValue()));
            table.getColumns().add(tc);
        }
        add.setOnAction(e -> addRow());
        paste.setOnAction(e -> paste(Clipboard.getSystemClipboard().getString()));
        remove.setOnAction(e -> removeRow(table.getSelectionModel().getSelectedIndex()));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        setSpacing(4);
        getChildren().addAll(table, new HBox(4, add, remove, paste), note);
        note.managedProperty().bind(note.textProperty().isNotEmpty());
    }

    /**
     * Commits the cell being typed in, as Enter would (a table cell otherwise drops its text when
     * the focus leaves it): an action that reads the spec or lets it go must not miss it.
     */
    @SuppressWarnings("unchecked")
    void commitTyped() {
        if (table.getEditingCell() == null || getScene() == null
                || !(getScene().getFocusOwner() instanceof javafx.scene.control.TextField typing)) {
            return;
        }
        for (javafx.scene.Node n = typing.getParent(); n != null && n != table; n = n.getParent()) {
            if (n instanceof TextFieldTableCell<?, ?> cell && cell.isEditing()) {
                ((TextFieldTableCell<String[], String>) cell).commitEdit(typing.getText());
                return;
            }
        }
    }

    /**
     * Shows the rows of the array at the pointer; greyed out when the spec has none of this shape.
     * An array of more than {@link #MAX_ROWS} rows shows its first {@value #MAX_ROWS}, read-only,
     * and says so under the table: the rows are read on the JavaFX thread, and an edit writes
     * every row back.
     *
     * @param version the editor's count of edits of the text {@code tree} was parsed from: a
     *     refusal's note stays while the text has not changed (compared so, not tree by tree)
     */
    void refresh(JsonNode tree, long version) {
        if (table.getEditingCell() != null) {
            return;  // a cell being typed in keeps what the user typed
        }
        JsonNode array = tree == null ? null : tree.at(pointer);
        List<String[]> read = read(array, MAX_ROWS);
        if (version != shownVersion) {
            note.setText("");  // the spec changed since: a refusal's reason no longer holds
        }
        shownVersion = version;
        setDisable(read == null);
        cut = read != null && array.size() > MAX_ROWS;
        table.setEditable(!cut);
        add.setVisible(!cut);
        remove.setVisible(!cut);
        paste.setVisible(!cut);
        if (read == null) {
            rows.clear();
        } else if (!same(read)) {
            rows.setAll(read);
        }
        if (cut) {
            note.setText(cutNote(array.size()));
        } else if (note.getText().startsWith(CUT_NOTE_START)) {
            note.setText("");
        }
    }

    /** Under a table of too many rows to edit: "The first 100,000 of 250,000 rows, read-only: edit them in the JSON." */
    static String cutNote(int all) {
        return String.format(Locale.ROOT, CUT_NOTE_START + " %,d of %,d rows, read-only: edit them in the JSON.",
                MAX_ROWS, all);
    }

    private static final String CUT_NOTE_START = "The first";

    /** Whether the table shows only the first {@link #MAX_ROWS} of its rows, read-only. */
    boolean cut() {
        return cut;
    }

    /** The rows shown (for tests). */
    List<String[]> rows() {
        return List.copyOf(rows);
    }

    TableView<String[]> table() {
        return table;
    }

    /**
     * Sets one cell, as typing it does; a value that is not a number is refused and the row keeps
     * its own, and so is any edit while the JSON holds other rows than those shown.
     */
    boolean set(int row, int col, String typed) {
        String literal = FormField.literal(FormField.Kind.NUMBER, typed == null ? "" : typed);
        if (cut || form.readOnly || literal == null || row < 0 || row >= rows.size() || !stillShown()) {
            table.refresh();  // show the old value again
            return false;
        }
        String[] r = rows.get(row).clone();
        r[col] = literal;
        rows.set(row, r);
        write();
        return true;
    }

    /** Adds a row after the last, one more step of the spacing of the last two rows. */
    void addRow() {
        if (cut || form.readOnly || rows.isEmpty() || !stillShown()) {
            return;
        }
        String[] last = rows.getLast();
        String[] next = new String[last.length];
        for (int c = 0; c < next.length; c++) {
            BigDecimal step = rows.size() > 1
                    ? new BigDecimal(last[c]).subtract(new BigDecimal(rows.get(rows.size() - 2)[c]))
                    : new BigDecimal(stepWhenAlone[c]);
            next[c] = FormField.literal(FormField.Kind.NUMBER, new BigDecimal(last[c]).add(step).toPlainString());
        }
        rows.add(next);
        write();
        table.getSelectionModel().select(rows.size() - 1);
    }

    /** Removes a row; the last row stays (an empty list is no model and no survey). */
    void removeRow(int row) {
        if (cut || form.readOnly || row < 0 || row >= rows.size() || rows.size() == 1 || !stillShown()) {
            return;
        }
        rows.remove(row);
        write();
    }

    /**
     * Replaces every row by those of {@code text} (pasted from a spreadsheet or a CSV file): one
     * row a line, its numbers separated by spaces, tabs, commas or semicolons; blank lines and a
     * first line that is not numbers (a heading) are skipped. Text with any other line that is not
     * a row of this table changes nothing and says which line, in the note under the table.
     *
     * @return whether the rows were replaced
     */
    boolean paste(String text) {
        if (cut || form.readOnly) {
            return false;  // (its button is hidden) the rows not shown would be lost; or the text is too long to edit here
        }
        List<String[]> read = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[\\s,;]+");
            String[] row = new String[cells.length];
            boolean numbers = true;
            for (int c = 0; c < cells.length && numbers; c++) {
                row[c] = FormField.literal(FormField.Kind.NUMBER, cells[c]);
                numbers = row[c] != null;
            }
            if (!numbers && read.isEmpty() && i == firstNonBlank(lines)) {
                continue;  // a heading
            }
            if (!numbers || cells.length != columns.size()) {
                note.setText("Not pasted: line " + (i + 1) + " is not " + columns.size() + " numbers: \"" + abbreviate(line) + "\"");
                return false;
            }
            read.add(row);
        }
        if (read.isEmpty()) {
            note.setText("Not pasted: the clipboard holds no rows of " + columns.size() + " numbers.");
            return false;
        }
        JsonNode tree = form.currentTree();
        if (tree == null || read(tree.at(pointer), MAX_ROWS) == null) {
            note.setText("Not pasted: the JSON no longer holds this table (" + pointer + "); it was changed meanwhile.");
            return false;
        }
        note.setText("");
        rows.setAll(read);
        write();
        return true;
    }

    /** What the note under the table says now (why a paste was refused), or "". */
    String note() {
        return note.getText();
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 37) + "...";
    }

    /**
     * Whether the JSON still holds the rows shown. The table shows what the text held when it was
     * last checked; an edit made from rows the user has since changed in the JSON would put the old
     * rows back over theirs. When it does not, the table shows the JSON's rows (at most
     * {@link #MAX_ROWS} of them, read-only beyond, as {@link #refresh} shows them) and says so.
     */
    private boolean stillShown() {
        JsonNode tree = form.currentTree();
        JsonNode array = tree == null ? null : tree.at(pointer);
        List<String[]> now = array == null ? null : read(array, MAX_ROWS);
        boolean tooMany = now != null && array.size() > MAX_ROWS;
        if (now != null && !tooMany && same(now)) {
            return true;
        }
        if (now == null) {
            rows.clear();
        } else {
            rows.setAll(now);
        }
        setDisable(now == null);
        cut = tooMany;
        table.setEditable(!cut);
        add.setVisible(!cut);
        remove.setVisible(!cut);
        paste.setVisible(!cut);
        note.setText(cut ? cutNote(array.size())
                : "Not changed: the JSON changed since the table was shown; it shows the JSON now, edit again.");
        return false;
    }

    private void write() {
        note.setText("");
        String indent = form.text.indentAt(pointer);  // the line of the member holding the array
        form.text.put(pointer, FormValues.array(rows.stream().map(this::rowLiteral).toList(), indent + "  ", indent));
    }

    private String rowLiteral(String[] r) {
        if (columns.getFirst().key() == null) {
            return "[" + String.join(", ", r) + "]";
        }
        List<String> members = new ArrayList<>();
        for (int c = 0; c < r.length; c++) {
            members.add("\"" + columns.get(c).key() + "\": " + r[c]);
        }
        return "{ " + String.join(", ", members) + " }";
    }

    /** The rows of {@code array}, or null when it is not an array of rows of this table's shape. */
    private List<String[]> read(JsonNode array) {
        return read(array, Integer.MAX_VALUE);
    }

    /**
     * The first {@code most} rows of {@code array}, or null when it is not an array of rows of
     * this table's shape (as far as those rows tell).
     */
    private List<String[]> read(JsonNode array, int most) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        int n = Math.min(most, array.size());
        List<String[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonNode row = array.get(i);
            String[] r = new String[columns.size()];
            for (int c = 0; c < r.length; c++) {
                JsonNode v = columns.get(c).key() == null ? row.get(c) : row.get(columns.get(c).key());
                if (!FormValues.finite(v)) {
                    return null;  // not a number, or one a double reads as infinite: edited in the JSON
                }
                r[c] = v.asText();
            }
            int extra = row.isArray() ? row.size() : row.isObject() ? row.size() : -1;
            if (extra != r.length) {
                return null;  // keys or values this table would drop: edited in the JSON
            }
            out.add(r);
        }
        return out;
    }

    /** Whether {@code read} holds the rows shown, number for number (1.0E-4 is 0.0001). */
    private boolean same(List<String[]> read) {
        if (read.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < read.size(); i++) {
            String[] a = read.get(i);
            String[] b = rows.get(i);
            for (int c = 0; c < a.length; c++) {
                if (!a[c].equals(b[c]) && new BigDecimal(a[c]).compareTo(new BigDecimal(b[c])) != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
