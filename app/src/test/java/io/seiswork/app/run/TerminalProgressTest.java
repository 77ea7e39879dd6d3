package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The progress line names a shot in one form, "shot N (k/M)": its number (FFID), then its place
 * among the shots the run computes. It used to be "shot 1/1" for {@code --shots 1} but
 * "shot 4 (2/4)" for {@code --shots 1,4-6}, the count read as the shot's number in the first.
 */
class TerminalProgressTest {

    /** The "done" lines of a run of {@code shots} (numbers), after {@code kept} shots a resume kept. */
    private static List<String> doneLines(int kept, int... shots) {
        StringWriter text = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(text), false);
        if (kept > 0) {
            p.runResumed(kept, kept + shots.length);
        }
        p.runStarted(shots.length, "cpu");
        for (int shot : shots) {
            p.shotStarted(shot);
            p.shotFinished(shot, 1e9);
        }
        return text.toString().lines().filter(l -> l.contains("done in")).map(l -> l.substring(0, l.indexOf("  done"))).toList();
    }

    @Test
    void everyRunNamesItsShotsInOneForm() {
        assertEquals(List.of("shot 1 (1/3)", "shot 2 (2/3)", "shot 3 (3/3)"), doneLines(0, 1, 2, 3), "every shot");
        assertEquals(List.of("shot 1 (1/1)"), doneLines(0, 1), "--shots 1");
        assertEquals(List.of("shot 1 (1/4)", "shot 4 (2/4)", "shot 5 (3/4)", "shot 6 (4/4)"), doneLines(0, 1, 4, 5, 6),
                "--shots 1,4-6");
        assertEquals(List.of("shot 6 (6/8)", "shot 7 (7/8)", "shot 8 (8/8)"), doneLines(5, 6, 7, 8),
                "a resume counts the kept shots");
        for (String line : doneLines(0, 1001, 1002)) {
            assertTrue(line.matches("shot 100[12] \\([12]/2\\)"), "a data file's own numbers: " + line);
        }
    }
}
