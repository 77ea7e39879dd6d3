package io.seiswork.app.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While open, says on the terminal that work with no progress of its own goes on: a line when it
 * starts, then one every few seconds with the time so far ("timing the first shot: 10 s so far"),
 * so that a command is never silent for long (an estimate times the engine for 5 to 35 s). Whole
 * lines, never redrawn in place: the work may print lines of its own between them, and the
 * output may be a file or a pipe.
 */
public final class TerminalTicker implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private TerminalTicker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Prints {@code what + "..."} now and {@code what + ": N s so far"} (N in whole seconds) every
     * {@code every} until closed.
     *
     * @param every time between two ticks, at least a millisecond (the CLI's is seconds; tests tick faster)
     */
    public static TerminalTicker start(PrintWriter out, String what, Duration every) {
        Objects.requireNonNull(every, "every");
        long everyMs = every.toMillis();
        if (everyMs < 1) {
            throw new IllegalArgumentException("ticker interval must be at least 1 ms, got " + every);
        }
        out.println(what + "...");
        out.flush();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "terminal-ticker");
            t.setDaemon(true);  // never keeps the JVM alive
            return t;
        });
        long startNs = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            out.printf(Locale.ROOT, "%s: %d s so far%n", what, Math.round((System.nanoTime() - startNs) / 1e9));
            out.flush();
        }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        return new TerminalTicker(timer);
    }

    /** Stops the ticks; none is printed after this returns. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
