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
     * Every job name a spec may have (core's JobName: anything but blank, '/', '\\', control
     * characters, "." and "..", up to 100 characters) gives a valid id that starts with the name
     * lower-cased, accents taken off, every run of other characters made '-'; a name with no ASCII
     * letter or digit left gives "job".
     */
    @Test
    void everyValidJobNameGivesAValidIdThatStartsWithIt() {
        Instant t = Instant.parse("2026-11-28T23:05:01Z");
        Random r = new Random(2);
        assertTrue(JobId.newFor("Layered_2d.v1-final", t, r).value().startsWith("layered-2d-v1-final-20261128-230501-"));
        assertTrue(JobId.newFor("9", t, r).value().startsWith("9-20261128-"));
        assertTrue(JobId.newFor("a-" + "_".repeat(98), t, r).value().startsWith("a-20261128-"));
        assertTrue(JobId.newFor("z".repeat(100), t, r).value().startsWith("z".repeat(32) + "-20261128-"));
        // Names that were refused for a while and are valid again.
        assertTrue(JobId.newFor("Line 12 (reproc)", t, r).value().startsWith("line-12-reproc-20261128-230501-"));
        assertTrue(JobId.newFor("Profil-Übersicht", t, r).value().startsWith("profil-ubersicht-20261128-230501-"));
        assertTrue(JobId.newFor("_scratch", t, r).value().startsWith("scratch-20261128-230501-"));
        assertTrue(JobId.newFor(".hidden", t, r).value().startsWith("hidden-20261128-"));
        assertTrue(JobId.newFor("İstanbul ß", t, r).value().startsWith("istanbul-20261128-"));
        // Nothing left of the name: all punctuation, another script, spaces around nothing.
        for (String none : new String[] {"(((", "Сейсмика", "地震", " - ", "...", "~", "ß"}) {
            assertEquals("job-20261128-230501-", JobId.newFor(none, t, r).value().substring(0, 20), none);
        }
        // Every kind of valid name, and random ones: the id's own check passes (it throws otherwise).
        Random chars = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + chars.nextInt(100);
            while (b.codePointCount(0, b.length()) < n) {
                int c = chars.nextInt(4) == 0 ? 0x20 + chars.nextInt(0x60) : chars.nextInt(0x3000);
                if (Character.isDefined(c) && !Character.isISOControl(c) && !Character.isSurrogate((char) c) && c != '/'
                        && c != '\\') {
                    b.appendCodePoint(c);
                }
            }
            String name = b.toString();
            JobId id = JobId.newFor(name, t, r);
            assertTrue(id.value().length() <= 63 && id.value().matches("[a-z0-9][a-z0-9-]{2,62}"), name + " -> " + id);
        }
    }
}
