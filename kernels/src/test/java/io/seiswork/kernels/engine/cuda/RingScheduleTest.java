package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RingSchedule}'s answers, worked out by hand for small cases, and its invariants over
 * many (nt, K, k). The launch order built on it is checked by {@link StagedRingOrderTest}.
 */
class RingScheduleTest {

    @Test
    void twoSlotsTenLevelsEveryLevelImaged() {
        RingSchedule s = new RingSchedule(10, 2, 1);
        // Restores: frames 7 .. 0; frames 8 and 9 (levels 10, 9) are never read.
        assertFalse(s.restored(8));
        assertTrue(s.restored(7));
        assertTrue(s.restored(0));
        // Staged: restored and not in the last two slots at the end of the forward pass (8, 9).
        assertEquals(8, s.stagedFrames());
        assertEquals(0, s.firstStaged());
        assertTrue(s.staged(7));
        assertFalse(s.staged(8));
        assertEquals(7, s.record(7));
        assertEquals(1, s.slot(7));
        assertEquals(0, s.slot(8));
        // Saving frame 9 into slot 1 waits for frame 7's copy-out; frame 8 for frame 6's.
        assertTrue(s.awaitBeforeSave(9));
        assertTrue(s.awaitBeforeSave(2));
        assertFalse(s.awaitBeforeSave(1));
        // At the end, slots of frames 9 and 8 are free at once: fetch 7, then 6; restoring 7 frees 5.
        assertArrayEquals(new int[] {9, 8}, s.unusedAtEnd());
        assertEquals(7, s.fetchAfter(9));
        assertEquals(6, s.fetchAfter(8));
        assertEquals(5, s.fetchAfter(7));
        assertEquals(-1, s.fetchAfter(1));
        assertTrue(s.awaitBeforeRestore(0));
    }

    @Test
    void imagingIntervalLeavesTheLowFramesAlone() {
        // nt 23, K 3, k 5: the lowest imaged level is 5, so frames 4 .. 20 are restored; the last
        // three frames (20, 21, 22) stay in their slots, so 4 .. 19 are staged.
        RingSchedule s = new RingSchedule(23, 3, 5);
        assertFalse(s.restored(3));
        assertTrue(s.restored(4));
        assertTrue(s.restored(20));
        assertFalse(s.restored(21));
        assertEquals(4, s.firstStaged());
        assertEquals(16, s.stagedFrames());
        assertFalse(s.staged(20));
        assertTrue(s.staged(19));
        assertEquals(0, s.record(4));
        assertEquals(15, s.record(19));
        assertThrows(IllegalArgumentException.class, () -> s.record(3));
        // 23 = 7·3 + 2: frame 22 in slot 1, frame 21 in slot 0, frame 20 in slot 2.
        assertEquals(1, s.slot(22));
        assertArrayEquals(new int[] {22, 21}, s.unusedAtEnd());
        assertEquals(19, s.fetchAfter(22));
        assertEquals(18, s.fetchAfter(21));
        assertEquals(17, s.fetchAfter(20));
        assertEquals(-1, s.fetchAfter(6));
        assertFalse(s.awaitBeforeSave(6)); // frame 3 was not staged
        assertTrue(s.awaitBeforeSave(7));
    }

    @Test
    void enoughSlotsKeepEverythingOnTheDevice() {
        RingSchedule s = new RingSchedule(50, 50, 4);
        assertTrue(s.resident());
        assertEquals(0, s.stagedFrames());
        for (int n = 0; n < 50; n++) {
            assertEquals(n, s.slot(n));
            assertFalse(s.awaitBeforeSave(n));
            assertFalse(s.staged(n));
            assertEquals(-1, s.fetchAfter(n));
        }
    }

    @Test
    void intervalBeyondTheRunRestoresNothing() {
        RingSchedule s = new RingSchedule(12, 2, 20);
        assertEquals(0, s.stagedFrames());
        for (int n = 0; n < 12; n++) {
            assertFalse(s.restored(n));
        }
        assertThrows(IllegalArgumentException.class, () -> new RingSchedule(12, 1, 3));
    }

    /**
     * Every restored frame is either staged (and then fetched exactly once, after the frame K
     * above it is done with) or still in its slot at the end of the forward pass; staged frames
     * are one contiguous range, as the spill file's records need.
     */
    @ParameterizedTest(name = "nt {0} K {1} k {2}")
    @CsvSource({"10,2,1", "11,2,1", "11,3,2", "100,7,10", "101,4,25", "57,5,8", "9,8,1", "3,2,1", "4,2,3",
            "40,32,1", "40,39,1", "200,2,13"})
    void everyRestoredFrameIsReachable(int nt, int slots, int k) {
        RingSchedule s = new RingSchedule(nt, slots, k);
        int[] fetchedBy = new int[nt];
        java.util.Arrays.fill(fetchedBy, -1);
        for (int c = 0; c < nt; c++) {
            int f = s.fetchAfter(c);
            if (f >= 0) {
                assertEquals(-1, fetchedBy[f], "frame " + f + " fetched twice");
                assertEquals(s.slot(c), s.slot(f));
                fetchedBy[f] = c;
            }
        }
        int staged = 0;
        int previous = -2;
        for (int m = 0; m < nt; m++) {
            if (s.staged(m)) {
                assertTrue(s.restored(m));
                assertTrue(previous == -2 || previous == m - 1, "staged frames not contiguous at " + m);
                previous = m;
                assertEquals(staged, s.record(m));
                staged++;
                assertEquals(m + slots, fetchedBy[m]);
                int by = fetchedBy[m];
                assertTrue(s.restored(by) || contains(s.unusedAtEnd(), by), "frame " + by + " is never released");
            } else if (s.restored(m)) {
                assertTrue(m >= nt - slots, "restored frame " + m + " neither staged nor resident");
            }
        }
        assertEquals(staged, s.stagedFrames());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
