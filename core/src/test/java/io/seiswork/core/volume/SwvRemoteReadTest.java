package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .swv read through a {@link ByteRangeReader} that behaves like S3 ranged GETs over an object
 * held in memory: every request is recorded, so the test sees exactly which byte ranges a remote
 * open and a remote slice cost.
 */
class SwvRemoteReadTest {

    @TempDir
    Path dir;

    /** An object in memory, read by ranges, recording each (offset, length). */
    static final class RecordingRanges implements ByteRangeReader {
        final byte[] object;
        final List<long[]> requests = new CopyOnWriteArrayList<>();

        RecordingRanges(byte[] object) {
            this.object = object;
        }

        @Override
        public long size() {
            return object.length;
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            int n = dst.remaining();
            if (offset + n > object.length) {
                throw new SwvException(name(), "range " + offset + "+" + n + " past the end " + object.length);
            }
            requests.add(new long[] {offset, n});
            dst.put(object, (int) offset, n);
        }

        @Override
        public String name() {
            return "s3://bucket/v.swv";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void remoteOpenIsOneHeaderGetAndAnInlineIsOneGetOfItsBrickRow() throws IOException {
        int nx = 40;
        int ny = 24;
        int nz = 30;
        float[] data = VolumeFixtures.random(nx, ny, nz, 9);
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(nx, ny, nz), data, 8);
        RecordingRanges remote = new RecordingRanges(Files.readAllBytes(f));

        try (SwvReader r = SwvReader.open(remote, 1 << 20); SwvReader local = SwvReader.open(f)) {
            assertEquals(1, remote.requests.size(), "opening reads the header once");
            assertEquals(SwvFormat.DATA_OFFSET, remote.requests.get(0)[1]);

            Slice s = r.slice(SliceOrientation.INLINE, 10, 0);

            assertArrayEquals(local.slice(SliceOrientation.INLINE, 10, 0).values(), s.values());
            // The brick-row's 5 x 4 bricks lie one after the other in the file: one GET for all of them.
            assertEquals(2, remote.requests.size(), "one GET for the brick-row: 5 bricks along x, 4 along z");
            long brick = 4L * 8 * 8 * 8;
            assertEquals(20 * brick, remote.requests.get(1)[1], "the row's whole bricks");
            assertEquals(SwvFormat.DATA_OFFSET + 20 * brick, remote.requests.get(1)[0], "from brick row 1's first brick");
            r.slice(SliceOrientation.INLINE, 11, 0);
            assertEquals(2, remote.requests.size(), "the next inline lies in the cached bricks");

            // A crossline's bricks are spread through the file: one GET per brick not yet cached.
            assertArrayEquals(local.slice(SliceOrientation.CROSSLINE, 3, 0).values(),
                    r.slice(SliceOrientation.CROSSLINE, 3, 0).values());
            for (long[] q : remote.requests.subList(2, remote.requests.size())) {
                assertEquals(brick, q[1], "whole-brick ranges");
                assertEquals(0, (q[0] - SwvFormat.DATA_OFFSET) % brick, "brick-aligned ranges");
            }
        }
    }

    /** A cache smaller than the row it reads changes nothing: each run is used as it is read. */
    @Test
    void anInlineLargerThanTheCacheIsStillRight() throws IOException {
        float[] data = VolumeFixtures.random(40, 24, 30, 3);
        Path f = VolumeFixtures.writeSwv(dir.resolve("small-cache.swv"), VolumeFixtures.axes(40, 24, 30), data, 8);
        RecordingRanges remote = new RecordingRanges(Files.readAllBytes(f));
        try (SwvReader r = SwvReader.open(remote, 4L * 8 * 8 * 8); SwvReader local = SwvReader.open(f)) {
            for (int iy : new int[] {0, 9, 23}) {
                assertArrayEquals(local.slice(SliceOrientation.INLINE, iy, 0).values(),
                        r.slice(SliceOrientation.INLINE, iy, 0).values(), "inline " + iy);
            }
        }
    }

    @Test
    void truncatedRemoteObjectIsRejectedByName() throws IOException {
        Path f = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(8, 8, 8),
                VolumeFixtures.random(8, 8, 8, 1), 4);
        byte[] all = Files.readAllBytes(f);
        RecordingRanges remote = new RecordingRanges(java.util.Arrays.copyOf(all, all.length - 4));
        var e = assertThrows(SwvException.class, () -> SwvReader.open(remote, 0));
        assertTrue(e.getMessage().startsWith("s3://bucket/v.swv: file is truncated"), e.getMessage());
    }
}
