package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start folder whose stat hangs (a dead NFS share, played by a stat that waits on a latch)
 * hides none of the folders after it, and dialogs opened on it again and again do not pile up
 * threads: the stat under way is waited on again, and at most {@link QuickFolder#MAX_PENDING}
 * hang at once.
 */
class QuickFolderTest {

    /**
     * The wait here: long enough for a thread to start and stat a folder on a loaded build machine
     * (at a load of 10 on 2 cores that took over 250 ms), the hung stat never answering within it.
     */
    private static final long WAIT = 2000;

    @TempDir
    Path dir;

    /** A stat that hangs for the folders under {@code dead} until {@code release}, and asks the disk for others. */
    private static Predicate<Path> deadShare(Path dead, CountDownLatch release, AtomicInteger asked) {
        return p -> {
            if (p.startsWith(dead)) {
                asked.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;  // it would have said yes, too late
            }
            return Files.isDirectory(p);
        };
    }

    @Test
    void aHungFolderHidesNeitherTheFoldersAfterItNorPilesUpThreads() throws Exception {
        Path dead = Path.of("/nfs-gone-" + System.nanoTime());
        Path spec = dead.resolve("specs");
        Path examples = Files.createDirectories(dir.resolve("examples"));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Predicate<Path> stat = deadShare(dead, release, asked);
        // Another test's stats still under way (nearest() waits only 250 ms) end on their own: wait
        // for them, so that this test counts its own.
        for (int i = 0; i < 500 && QuickFolder.pending() > 0; i++) {
            Thread.sleep(10);
        }
        int before = QuickFolder.pending();
        try {
            assertEquals(examples, QuickFolder.first(List.of(spec, dir.resolve("missing"), examples), stat, WAIT),
                    "the first that answered yes in time, in the list's order");
            // Three more dialogs on the same dead folder wait on its one stat.
            for (int i = 0; i < 3; i++) {
                assertEquals(examples, QuickFolder.first(List.of(spec, examples), stat, WAIT));
            }
            assertEquals(1, asked.get(), "one stat of the dead folder, not one per dialog");
            assertEquals(before + 1, QuickFolder.pending());
            // Many folders of the dead share: no more than MAX_PENDING stats hang. Dead ones only, so
            // that the count is the cap's (a live folder's stat, answered, leaves at a time of its own).
            List<Path> many = new ArrayList<>();
            for (int i = 0; i < QuickFolder.MAX_PENDING + 5; i++) {
                many.add(dead.resolve("d" + i));
            }
            assertNull(QuickFolder.first(many, stat, WAIT), "none of the dead share answers");
            assertEquals(QuickFolder.MAX_PENDING, QuickFolder.pending());
            assertTrue(asked.get() <= QuickFolder.MAX_PENDING, "stats started: " + asked.get());
            // At the cap nothing new is asked: a folder that exists is not found until the share lets go.
            assertNull(QuickFolder.first(List.of(dir.resolve("examples").resolve("..").normalize()), stat, WAIT));
        } finally {
            release.countDown();
        }
        for (int i = 0; i < 200 && QuickFolder.pending() > before; i++) {
            Thread.sleep(10);
        }
        assertEquals(before, QuickFolder.pending(), "answered stats let go of their threads");
        // The share back: its folder answers yes, first in the list again.
        assertEquals(spec, QuickFolder.first(List.of(spec, examples), stat, WAIT));
    }

    @Test
    void theFirstFolderInTheListsOrderIsTakenNotTheFirstToAnswer() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        // a answers after b (but within the wait): still a.
        Predicate<Path> slowA = p -> {
            if (p.equals(a)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Files.isDirectory(p);
        };
        assertEquals(a, QuickFolder.first(List.of(a, b), slowA, WAIT));
        assertEquals(b, QuickFolder.first(List.of(dir.resolve("none"), b), java.nio.file.Files::isDirectory, WAIT));
        assertNull(QuickFolder.first(List.of(dir.resolve("none")), java.nio.file.Files::isDirectory, WAIT));
        // nearest() at the window's 250 ms: asked on a loaded machine it may say null, never another folder.
        Path near = QuickFolder.nearest(dir.resolve("x/y/z"));
        assertTrue(near == null || near.equals(dir), "nearest: " + near);
    }
}
