package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void newIdsSayWhatAndWhenAndDifferWithinASecond() {
        Instant t = Instant.parse("2026-11-28T23:05:01Z");
        Random r = new Random(1);
        JobId a = JobId.newFor("Layered 2D demo!", t, r);
        JobId b = JobId.newFor("Layered 2D demo!", t, r);
        assertTrue(a.value().startsWith("layered-2d-demo-20261128-230501-"), a.value());
        assertNotEquals(a, b);
        assertEquals("job-20261128-230501-", JobId.newFor("¿?", t, r).value().substring(0, 20));
        assertTrue(JobId.newFor("x".repeat(200), t, r).value().length() <= 63);
    }

    @Test
    void idsThatCouldEscapeAKeyAreRefused() {
        for (String bad : new String[] {"../other", "a/b", "UPPER", "ab", "-leading", "x".repeat(64), "a b c", "job\nid"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new JobId(bad), bad);
            assertTrue(e.getMessage().startsWith("job id must be 3-63"), e.getMessage());
        }
        assertEquals("jobs/abc-1/shots/7.bin", ObjectKeys.shotResult(new JobId("abc-1"), 7));
    }
}
