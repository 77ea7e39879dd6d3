package io.seiswork.app.desktop;

import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
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

    /** The gutter's numbers, as RichTextFX draws them. */
    private final IntFunction<Node> numbers = LineNumberFactory.get(this);
    /** The 1-based line whose number is marked (where the JSON stops parsing), or 0 for none. */
    private int marked;

    SpecCodeArea() {
        setParagraphGraphicFactory(numbers);
        setWrapText(false);
        getStyleClass().add("spec-json");
        MenuItem undo = item("Undo", this::undo);
        MenuItem redo = item("Redo", this::redo);
        setContextMenu(new ContextMenu(undo, redo, new SeparatorMenuItem(), item("Cut", this::cut),
                item("Copy", this::copy), item("Paste", this::paste), new SeparatorMenuItem(),
                item("Select all", this::selectAll)));
        getContextMenu().setOnShowing(e -> {
            undo.setDisable(!isUndoAvailable());
            redo.setDisable(!isRedoAvailable());
        });
    }

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

    private static MenuItem item(String name, Runnable action) {
        MenuItem item = new MenuItem(name);
        item.setOnAction(e -> action.run());
        return item;
    }
}
