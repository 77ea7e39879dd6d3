package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.spec.MemoryEstimate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScratchSpace} on an injected free space: a reservation that does not fit is refused with
 * the figures, two shots running at once do not both count on the same free bytes, and what a
 * shot's spill has already written is not counted twice (once gone from the free space, once
 * in its reservation).
 */
class ScratchSpaceTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void aSpillOverTheFreeSpaceLessTheMarginIsRefusedNamingTheFigures() {
        ScratchSpace disk = new ScratchSpace(d -> 10 * GIB);
        Path scratch = dir.resolve("not-yet/made");  // its free space is its nearest existing parent's
        ScratchSpaceException e = assertThrows(ScratchSpaceException.class,
                () -> disk.reserve(scratch, 9 * GIB + 1, "the snapshots", "more heap"));
        assertEquals("the snapshots needs " + MemoryEstimate.human(9 * GIB + 1) + " of scratch in " + scratch
                + ", whose file system has " + MemoryEstimate.human(10 * GIB) + " free now, and "
                + MemoryEstimate.human(GIB) + " is kept free beside it: the shot is refused before it starts, and may fit"
                + " once other files on the disk are gone (a cloud worker tries it again); or give it a bigger scratch"
                + " disk (a cloud worker: scratchDiskGiB) or scratch on another file system, or more heap",
                e.getMessage());
        assertTrue(e.fitsTheDisk(), "the disk's size unknown: it may fit later");
        assertEquals(0, disk.reservedBytes(), "nothing held for a refused shot");
        try (ScratchSpace.Reservation r = disk.reserve(scratch, 9 * GIB, "the snapshots", "more heap")) {
            assertTrue(r.checked());
            assertEquals(9 * GIB, disk.reservedBytes(), "9 GiB + the 1 GiB margin: just fits");
        }
        assertEquals(0, disk.reservedBytes());
        assertEquals(21_990_232_556L, ScratchSpace.marginBytes(1L << 40), "2 % of a TiB, more than 1 GiB");
        assertEquals(GIB, ScratchSpace.marginBytes(GIB), "the spill itself up to 1 GiB");
        assertEquals(GIB, ScratchSpace.marginBytes(10 * GIB), "1 GiB over 2 % of 10 GiB");
        assertEquals(10L << 20, ScratchSpace.marginBytes(10L << 20), "a 10 MiB desktop spill keeps 10 MiB, not 1 GiB");
        assertEquals(1, ScratchSpace.marginBytes(1));
    }

    /**
     * A spill that with its margin exceeds the disk's whole size never fits it, and says so; one
     * within the disk's size refused for its free space now may fit later, and says that.
     */
    @Test
    void aSpillOverTheWholeDiskIsToldApartFromOneOverItsFreeSpaceNow() {
        ScratchSpace disk = new ScratchSpace(d -> 2 * GIB, d -> 20 * GIB);
        ScratchSpaceException never = assertThrows(ScratchSpaceException.class,
                () -> disk.reserve(dir, 19 * GIB + 1, "the snapshots", "more heap"));
        assertFalse(never.fitsTheDisk());
        assertTrue(never.getMessage().contains("more than its file system's whole " + MemoryEstimate.human(20 * GIB)
                + ", so the shot never fits there"), never.getMessage());
        ScratchSpaceException now = assertThrows(ScratchSpaceException.class,
                () -> disk.reserve(dir, 19 * GIB, "the snapshots", "more heap"), "19 + 1 GiB: the whole disk, not its free space");
        assertTrue(now.fitsTheDisk());
        assertTrue(now.getMessage().contains("has " + MemoryEstimate.human(2 * GIB) + " free now of "
                + MemoryEstimate.human(20 * GIB)) && now.getMessage().contains("may fit once other files on the disk"
                + " are gone"), now.getMessage());
    }

    /**
     * A space making room asks for the bytes it is short before refusing: a cache that frees them
     * lets the shot fit; one that cannot still sees the shot refused, as one that may fit later.
     */
    @Test
    void aSpaceMakingRoomAsksForTheBytesShortBeforeRefusing() {
        long[] free = {2 * GIB};
        java.util.List<Long> asked = new java.util.ArrayList<>();
        java.util.Deque<Long> cached = new java.util.ArrayDeque<>(java.util.List.of(2 * GIB, 2 * GIB));
        ScratchSpace disk = new ScratchSpace(d -> free[0], d -> 100 * GIB).makingRoomWith(bytes -> {
            asked.add(bytes);
            long freed = 0;
            while (freed < bytes && !cached.isEmpty()) {  // two cached inputs of 2 GiB, evicted whole
                freed += cached.pop();
            }
            free[0] += freed;
            return freed;
        });
        try (ScratchSpace.Reservation r = disk.reserve(dir, 2 * GIB, "shot 1", "-")) {
            assertEquals(2 * GIB, r.bytes(), "fits once 1 GiB is freed");
            assertEquals(java.util.List.of(GIB), asked, "2 GiB + 1 GiB margin, 2 GiB free: 1 GiB short");
            assertEquals(2 * GIB, disk.reservedBytes());
            ScratchSpaceException e = assertThrows(ScratchSpaceException.class,
                    () -> disk.reserve(dir.resolve("b"), 10 * GIB, "shot 2", "-"));
            assertEquals(java.util.List.of(GIB, 9 * GIB, 7 * GIB), asked,
                    "10 GiB + 1 GiB margin, 4 GiB free less shot 1's 2 GiB still to write: 9 GiB short; the"
                    + " cache's last 2 GiB freed, 7 GiB short; asked again, nothing freed");
            assertEquals(6 * GIB, free[0], "all the cache held freed, then refused");
            assertTrue(e.fitsTheDisk());
        }
        asked.clear();
        try (ScratchSpace.Reservation r = disk.reserve(dir, GIB, "shot 3", "-")) {
            assertEquals(java.util.List.of(), asked, "fits as it is: nothing freed");
        }
    }

    /**
     * Making room (a cache deleting gigabytes of files) happens outside the space's lock: another
     * shot of the process reserves meanwhile, and the waiting shot then counts what the other one
     * holds, asking again for what that leaves it short.
     */
    @Test
    void otherShotsReserveWhileRoomIsBeingMade() throws Exception {
        long[] free = {2 * GIB};
        java.util.List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Object> other = new java.util.concurrent.atomic.AtomicReference<>();
        ScratchSpace[] space = new ScratchSpace[1];
        space[0] = new ScratchSpace(d -> free[0], d -> 100 * GIB).makingRoomWith(bytes -> {
            asked.add(bytes);
            if (asked.size() == 1) {
                Thread t = Thread.ofPlatform().start(
                        () -> other.compareAndSet(null, space[0].reserve(dir.resolve("other"), GIB / 2, "other", "-")));
                join(t);
                other.compareAndSet(null, t.isAlive() ? "blocked while room was being made" : "refused");
            }
            free[0] += GIB + GIB / 5;
            return GIB + GIB / 5;
        });
        try (ScratchSpace.Reservation r = space[0].reserve(dir, 2 * GIB, "shot 1", "-")) {
            assertTrue(other.get() instanceof ScratchSpace.Reservation, "the other shot: " + other.get());
            assertEquals(2 * GIB, r.bytes());
            assertEquals(java.util.List.of(GIB, GIB / 2 - GIB / 5), asked,
                    "2 + 1 GiB needed, 2 GiB free: 1 GiB short; then 3.2 GiB free less the other's 0.5 GiB: 0.3 GiB");
        } finally {
            ((ScratchSpace.Reservation) other.get()).close();
        }
    }

    /**
     * Two shots short of room at the same moment both ask the cache; the one that then finds the
     * other's reservation taking part of what was freed asks again instead of being refused.
     */
    @Test
    void twoShotsAskingForRoomAtOnceBothFitWhenTheCacheCanFreeEnough() throws Exception {
        java.util.concurrent.atomic.AtomicLong free = new java.util.concurrent.atomic.AtomicLong(2 * GIB);
        java.util.concurrent.CyclicBarrier bothAsking = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger asks = new java.util.concurrent.atomic.AtomicInteger();
        ScratchSpace disk = new ScratchSpace(d -> free.get(), d -> 100 * GIB).makingRoomWith(bytes -> {
            if (asks.incrementAndGet() <= 2) {
                try {
                    bothAsking.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other shot never asked", e);
                }
            }
            free.addAndGet(bytes);  // the cache frees exactly what it is asked for
            return bytes;
        });
        java.util.concurrent.ConcurrentLinkedQueue<Object> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Thread[] shots = new Thread[2];
        for (int i = 0; i < 2; i++) {
            Path folder = dir.resolve("shot" + i);
            shots[i] = Thread.ofPlatform().start(() -> {
                try {
                    outcomes.add(disk.reserve(folder, 2 * GIB, "a shot", "-"));
                } catch (ScratchSpaceException e) {
                    outcomes.add(e.getMessage());
                }
            });
        }
        for (Thread t : shots) {
            join(t);
        }
        assertEquals(2, outcomes.size());
        for (Object o : outcomes) {
            assertTrue(o instanceof ScratchSpace.Reservation, "each shot fits once the cache has freed enough: " + o);
            ((ScratchSpace.Reservation) o).close();
        }
        assertEquals(3, asks.get(), "1 GiB each at once, then 1 GiB more for the shot that found the other's 2 GiB");
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoShotsRunningAtOnceDoNotCountOnTheSameFreeBytes() {
        ScratchSpace disk = new ScratchSpace(d -> 12 * GIB);
        Path a = dir.resolve("run-a/scratch");
        Path b = dir.resolve("run-b/scratch");
        try (ScratchSpace.Reservation first = disk.reserve(a, 5 * GIB, "shot 1", "-")) {
            ScratchSpaceException e = assertThrows(ScratchSpaceException.class,
                    () -> disk.reserve(b, 7 * GIB, "shot 2", "-"), "alone it would fit 12 GiB");
            assertTrue(e.getMessage().contains("(" + MemoryEstimate.human(5 * GIB) + " of it reserved by other shots"
                    + " running in this process)"), e.getMessage());
            try (ScratchSpace.Reservation second = disk.reserve(b, 6 * GIB, "shot 2", "-")) {
                assertEquals(11 * GIB, disk.reservedBytes(), "5 + 6 + the second's 1 GiB margin: 12 GiB");
            }
        }
        try (ScratchSpace.Reservation second = disk.reserve(b, 7 * GIB, "shot 2", "-")) {
            assertEquals(7 * GIB, second.bytes(), "the first shot ended: its bytes are free again");
        }
        assertEquals(0, disk.reservedBytes());
    }

    @Test
    void whatARunningShotHasSpilledIsNotCountedTwice() throws Exception {
        Path a = dir.resolve("a");
        int floats = 1 << 18;  // 1 MiB records
        long mib = 1L << 20;
        // The free space after the first shot has written 2 of its 3 MiB: room for the second and its
        // margin (its own 4 MiB), and for the first's last MiB.
        ScratchSpace disk = new ScratchSpace(d -> 4 * mib + 4 * mib + mib);
        try (ScratchSpace.Reservation first = disk.reserve(a, 3 * mib, "shot 1", "-")) {
            assertThrows(ScratchSpaceException.class, () -> disk.reserve(dir.resolve("b"), 4 * mib, "shot 2", "-"),
                    "nothing written yet: 3 MiB still to come");
            try (SpillFile spill = new SpillFile(a, ".test", floats, 2)) {
                for (int rec = 0; rec < 2; rec++) {
                    spill.beginWrite(rec).put(0, rec);
                    spill.endWrite();
                }
                spill.read(1);  // waits for the writes
                assertEquals(2 * mib, SpillFile.bytesIn(a));
                disk.reserve(dir.resolve("b"), 4 * mib, "shot 2", "-").close();
            }
            assertEquals(0, SpillFile.bytesIn(a), "the closed file's bytes are gone");
            assertThrows(ScratchSpaceException.class, () -> disk.reserve(dir.resolve("b"), 4 * mib, "shot 2", "-"));
        }
        try (ScratchSpace.Reservation second = disk.reserve(dir.resolve("b"), 4 * mib, "shot 2", "-")) {
            assertEquals(4 * mib, second.bytes(), "the first shot ended");
        }
    }

    /**
     * A spill closed by an interrupted thread (a cancelled shot's) while its I/O thread still has
     * records to write waits for them: every byte it counted is taken off again, none is left
     * counted against the folder for good, and the interrupt is kept for the caller.
     */
    @Test
    void aSpillClosedByAnInterruptedThreadTakesAllItsBytesOffTheCount() {
        Path a = dir.resolve("interrupted");
        for (int round = 0; round < 10; round++) {
            // 16 MiB records: the first is most likely still being written when close() is called.
            SpillFile spill = new SpillFile(a, ".test", 1 << 22, 2);
            for (int rec = 0; rec < 2; rec++) {
                spill.beginWrite(rec).put(0, rec);
                spill.endWrite();
            }
            Thread.currentThread().interrupt();  // the writes may still be under way
            spill.close();
            assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
            assertEquals(0, SpillFile.bytesIn(a), "round " + round + ": nothing left counted");
        }
    }

    @Test
    void aFileSystemThatDoesNotSayIsNotChecked() {
        ScratchSpace disk = new ScratchSpace(d -> 0);
        try (ScratchSpace.Reservation r = disk.reserve(dir, 1L << 50, "shot 1", "-")) {
            assertFalse(r.checked());
        }
        try (ScratchSpace.Reservation none = new ScratchSpace(d -> 1).reserve(dir, 0, "a memory shot", "-")) {
            assertTrue(none.checked(), "nothing to spill: nothing to check");
        }
    }
}
