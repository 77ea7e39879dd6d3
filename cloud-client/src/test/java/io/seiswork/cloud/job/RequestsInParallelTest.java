package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches sent eight at once, and stopped by the first failure whichever batch meets it. */
class RequestsInParallelTest {

    /**
     * Batch 2 of 200 fails at once while batch 1 is slow: the batches not started by then are
     * skipped (old behaviour: every batch was queued up front and the failure seen only when
     * the wait, in list order, reached it, so the pool went on to start all 200).
     */
    @Test
    void noBatchStartsAfterAFailureThoughAnEarlierBatchIsStillInFlight() {
        AtomicInteger started = new AtomicInteger();
        List<Integer> batches = IntStream.rangeClosed(1, 200).boxed().toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RequestsInParallel.send(batches, b -> {
            started.incrementAndGet();
            if (b == 2) {
                throw new IllegalStateException("batch 2 refused");
            }
            sleep(b == 1 ? 1000 : 10);
        }, "test batches"));
        assertEquals("batch 2 refused", e.getMessage());
        // Batch 2's failure is at once; the seven others in flight then, and what they took up
        // before it, are the most that can have started.
        assertTrue(started.get() <= 2 * RequestsInParallel.AT_ONCE, started.get() + " batches started of 200");
    }

    @Test
    void everyBatchIsSentWhenNoneFails() {
        AtomicInteger sent = new AtomicInteger();
        RequestsInParallel.send(IntStream.range(0, 100).boxed().toList(), b -> sent.incrementAndGet(), "test batches");
        assertEquals(100, sent.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
