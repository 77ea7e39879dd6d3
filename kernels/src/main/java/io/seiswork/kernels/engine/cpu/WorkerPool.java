package io.seiswork.kernels.engine.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of platform threads that run one task together, many thousand times per shot.
 *
 * <p>A time step is one or two short parallel phases; handing them to a general executor would
 * allocate task objects and wake threads through queues each time. Here the caller publishes the
 * task, cut into chunks, and every member (the caller is member 0) first runs the chunks of its
 * own <em>home range</em>, then takes chunks from the others' ranges. Nothing is allocated per
 * phase, and each chunk is run by exactly one member, so results do not depend on who ran what.
 *
 * <p>Home ranges: of {@code n} chunks, member {@code m} owns {@code [m·n/k, (m+1)·n/k)} with
 * {@code k = min(n, size)} (members from {@code k} on own none), and claims them in order from
 * the front. On an idle machine every member thus runs its own run of consecutive chunks, as a
 * fixed partition would: the propagator's chunks are runs of whole x tiles, which a member
 * streams along y (docs/engine.md, "Threads and vectorisation"). A member whose range is used up
 * <em>steals</em> from the others' ranges, one chunk at a time from their back ends (away from
 * where the owner is working), visiting the members after it in turn. When the machine has fewer
 * free cores than the team has threads (other programs running), a member may be off the CPU for
 * a whole scheduler time slice (milliseconds) while a step takes microseconds; with a fixed
 * partition every step then waited for it (two threads on a busy 2-core machine ran 10 × slower
 * than one). Here the members that are running take its chunks: a member descheduled before it
 * claims costs nothing, one descheduled in the middle of a chunk costs that chunk.
 *
 * <p>Exactly once: each range is one {@code long} in an {@link AtomicLongArray} (one slot per
 * member, {@value #STRIDE} longs apart so that two members' counters never share a cache line)
 * holding the phase's generation, the range's next chunk and its end. The owner claims by a
 * compare-and-set that raises {@code next}, a thief by one that lowers {@code end}; both change
 * the same word, so a chunk index is taken by exactly one successful compare-and-set, and a claim
 * whose generation is not the current one (a member late from an earlier phase) fails. Chunk
 * boundaries are the caller's, never the claim order's, so results are deterministic.
 *
 * <p>Visibility: the caller writes the task and the chunk count, then the slots (volatile writes);
 * a member reads the task only after a successful compare-and-set on a slot of that generation, so
 * it sees what the caller wrote before publishing the phase, and the task cannot change meanwhile
 * (the next phase is published only after this chunk is done). After running a chunk the member
 * increments {@code done} (a volatile read-modify-write); the caller returns when it reads the
 * phase's last increment, so every chunk's writes happen-before {@code run} returns, and hence
 * before the next phase is published and any of its chunks runs.
 *
 * <p>Waiting: a member waiting for the next task, or the caller for the last chunks, spins for
 * about {@value #SPIN_NANOS} ns (the next phase usually follows within microseconds), then
 * yields the CPU to any other runnable thread for up to {@value #YIELD_NANOS} ns (on an idle core
 * a yield returns at once; on a shared one it lets the thread being waited for run), then parks,
 * so an idle engine costs no CPU. A phase wakes only the members it has home ranges for
 * ({@code min(chunks, size) − 1}); members still spinning from the last phase join in anyway.
 *
 * <p>Teams of two only: where the caller waited for the other member's chunk in progress (a wait
 * of over {@value #STALL_NANOS} ns and {@value #STALL_RATIO} × its own share: the member lost its
 * core in the middle of a chunk), the caller runs the next {@value #SOLO_NANOS} ns of phases alone
 * before it tries the team again: on a 2-core machine whose cores are taken, each such stall is
 * about a step, and running alone costs at most half the speed. A larger team does not go solo:
 * stealing bounds a stall to one chunk, and running alone would cost far more than that.
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

    /** Longs between two members' slots: 128 bytes, so no two share a cache line (or an adjacent-line prefetch pair). */
    static final int STRIDE = 16;

    /** Most chunks a phase may have: a range's next and end are 16 bits each. */
    public static final int MAX_CHUNKS = 0xFFFF;

    /** System property that sets the least points per chunk for the engine's teams (tests: 1, so small grids still split). */
    public static final String MIN_CHUNK_PROPERTY = "seiswork.cpu.minChunkPoints";

    private final Thread[] threads;
    private final int size;
    private final long minChunkPoints;
    private final long soloNanos;
    /** Per member, at {@code m * STRIDE}: generation (high 32 bits), next chunk (16), end (low 16). */
    private final AtomicLongArray ranges;
    private final AtomicInteger done = new AtomicInteger();
    /** The current phase's generation; members wait for it to change. Only the caller writes it. */
    private volatile long generation;
    private volatile Task task;
    private volatile int chunkCount;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;
    /** Until when (System.nanoTime) the caller runs phases alone, after a stall; only the caller's thread uses it. */
    private long soloUntil = Long.MIN_VALUE;
    private long stalls;

    /**
     * @param size number of threads including the caller, at least 1; phases are cut into chunks of
     *     at least {@link #MIN_CHUNK_POINTS} points, or the {@value #MIN_CHUNK_PROPERTY} system
     *     property's value where it is set
     */
    public WorkerPool(int size) {
        this(size, minChunkPointsProperty());
    }

    /**
     * A team that cuts phases into chunks of at least {@code minChunkPoints} points: tests use 1
     * so that their small grids still run on every thread.
     */
    WorkerPool(int size, long minChunkPoints) {
        this(size, minChunkPoints, SOLO_NANOS);
    }

    /** As {@link #WorkerPool(int, long)}, running alone for {@code soloNanos} after a stall: for tests. */
    WorkerPool(int size, long minChunkPoints, long soloNanos) {
        if (size < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + size);
        }
        if (minChunkPoints < 1) {
            throw new IllegalArgumentException("minChunkPoints must be >= 1, got " + minChunkPoints);
        }
        this.minChunkPoints = minChunkPoints;
        this.soloNanos = soloNanos;
        this.size = size;
        ranges = new AtomicLongArray(size * STRIDE);
        threads = new Thread[size - 1];
        for (int i = 0; i < threads.length; i++) {
            int id = i + 1;
            threads[i] = Thread.ofPlatform().daemon().name("seiswork-cpu-" + id).unstarted(() -> loop(id));
            threads[i].start();
        }
    }

    private static long minChunkPointsProperty() {
        String v = System.getProperty(MIN_CHUNK_PROPERTY);
        if (v == null || v.isBlank()) {
            return MIN_CHUNK_POINTS;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(MIN_CHUNK_PROPERTY + " must be a whole number >= 1, got " + v);
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
        if (chunks < 1 || chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("chunks must be 1 to " + MAX_CHUNKS + ", got " + chunks);
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
        long g = (generation + 1) & 0xFFFF_FFFFL; // 32 bits, as in the slots; wraps after 2^32 phases
        int owners = Math.min(chunks, size);
        for (int m = 0; m < size; m++) {
            long from = m < owners ? (long) m * chunks / owners : 0;
            long to = m < owners ? (long) (m + 1) * chunks / owners : 0;
            ranges.set(m * STRIDE, g << 32 | from << 16 | to);
        }
        generation = g;
        for (int m = 1; m < owners; m++) {
            LockSupport.unpark(threads[m - 1]);
        }
        long began = System.nanoTime();
        claimAndRun(0, g);
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
        if (size == 2 && waited > STALL_NANOS && waited > STALL_RATIO * own) {
            // The other member was off the CPU in the middle of a chunk: the cores are shared with other programs.
            stalls++;
            soloUntil = System.nanoTime() + soloNanos;
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
     * Runs the chunks of generation {@code g} left in member {@code member}'s home range, front
     * first, then steals from the others' ranges, back first, until no range of {@code g} has any.
     */
    private void claimAndRun(int member, long g) {
        int slot = member * STRIDE;
        while (true) {
            long s = ranges.get(slot);
            int next = (int) (s >>> 16) & 0xFFFF;
            if (s >>> 32 != g || next >= (int) (s & 0xFFFF)) {
                break;
            }
            if (ranges.compareAndSet(slot, s, s + (1L << 16))) {
                runChunk(next, member);
            }
        }
        for (int k = 1; k < size; k++) {
            int victim = (member + k) % size * STRIDE;
            while (true) {
                long s = ranges.get(victim);
                int end = (int) (s & 0xFFFF);
                if (s >>> 32 != g || ((int) (s >>> 16) & 0xFFFF) >= end) {
                    break;
                }
                if (ranges.compareAndSet(victim, s, s - 1)) {
                    runChunk(end - 1, member);
                }
            }
        }
    }

    private void runChunk(int chunk, int member) {
        // The claim succeeded on a slot of the current generation, which cannot end before this chunk
        // is done: its task and count are the ones read now (the next are published only after it).
        int n = chunkCount;
        Task t = task;
        try {
            t.run(chunk, n, member);
        } catch (Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (done.incrementAndGet() == n) {
            LockSupport.unpark(caller);
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            long start = 0;
            while (generation == seen && !closed) {
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
            seen = generation;
            claimAndRun(id, seen);
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
