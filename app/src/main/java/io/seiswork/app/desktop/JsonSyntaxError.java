package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.seiswork.core.json.JsonSyntax;

/**
 * Where the spec's text stops being JSON and why: the line and column {@link JsonSyntax#place}
 * names (1-based, as the spec reader's "(json)" problem says them) and the character offset, for the editor's
 * caret. A parser limit passed (JSON nested deeper than 1000 levels) has no place: {@code located}
 * is false, the caret goes to the text's start and no line is named.
 *
 * @param why what is wrong, in the words of JSON ({@link JsonSyntax#what})
 */
record JsonSyntaxError(int line, int column, int offset, boolean located, String why) {

    /** The error's place in {@code text}, or the text's start when the parser gives none. */
    static JsonSyntaxError of(JsonProcessingException e, String text) {
        JsonSyntax.Place at = JsonSyntax.place(e);
        String why = JsonSyntax.what(e).lines().findFirst().orElse("");
        if (at == null) {
            return new JsonSyntaxError(1, 1, 0, false, why);
        }
        return new JsonSyntaxError(at.line(), at.column(), offsetOf(text, at.line(), at.column()), true, why);
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
            return at.located ? "line " + at.line() + ", column " + at.column() + (at.why.isEmpty() ? "" : ": " + at.why)
                    : at.why;
        }
    }

    /** The line to mark in the editor's gutter: 0 when the parser named none. */
    int markedLine() {
        return located ? line : 0;
    }

    /** The banner over the form. */
    String banner() {
        String until = ": the form shows the last valid values until it is fixed";
        return located ? "The JSON has a syntax error at line " + line + ", column " + column + until
                + " (click here or the problem to go to it)." : "The JSON cannot be read (" + why + ")" + until + ".";
    }
}
