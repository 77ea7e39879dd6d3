package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final String HASH = "0123456789abcdef".repeat(4);
    private final JobId job = new JobId("demo-20261128-230501-4f2a");

    @Test
    void theLayoutOfTheArchitecture() {
        assertEquals("inputs/sha256/" + HASH, ObjectKeys.input(HASH));
        assertEquals("jobs/demo-20261128-230501-4f2a/spec.json", ObjectKeys.spec(job));
        assertEquals("jobs/demo-20261128-230501-4f2a/shots/12.bin", ObjectKeys.shotResult(job, 12));
        assertEquals("jobs/demo-20261128-230501-4f2a/image/image.swv", ObjectKeys.output(job, "image.swv"));
    }

    @Test
    void onlyKeysTheLayoutBuildsAreInputs() {
        assertTrue(ObjectKeys.isInput("inputs/sha256/" + HASH));
        assertFalse(ObjectKeys.isInput("inputs/sha256/" + HASH.toUpperCase()));
        assertFalse(ObjectKeys.isInput("inputs/sha256/../../etc/passwd"));
        assertFalse(ObjectKeys.isInput("/etc/passwd"));
        assertFalse(ObjectKeys.isInput("vp.sgy"));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.output(job, "../spec.json"));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.shotResult(job, 0));
    }
}
