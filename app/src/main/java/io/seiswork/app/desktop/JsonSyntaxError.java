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

    /** As the spec reader parses: a key given twice is no spec. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Where {@code text} stops being JSON, or null when it parses (an empty text parses here: the
     * spec reader names what it lacks). Parses the whole text, as the spec reader does: measured on
     * the 2-core VM at a load of 7.5, 0.1 to 0.3 ms for the demo's 750 characters and 7 ms for
     * 240 kB.
     */
    static JsonSyntaxError in(String text) {
        try {
            JSON.readTree(text);
            return null;
        } catch (JsonProcessingException e) {
            return of(e, text);
        }
    }

    /**
     * Where {@code text} stops being JSON and why, for a question ("line 4, column 14: Unexpected
     * character ..."), or null when it parses. Parses the whole text: off the JavaFX thread.
     */
    static String describe(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(text);
            return tree == null || tree.isMissingNode() ? "line 1, column 1: no JSON value, the text is empty" : null;
        } catch (JsonProcessingException e) {
            JsonSyntaxError at = of(e, text);
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            return "line " + at.line() + ", column " + at.column() + (why.isEmpty() ? "" : ": " + why);
        }
    }

    /** The banner over the form. */
    String banner() {
        return "The JSON has a syntax error at line " + line + ", column " + column
                + ": the form shows the last valid values until it is fixed (click here or the problem to go to it).";
    }
}
