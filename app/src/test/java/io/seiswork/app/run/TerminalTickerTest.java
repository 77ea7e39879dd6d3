package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Work with no progress of its own is said when it starts and every few seconds, and no more once it ends. */
class TerminalTickerTest {

    private static final Duration TICK = Duration.ofMillis(100);

    /** Text written to it, and the first text written once {@link #closed()} was marked: none for a closed ticker. */
    private static final class Watched extends StringWriter {
        private volatile boolean closed;
        private final AtomicReference<String> late = new AtomicReference<>();

        @Override
        public void write(String s, int off, int len) {
            if (closed) {
                late.compareAndSet(null, s.substring(off, off + len));
            }
            super.write(s, off, len);
        }

        @Override
        public void write(char[] c, int off, int len) {
            if (closed) {
                late.compareAndSet(null, new String(c, off, len));
            }
            super.write(c, off, len);
        }

        @Override
        public void write(int c) {
            if (closed) {
                late.compareAndSet(null, String.valueOf((char) c));
            }
            super.write(c);
        }

        void closed() {
            closed = true;
        }

        long lines() {
            return toString().lines().count();
        }
    }

    @Test
    void aLineAtTheStartThenOneATickAndNoneAfterClose() throws Exception {
        Watched text = new Watched();
        PrintWriter out = new PrintWriter(text);
        try (var ticker = TerminalTicker.start(out, "timing the first shot", TICK)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (text.lines() < 3) {  // the first line and two ticks
                assertTrue(System.nanoTime() < deadline, "two ticks of 100 ms within 10 s: " + text);
                Thread.sleep(10);
            }
        }
        // Marked after close() returned: whatever is written from here on was written after it.
        text.closed();
        List<String> lines = text.toString().lines().toList();
        assertEquals("timing the first shot...", lines.getFirst(), text.toString());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("timing the first shot: \\d+ s so far"), lines.get(i));
        }
        // Three ticks' time: a ticker still running would write within it.
        Thread.sleep(3 * TICK.toMillis());
        assertEquals(null, text.late.get(), "written after close: " + text);
        assertEquals(lines.size(), text.lines(), "no tick after close: " + text);
    }
}
