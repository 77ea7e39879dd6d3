package io.seiswork.kernels.engine.cuda;

import jcuda.Pointer;
import jcuda.driver.CUstream;

/**
 * The host side of the GPU migration's staged boundary ring: pinned memory the copy stream
 * moves staged frames to ({@link #out}) and from ({@link #in}), by staged-frame record
 * ({@link RingSchedule#record}). {@link PinnedFrames} holds every staged frame;
 * {@link SpilledFrames} passes them through a few pinned buffers to a {@link FrameSpill}.
 * Records go out in increasing order and come back in decreasing order.
 */
interface HostFrames extends AutoCloseable {

    /**
     * Pinned memory to copy record {@code record} into (one frame); may block until an older
     * record has moved on. Call {@link #outIssued} after issuing the copy.
     */
    Pointer out(int record);

    /** The copy into {@link #out}'s memory is issued on {@code copy} (asynchronous). */
    void outIssued(int record, CUstream copy);

    /** Pinned memory holding record {@code record}; may block until it is read back. Call {@link #inIssued} after. */
    Pointer in(int record);

    /** The copy out of {@link #in}'s memory is issued on {@code copy} (asynchronous). */
    void inIssued(int record, CUstream copy);

    /** Frees the pinned memory (the streams must be idle) and any file; idempotent. */
    @Override
    void close();
}
