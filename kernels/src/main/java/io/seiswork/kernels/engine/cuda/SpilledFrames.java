package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemHostAlloc;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;

/**
 * {@link HostFrames} for {@link RingPlacement#DISK}: staged frames pass through a few pinned
 * buffers, used in turn, on their way to and from a {@link FrameSpill} (the CPU migrator's
 * spill file, which writes and reads ahead on its own thread).
 *
 * <p>Forward: a frame is copied from its device slot into the next pinned buffer; that buffer's
 * previous frame is first waited for (its copy event) and handed to the spill file, so the host
 * runs at most {@code buffers} frames behind the device. Backward: the spill file's read-ahead
 * record is copied into the next pinned buffer once that buffer's previous upload has finished
 * (its event), and the copy stream uploads it. The floats are copied between two direct
 * buffers (a memcpy); nothing is allocated per frame.
 */
final class SpilledFrames implements HostFrames {

    private final FrameSpill spill;
    private final int floats;
    private final Pointer[] pinned;
    private final FloatBuffer[] views;
    private final CUevent[] done;
    private final int[] pendingOut;
    private final boolean[] pendingIn;
    private int nextOut;
    private int nextIn;
    private int current;
    private boolean reading;
    private boolean closed;

    /**
     * @param spill the spill file (closed with this object)
     * @param frameBytes bytes per frame (at most 2 GiB − 4)
     * @param buffers pinned buffers (≥ 2)
     */
    SpilledFrames(FrameSpill spill, long frameBytes, int buffers) {
        if (frameBytes % Float.BYTES != 0 || frameBytes / Float.BYTES > Integer.MAX_VALUE / Float.BYTES
                || buffers < 2) {
            spill.close();
            throw new IllegalArgumentException("a disk-staged ring needs >= 2 buffers of at most 2^29 floats, got "
                    + buffers + " of " + frameBytes + " bytes");
        }
        this.spill = spill;
        this.floats = (int) (frameBytes / Float.BYTES);
        this.pinned = new Pointer[buffers];
        this.views = new FloatBuffer[buffers];
        this.done = new CUevent[buffers];
        this.pendingOut = new int[buffers];
        this.pendingIn = new boolean[buffers];
        Arrays.fill(pendingOut, -1);
        try {
            for (int b = 0; b < buffers; b++) {
                Pointer p = new Pointer();
                cuMemHostAlloc(p, frameBytes, 0);
                pinned[b] = p;
                views[b] = p.getByteBuffer(0, frameBytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
                CUevent e = new CUevent();
                cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING);
                done[b] = e;
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public Pointer out(int record) {
        if (reading) {
            throw new IllegalStateException("ring record " + record + " written after the read-back began");
        }
        current = nextOut % pinned.length;
        drain(current);
        return pinned[current];
    }

    @Override
    public void outIssued(int record, CUstream copy) {
        cuEventRecord(done[current], copy);
        pendingOut[current] = record;
        nextOut++;
    }

    /** Waits for the copy into buffer {@code b} and hands its frame to the spill file. */
    private void drain(int b) {
        if (pendingOut[b] < 0) {
            return;
        }
        cuEventSynchronize(done[b]);
        spill.beginWrite(pendingOut[b]).put(0, views[b], 0, floats);
        spill.endWrite();
        pendingOut[b] = -1;
    }

    @Override
    public Pointer in(int record) {
        if (!reading) {
            for (int i = 0; i < pinned.length; i++) {
                drain((nextOut + i) % pinned.length); // oldest first: the spill file writes in order
            }
            reading = true;
        }
        current = nextIn % pinned.length;
        if (pendingIn[current]) {
            cuEventSynchronize(done[current]); // its previous upload has left the buffer
            pendingIn[current] = false;
        }
        views[current].put(0, spill.read(record), 0, floats);
        return pinned[current];
    }

    @Override
    public void inIssued(int record, CUstream copy) {
        cuEventRecord(done[current], copy);
        pendingIn[current] = true;
        nextIn++;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            spill.close();
        } finally {
            // Keep freeing the rest whatever fails; the first error has been reported.
            for (int b = 0; b < pinned.length; b++) {
                CUevent e = done[b];
                Pointer p = pinned[b];
                if (e != null) {
                    Release.quietly(() -> cuEventDestroy(e));
                }
                if (p != null) {
                    Release.quietly(() -> cuMemFreeHost(p));
                }
            }
        }
    }
}
