package io.seiswork.cloud.s3;

import io.seiswork.core.volume.ByteRangeReader;
import io.seiswork.core.volume.SwvException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Reads an S3 object by ranged GETs, so a {@code .swv} volume in the cloud opens and slices like a
 * local file: the header with one small GET, then only the bricks a slice touches (about 1 MiB
 * each), never the 100 GB object. Thread-safe: the SDK client is, and no state changes after
 * opening.
 */
public final class S3RangeReader implements ByteRangeReader {

    private final S3Client s3;
    private final S3Location location;
    private final long size;
    private final String eTag;

    private S3RangeReader(S3Client s3, S3Location location, long size, String eTag) {
        this.s3 = s3;
        this.location = location;
        this.size = size;
        this.eTag = eTag;
    }

    /**
     * Opens {@code location}: one HEAD request for its size and version (ETag). Every later read
     * asks for that ETag, so an object replaced while it is being viewed is reported instead of
     * mixing bricks of two files.
     *
     * @param s3 the client (not closed by this reader: it is usually shared)
     * @throws SwvException when the object cannot be reached
     */
    public static S3RangeReader open(S3Client s3, S3Location location) {
        try {
            var head = s3.headObject(HeadObjectRequest.builder().bucket(location.bucket()).key(location.key()).build());
            return new S3RangeReader(s3, location, head.contentLength(), head.eTag());
        } catch (SdkException e) {
            throw new SwvException(location.toString(), "cannot open: " + e.getMessage(), e);
        }
    }

    /** The object's version as S3 gave it at opening (its ETag, quoted). */
    public String eTag() {
        return eTag;
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * Fills {@code dst} from {@code offset} by one ranged GET of this reader's version, the body
     * streamed straight into it: a GET of a part (64 MiB) read whole into a byte array of the
     * SDK's first would be a second copy, and garbage, per GET.
     *
     * <p>A body that is not the {@code dst.remaining()} bytes asked for, or that breaks, is
     * aborted (its connection dropped), not closed: closing reads the rest of the body to reuse
     * the connection, and a body of the wrong length may be a whole object of gigabytes.
     *
     * @throws SwvException when the GET fails (its cause the SDK's exception: HTTP 412 when the
     *     object was replaced since opening), or brings another number of bytes
     */
    @Override
    public void read(long offset, ByteBuffer dst) {
        read(offset, dst, PartStop.onFailure());
    }

    /**
     * As {@link #read(long, ByteBuffer)}, the body read only while {@code stop} lets it: a part of
     * a transfer that was cancelled, or one of whose parts failed, stops within a block of its
     * response (its connection dropped, as for any body not read whole) instead of bringing the
     * rest of its 64 MiB. {@code dst} then holds some of the bytes, never taken for all of them.
     *
     * @throws io.seiswork.core.progress.CancelledException when {@code stop} stopped the read
     */
    void read(long offset, ByteBuffer dst, PartStop stop) {
        int n = dst.remaining();
        if (n == 0) {
            return;
        }
        if (offset < 0 || offset > size - n) {
            throw new SwvException(location.toString(), "range " + offset + "+" + n + " lies past the end of the object ("
                    + size + " bytes)");
        }
        GetObjectRequest request = GetObjectRequest.builder()
                .bucket(location.bucket()).key(location.key())
                .range("bytes=" + offset + "-" + (offset + n - 1))
                .ifMatch(eTag)
                .build();
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(request);
        } catch (SdkException e) {
            throw new SwvException(location.toString(), "ranged GET at byte " + offset + " failed: " + e.getMessage(), e);
        }
        boolean whole = false;
        try {
            Long length = body.response().contentLength();
            if (length != null && length != n) {
                throw SwvException.mismatch(location.toString(), "bytes returned by the ranged GET at byte " + offset, n,
                        length);
            }
            int got = fill(body, dst, stop, "reading " + location + " at byte " + offset);
            if (got != n || body.read() >= 0) {
                throw SwvException.mismatch(location.toString(), "bytes returned by the ranged GET at byte " + offset, n,
                        got < n ? (Object) got : "more than " + n);
            }
            whole = true;
        } catch (SdkException e) {
            throw new SwvException(location.toString(), "ranged GET at byte " + offset + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SwvException(location.toString(), "ranged GET at byte " + offset + " broke: " + e.getMessage(), e);
        } finally {
            if (!whole) {
                body.abort();
            }
        }
        try {
            body.close();  // read to its end: the connection goes back to the pool
        } catch (IOException e) {
            throw new SwvException(location.toString(), "ranged GET at byte " + offset + " broke: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code in} into {@code dst} until it is full or {@code in} ends, looking at
     * {@code stop} before each block; returns the bytes read.
     */
    private static int fill(InputStream in, ByteBuffer dst, PartStop stop, String where) throws IOException {
        int start = dst.position();
        if (dst.hasArray()) {
            byte[] a = dst.array();
            while (dst.hasRemaining()) {
                stop.throwIfStopped(where);
                int r = in.read(a, dst.arrayOffset() + dst.position(), dst.remaining());
                if (r < 0) {
                    break;
                }
                dst.position(dst.position() + r);
            }
        } else {
            byte[] chunk = new byte[(int) Math.min(dst.remaining(), 64 << 10)];
            while (dst.hasRemaining()) {
                stop.throwIfStopped(where);
                int r = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
                if (r < 0) {
                    break;
                }
                dst.put(chunk, 0, r);
            }
        }
        return dst.position() - start;
    }

    @Override
    public String name() {
        return location.toString();
    }

    @Override
    public void close() {
        // The client is shared and owned by the caller; a reader holds no connection of its own.
    }
}
