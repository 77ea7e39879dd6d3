package io.seiswork.cloud.s3;

import io.seiswork.core.files.Sha256Pass;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The body of an upload's part, or of a file's one PUT: a range of the file, read from it as the
 * HTTP client sends it, through a stream that looks at the transfer's {@link PartStop} before
 * each block the client reads (a few KiB). Nothing of the part's size is held in memory: a
 * 525 MiB part of a 5 TiB file costs a read of at most {@link #BLOCK_BYTES} at a time, so four
 * such parts go up at once as four of 64 MiB do.
 *
 * <p>Every stream of the body (the SDK's checksum or signing pass, each attempt of a retried
 * part) is a new one that reads the range from its first byte, by positional reads of the file
 * channel, which the parts of one upload share. A stopped transfer's part ends within a block
 * instead of going on to its last byte; its request fails short of its length, which S3 never
 * stores, so the multipart upload lists only the parts that went up whole. The exception thrown
 * is no {@link IOException}, which the SDK would retry; nor is the one of a file shortened while
 * it is sent, which every attempt would find so.
 *
 * <p>The shared channel is read by positional reads, which need no lock; a thread interrupted in
 * one would close it for every part of the upload (a {@link java.nio.channels.FileChannel} is
 * interruptible). Nothing interrupts them today: the S3 client has no attempt timeout
 * ({@code CloudClients}), and a cancel stops the parts through the {@link PartStop}.
 *
 * <p>A body of a file stored under its content key is given the SHA-256 its range had when the
 * file was hashed for that key ({@link io.seiswork.core.files.PartDigests}), and each stream digests the bytes it reads
 * and compares them as it reaches the range's end, before it hands the last of them to the
 * client: bytes written into the file since fail the request short of its length (nothing stored)
 * with a {@link FileChangedException}, unchecked and not retried, as a shortened file fails.
 */
final class PartBody {

    /**
     * The most bytes one read of a body takes from the file: 1 MiB. The HTTP client asks for a
     * few KiB at a time; the cap bounds the JDK's temporary direct buffer of a file read
     * (cached per thread, of the size asked) should a caller ask for more.
     */
    static final int BLOCK_BYTES = 1 << 20;

    private PartBody() {
    }

    /**
     * A body of {@code length} bytes of {@code file} from {@code offset}, each stream of it
     * stopped by {@code stop}. The channel must stay open while the body is sent.
     *
     * @param where what sending it is, for the exception ("uploading vp.bin, part 3 of 8")
     */
    static RequestBody of(FileChannel file, long offset, long length, PartStop stop, String where) {
        return of(file, offset, length, stop, where, null);
    }

    /**
     * As {@link #of(FileChannel, long, long, PartStop, String)}, each stream's bytes checked
     * against {@code sha256}, the range's digest when the file was hashed (null: not checked).
     */
    static RequestBody of(FileChannel file, long offset, long length, PartStop stop, String where, byte[] sha256) {
        return RequestBody.fromContentProvider(() -> stream(file, offset, length, stop, where, sha256), length,
                "application/octet-stream");
    }

    /**
     * One read of {@code length} bytes of {@code file} from {@code offset}, looking at
     * {@code stop} before each block: a body's stream, or a part's bytes read for their MD5.
     */
    static InputStream stream(FileChannel file, long offset, long length, PartStop stop, String where) {
        return stream(file, offset, length, stop, where, null);
    }

    /**
     * As {@link #stream(FileChannel, long, long, PartStop, String)}, its bytes checked against
     * {@code sha256} as it reaches its end (null: not checked).
     *
     * @throws FileChangedException from the read that reaches the end, when the bytes read differ
     */
    static InputStream stream(FileChannel file, long offset, long length, PartStop stop, String where,
            byte[] sha256) {
        return new Stream(file, offset, offset + length, stop, where, sha256);
    }

    /** One read of a range of the file, looking at the stop before each block. */
    private static final class Stream extends InputStream {
        private final FileChannel file;
        private final long end;
        private final PartStop stop;
        private final String where;
        /** The range's SHA-256 when the file was hashed, or null. */
        private final byte[] expected;
        /** Digest of the bytes read so far, when they are checked. */
        private final MessageDigest sent;
        /** {@link #read()}'s byte: the HTTP client may read a body a byte at a time. */
        private final byte[] one = new byte[1];
        private long position;

        Stream(FileChannel file, long position, long end, PartStop stop, String where, byte[] expected) {
            this.file = file;
            this.expected = expected == null ? null : expected.clone();
            this.sent = expected == null ? null : Sha256Pass.newSha256();
            this.position = position;
            this.end = end;
            this.stop = stop;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            stop.throwIfStopped(where);
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, BLOCK_BYTES), end - position);
            int got;
            try {
                got = file.read(ByteBuffer.wrap(b, off, n), position);
            } catch (IOException e) {
                // Unchecked and of its own type: a disk's read error is no network failure to try again.
                throw new FileReadException("cannot read the file at byte " + position + " while " + where + ": "
                        + e.getMessage(), e);
            }
            if (got < 0) {
                // Unchecked, as a stop is: the SDK would retry an IOException, each attempt ending here again.
                String shortened = "the file ended at byte " + position + " while " + where
                        + ": it was shortened during the upload";
                throw new FileReadException(shortened, new EOFException(shortened));
            }
            position += got;
            if (sent != null) {
                sent.update(b, off, got);
                if (position == end && !MessageDigest.isEqual(sent.digest(), expected)) {
                    // Before the last bytes reach the client: the request ends short, and S3 stores nothing of it.
                    throw new FileChangedException(where);
                }
            }
            return got;
        }

        @Override
        public long skip(long n) throws IOException {
            if (sent != null) {
                return super.skip(n);  // read through, so that the digest has every byte
            }
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(BLOCK_BYTES, end - position);
        }
    }
}
