package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice read that is superseded (the user dragged the slider on) stops between bricks: the
 * reader asks before each brick, or each run of an inline's bricks, and reads nothing more once
 * told. The count of byte ranges read is what is asserted, not a time.
 */
class SwvSupersededSliceTest {

    @TempDir
    Path dir;

    private SwvRemoteReadTest.RecordingRanges volume(int nx, int ny, int nz) throws IOException {
        float[] data = VolumeFixtures.random(nx, ny, nz, 3);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(nx, ny, nz), data, 8);
        return new SwvRemoteReadTest.RecordingRanges(Files.readAllBytes(f));
    }

    @Test
    void aDepthSliceStopsWithinOneBrickOfBeingSuperseded() throws IOException {
        SwvRemoteReadTest.RecordingRanges ranges = volume(64, 48, 20);  // a depth slice crosses 8 x 6 = 48 bricks
        try (SwvReader r = SwvReader.open(ranges, 1 << 20)) {
            int opened = ranges.requests.size();
            AtomicInteger asked = new AtomicInteger();
            assertThrows(CancellationException.class,
                    () -> r.slice(SliceOrientation.DEPTH, 10, 0, () -> asked.incrementAndGet() > 5));
            assertEquals(5, ranges.requests.size() - opened, "five bricks read, then it stopped, not 48");

            Slice whole = r.slice(SliceOrientation.DEPTH, 10, 0, () -> false);
            assertEquals(48, ranges.requests.size() - opened, "read again whole: the 43 bricks it had not read");
            assertArrayEquals(r.slice(SliceOrientation.DEPTH, 10, 0).values(), whole.values());
        }
    }

    @Test
    void anInlineStopsBeforeItsNextRunOfBricks() throws IOException {
        SwvRemoteReadTest.RecordingRanges ranges = volume(64, 48, 20);
        try (SwvReader r = SwvReader.open(ranges, 1 << 20)) {
            int opened = ranges.requests.size();
            assertThrows(CancellationException.class, () -> r.slice(SliceOrientation.INLINE, 10, 0, () -> true));
            assertEquals(0, ranges.requests.size() - opened, "superseded before it started: nothing read");
        }
    }

    /** A renamed volume (a converted file under the user's name) passes the question on. */
    @Test
    void aRenamedVolumePassesTheQuestionOn() throws IOException {
        SwvRemoteReadTest.RecordingRanges ranges = volume(64, 48, 20);
        try (VolumeSource r = VolumeSource.renamed(SwvReader.open(ranges, 1 << 20), "image.sgy")) {
            int opened = ranges.requests.size();
            assertThrows(CancellationException.class, () -> r.slice(SliceOrientation.CROSSLINE, 3, 0, () -> true));
            assertEquals(0, ranges.requests.size() - opened);
        }
    }
}
