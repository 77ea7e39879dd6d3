package io.seiswork.render.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatestOnlyTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<String> applied = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Lets every request's task run to its end (a request runs all its steps and publishes, here
     * on the same thread, within one pool task): what a superseded request would still do has
     * then been done, so "nothing else was applied" is checked after it, not after a sleep.
     */
    private void finishEveryTask() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool's tasks did not end");
    }

    @Test
    void supersededRequestStopsAtItsNextStepAndIsNeverApplied() throws Exception {
        LatestOnly<String> l = new LatestOnly<>(pool, Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        Supplier<String> blocking = () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                ran.add("interrupted");
            }
            ran.add("old coarse");
            return "old coarse";
        };
        Supplier<String> fine = () -> {
            ran.add("old fine");
            return "old fine";
        };
        l.submit(List.of(blocking, fine), applied::add, e -> applied.add("error"));
        assertTrue(started.await(5, TimeUnit.SECONDS));

        l.submit(List.of(() -> "new"), s -> {
            applied.add(s);
            done.countDown();
        }, e -> applied.add("error"));
        release.countDown();

        assertTrue(done.await(5, TimeUnit.SECONDS));
        finishEveryTask();
        assertEquals(List.of("new"), applied, "only the latest request reaches the view");
        assertEquals(List.of("old coarse"), ran, "the old request was not interrupted and ran no further step");
    }

    @Test
    void queuedRequestThatIsSupersededNeverStarts() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            LatestOnly<String> l = new LatestOnly<>(single, Runnable::run);
            CountDownLatch hold = new CountDownLatch(1);
            single.submit(() -> hold.await(10, TimeUnit.SECONDS)); // occupies the only thread
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            l.submit(List.of(() -> {
                ran.add("first");
                return "first";
            }), applied::add, e -> { });
            l.submit(List.of(() -> {
                ran.add("second");
                return "second";
            }), s -> {
                applied.add(s);
                done.countDown();
            }, e -> { });
            hold.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("second"), ran);
            assertEquals(List.of("second"), applied);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void stepsArePublishedCoarseThenFine() throws Exception {
        LatestOnly<String> l = new LatestOnly<>(pool, Runnable::run);
        CountDownLatch done = new CountDownLatch(2);
        l.submit(List.of(() -> "level 2", () -> "level 0"), s -> {
            applied.add(s);
            done.countDown();
        }, e -> applied.add("error"));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("level 2", "level 0"), applied);
    }

    @Test
    void failureIsReportedAndStopsTheSteps() throws Exception {
        LatestOnly<String> l = new LatestOnly<>(pool, Runnable::run);
        CountDownLatch done = new CountDownLatch(1);
        l.submit(List.of(() -> {
            throw new IllegalStateException("disk gone");
        }, () -> "never"), applied::add, e -> {
            applied.add(e.getMessage());
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        finishEveryTask();
        assertEquals(List.of("disk gone"), applied);
    }

    /**
     * A running step given the "superseded?" question stops mid-way once a newer request comes
     * (as a slice read does between bricks), and its giving up is not reported as an error.
     */
    @Test
    void aRunningCancellableStepStopsWhenSupersededAndNoErrorIsReported() throws Exception {
        LatestOnly<String> l = new LatestOnly<>(pool, Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger pieces = new java.util.concurrent.atomic.AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        java.util.function.Function<java.util.function.BooleanSupplier, String> longRead = superseded -> {
            started.countDown();
            for (int brick = 0; brick < 1_000_000; brick++) {
                if (superseded.getAsBoolean()) {
                    ran.add("stopped");
                    throw new java.util.concurrent.CancellationException("superseded");
                }
                pieces.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    ran.add("interrupted");
                    return "interrupted";
                }
            }
            ran.add("finished");
            return "old";
        };
        l.submitCancellable(List.of(longRead, superseded -> "old fine"), applied::add, e -> applied.add("error " + e));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        l.submit(List.of(() -> "new"), s -> {
            applied.add(s);
            done.countDown();
        }, e -> applied.add("error " + e));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        finishEveryTask();
        assertEquals(List.of("stopped"), ran, "the old step stopped mid-way, neither interrupted nor finished");
        assertTrue(pieces.get() < 1_000_000);
        assertEquals(List.of("new"), applied, "no error, nothing from the old request");
    }
}
