package io.seiswork.cloud.s3;

import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The body of an upload's part, or of a file's one PUT: its bytes, given to the HTTP client
 * through a stream that looks at the transfer's {@link PartStop} before each block the client
 * reads (a few KiB). A stopped transfer's part thus ends within a block instead of going on to
 * its last byte; its request fails short of its length, which S3 never stores, so the multipart
 * upload lists only the parts that went up whole. The exception thrown is no
 * {@link java.io.IOException}, which the SDK would retry.
 */
final class PartBody {

    private PartBody() {
    }

    /**
     * A body of {@code bytes} (from their position to their limit; the buffer is not changed),
     * each stream of it, the SDK's signing pass and every attempt, stopped by {@code stop}.
     *
     * @param where what sending it is, for the exception ("uploading vp.bin, part 3 of 8")
     */
    static RequestBody of(ByteBuffer bytes, PartStop stop, String where) {
        ByteBuffer all = bytes.asReadOnlyBuffer();
        return RequestBody.fromContentProvider(() -> new Stream(all.duplicate(), stop, where), all.remaining(),
                "application/octet-stream");
    }

    /** One read of the bytes, looking at the stop before each block. */
    private static final class Stream extends InputStream {
        private final ByteBuffer bytes;
        private final PartStop stop;
        private final String where;

        Stream(ByteBuffer bytes, PartStop stop, String where) {
            this.bytes = bytes;
            this.stop = stop;
            this.where = where;
        }

        @Override
        public int read() {
            stop.throwIfStopped(where);
            return bytes.hasRemaining() ? bytes.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            stop.throwIfStopped(where);
            if (!bytes.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return bytes.remaining();
        }
    }
}
