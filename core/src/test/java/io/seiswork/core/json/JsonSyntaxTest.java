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
}
