package io.seiswork.worker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a piece of code writes to {@code System.err}: the worker's log in its tests, since
 * slf4j-simple (the tests' SLF4J provider) writes each line to {@code System.err} as it is then.
 */
final class StandardError {

    /** The code whose writes are read. */
    interface Body {
        void run() throws Exception;
    }

    /** Code that reads, while it runs, what it has written so far (to wait for a line another thread logs). */
    interface Watching {
        void run(java.util.function.Supplier<String> writtenSoFar) throws Exception;
    }

    private StandardError() {
    }

    /** What {@code body} writes to {@code System.err}, which is restored after. */
    static String of(Body body) throws Exception {
        return watching(written -> body.run());
    }

    /** As {@link #of}, {@code body} given what has been written so far. */
    static String watching(Watching body) throws Exception {
        PrintStream was = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run(() -> bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
