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

    /**
     * Every job name a spec may have (1 to 100 of letters, digits, '.', '_', '-', starting with a
     * letter or digit: core's JobName) gives a valid id that starts with the name, lower-cased and
     * with '.' and '_' made '-'.
     */
    @Test
    void everyValidJobNameGivesAnIdThatStartsWithIt() {
        Instant t = Instant.parse("2026-11-28T23:05:01Z");
        Random r = new Random(2);
        assertTrue(JobId.newFor("Layered_2d.v1-final", t, r).value().startsWith("layered-2d-v1-final-20261128-230501-"));
        assertTrue(JobId.newFor("9", t, r).value().startsWith("9-20261128-"));
        assertTrue(JobId.newFor("a-" + "_".repeat(98), t, r).value().startsWith("a-20261128-"));
        assertTrue(JobId.newFor("z".repeat(100), t, r).value().startsWith("z".repeat(32) + "-20261128-"));
    }
}
