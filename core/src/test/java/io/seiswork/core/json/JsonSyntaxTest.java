package io.seiswork.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonSyntax#describe} reads after "is not valid JSON" with its own separator, placed or
 * not, so no caller writes "is not valid JSON nested deeper than ...".
 */
class JsonSyntaxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aPlacedErrorFollowsWithItsPlaceAndAColon() {
        var e = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree("{\"a\": 1,\n}"));
        String d = JsonSyntax.describe(e);
        assertTrue(d.startsWith(" at line 2, column 1: "), d);
        assertTrue(d.length() > " at line 2, column 1: ".length(), "says what is wrong: " + d);
    }

    /** A parser limit met with no place (Jackson's own constraint exceptions can carry none). */
    @Test
    void anUnplacedErrorFollowsWithAColon() {
        var e = new StreamConstraintsException("Document nesting depth (1001) exceeds the maximum allowed"
                + " (1000, from `StreamReadConstraints.getMaxNestingDepth()`)");
        assertEquals(": nested deeper than 1000 levels of objects and arrays", JsonSyntax.describe(e));
    }

    /** As the parser meets it: placed or not, the words follow after a colon. */
    @Test
    void aLimitMetByTheParserReadsAfterNotValidJson() {
        var e = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readTree("[".repeat(1001) + "]".repeat(1001)));
        String m = "is not valid JSON" + JsonSyntax.describe(e);
        assertTrue(m.matches("is not valid JSON(: | at line 1, column \\d+: )nested deeper than 1000 levels of objects"
                + " and arrays"), m);
    }

    @Test
    void placedReadsTheSameWayForOtherCallersWords() {
        assertEquals(" at line 3, column 7: text after", JsonSyntax.placed(3, 7, "text after"));
        assertEquals(": text after", JsonSyntax.placed(-1, -1, "text after"));
    }

    /** Jackson's common errors in plain words, each still at the parser's line and column. */
    @Test
    void commonErrorsAreSaidInPlainWords() {
        ObjectMapper strict = new ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        java.util.Map<String, String> said = new java.util.LinkedHashMap<>();
        said.put("{\"a\": x}", " at line 1, column 7: unexpected 'x': expected a value (number, string, true/false,"
                + " null, object or array)");
        said.put("{\"a\": 1,\n}", " at line 2, column 1: a comma before '}': remove the trailing comma");
        said.put("[1,\n]", " at line 2, column 1: a comma before ']': remove the trailing comma, or give the missing value");
        said.put("{\"a\": 1 \"b\": 2}", " at line 1, column 9: unexpected '\"': expected ',' or '}' after the value");
        said.put("{\"a\" 1}", " at line 1, column 6: unexpected '1': expected ':' after the key");
        said.put("{\"a\": {\"b\": 1", " at line 1, column 14: unexpected end of the text: the object opened at line 1,"
                + " column 7 is not closed (a '}' is missing)");
        said.put("[1, 2", " at line 1, column 6: unexpected end of the text: the array opened at line 1, column 1 is"
                + " not closed (a ']' is missing)");
        said.put("{\"nx\": 1,\n \"nx\": 2}", " at line 2, column 6: the key \"nx\" is given twice (a key may appear"
                + " once in an object)");
        said.put("{\"a\": \"abc", " at line 1, column 11: unexpected end of the text: a string is not closed"
                + " (a '\"' is missing)");
        for (var c : said.entrySet()) {
            var e = assertThrows(JsonProcessingException.class, () -> strict.readTree(c.getKey()));
            assertEquals(c.getValue(), JsonSyntax.describe(e), c.getKey());
        }
    }
}
