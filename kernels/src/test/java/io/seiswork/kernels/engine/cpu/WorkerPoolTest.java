package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The team claims chunks ({@link WorkerPool}): each member starts with its home range, each chunk
 * runs once, the caller never waits for a member that is held up before claiming (it steals that
 * member's chunks), and small phases run on the caller alone.
 */
class WorkerPoolTest {

    @Test
    void everyChunkRunsExactlyOnceOverManyPhases() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int phase = 0; phase < 20_000; phase++) {
                int n = 1 + phase % 13;
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                pool.run(n, (chunk, chunks, member) -> {
                    assertEquals(n, chunks);
                    runs.incrementAndGet(chunk);
                });
                for (int c = 0; c < n; c++) {
                    assertEquals(1, runs.get(c), "phase " + phase + ", chunk " + c + " of " + n);
                }
            }
        }
    }

    @Test
    void theCallerTakesTheChunksOfAMemberThatIsHeldUp() throws Exception {
        // Member 1 blocks inside the first chunk it claims (as if descheduled): the caller must run every
        // other chunk itself meanwhile, instead of waiting for member 1's fixed share.
        try (WorkerPool pool = new WorkerPool(2)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger byCaller = new AtomicInteger();
            AtomicInteger total = new AtomicInteger();
            Thread releaser = Thread.ofPlatform().start(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (byCaller.get() < 7 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                release.countDown();
            });
            pool.run(8, (chunk, chunks, member) -> {
                total.incrementAndGet();
                if (member == 0) {
                    byCaller.incrementAndGet();
                } else {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            releaser.join();
            assertEquals(8, total.get());
            assertTrue(byCaller.get() >= 7, "the caller ran " + byCaller + " of 8 chunks while member 1 was held up");
        }
    }

    @Test
    void aMemberThatLosesItsCoreMidChunkSendsTheCallerSolo() throws Exception {
        // Member 1 sleeps in its chunk as a thread descheduled by a busy machine would; the caller's
        // own chunk only waits for member 1 to have started. The caller then runs phases alone. The
        // solo time is an hour, and member 1 sleeps well over 4 x the caller's own chunk however long
        // that took, so no wall-clock race is left on a busy machine.
        try (WorkerPool pool = new WorkerPool(2, WorkerPool.MIN_CHUNK_POINTS, TimeUnit.HOURS.toNanos(1))) {
            assertTrue(stall(pool));
            assertEquals(1, pool.stalls());
            assertTrue(pool.solo(), "runs alone after the stall");
            AtomicInteger byOthers = new AtomicInteger();
            pool.run(8, (chunk, chunks, member) -> {
                if (member != 0) {
                    byOthers.incrementAndGet();
                }
            });
            assertEquals(0, byOthers.get(), "a phase right after the stall runs on the caller alone");
        }
    }

    @Test
    void theCallerTriesTheTeamAgainAfterTheSoloTime() throws Exception {
        try (WorkerPool pool = new WorkerPool(2, WorkerPool.MIN_CHUNK_POINTS, TimeUnit.MILLISECONDS.toNanos(1))) {
            assertTrue(stall(pool));
            assertEquals(1, pool.stalls());
            Thread.sleep(5);
            assertFalse(pool.solo(), "the solo time is over");
        }
    }

    /** One phase of two chunks in which member 1 holds up the caller, as a descheduled thread would. */
    private static boolean stall(WorkerPool pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong ownStart = new AtomicLong();
        AtomicLong ownEnd = new AtomicLong();
        pool.run(2, (chunk, chunks, member) -> {
            try {
                if (member == 0) {
                    ownStart.set(System.nanoTime());
                    started.await(20, TimeUnit.SECONDS);
                    ownEnd.set(System.nanoTime());
                } else {
                    started.countDown();
                    while (ownEnd.get() == 0) {
                        Thread.onSpinWait();
                    }
                    long own = ownEnd.get() - ownStart.get();
                    long until = ownEnd.get() + 5 * own + TimeUnit.MILLISECONDS.toNanos(50);
                    for (long left; (left = until - System.nanoTime()) > 0; ) {
                        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return started.getCount() == 0;
    }

    @Test
    void eachMemberStartsWithItsOwnHomeRange() throws Exception {
        // One chunk per member, each waiting for all members to be inside one: no member can have
        // stolen another's chunk before running its own, so chunk m runs on member m.
        for (int size : new int[] {2, 3, 5}) {
            try (WorkerPool pool = new WorkerPool(size, 1)) {
                CyclicBarrier all = new CyclicBarrier(size);
                AtomicIntegerArray ranBy = new AtomicIntegerArray(size);
                pool.run(size, (chunk, chunks, member) -> {
                    ranBy.set(chunk, member);
                    try {
                        all.await(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                for (int c = 0; c < size; c++) {
                    assertEquals(c, ranBy.get(c), "team of " + size + ", chunk " + c);
                }
            }
        }
    }

    @Test
    void aTeamOfThreeDoesNotGoSoloOnAStall() {
        // Stealing bounds a stall to one chunk; running alone would cost a larger team far more.
        try (WorkerPool pool = new WorkerPool(3, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            pool.run(3, (chunk, chunks, member) -> {
                try {
                    if (chunk == 0) {
                        started.await(20, TimeUnit.SECONDS);
                    } else if (chunk == 1) {
                        started.countDown();
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(0, pool.stalls());
            assertFalse(pool.solo());
        }
    }

    @Test
    void smallPhasesRunOnTheCallerAlone() {
        assertEquals(1, WorkerPool.chunks(2 * WorkerPool.MIN_CHUNK_POINTS - 1, 100, 2, WorkerPool.MIN_CHUNK_POINTS));
        assertEquals(1, WorkerPool.chunks(1L << 30, 100, 1, WorkerPool.MIN_CHUNK_POINTS), "a team of one");
        assertEquals(1, WorkerPool.chunks(1L << 30, 1, 2, WorkerPool.MIN_CHUNK_POINTS), "one indivisible unit");
        assertEquals(2, WorkerPool.chunks(3 * WorkerPool.MIN_CHUNK_POINTS, 100, 2, WorkerPool.MIN_CHUNK_POINTS),
                "rounded to the team's size");
        assertEquals(8, WorkerPool.chunks(1L << 30, 2960, 2, WorkerPool.MIN_CHUNK_POINTS), "at most four per member");
        assertEquals(3, WorkerPool.chunks(1L << 30, 3, 4, WorkerPool.MIN_CHUNK_POINTS), "at most one per unit");
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread me = Thread.currentThread();
            pool.run(1, (chunk, chunks, member) -> assertSame(me, Thread.currentThread()));
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.run(6,
                    (chunk, chunks, member) -> {
                        if (chunk == 5) {
                            throw new IllegalArgumentException("chunk 5");
                        }
                    }));
            assertEquals("chunk 5", e.getMessage());
            AtomicInteger after = new AtomicInteger();
            pool.run(6, (chunk, chunks, member) -> after.incrementAndGet());
            assertEquals(6, after.get(), "the pool goes on after a failure");
        }
    }
}
