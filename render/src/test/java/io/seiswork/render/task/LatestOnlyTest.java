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

    @Test
    void supersededRequestIsInterruptedAndNeverApplied() throws Exception {
        LatestOnly<String> l = new LatestOnly<>(pool, Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Supplier<String> slow = () -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "old";
        };
        l.submit(List.of(slow), applied::add, e -> applied.add("error"));
        assertTrue(started.await(5, TimeUnit.SECONDS));

        l.submit(List.of(() -> "new"), s -> {
            applied.add(s);
            done.countDown();
        }, e -> applied.add("error"));

        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the old request's thread is interrupted");
        assertTrue(done.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertEquals(List.of("new"), applied);
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
        Thread.sleep(50);
        assertEquals(List.of("disk gone"), applied);
    }
}
