package io.seiswork.render.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small pool every view computes on: two daemon threads (slice reads and colouring are
 * I/O- and memory-bound; more threads would only compete with the cores the user's jobs need).
 */
public final class RenderExecutor {

    private static final int THREADS = 2;
    private static final ExecutorService SHARED = create();

    private RenderExecutor() {
    }

    /** The shared pool. */
    public static ExecutorService shared() {
        return SHARED;
    }

    private static ExecutorService create() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "seiswork-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
