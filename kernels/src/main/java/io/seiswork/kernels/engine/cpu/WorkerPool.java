package io.seiswork.kernels.engine.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of platform threads that run one task together, many thousand times per shot.
 *
 * <p>A time step is one or two short parallel phases; handing them to a general executor would
 * allocate task objects and wake threads through queues each time. Here the caller publishes the
 * task, cut into chunks, and the members <em>claim</em> chunks one at a time from a shared counter
 * until none is left; the caller claims too, and waits only for chunks another member is still
 * running, never for a member that has not started. Nothing is allocated per phase, and each
 * chunk is run by exactly one member, so results do not depend on who ran what.
 *
 * <p>Why claims and not a fixed share per member: when the machine has fewer free cores than the
 * team has threads (other programs running), a member may be off the CPU for a whole scheduler
 * time slice (milliseconds) while a step takes microseconds. With fixed shares every step then
 * waited for it: two threads on a busy 2-core machine ran 10 × slower than one. With claims the
 * members that are running do the work, and a member descheduled while it waits costs nothing.
 *
 * <p>Waiting: a member waiting for the next task, or the caller for the last chunks, spins for
 * about {@value #SPIN_NANOS} ns (the next phase usually follows within microseconds), then
 * yields the CPU to any other runnable thread for up to {@value #YIELD_NANOS} ns (on an idle core
 * a yield returns at once; on a shared one it lets the thread being waited for run), then parks,
 * so an idle engine costs no CPU.
 *
 * <p>Where waiting cannot be avoided, because a member lost its core in the middle of a chunk, the
 * caller notices (a wait of over {@value #STALL_NANOS} ns and {@value #STALL_RATIO} × its own
 * share) and runs the next {@value #SOLO_NANOS} ns of phases alone before it tries the team again:
 * on a machine whose every core is taken, one thread does not wait for another.
 *
 * <p>How many chunks a phase is cut into is the caller's choice; {@link #chunks} gives the rule
 * the engine uses: one chunk (the caller alone, no thread woken) for a phase of fewer than
 * {@value #MIN_CHUNK_POINTS} points per extra thread, else a few per member.
 */
public final class WorkerPool implements AutoCloseable {

    /** One phase's work: chunk {@code chunk} of {@code chunks}, run by team member {@code member}. */
    @FunctionalInterface
    public interface Task {
        /**
         * @param chunk which part, 0 to {@code chunks - 1}
         * @param chunks parts of this phase
         * @param member the running thread's index in the team, 0 (the caller) to
         *     {@link #size()} − 1: for per-thread scratch
         */
        void run(int chunk, int chunks, int member);
    }

    /** Spinning before yielding, nanoseconds. */
    static final long SPIN_NANOS = 5_000;

    /** Yielding before parking (after the spin), nanoseconds. */
    static final long YIELD_NANOS = 100_000;

    /**
     * Least grid points a chunk should update: about 16 µs of stencil work at 2 Gpts/s, ten times
     * what handing a chunk to another thread costs (measured: see docs/benchmarks.md, "Threads on
     * a busy machine").
     */
    public static final long MIN_CHUNK_POINTS = 32_768;

    /**
     * A wait for the others' last chunks longer than this, and {@value #STALL_RATIO} × the caller's
     * own share of the phase, means a member lost its core in the middle of a chunk, nanoseconds.
     */
    static final long STALL_NANOS = 1_000_000;

    /** How many times the caller's own share of a phase a stall must exceed. */
    static final int STALL_RATIO = 4;

    /**
     * After a stall the caller runs the phases alone for this long before it tries the team again,
     * nanoseconds: on a machine whose cores are all taken, every phase shared would risk a stall of
     * a scheduler time slice, about 100 times the phase.
     */
    static final long SOLO_NANOS = 50_000_000;

    /** Chunks per member when the work is large: keeps the members busy if one is held up. */
    static final int CHUNKS_PER_MEMBER = 4;

    private final Thread[] threads;
    private final int size;
    private final long minChunkPoints;
    /** Generation (high 32 bits) and chunks not yet claimed (low 32 bits). */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Task task;
    private volatile int chunkCount;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;
    /** Until when (System.nanoTime) the caller runs phases alone, after a stall; only the caller's thread uses it. */
    private long soloUntil = Long.MIN_VALUE;
    private long stalls;

    /** @param size number of threads including the caller, at least 1 */
    public WorkerPool(int size) {
        this(size, MIN_CHUNK_POINTS);
    }

    /**
     * A team that cuts phases into chunks of at least {@code minChunkPoints} points: tests use 1
     * so that their small grids still run on every thread.
     */
    WorkerPool(int size, long minChunkPoints) {
        this.minChunkPoints = minChunkPoints;
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
     * How many chunks a phase of {@code points} grid-point updates, made of {@code units}
     * indivisible pieces, is cut into on this team: 1 (the caller alone) when the team is one
     * thread or the work is under 2 × {@link #MIN_CHUNK_POINTS}; else as many chunks of at least
     * {@link #MIN_CHUNK_POINTS} as there are, at most {@value #CHUNKS_PER_MEMBER} per member and
     * one per unit, rounded down to a multiple of the team's size when at least one per member
     * (equal chunks then come out even on an idle machine).
     */
    public int chunks(long points, int units) {
        return chunks(points, units, size, minChunkPoints);
    }

    static int chunks(long points, int units, int size, long minChunkPoints) {
        long byWork = points / minChunkPoints;
        if (size == 1 || byWork < 2 || units < 2) {
            return 1;
        }
        int n = (int) Math.min(Math.min(byWork, units), (long) CHUNKS_PER_MEMBER * size);
        return n >= size ? n - n % size : n;
    }

    /**
     * Runs chunks 0 to {@code chunks − 1} of {@code t}, each once, on the team, and returns when
     * all are done. One chunk runs on the calling thread alone.
     *
     * @throws RuntimeException the first failure of any chunk (errors are rethrown as they are)
     */
    public void run(int chunks, Task t) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be >= 1, got " + chunks);
        }
        if (size == 1 || chunks == 1 || System.nanoTime() < soloUntil) {
            for (int c = 0; c < chunks; c++) {
                t.run(c, chunks, 0);
            }
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        task = t;
        chunkCount = chunks;
        done.set(0);
        long generation = (claims.get() >>> 32) + 1;
        claims.set(generation << 32 | chunks);
        for (Thread th : threads) {
            LockSupport.unpark(th);
        }
        long began = System.nanoTime();
        claimAndRun(0);
        long start = System.nanoTime();
        long own = start - began;
        long waited = 0;
        while (done.get() < chunks) {
            waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < SPIN_NANOS + YIELD_NANOS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, 200_000);
            }
        }
        // Every chunk is claimed and done; no member reads task after its last claim. Drop it so the
        // pool does not keep the last task (a propagator and its wavefields) alive after the run.
        task = null;
        if (waited > STALL_NANOS && waited > STALL_RATIO * own) {
            // A member was off the CPU in the middle of a chunk: the cores are shared with other programs.
            stalls++;
            soloUntil = System.nanoTime() + SOLO_NANOS;
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

    /**
     * Phases in which the caller waited for a member that had lost its core (see
     * {@link #STALL_NANOS}); each made the next {@link #SOLO_NANOS} ns run on the caller alone.
     */
    public long stalls() {
        return stalls;
    }

    /** Whether the caller runs phases alone now, after a stall; for tests. */
    boolean solo() {
        return System.nanoTime() < soloUntil;
    }

    /**
     * Claims chunks of the current generation and runs them until none is left.
     *
     * @return the generation whose chunks ran out
     */
    private long claimAndRun(int member) {
        while (true) {
            long s = claims.get();
            int left = (int) s;
            if (left == 0) {
                return s >>> 32;
            }
            if (!claims.compareAndSet(s, s - 1)) {
                continue;
            }
            // The claim succeeded while the generation had chunks left, so it cannot have ended:
            // its task and count are the ones read now (the next are published only after it).
            int n = chunkCount;
            Task t = task;
            try {
                t.run(n - left, n, member);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (done.incrementAndGet() == n) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            long start = 0;
            while ((claims.get() >>> 32) == seen && !closed) {
                long now = System.nanoTime();
                if (start == 0) {
                    start = now;
                }
                long waited = now - start;
                if (waited < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (waited < SPIN_NANOS + YIELD_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = claimAndRun(id);
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
