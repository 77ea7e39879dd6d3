package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonValueEditTest {

    private static final String SPEC = """
            {
              "name": "demo",
              "grid": { "nx": 401, "ny": 1, "nz": 201, "dx": 10, "dz": 10 },
              "sources": { "line": { "x0": 200, "dx": 450, "n": 9, "y": 0, "z": 20 } },
              "receivers": { "line": { "x0": 0, "dx": 10, "n": 401, "y": 0, "z": 20 } },
              "physics": { "spaceOrder": 8, "boundary": { "type": "cpml", "width": 20 }, "freeSurface": false },
              "engine": "auto"
            }
            """;

    @Test
    void aValueIsReplacedInPlaceAndNothingElseMoves() {
        String edited = JsonValueEdit.replace(SPEC, "/grid/nz", "150");
        assertEquals(SPEC.replace("\"nz\": 201", "\"nz\": 150"), edited);
        // The same key elsewhere is not touched: /sources/line/dx is 450, /grid/dx stays 10.
        assertEquals(SPEC.replace("\"dx\": 450", "\"dx\": 300"), JsonValueEdit.replace(SPEC, "/sources/line/dx", "300"));
        assertEquals(SPEC.replace("\"freeSurface\": false", "\"freeSurface\": true"),
                JsonValueEdit.replace(SPEC, "/physics/freeSurface", "true"));
        assertEquals(SPEC.replace("\"engine\": \"auto\"", "\"engine\": \"cpu\""),
                JsonValueEdit.replace(SPEC, "/engine", "\"cpu\""));
        assertEquals(SPEC.replace("\"width\": 20", "\"width\": 12"),
                JsonValueEdit.replace(SPEC, "/physics/boundary/width", "12"));
    }

    @Test
    void objectsAndArraysAreFoundWhole() {
        var r = JsonValueEdit.find(SPEC, "/grid");
        assertEquals("{ \"nx\": 401, \"ny\": 1, \"nz\": 201, \"dx\": 10, \"dz\": 10 }", SPEC.substring(r.start(), r.end()));
        String layers = "{ \"velocity\": { \"layers\": [ { \"top\": 0, \"vp\": 1500 }, { \"top\": 800, \"vp\": 2200 } ] } }";
        r = JsonValueEdit.find(layers, "/velocity/layers/1");
        assertEquals("{ \"top\": 800, \"vp\": 2200 }", layers.substring(r.start(), r.end()));
        r = JsonValueEdit.find(layers, "/velocity/layers/1/vp");
        assertEquals("2200", layers.substring(r.start(), r.end()));
        r = JsonValueEdit.find(layers, "/velocity/layers");
        assertEquals('[', layers.charAt(r.start()));
        assertEquals(']', layers.charAt(r.end() - 1));
    }

    /** A missing member is added after the last one, in the object's own layout; objects on the way too. */
    @Test
    void putAddsAMissingMemberInTheObjectsLayout() {
        // One-line object: ", key: value" after its last member.
        assertEquals(SPEC.replace("\"dz\": 10 }", "\"dz\": 10, \"dy\": 12.5 }"),
                JsonValueEdit.put(SPEC, "/grid/dy", "12.5").applyTo(SPEC));
        // Multi-line object: a line of its own, indented like the member before.
        assertEquals(SPEC.replace("\"engine\": \"auto\"\n", "\"engine\": \"auto\",\n  \"data\": \"synthetic\"\n"),
                JsonValueEdit.put(SPEC, "/data", "\"synthetic\"").applyTo(SPEC));
        // A missing object on the way is added with the member in it.
        String withImaging = JsonValueEdit.put(SPEC, "/imaging/aperture", "500").applyTo(SPEC);
        assertEquals(SPEC.replace("\"engine\": \"auto\"\n", "\"engine\": \"auto\",\n  \"imaging\": { \"aperture\": 500 }\n"),
                withImaging);
        // An existing value is replaced, objects and arrays as well as scalars.
        assertEquals(SPEC.replace("{ \"x0\": 200, \"dx\": 450, \"n\": 9, \"y\": 0, \"z\": 20 }", "[ [1, 0, 2] ]"),
                JsonValueEdit.put(SPEC, "/sources/line", "[ [1, 0, 2] ]").applyTo(SPEC));
        assertEquals("{ \"a\": 1 }", JsonValueEdit.put("{}", "/a", "1").applyTo("{}"));
        assertThrows(IllegalArgumentException.class, () -> JsonValueEdit.put(SPEC, "/engine/x", "1"));
        assertThrows(IllegalArgumentException.class, () -> JsonValueEdit.put("{ \"grid\": ", "/grid/nx", "1"));
    }

    /** Removing a member takes one comma with it, whichever its place; the text stays valid JSON. */
    @Test
    void removeTakesTheMemberAndOneComma() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String last = JsonValueEdit.remove(SPEC, "/engine").applyTo(SPEC);
        assertEquals(SPEC.replace(",\n  \"engine\": \"auto\"", ""), last);
        String first = JsonValueEdit.remove(SPEC, "/name").applyTo(SPEC);
        assertEquals(SPEC.replace("\"name\": \"demo\",\n  ", ""), first);
        String middle = JsonValueEdit.remove(SPEC, "/grid/ny").applyTo(SPEC);
        assertEquals(SPEC.replace("\"ny\": 1, ", ""), middle);
        String nested = JsonValueEdit.remove(SPEC, "/physics/boundary").applyTo(SPEC);
        assertEquals(SPEC.replace("\"boundary\": { \"type\": \"cpml\", \"width\": 20 }, ", ""), nested);
        assertEquals("{ \"a\": {} }", JsonValueEdit.remove("{ \"a\": { \"b\": 1 } }", "/a/b").applyTo("{ \"a\": { \"b\": 1 } }"));
        for (String s : new String[] {last, first, middle, nested}) {
            json.readTree(s);  // parses
        }
        assertNull(JsonValueEdit.remove(SPEC, "/grid/dy"));
        assertNull(JsonValueEdit.remove("{\"time\": {\"sampleS\": 0.002, \"x\": }}", "/time/sampleS"),
                "text broken further on in the object: nothing removed");
        assertNull(JsonValueEdit.remove("{ \"a\": [1, 2] }", "/a/0"), "array elements are not members");
    }

    @Test
    void missingValuesAndBrokenTextAreSaidSo() {
        assertNull(JsonValueEdit.find(SPEC, "/grid/dy"));
        assertNull(JsonValueEdit.find("{ \"grid\": ", "/grid/nx"));
        assertThrows(IllegalArgumentException.class, () -> JsonValueEdit.replace(SPEC, "/time/lengthS", "2"));
    }
}
