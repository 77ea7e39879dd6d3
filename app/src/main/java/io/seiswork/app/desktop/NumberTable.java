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
    /** The array whose rows the table shows (as last converted), or null before the first. */
    private JsonNode shownArray;
    private boolean converted;
    /** Counts the refreshes: a conversion done off the JavaFX thread for an older one is dropped. */
    private long refreshes;
    /**
     * A refresh's rows held back while an edit of this table was waiting or in flight (their text
     * is from before it: shown, they would hide that edit and make the next one refused), or null.
     */
    private Runnable heldBack;
    /** The text's count of changes ({@link FormEdits#version}) when {@link #heldBack} was held. */
    private long heldAt;
    /** How many times the rows were converted from the JSON, and compared with the rows shown (for tests). */
    private final java.util.concurrent.atomic.AtomicLong conversions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong comparisons = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The most rows whose array is compared and converted on the JavaFX thread at a refresh (a
     * fraction of a millisecond); a longer one is, off it, on the form's checks executor.
     */
    static final int AT_ONCE_ROWS = 1000;

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
     * and says so under the table: an edit writes every row back. The rows are converted only
     * when the array differs from the one last shown (compared, and converted, off the JavaFX
     * thread for more than {@value #AT_ONCE_ROWS} rows), so a check after an edit elsewhere in the
     * spec costs the table nothing there.
     *
     * @param version the editor's count of edits of the text {@code tree} was parsed from: a
     *     refusal's note stays while the text has not changed (compared so, not tree by tree)
     */
    void refresh(JsonNode tree, long version) {
        if (table.getEditingCell() != null) {
            return;  // a cell being typed in keeps what the user typed
        }
        if (version != shownVersion) {
            note.setText("");  // the spec changed since: a refusal's reason no longer holds
        }
        shownVersion = version;
        JsonNode array = tree == null ? null : tree.at(pointer);
        JsonNode before = shownArray;
        boolean first = !converted;
        long asked = ++refreshes;
        if (array == null || !array.isArray() || array.size() <= AT_ONCE_ROWS) {
            if (first || !java.util.Objects.equals(array, before)) {
                conversions.incrementAndGet();
                show(asked, array, read(array, MAX_ROWS));
            }
            comparisons.incrementAndGet();
            return;
        }
        FormEdits.execute(form.checks, () -> {
            // Trees are not changed once parsed: read here as on the JavaFX thread.
            boolean same = !first && array.equals(before);
            List<String[]> read = same ? null : read(array, MAX_ROWS);
            if (!same) {
                conversions.incrementAndGet();
            }
            comparisons.incrementAndGet();
            if (!same) {
                javafx.application.Platform.runLater(() -> show(asked, array, read));
            }
        });
    }

    /** Shows {@code read}, the rows of {@code array} converted for refresh {@code asked}, unless a newer refresh or a cell being typed in stands. */
    private void show(long asked, JsonNode array, List<String[]> read) {
        if (asked != refreshes || table.getEditingCell() != null) {
            return;
        }
        if (form.edits.pending(this)) {
            heldBack = () -> show(asked, array, read);
            heldAt = form.edits.version();
            return;
        }
        heldBack = null;
        shownArray = array;
        converted = true;
        setDisable(read == null);
        cut = read != null && array.size() > MAX_ROWS;
        table.setEditable(!cut);
        add.setVisible(!cut);
        remove.setVisible(!cut);
        paste.setVisible(!cut);
        if (read == null) {
            rows.clear();
        } else if (!same(read, rows)) {
            rows.setAll(read);
        }
        if (cut) {
            note.setText(cutNote(array.size()));
        } else if (note.getText().startsWith(CUT_NOTE_START)) {
            note.setText("");
        }
    }

    /**
     * After an edit of this table lands: once none is left, the refresh held back meanwhile is
     * shown if the text has not changed since (its rows are the JSON's); else it is dropped, and
     * the check of the text the edits left brings the rows.
     */
    private void landed() {
        if (heldBack == null || form.edits.pending(this)) {
            return;
        }
        Runnable r = heldBack;
        heldBack = null;
        if (form.edits.version() == heldAt) {
            r.run();
        }
    }

    /** How many times the rows were converted from the JSON at a refresh (for tests). */
    long conversions() {
        return conversions.get();
    }

    /** How many refreshes have compared the array with the one shown, whether or not it changed (for tests). */
    long comparisons() {
        return comparisons.get();
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
     * its own, and so is any edit while the JSON holds other rows than those shown (found when
     * the edit is worked out, off the JavaFX thread: the table then shows the JSON's rows and says so).
     *
     * @return whether the edit was taken to be made (false: refused at once)
     */
    boolean set(int row, int col, String typed) {
        String literal = FormField.literal(FormField.Kind.NUMBER, typed == null ? "" : typed);
        if (cut || form.readOnly || literal == null || row < 0 || row >= rows.size()) {
            table.refresh();  // show the old value again
            return false;
        }
        List<String[]> before = List.copyOf(rows);
        String[] r = rows.get(row).clone();
        r[col] = literal;
        rows.set(row, r);
        write(before);
        return true;
    }

    /** Adds a row after the last, one more step of the spacing of the last two rows. */
    void addRow() {
        if (cut || form.readOnly || rows.isEmpty()) {
            return;
        }
        List<String[]> before = List.copyOf(rows);
        String[] last = rows.getLast();
        String[] next = new String[last.length];
        for (int c = 0; c < next.length; c++) {
            BigDecimal step = rows.size() > 1
                    ? new BigDecimal(last[c]).subtract(new BigDecimal(rows.get(rows.size() - 2)[c]))
                    : new BigDecimal(stepWhenAlone[c]);
            next[c] = FormField.literal(FormField.Kind.NUMBER, new BigDecimal(last[c]).add(step).toPlainString());
        }
        rows.add(next);
        write(before);
        table.getSelectionModel().select(rows.size() - 1);
    }

    /** Removes a row; the last row stays (an empty list is no model and no survey). */
    void removeRow(int row) {
        if (cut || form.readOnly || row < 0 || row >= rows.size() || rows.size() == 1) {
            return;
        }
        List<String[]> before = List.copyOf(rows);
        rows.remove(row);
        write(before);
    }

    /**
     * Replaces every row by those of {@code text} (pasted from a spreadsheet or a CSV file): one
     * row a line, its numbers separated by spaces, tabs, commas or semicolons; blank lines and a
     * first line that is not numbers (a heading) are skipped. Text with any other line that is not
     * a row of this table changes nothing and says which line, in the note under the table; so
     * does a JSON that no longer holds this table when the edit is worked out.
     *
     * @return whether the rows were taken to replace the table's
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
        List<String> literals = read.stream().map(this::rowLiteral).toList();
        note.setText("");
        rows.setAll(read);  // shown at once; the JSON's rows shown instead if it no longer holds the table
        form.edits.submit(json -> {
            JsonNode tree = FormContext.parse(json);
            if (tree == null || read(tree.at(pointer), MAX_ROWS) == null) {
                return FormEdits.Outcome.none(() -> {
                    showChanged(null, -1);  // the JSON's rows, as a refused cell edit shows them: none here
                    note.setText("Not pasted: the JSON no longer holds this table (" + pointer + "); it was changed meanwhile.");
                });
            }
            String indent = SpecText.indentAt(json, pointer);  // the line of the member holding the array
            return FormContext.put(json, pointer, FormValues.array(literals, indent + "  ", indent), null);
        }, this, this::landed);
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
     * Writes the rows shown over the array, worked out off the JavaFX thread ({@link FormEdits}),
     * if the JSON still holds {@code before}, the rows the table showed before this edit. The
     * table shows what the text held when it was last checked; an edit made from rows the user
     * has since changed in the JSON would put the old rows back over theirs. When it does not,
     * the table shows the JSON's rows (at most {@link #MAX_ROWS} of them, read-only beyond, as
     * {@link #refresh} shows them) and says so.
     */
    private void write(List<String[]> before) {
        note.setText("");
        List<String> literals = rows.stream().map(this::rowLiteral).toList();
        form.edits.submit(json -> {
            JsonNode tree = FormContext.parse(json);
            JsonNode array = tree == null ? null : tree.at(pointer);
            List<String[]> now = array == null ? null : read(array, MAX_ROWS);
            boolean tooMany = now != null && array.size() > MAX_ROWS;
            if (now == null || tooMany || !same(now, before)) {
                return FormEdits.Outcome.none(() -> showChanged(now, tooMany ? array.size() : -1));
            }
            String indent = SpecText.indentAt(json, pointer);  // the line of the member holding the array
            return FormContext.put(json, pointer, FormValues.array(literals, indent + "  ", indent), null);
        }, this, this::landed);
    }

    /**
     * The JSON's rows shown in place of an edit not made ({@code now}: null when it holds no
     * table of this shape; {@code all}: how many rows it has when more than shown, else -1).
     */
    private void showChanged(List<String[]> now, int all) {
        if (now == null) {
            rows.clear();
        } else {
            rows.setAll(now);
        }
        setDisable(now == null);
        cut = all >= 0;
        table.setEditable(!cut);
        add.setVisible(!cut);
        remove.setVisible(!cut);
        paste.setVisible(!cut);
        note.setText(cut ? cutNote(all)
                : "Not changed: the JSON changed since the table was shown; it shows the JSON now, edit again.");
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

    /** Whether {@code read} holds the rows {@code shown}, number for number (1.0E-4 is 0.0001). */
    private static boolean same(List<String[]> read, List<String[]> shown) {
        if (read.size() != shown.size()) {
            return false;
        }
        for (int i = 0; i < read.size(); i++) {
            String[] a = read.get(i);
            String[] b = shown.get(i);
            for (int c = 0; c < a.length; c++) {
                if (!a[c].equals(b[c]) && new BigDecimal(a[c]).compareTo(new BigDecimal(b[c])) != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
