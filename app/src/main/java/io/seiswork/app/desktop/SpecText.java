package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fxmisc.richtext.CodeArea;

/**
 * The spec's JSON text as the form edits it: each change is the smallest edit of the text
 * ({@link JsonValueEdit}, worked out by {@link FormEdits}) made as one {@code replaceText}, so the
 * user's layout stays and one undo takes it back: the code area's undo would merge adjacent edits,
 * so none is merged with a form edit. The text stays the one truth; the form only ever writes into it.
 */
final class SpecText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CodeArea area;

    SpecText(CodeArea area) {
        this.area = area;
    }

    /**
     * How many times the form has read the whole text (to parse it, or find a value in it), on
     * the JavaFX thread: work that grows with the spec, which tests hold to none while the form
     * is read-only ({@link SpecEditor#FORM_MAX_CHARS}).
     */
    private long reads;

    /** The text as it is now (the whole of it: counted, {@link #reads()}). */
    String text() {
        reads++;
        return area.getText();
    }

    /** How many times the form has read the whole text so far. */
    long reads() {
        return reads;
    }

    /**
     * The edit of {@code json} that sets the value at {@code pointer} to {@code literal}, adding
     * the member (and objects on the way) when the spec has none; null when it already reads so.
     *
     * @throws IllegalArgumentException when the text cannot take it (it does not parse, or a
     *     non-object is in the way)
     */
    static JsonValueEdit.Edit put(String json, String pointer, String literal) {
        JsonValueEdit.Edit e = JsonValueEdit.put(json, pointer, literal);
        return json.substring(e.start(), e.end()).equals(e.text()) ? null : e;
    }

    /** One form edit, one undo step: not merged with the typing before it nor the edit after it. */
    void replace(JsonValueEdit.Edit e) {
        area.getUndoManager().preventMerge();
        area.replaceText(e.start(), e.end(), e.text());
        area.getUndoManager().preventMerge();
    }

    /**
     * The indentation of the line of {@code json} where the value at {@code pointer} starts, or
     * of the line of the nearest object on its path that the text has ("" for none): what a value
     * written over several lines is indented by.
     */
    static String indentAt(String json, String pointer) {
        for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
            JsonValueEdit.Range r = JsonValueEdit.find(json, at);
            if (r != null) {
                return JsonValueEdit.indentOfLine(json, r.start());
            }
            if (at.isEmpty()) {
                return "";
            }
        }
    }

    /** {@code s} as a JSON string literal, quoted and escaped. */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);  // a String always serialises
        }
    }
}
