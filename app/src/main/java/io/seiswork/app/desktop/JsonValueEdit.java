package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Where one value of a JSON text is, by JSON pointer ({@code /grid/nz}), and the smallest text
 * edit that sets, adds or removes it, so that a form can change a spec in place: the user's
 * layout, spacing and key order stay as they were, only the characters of that value (or member)
 * change, and the editor's undo history sees one edit.
 */
final class JsonValueEdit {

    private static final JsonFactory JSON = new JsonFactory();

    /** Characters [start, end) of a value in the text. */
    record Range(int start, int end) {
    }

    /** Replace the characters [start, end) of the text by {@code text}. */
    record Edit(int start, int end, String text) {

        /** The edited text. */
        String applyTo(String json) {
            return json.substring(0, start) + text + json.substring(end);
        }
    }

    private JsonValueEdit() {
    }

    /**
     * The character range of the value at {@code pointer} (a scalar, an object or an array), or
     * null when the text does not parse or holds nothing there.
     */
    static Range find(String json, String pointer) {
        JsonPointer wanted = JsonPointer.compile(pointer);
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME || t.isStructEnd()) {
                    continue;
                }
                // A structure's start token already belongs to its own context: its path is its parent's.
                JsonStreamContext at = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                if (at.pathAsPointer().equals(wanted)) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    if (t.isStructStart()) {
                        p.skipChildren();
                    } else {
                        p.getText();  // strings are read lazily: finish the token so the end is past its quote
                    }
                    return new Range(start, (int) p.currentLocation().getCharOffset());
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
     * @throws IllegalArgumentException when there is no value at {@code pointer}
     */
    static String replace(String json, String pointer, String literal) {
        Range r = find(json, pointer);
        if (r == null) {
            throw new IllegalArgumentException("no value at " + pointer);
        }
        return json.substring(0, r.start()) + literal + json.substring(r.end());
    }

    /**
     * The edit that makes the value at {@code pointer} be {@code literal}: its characters replaced
     * when it is there, else a member added to the object that should hold it (objects missing on
     * the way are added too), after that object's last member and in its layout (on a line of its
     * own, indented like the member before, when the object spans lines).
     *
     * @throws IllegalArgumentException when the text does not parse, or something other than an
     *     object stands where the path needs one
     */
    static Edit put(String json, String pointer, String literal) {
        Range r = find(json, pointer);
        if (r != null) {
            return new Edit(r.start(), r.end(), literal);
        }
        JsonPointer path = JsonPointer.compile(pointer);
        if (path.matches()) {
            throw new IllegalArgumentException("the text does not parse as JSON");
        }
        String key = path.last().getMatchingProperty();
        String parent = path.head().toString();
        Range holder = find(json, parent);
        if (holder == null) {
            return put(json, parent, "{ " + member(key, literal) + " }");
        }
        if (json.charAt(holder.start()) != '{') {
            throw new IllegalArgumentException((parent.isEmpty() ? "the spec" : parent) + " is not an object");
        }
        int close = holder.end() - 1;
        int last = lastNonSpace(json, close - 1);
        if (json.charAt(last) == '{') {  // empty object
            return new Edit(holder.start(), holder.end(), "{ " + member(key, literal) + " }");
        }
        String object = json.substring(holder.start(), holder.end());
        String separator = object.indexOf('\n') >= 0 ? ",\n" + indentOfLine(json, last) : ", ";
        return new Edit(last + 1, last + 1, separator + member(key, literal));
    }

    /**
     * The edit that removes the member at {@code pointer} (its key, value and one comma), or null
     * when there is none.
     */
    static Edit remove(String json, String pointer) {
        Range r = find(json, pointer);
        JsonPointer path = JsonPointer.compile(pointer);
        Range holder = r == null || path.matches() ? null : find(json, path.head().toString());
        if (holder == null || json.charAt(holder.start()) != '{') {
            return null;  // nothing there, text broken further on, or an array's element: not a member
        }
        int colon = lastNonSpace(json, r.start() - 1);
        int keyEnd = lastNonSpace(json, colon - 1);             // the key's closing quote
        int keyStart = json.lastIndexOf('"', keyEnd - 1);        // spec keys hold no escaped quotes
        int before = lastNonSpace(json, keyStart - 1);
        if (json.charAt(before) == ',') {
            return new Edit(before, r.end(), "");
        }
        int after = nextNonSpace(json, r.end());
        if (json.charAt(after) == ',') {
            return new Edit(keyStart, nextNonSpace(json, after + 1), "");
        }
        return new Edit(before + 1, after, "");  // the only member: the object becomes {}
    }

    private static String member(String key, String literal) {
        return "\"" + key + "\": " + literal;
    }

    private static int lastNonSpace(String s, int from) {
        int i = from;
        while (i > 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i;
    }

    private static int nextNonSpace(String s, int from) {
        int i = from;
        while (i < s.length() - 1 && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The spaces and tabs that start the line holding character {@code at}. */
    static String indentOfLine(String s, int at) {
        int start = s.lastIndexOf('\n', at) + 1;
        int end = start;
        while (end < s.length() && (s.charAt(end) == ' ' || s.charAt(end) == '\t')) {
            end++;
        }
        return s.substring(start, end);
    }
}
