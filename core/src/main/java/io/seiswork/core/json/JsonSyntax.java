package io.seiswork.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * A JSON syntax error as a user reads it: where it is and what is wrong, without the parser's
 * internal notation. Jackson's messages embed other locations as
 * {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1,
 * column: 27]}; those become {@code line 1, column 27}.
 */
public final class JsonSyntax {

    private static final Pattern EMBEDDED_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private JsonSyntax() {
    }

    /** For example "at line 2, column 1: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 27)". */
    public static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : "at line " + loc.getLineNr() + ", column "
                + loc.getColumnNr() + ": ";
        String what = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        return where + EMBEDDED_LOCATION.matcher(what).replaceAll("line $1, column $2");
    }
}
