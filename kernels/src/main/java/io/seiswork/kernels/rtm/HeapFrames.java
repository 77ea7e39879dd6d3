package io.seiswork.kernels.rtm;

import java.nio.FloatBuffer;

/**
 * {@link FrameStore} on the heap: every record a float array allocated up front (records ×
 * floats × 4 bytes), no I/O. For small shots whose boundary ring fits in memory, and as the
 * reference the spilled ring is checked against.
 */
final class HeapFrames implements FrameStore {

    private final FloatBuffer[] frames;
    private final int floats;

    /**
     * @param records number of records
     * @param floats floats per record
     */
    HeapFrames(int records, int floats) {
        this.floats = floats;
        this.frames = new FloatBuffer[records];
        for (int i = 0; i < records; i++) {
            frames[i] = FloatBuffer.wrap(new float[floats]);
        }
    }

    @Override
    public FloatBuffer beginWrite(int record) {
        return frames[record];
    }

    @Override
    public void endWrite() {
        // the record is in place
    }

    @Override
    public FloatBuffer read(int record) {
        return frames[record];
    }

    @Override
    public int floats() {
        return floats;
    }

    @Override
    public void close() {
        // nothing beyond the heap
    }
}
