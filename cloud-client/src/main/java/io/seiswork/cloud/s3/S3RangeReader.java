package io.seiswork.cloud.s3;

import io.seiswork.core.volume.ByteRangeReader;
import io.seiswork.core.volume.SwvException;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.ResponseBytes;
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

    @Override
    public void read(long offset, ByteBuffer dst) {
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
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(request);
        } catch (SdkException e) {
            throw new SwvException(location.toString(), "ranged GET at byte " + offset + " failed: " + e.getMessage(), e);
        }
        ByteBuffer body = bytes.asByteBuffer();
        if (body.remaining() != n) {
            throw SwvException.mismatch(location.toString(), "bytes returned by the ranged GET at byte " + offset, n,
                    body.remaining());
        }
        dst.put(body);
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
