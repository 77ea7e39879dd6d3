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
    void missingValuesAndBrokenTextAreSaidSo() {
        assertNull(JsonValueEdit.find(SPEC, "/grid/dy"));
        assertNull(JsonValueEdit.find(SPEC, "/grid"), "an object is not a scalar");
        assertNull(JsonValueEdit.find("{ \"grid\": ", "/grid/nx"));
        assertThrows(IllegalArgumentException.class, () -> JsonValueEdit.replace(SPEC, "/time/lengthS", "2"));
    }
}
