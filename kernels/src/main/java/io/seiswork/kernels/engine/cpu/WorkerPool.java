package io.seiswork.kernels.engine.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of platform threads that run one task together, many thousand times per shot.
 *
 * <p>A time step is two short parallel phases; handing them to a general executor would allocate
 * task objects and wake threads through queues each time. Here the caller publishes the task in
 * a field, bumps a generation counter and runs its own share; workers spin briefly (the next
 * phase usually follows within microseconds) and park otherwise, so an idle engine costs no CPU.
 * Nothing is allocated per phase.
 */
public final class WorkerPool implements AutoCloseable {

    /** Work split among the team: member {@code worker} of {@code workers} does its share. */
    @FunctionalInterface
    public interface Task {
        void run(int worker, int workers);
    }

    private static final int SPINS = 20_000;

    private final Thread[] threads;
    private final int size;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** @param size number of threads including the caller, at least 1 */
    public WorkerPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + size);
        }
        this.size = size;
        threads = new Thread[size - 1];
        for (int i = 0; i < threads.length; i++) {
            int id = i + 1;
            threads[i] = Thread.ofPlatform().daemon().name("seiswork-cpu-" + id).unstarted(() -> loop(id));
            threads[i].start();
        }
    }

    /** Team size, the caller included. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code t} on every member and returns when all are done.
     *
     * @throws RuntimeException the first failure of any member (errors are rethrown as they are)
     */
    public void run(Task t) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (size == 1) {
            t.run(0, 1);
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        task = t;
        pending.set(size - 1);
        generation++;
        for (Thread th : threads) {
            LockSupport.unpark(th);
        }
        try {
            t.run(0, size);
        } finally {
            int spins = 0;
            while (pending.get() != 0) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
        }
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("worker failed", f);
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(id, size);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread th : threads) {
            LockSupport.unpark(th);
        }
    }
}
