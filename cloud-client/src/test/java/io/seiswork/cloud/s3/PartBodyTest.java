package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.files.PartDigests;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** A part's body read from its file as it is sent: its range's bytes, each stream afresh, never the part in memory. */
class PartBodyTest {

    @TempDir
    Path dir;

    @Test
    void eachStreamGivesTheRangesBytesFromItsFirst() throws IOException {
        byte[] data = new byte[(3 << 20) + 11];
        new Random(5).nextBytes(data);
        Path file = Files.write(dir.resolve("vp.bin"), data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = (1 << 20) + 3;
            long length = (2 << 20) + 5;
            RequestBody body = PartBody.of(ch, offset, length, new PartStop(CancellationToken.none()), "part 2");
            assertEquals(length, body.optionalContentLength().orElseThrow());
            byte[] want = Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
            // A retried attempt opens the body again: it must not go on from where the broken one stopped.
            try (InputStream broken = body.contentStreamProvider().newStream()) {
                broken.readNBytes(12345);
            }
            try (InputStream again = body.contentStreamProvider().newStream()) {
                assertArrayEquals(want, again.readAllBytes());
            }
            try (InputStream oneByOne = body.contentStreamProvider().newStream()) {
                assertEquals(want[0] & 0xff, oneByOne.read());
                assertEquals(want[1] & 0xff, oneByOne.read());
            }
        }
    }

    /**
     * A checked body's stream gives its range whole when the bytes are those hashed (read in
     * blocks, a byte at a time, or skipped through), and fails as it reaches the end when one byte
     * differs, the last bytes withheld so that the request ends short. The digests are those
     * {@link PartDigests} records from the blocks of a read across part boundaries.
     */
    @Test
    void aCheckedBodyFailsAtItsEndWhenTheBytesAreNotThoseHashed() throws IOException {
        byte[] data = new byte[(3 << 20) + 11];
        new Random(6).nextBytes(data);
        Path file = Files.write(dir.resolve("vp.bin"), data);
        int part = (1 << 20) + 7;
        PartDigests digests = new PartDigests(data.length, part);
        for (int at = 0; at < data.length; at += 300_000) {  // blocks that straddle the parts' ends
            int n = Math.min(300_000, data.length - at);
            digests.accept(at, Arrays.copyOfRange(data, at, at + n), n);
        }
        PartStop go = new PartStop(CancellationToken.none());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 3; i++) {  // 3 parts, the last of 1 MiB - 3
                int offset = i * part;
                int length = Math.min(part, data.length - offset);
                try (InputStream in = PartBody.stream(ch, offset, length, go, "part " + (i + 1), digests.of(i))) {
                    assertArrayEquals(Arrays.copyOfRange(data, offset, offset + length), in.readAllBytes());
                }
            }
            try (InputStream in = PartBody.stream(ch, part, part, go, "part 2", digests.of(1))) {
                assertEquals(part - 10, in.skip(part - 10));
                assertEquals(10, in.readAllBytes().length);
            }
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~data[part + 99]}), part + 99);
            try (InputStream in = PartBody.stream(ch, part, part, go, "uploading vp.bin, part 2 of 3",
                    digests.of(1))) {
                byte[] got = new byte[part];
                var e = assertThrows(FileChangedException.class, () -> {
                    for (int n; (n = in.read(got, 0, 8192)) >= 0; ) {
                        assertTrue(n > 0);
                    }
                });
                assertTrue(e.getMessage().startsWith("the file changed while uploading vp.bin, part 2 of 3: "));
            }
        }
    }

    /**
     * Streaming a 256 MiB part (a sparse file: no bytes on disk) the way the HTTP client does, 8
     * KiB at a time, allocates a small fraction of it on the heap: the part is never read whole.
     */
    @Test
    void aLargePartIsStreamedWithoutItsSizeOnTheHeap() throws IOException {
        long part = 256L << 20;
        Path file = dir.resolve("shots.sgy");
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(part + 100);
            f.seek(part + 99);
            f.write(0x5a);  // the part's last byte
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            RequestBody body = PartBody.of(ch, 100, part, new PartStop(CancellationToken.none()), "part 1");
            byte[] block = new byte[8 << 10];
            long before = threads.getCurrentThreadAllocatedBytes();
            long read = 0;
            int last = -1;
            try (InputStream in = body.contentStreamProvider().newStream()) {
                for (int n; (n = in.read(block)) >= 0; ) {
                    read += n;
                    last = block[n - 1];
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf(java.util.Locale.ROOT, "a 256 MiB part streamed 8 KiB at a time: %,d bytes of heap allocated%n",
                    allocated);
            assertEquals(part, read);
            assertEquals(0x5a, last);
            assertTrue(allocated < 16L << 20, "heap allocated streaming a 256 MiB part: " + allocated + " bytes");
        }
    }

    @Test
    void aStoppedTransfersBodyEndsAtItsNextBlockAndAShortenedFileIsSaid() throws IOException {
        Path file = Files.write(dir.resolve("vp.bin"), new byte[1 << 20]);
        CancellationToken cancel = new CancellationToken();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            try (InputStream in = PartBody.stream(ch, 0, 1 << 20, new PartStop(cancel), "uploading vp.bin, part 1 of 2")) {
                assertEquals(4096, in.read(new byte[4096]));
                cancel.cancel();
                var e = assertThrows(CancelledException.class, () -> in.read(new byte[4096]));
                assertEquals("cancelled, uploading vp.bin, part 1 of 2", e.getMessage());
            }
            // A body longer than what the file now holds: said, never padded.
            try (InputStream in = PartBody.stream(ch, 0, 2 << 20, new PartStop(CancellationToken.none()), "part 1")) {
                var e = assertThrows(FileReadException.class, in::readAllBytes);
                assertEquals("the file ended at byte 1048576 while part 1: it was shortened during the upload",
                        e.getMessage());
            }
        }
    }
}
