package io.seiswork.kernels.rtm;

import java.nio.FloatBuffer;

/**
 * Fixed-size float records of one shot, numbered from 0, written in increasing order during the
 * forward pass and read back in decreasing order during the backward pass: the access pattern of
 * a source wavefield kept for reverse-time imaging. {@link SpillFile} keeps them in a scratch
 * file with a few buffers in memory; {@link HeapFrames} keeps them all on the heap.
 *
 * <p>Buffers handed out are absolute-indexed views (element 0 is the record's first float);
 * callers use the absolute bulk {@code put(int, float[], int, int)} and
 * {@code get(int, float[], int, int)}, which allocate nothing.
 */
sealed interface FrameStore extends AutoCloseable permits SpillFile, HeapFrames {

    /**
     * The buffer to fill with record {@code record}; {@link #endWrite()} hands it back. Records
     * are written in increasing order.
     */
    FloatBuffer beginWrite(int record);

    /** The record begun by {@link #beginWrite} is complete. */
    void endWrite();

    /**
     * Record {@code record}, valid until the next call. After the first read the records must be
     * asked for one by one in decreasing order (r, r − 1, ...), and no more written.
     */
    FloatBuffer read(int record);

    /** Floats per record. */
    int floats();

    /** Frees the records (deletes a scratch file, stops its I/O thread); idempotent. */
    @Override
    void close();
}
