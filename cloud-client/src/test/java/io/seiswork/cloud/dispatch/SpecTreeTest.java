package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The dispatcher's own reading of a spec is as strict as the spec reader's. */
class SpecTreeTest {

    @Test
    void anObjectIsReadAndTextAfterItOrAnythingElseIsRefused() {
        assertEquals("x", SpecTree.parse("{\"name\": \"x\"}\n", "job.json").path("name").asText());
        var trailing = assertThrows(IllegalArgumentException.class,
                () -> SpecTree.parse("{\"name\": \"x\"} garbage", "job.json"));
        assertTrue(trailing.getMessage().startsWith("job.json: not JSON: "), trailing.getMessage());
        var array = assertThrows(IllegalArgumentException.class, () -> SpecTree.parse("[1]", "job.json"));
        assertEquals("job.json: a job spec must be a JSON object", array.getMessage());
    }
}
