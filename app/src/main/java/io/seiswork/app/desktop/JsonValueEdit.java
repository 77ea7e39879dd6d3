package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Where one scalar value of a JSON text is, by JSON pointer ({@code /grid/nz}), so that a form
 * can change it in place: the user's layout, comments-free spacing and key order stay as they
 * were, only the value's characters change (and the editor's undo history sees one edit).
 */
final class JsonValueEdit {

    private static final JsonFactory JSON = new JsonFactory();

    /** Characters [start, end) of a value in the text. */
    record Range(int start, int end) {
    }

    private JsonValueEdit() {
    }

    /**
     * The character range of the scalar value at {@code pointer}, or null when the text does not
     * parse or holds no scalar there.
     */
    static Range find(String json, String pointer) {
        JsonPointer wanted = JsonPointer.compile(pointer);
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t.isScalarValue() && p.getParsingContext().pathAsPointer().equals(wanted)) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.getText();  // strings are read lazily: finish the token so the end is past its quote
                    int end = (int) p.currentLocation().getCharOffset();
                    return new Range(start, end);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The text with the scalar at {@code pointer} replaced by {@code literal} (a JSON literal:
     * {@code 120}, {@code true}, {@code "gpu"}).
     *
     * @throws IllegalArgumentException when there is no scalar at {@code pointer}
     */
    static String replace(String json, String pointer, String literal) {
        Range r = find(json, pointer);
        if (r == null) {
            throw new IllegalArgumentException("no value at " + pointer);
        }
        return json.substring(0, r.start()) + literal + json.substring(r.end());
    }
}
