package io.seiswork.app.desktop;

import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The spec's JSON text with its line numbers in a gutter (RichTextFX's {@link CodeArea} and
 * {@link LineNumberFactory}): a syntax error and the problems name lines and columns, and the
 * user finds them by number. Going to a place moves the caret and scrolls it into view, which a
 * bare {@link #moveTo(int)} does not.
 *
 * <p>RichTextFX rather than a {@code TextArea} beside a gutter of our own: a gutter synced to a
 * TextArea's scroll has to guess its line height and is off by a line as soon as the font or the
 * scroll changes; the code area draws each line's number with the line itself.
 */
final class SpecCodeArea extends CodeArea {

    /** The fewest digits the gutter's numbers are padded to (a spec being loaded: its last line's), or 0. */
    private int reservedDigits;
    /** The gutter's numbers, as RichTextFX draws them (padded to the digits of the last line, or more). */
    private final IntFunction<Node> numbers = LineNumberFactory.get(this,
            digits -> "%1$" + Math.max(digits, reservedDigits) + "s");
    /** The 1-based line whose number is marked (where the JSON stops parsing), or 0 for none. */
    private int marked;

    SpecCodeArea() {
        setParagraphGraphicFactory(numbers);
        setWrapText(false);
        getStyleClass().add("spec-json");
        // Greyed while disabled (a run under way), as the form beside it: a code area has no such style of its own.
        getStylesheets().add(STYLESHEET);
        MenuItem undo = item("Undo", KeyCode.Z, this::undo);
        MenuItem redo = item("Redo", KeyCode.Y, this::redo);
        MenuItem cut = item("Cut", KeyCode.X, this::cut);
        MenuItem copy = item("Copy", KeyCode.C, this::copy);
        MenuItem paste = item("Paste", KeyCode.V, this::paste);
        MenuItem delete = item("Delete", null, () -> replaceSelection(""));
        delete.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        MenuItem selectAll = item("Select all", KeyCode.A, this::selectAll);
        setContextMenu(new ContextMenu(undo, redo, new SeparatorMenuItem(), cut, copy, paste, delete,
                new SeparatorMenuItem(), selectAll));
        getContextMenu().setOnShowing(e -> {
            boolean selected = getSelection().getLength() > 0;
            boolean editable = isEditable();
            undo.setDisable(!editable || !isUndoAvailable());
            redo.setDisable(!editable || !isRedoAvailable());
            cut.setDisable(!editable || !selected);
            copy.setDisable(!selected);
            paste.setDisable(!editable || !Clipboard.getSystemClipboard().hasString());
            delete.setDisable(!editable || !selected);
            selectAll.setDisable(getLength() == 0 || getSelection().getLength() == getLength());
        });
    }

    /** The code area's own style sheet (its look while disabled). */
    private static final String STYLESHEET = java.util.Objects.requireNonNull(
            SpecCodeArea.class.getResource("spec-code-area.css"), "spec-code-area.css").toExternalForm();

    /**
     * Replaces the whole text as one undoable edit, the caret at the start and the first line in
     * view (as a {@code TextArea}'s {@code setText}).
     */
    void setText(String text) {
        replaceText(text);
        moveTo(0);
        showParagraphAtTop(0);
    }

    /** Shows a text just opened: as {@link #setText}, with nothing to undo back into the last one. */
    void load(String text) {
        setText(text);
        getUndoManager().forgetHistory();
    }

    /**
     * Pads the gutter's numbers to the digits of {@code lines} lines (0: the lines there are), so
     * that a text put in a chunk at a time does not widen the gutter as it passes 1,000 lines,
     * 10,000, ...: each widening redrew every line on screen, 18–45 ms of the JavaFX thread's time
     * on the 2-core VM ({@code SpecLoadTiming}). A number already drawn keeps its width until the
     * count of lines next changes.
     */
    void reserveLines(int lines) {
        reservedDigits = lines <= 0 ? 0 : Integer.toString(lines).length();
    }

    /**
     * Lays the area out now, if its text or size changed (making the cells of lines new to the
     * screen), and says whether every line of the text is on screen. False for an area not shown
     * (no scene, or not laid out yet): it makes no cells.
     */
    boolean showsEveryLine() {
        if (getScene() == null || getHeight() <= 0) {
            return false;
        }
        layout();
        return getVisibleParagraphs().size() >= getParagraphs().size();
    }

    /** Puts the caret at character {@code offset} (clamped to the text) and scrolls its line into view. */
    void goTo(int offset) {
        moveTo(Math.max(0, Math.min(offset, getLength())));
        requestFollowCaret();
    }

    /** Selects characters {@code start} to {@code end} and scrolls them into view, the caret at the end. */
    void show(int start, int end) {
        selectRange(start, end);
        requestFollowCaret();
    }

    /**
     * Marks 1-based {@code line}'s number in the gutter (dark red on pale red: where the syntax
     * error is), or none for 0. The gutter is made anew, since each line's number is drawn once.
     */
    void markLine(int line) {
        if (line == marked) {
            return;
        }
        marked = line;
        setParagraphGraphicFactory(line == 0 ? numbers : paragraph -> {
            Node n = numbers.apply(paragraph);
            if (paragraph == line - 1) {
                n.getStyleClass().add("marked-line");
                n.setStyle("-fx-background-color: #f8d7da; -fx-text-fill: #8b0000; -fx-font-weight: bold");
            }
            return n;
        });
    }

    /** The 1-based line marked in the gutter, 0 for none. */
    int markedLine() {
        return marked;
    }

    /** The 1-based line of the caret, as the gutter numbers it. */
    int caretLine() {
        return getCurrentParagraph() + 1;
    }

    /** The 1-based column of the caret, as the JSON parser counts it. */
    int caretColumn() {
        return getCaretColumn() + 1;
    }

    /**
     * Whether 1-based {@code line} is among the lines on screen (the view is laid out once a
     * pulse has passed after a scroll).
     */
    boolean showsLine(int line) {
        return getVisibleParagraphs().size() > 0
                && firstVisibleParToAllParIndex() <= line - 1 && line - 1 <= lastVisibleParToAllParIndex();
    }

    /**
     * A context menu item showing its key ({@code key} with the shortcut modifier: Ctrl, or Cmd
     * on macOS; null for none). The key itself is the code area's own binding: a code area is no
     * control, so the menu's accelerators are shown, not installed in the scene.
     */
    private static MenuItem item(String name, KeyCode key, Runnable action) {
        MenuItem item = new MenuItem(name);
        item.setOnAction(e -> action.run());
        if (key != null) {
            item.setAccelerator(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        }
        return item;
    }
}
