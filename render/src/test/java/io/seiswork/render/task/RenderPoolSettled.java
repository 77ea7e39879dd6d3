package io.seiswork.render.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits, in order rather than for a time, until what the JavaFX thread has handed to
 * {@link RenderExecutor#shared()} so far has run and published: the JavaFX queue is drained,
 * then one marker task per pool thread is queued behind whatever is there and all of them must
 * hold their threads at once (the queue is first in, first out, so every task queued before has
 * then ended), then the JavaFX queue is drained again for what those tasks published with
 * {@code Platform.runLater}. Twice over, for a task that queues another. A test asserting that
 * nothing was read or shown checks after this, where a sleep would let a late read pass.
 */
public final class RenderPoolSettled {

    private RenderPoolSettled() {
    }

    /** Drains the JavaFX queue and the render pool, twice. */
    public static void await() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            WaitForAsyncUtils.waitForFxEvents();
            drainPool(RenderExecutor.shared());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void drainPool(ExecutorService pool) throws InterruptedException {
        int threads = ((ThreadPoolExecutor) pool).getMaximumPoolSize();
        CyclicBarrier together = new CyclicBarrier(threads);
        CountDownLatch ended = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    together.await(30, TimeUnit.SECONDS);
                    ended.countDown();
                } catch (Exception e) {
                    together.reset();
                }
            });
        }
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the render pool's earlier tasks did not end");
    }
}
