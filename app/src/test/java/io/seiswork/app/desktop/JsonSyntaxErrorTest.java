package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.json.JsonSyntax;
import org.junit.jupiter.api.Test;

/**
 * Where the editor says the text stops being JSON: at the parser's line and column, or, for a
 * parser limit that has no place (nesting deeper than 1000 levels), the limit in words and no
 * "line 1, column 1" that would send the user to a line that is fine.
 */
class JsonSyntaxErrorTest {

    @Test
    void aSyntaxErrorIsPlacedAtItsLineAndColumn() {
        String text = "{\n  \"name\": \"a\",\n  \"grid\": {\"nx\": 10,,}\n}";
        JsonSyntaxError e = JsonSyntaxError.in(text);
        assertTrue(e.located());
        assertEquals(3, e.line());
        assertEquals(3, e.markedLine());
        assertEquals(text.indexOf(",,") + 1, e.offset(), "the caret on the second comma");
        assertTrue(e.banner().startsWith("The JSON has a syntax error at line 3, column 21: "), e.banner());
        assertTrue(JsonSyntaxError.describe(text).equals("line 3, column 21: unexpected ',': expected a key in double quotes"),
                JsonSyntaxError.describe(text));
        assertNull(JsonSyntaxError.in("{\"name\": \"a\"}"));
    }

    @Test
    void aRefusedNaNIsPlacedWhereItStartsAsTheSpecReaderSaysIt() {
        String text = "{\"a\": NaN}";
        JsonSyntaxError e = JsonSyntaxError.in(text);
        assertTrue(e.banner().startsWith("The JSON has a syntax error at line 1, column 7: "), e.banner());
        assertEquals(text.indexOf("NaN"), e.offset(), "the caret on the N");
        assertEquals("line 1, column 7: NaN is not a JSON number; give a number", JsonSyntaxError.describe(text));
        JsonProcessingException parsed = assertThrows(
                JsonProcessingException.class,
                () -> new ObjectMapper().readTree(text));
        assertTrue(JsonSyntax.describe(parsed).startsWith(" at line 1, column 7: "), "the spec reader names the same column");
    }

    @Test
    void jsonNestedBeyondTheParsersLimitSaysSoWithoutAPlace() {
        String text = "[".repeat(1001) + "]".repeat(1001);
        JsonSyntaxError e = JsonSyntaxError.in(text);
        assertFalse(e.located());
        assertEquals(0, e.markedLine(), "no line marked");
        assertEquals("The JSON cannot be read (nested deeper than 1000 levels of objects and arrays): the form shows"
                + " the last valid values until it is fixed.", e.banner());
        assertEquals("nested deeper than 1000 levels of objects and arrays", JsonSyntaxError.describe(text));
    }
}
