package io.seiswork.core.volume;

import java.nio.ByteBuffer;

/**
 * Random access to the bytes of one object: a local file, or a remote object read by ranged GETs
 * (the S3 implementation lives in {@code cloud-client}). The volume store reads everything through
 * this interface, so a {@code .swv} on S3 opens and slices exactly as a local one does.
 *
 * <p>Implementations must be safe to call from several threads at once: the viewers fetch bricks
 * on a small executor.
 */
public interface ByteRangeReader extends AutoCloseable {

    /** Size of the object in bytes. */
    long size();

    /**
     * Reads bytes {@code [offset, offset + dst.remaining())} into {@code dst}, filling it up to its
     * limit (the position ends at the limit).
     *
     * @throws SwvException when the range lies past the end or the read fails
     */
    void read(long offset, ByteBuffer dst);

    /** A name for messages: the path or the URI. */
    String name();

    /** Releases the file handle or connection. */
    @Override
    void close();
}
