package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Where the spec's text stops being JSON: the line and column the parser names (1-based, as the
 * spec reader's "(json)" problem says them) and the character offset, for the editor's caret.
 */
record JsonSyntaxError(int line, int column, int offset) {

    /** The error's place in {@code text}, or the text's start when the parser gives none. */
    static JsonSyntaxError of(JsonProcessingException e, String text) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 1) {
            return new JsonSyntaxError(1, 1, 0);
        }
        int line = loc.getLineNr();
        int column = Math.max(1, loc.getColumnNr());
        return new JsonSyntaxError(line, column, offsetOf(text, line, column));
    }

    /** The character offset of 1-based {@code line} and {@code column}, clamped to the text. */
    static int offsetOf(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                return text.length();
            }
            at = nl + 1;
        }
        int end = text.indexOf('\n', at);
        return Math.min(at + column - 1, end < 0 ? text.length() : end);
    }

    /** The banner over the form. */
    String banner() {
        return "The JSON has a syntax error at line " + line + ", column " + column
                + ": the form shows the last valid values until it is fixed (click here or the problem to go to it).";
    }
}
