package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * The transfers of a staged boundary ring ({@link RtmPlan.Launcher#ringOut}, {@code ringIn},
 * {@code awaitSlot}) through JCuda: a copy stream of its own beside the compute stream, and two
 * events per device slot. {@code computed[s]} is recorded on the compute stream after the
 * launches that last wrote (save) or read (restore) slot s, and the copy stream waits for it
 * before copying the slot out or refilling it; {@code copied[s]} is recorded on the copy stream
 * after the slot's transfer, and the compute stream waits for it before it next writes (save of
 * frame n + K) or reads (restore) the slot. The host never waits here, except in
 * {@link SpilledFrames} for a pinned buffer to come free; both streams run ahead on their own.
 */
final class RingTransfers implements AutoCloseable {

    private final CUstream compute;
    private final CUstream copy = new CUstream();
    private final CUdeviceptr[] slots;
    private final long frameBytes;
    private final RingSchedule schedule;
    private final HostFrames host;
    private final CUevent[] computed;
    private final CUevent[] copied;
    private boolean streamCreated;
    private boolean closed;

    /**
     * @param compute the stream the launches go to
     * @param slots device address of each ring slot
     * @param frameBytes bytes per slot
     * @param schedule the frames' records in the host store
     * @param host where staged frames go (closed with this object, also when this constructor fails)
     */
    RingTransfers(CUstream compute, CUdeviceptr[] slots, long frameBytes, RingSchedule schedule, HostFrames host) {
        this.compute = compute;
        this.slots = slots;
        this.frameBytes = frameBytes;
        this.schedule = schedule;
        this.host = host;
        this.computed = new CUevent[slots.length];
        this.copied = new CUevent[slots.length];
        try {
            cuStreamCreate(copy, CUstream_flags.CU_STREAM_NON_BLOCKING);
            streamCreated = true;
            for (int s = 0; s < slots.length; s++) {
                computed[s] = event();
                copied[s] = event();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static CUevent event() {
        CUevent e = new CUevent();
        cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING);
        return e;
    }

    /** Slot {@code slot}, as the launches so far leave it, to staged frame {@code frame} on the host. */
    void out(int slot, int frame) {
        int record = schedule.record(frame);
        Pointer dst = host.out(record);
        cuEventRecord(computed[slot], compute);
        cuStreamWaitEvent(copy, computed[slot], 0);
        cuMemcpyDtoHAsync(dst, slots[slot], frameBytes, copy);
        host.outIssued(record, copy);
        cuEventRecord(copied[slot], copy);
    }

    /** Staged frame {@code frame} into slot {@code slot} once the launches so far are done with the slot. */
    void in(int frame, int slot) {
        int record = schedule.record(frame);
        Pointer src = host.in(record);
        cuEventRecord(computed[slot], compute);
        cuStreamWaitEvent(copy, computed[slot], 0);
        cuMemcpyHtoDAsync(slots[slot], src, frameBytes, copy);
        host.inIssued(record, copy);
        cuEventRecord(copied[slot], copy);
    }

    /** Launches on the compute stream from now on wait for the slot's last transfer. */
    void await(int slot) {
        cuStreamWaitEvent(compute, copied[slot], 0);
    }

    /** Waits for both streams, then frees the events, the copy stream and the host store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A failed stream still lets everything else be freed.
        Release.quietly(() -> {
            cuStreamSynchronize(compute);
            if (streamCreated) {
                cuStreamSynchronize(copy);
            }
        });
        for (int s = 0; s < slots.length; s++) {
            destroy(computed[s]);
            destroy(copied[s]);
        }
        if (streamCreated) {
            Release.quietly(() -> cuStreamDestroy(copy));
        }
        host.close();
    }

    private static void destroy(CUevent e) {
        if (e != null) {
            Release.quietly(() -> cuEventDestroy(e));
        }
    }
}
