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
                + ", whose file system has " + MemoryEstimate.human(10 * GIB) + " free, and "
                + MemoryEstimate.human(GIB) + " is kept free beside it: the shot is refused before it starts; give it a"
                + " bigger scratch disk (a cloud worker: scratchDiskGiB) or scratch on another file system, or more heap",
                e.getMessage());
        assertEquals(0, disk.reservedBytes(), "nothing held for a refused shot");
        try (ScratchSpace.Reservation r = disk.reserve(scratch, 9 * GIB, "the snapshots", "more heap")) {
            assertTrue(r.checked());
            assertEquals(9 * GIB, disk.reservedBytes(), "9 GiB + the 1 GiB margin: just fits");
        }
        assertEquals(0, disk.reservedBytes());
        assertEquals(21_990_232_556L, ScratchSpace.marginBytes(1L << 40), "2 % of a TiB, more than 1 GiB");
        assertEquals(GIB, ScratchSpace.marginBytes(1));
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
        // margin, and for the first's last MiB.
        ScratchSpace disk = new ScratchSpace(d -> 4 * mib + GIB + mib);
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
