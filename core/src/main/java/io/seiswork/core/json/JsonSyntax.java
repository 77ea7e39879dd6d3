package io.seiswork.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON syntax error as a user reads it: where it is and what is wrong, without the parser's
 * internal notation. Jackson's messages embed other locations as
 * {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1,
 * column: 27]}; those become {@code line 1, column 27}. What JSON does not allow is said as such
 * ({@code NaN is not a JSON number; give a number}, {@code comments are not allowed in JSON})
 * rather than as the parser feature that would allow it, which a user of the file cannot turn on.
 */
public final class JsonSyntax {

    private static final Pattern EMBEDDED_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    /** Jackson's "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow". */
    private static final Pattern NON_NUMERIC = Pattern.compile("^Non-standard token '([^']*)'");
    /** The parser's advice to turn on one of its features ("...: enable `JsonReadFeature.X` to allow"). */
    private static final Pattern ENABLE_FEATURE =
            Pattern.compile("[:;,]? *\\(?enable `?[A-Za-z]+\\.[A-Z_]+`? to allow\\)?");

    /**
     * A limit of Jackson's {@code StreamReadConstraints} ("Document nesting depth (1001) exceeds the
     * maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"): what it limits,
     * the value and the limit.
     */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "^(.*?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from `StreamReadConstraints\\.\\w+\\(\\)`\\)");

    private JsonSyntax() {
    }

    /**
     * Where and what, written to follow "is not valid JSON" with no separator of the caller's:
     * " at line 2, column 1: Unexpected end-of-input: expected close marker for Object (start
     * marker at line 1, column 27)" when the parser placed the error, ": nested deeper than 1000
     * levels of objects and arrays" when it did not (a limit it can meet before it has a place).
     */
    public static String describe(JsonProcessingException e) {
        Place at = place(e);
        return at == null ? placed(-1, 0, what(e)) : placed(at.line(), at.column(), what(e));
    }

    /**
     * Where a reader of the text finds the error, 1-based, or null when the parser gave no place (a
     * limit it met before it had one). The spec reader's problems and the desktop's banner and caret
     * all name this place, so that one error has one column.
     *
     * @param line 1-based line
     * @param column 1-based column on that line
     */
    public record Place(int line, int column) {
    }

    /**
     * The error's {@link Place}: the parser's, except that a refused NaN or Infinity is named where
     * it starts (the parser stands after the token it refuses); null when the parser gave none.
     */
    public static Place place(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 1) {
            return null;
        }
        int column = Math.max(1, loc.getColumnNr());
        Matcher token = NON_NUMERIC.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        if (token.find() && column > token.group(1).length()) {
            column -= token.group(1).length();
        }
        return new Place(loc.getLineNr(), column);
    }

    /**
     * {@code what} after its place, to follow "is not valid JSON" as {@link #describe} does:
     * " at line L, column C: what", or ": what" when {@code line} is negative (no place).
     *
     * @param line 1-based line, negative when unknown
     * @param column 1-based column on that line
     */
    public static String placed(int line, int column, String what) {
        return (line < 0 ? "" : " at line " + line + ", column " + column) + ": " + what;
    }

    /**
     * What is wrong, without where: "Unexpected end-of-input: expected close marker for Object
     * (start marker at line 1, column 27)", "nested deeper than 1000 levels of objects and arrays".
     */
    public static String what(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        return inUserWords(EMBEDDED_LOCATION.matcher(what).replaceAll("line $1, column $2"));
    }

    /** The parser's message in the words of JSON, without the parser's settings. */
    static String inUserWords(String message) {
        Matcher limit = CONSTRAINT.matcher(message);
        if (limit.find()) {
            return beyondLimit(limit.group(1), limit.group(3));
        }
        Matcher token = NON_NUMERIC.matcher(message);
        if (token.find()) {
            return token.group(1) + " is not a JSON number; give a number";
        }
        if (message.contains("maybe a (non-standard) comment?") || message.startsWith("Unexpected character ('#' (code 35))")) {
            return "comments are not allowed in JSON";
        }
        if (message.startsWith("Unexpected character (''' (code 39))")) {
            return "JSON takes double quotes (\"), not single quotes (')";
        }
        String plain = plainWords(message);
        return plain != null ? plain : ENABLE_FEATURE.matcher(message).replaceAll("");
    }

    /** What a value may start with, as the plain-words messages say it. */
    static final String A_VALUE = "a value (number, string, true/false, null, object or array)";

    /** Jackson's "Unexpected character ('x' (code 120)): rest". */
    private static final Pattern UNEXPECTED_CHAR =
            Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\):? *(.*)", Pattern.DOTALL);
    /** Jackson's "Unrecognized token 'garbage': was expecting (...)". */
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '([^']*)'");
    /** "Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 27)". */
    private static final Pattern UNCLOSED = Pattern.compile("^Unexpected end-of-input: expected close marker for "
            + "(Object|Array) \\(start marker at (line \\d+, column \\d+)\\)");
    /** Jackson's "Duplicate field 'nx'". */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    /**
     * Jackson's common syntax errors in plain words (the caller says where): an unexpected
     * character or word, the text ending early, a key given twice, a trailing comma; null for any
     * other message (said as the parser says it).
     */
    private static String plainWords(String message) {
        Matcher dup = DUPLICATE.matcher(message);
        if (dup.find()) {
            return "the key \"" + dup.group(1) + "\" is given twice (a key may appear once in an object)";
        }
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.find()) {
            boolean object = unclosed.group(1).equals("Object");
            return "unexpected end of the text: the " + (object ? "object" : "array") + " opened at " + unclosed.group(2)
                    + " is not closed (a '" + (object ? '}' : ']') + "' is missing)";
        }
        if (message.startsWith("Unexpected end-of-input: was expecting closing quote")) {
            return "unexpected end of the text: a string is not closed (a '\"' is missing)";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "unexpected end of the text: the JSON stops before it is complete";
        }
        Matcher token = UNRECOGNIZED.matcher(message);
        if (token.find()) {
            return "unexpected '" + token.group(1) + "': expected " + A_VALUE;
        }
        Matcher c = UNEXPECTED_CHAR.matcher(message);
        if (!c.find()) {
            return null;
        }
        String ch = c.group(1);
        String rest = c.group(2);
        if (rest.startsWith("was expecting double-quote to start field name")) {
            return ch.equals("}") ? "a comma before '}': remove the trailing comma"
                    : "unexpected '" + ch + "': expected a key in double quotes";
        }
        if (rest.startsWith("expected a valid value") || rest.startsWith("expected a value")) {
            return ch.equals("]") ? "a comma before ']': remove the trailing comma, or give the missing value"
                    : "unexpected '" + ch + "': expected " + A_VALUE;
        }
        if (rest.startsWith("was expecting comma to separate Object entries")) {
            return "unexpected '" + ch + "': expected ',' or '}' after the value";
        }
        if (rest.startsWith("was expecting comma to separate Array entries")) {
            return "unexpected '" + ch + "': expected ',' or ']' after the value";
        }
        if (rest.startsWith("was expecting a colon")) {
            return "unexpected '" + ch + "': expected ':' after the key";
        }
        return "unexpected '" + ch + "'";
    }

    /** A parser limit passed ({@code what} as Jackson names it), in the words of the text it refuses. */
    private static String beyondLimit(String what, String limit) {
        return switch (what) {
            case "Document nesting depth" -> "nested deeper than " + limit + " levels of objects and arrays";
            case "Number value length" -> "a number longer than " + limit + " characters";
            case "String value length" -> "a string longer than " + limit + " characters";
            case "Name length" -> "a key longer than " + limit + " characters";
            case "Document length" -> "longer than " + limit + " characters";
            case "Token count" -> "more than " + limit + " tokens";
            default -> what.toLowerCase(java.util.Locale.ROOT) + " above the parser's limit of " + limit;
        };
    }
}
