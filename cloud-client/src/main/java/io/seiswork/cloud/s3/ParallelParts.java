package io.seiswork.cloud.s3;

import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the parts of a transfer some at a time on a pool of threads, and stops them together: the
 * first part that fails, or the transfer's cancel, stops those in flight at their next block of
 * bytes ({@link PartStop}) and those queued before they begin, and the caller hears of it only
 * once every part begun has ended. So what S3 holds of a stopped upload, or a download has on
 * disk, is what the caller is told, and no part of it still runs when the next attempt begins.
 *
 * <p>The parts are stopped by the flag, not by interrupting their threads: a socket read or write
 * does not hear an interrupt on a platform thread, and a file channel closes on one, for every
 * part writing through it.
 */
final class ParallelParts {

    /** How long a stopped transfer waits for its parts in flight: each stops within a block, but a request may hang. */
    private static final long WAIT_MINUTES = 1;

    /** One part's work, by index from 0. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws IOException;
    }

    private ParallelParts() {
    }

    /** Threads for {@code threads} parts at a time (daemons: a transfer never holds the JVM up). */
    static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "seiswork-s3-part");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code count} part tasks, {@code slots} at a time, on threads of their own, shut down
     * when they end; the first failure, or {@code stop}'s cancel, stops the others and is thrown
     * ({@link #run}). Nothing runs when {@code count} is 0.
     */
    static void runOnOwnPool(int count, int slots, Task task, PartStop stop) throws IOException {
        if (count == 0) {
            return;
        }
        ExecutorService pool = pool(Math.min(slots, count));
        try {
            run(pool, count, task, stop);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Runs {@code count} tasks on {@code pool} and waits for them all. The first to fail sets
     * {@code stop}, the others end at their next look at it, and its failure is thrown; when the
     * stop's cancel was set, a {@link CancelledException} is thrown whatever the parts threw as
     * they stopped (the SDK's wrapping of the part's stop, say).
     *
     * @throws IllegalStateException when the calling thread is interrupted while it waits: the
     *     parts are stopped and waited for, and the thread's interrupt is kept
     */
    static void run(ExecutorService pool, int count, Task task, PartStop stop) throws IOException {
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Future<?>> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            parts.add(pool.submit(() -> {
                try {
                    stop.throwIfStopped("before part " + (index + 1) + " of " + count);
                    task.run(index);
                } catch (IOException | RuntimeException | Error e) {
                    first.compareAndSet(null, e);  // before the stop: what stopped the others is the first
                    stop.fail();
                    throw e;
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : parts) {
                f.get();
            }
            return;
        } catch (ExecutionException e) {
            halt(pool, parts);
        } catch (InterruptedException e) {
            // Waited for as a failure is: the caller's interrupt is kept for after the wait.
            Thread.interrupted();
            stop.fail();
            halt(pool, parts);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a transfer", e);
        }
        Throwable failure = first.get();
        if (stop.cancelled() && !(failure instanceof CancelledException)) {
            throw new CancelledException("cancelled: " + failure);
        }
        switch (failure) {
            case IOException io -> throw io;
            case RuntimeException re -> throw re;
            case Error err -> throw err;
            default -> throw new IllegalStateException(failure);
        }
    }

    /**
     * Drops the parts still queued and waits for those running (at most {@link #WAIT_MINUTES}),
     * which end at their next look at the stop. A part that outlives the wait (a request that
     * hangs) is why a failed copy also gives up its buffers ({@link GetBuffers}). An interrupt
     * during the wait ends it, and is kept.
     */
    private static void halt(ExecutorService pool, List<Future<?>> parts) {
        for (Future<?> f : parts) {
            f.cancel(false);
        }
        pool.shutdown();
        try {
            pool.awaitTermination(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
