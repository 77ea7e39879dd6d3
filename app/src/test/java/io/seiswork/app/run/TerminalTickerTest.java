package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Work with no progress of its own is said when it starts and every few seconds, and no more once it ends. */
class TerminalTickerTest {

    @Test
    void aLineAtTheStartThenOneATickAndNoneAfterClose() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        try (var ticker = TerminalTicker.start(out, "timing the first shot", 1)) {
            Thread.sleep(2_600);
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals("timing the first shot...", lines.getFirst(), text.toString());
        assertTrue(lines.size() >= 2, "at least one tick in 2.6 s of 1 s ticks: " + lines);
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("timing the first shot: \\d+ s so far"), lines.get(i));
        }
        int atClose = lines.size();
        Thread.sleep(1_500);
        assertEquals(atClose, text.toString().lines().count(), "no tick after close: " + text);
    }
}
