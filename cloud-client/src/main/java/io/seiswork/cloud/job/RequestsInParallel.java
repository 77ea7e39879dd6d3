package io.seiswork.cloud.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Batched requests of one large write sent {@value #AT_ONCE} at a time: a 20 000-shot job is 800
 * job-table batches of 25 items and 2 000 queue batches of 10 messages, and one after the other,
 * each a round trip of tens of milliseconds from a workstation to AWS, they made its submit (and
 * its delete) take minutes. Eight at once stays far below the SDK clients' 50 connections and the
 * services' per-partition and per-queue limits.
 *
 * <p>The first failure, whichever batch meets it, stops the write: every batch not started by
 * then is skipped (a shared flag each looks at before it starts), so an outage costs the batches
 * in flight, not the thousands queued behind them, and the caller hears of it once they end.
 */
public final class RequestsInParallel {

    /** Requests in flight at once. */
    public static final int AT_ONCE = 8;

    private RequestsInParallel() {
    }

    /**
     * Sends every batch, {@value #AT_ONCE} at once, and returns once all are sent.
     *
     * @param what what the batches write, for the message of an interrupted wait ("the shot items of job X")
     * @throws RuntimeException the first failure in time, once no batch is in flight any more; no
     *     batch is started after it
     */
    public static <T> void send(List<T> batches, Consumer<T> sendOne, String what) {
        if (batches.size() <= 1) {
            batches.forEach(sendOne);
            return;
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(AT_ONCE, batches.size()), r -> {
            Thread t = new Thread(r, "seiswork-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (T batch : batches) {
                sent.add(pool.submit(() -> {
                    if (failed.get() != null) {
                        return;
                    }
                    try {
                        sendOne.accept(batch);
                    } catch (RuntimeException | Error e) {
                        failed.compareAndSet(null, e);
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            failed.compareAndSet(null, e.getCause());  // not reached: each task keeps its failure
        } catch (InterruptedException e) {
            failed.compareAndSet(null, e);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + what, e);
        } finally {
            pool.shutdownNow();
        }
        Throwable first = failed.get();
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw first instanceof RuntimeException r ? r : new IllegalStateException(first);
        }
    }

    /** {@code items} cut into lists of at most {@code size}, in order. */
    public static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
