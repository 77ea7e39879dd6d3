package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.volume.Slice;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.function.IntFunction;
import jcuda.driver.CUdeviceptr;

/**
 * One reverse-time-migrated shot on the GPU: the device side of {@code rtm.CudaShotMigrator}.
 * Holds the source and the receiver propagation ({@link CudaPropagator}s on the engine's compute
 * stream), the boundary ring store, the receiver data, and the image and illumination in device
 * memory, and executes {@link RtmPlan}'s launches through JCuda.
 *
 * <p>The ring store is placed by an {@link RtmRingPlan}: on {@link RingPlacement#DEVICE} every
 * level's ring stays on the device and the host only launches (and downloads the image at the
 * end); on {@link RingPlacement#HOST} and {@link RingPlacement#DISK} K device slots stage the
 * levels through pinned host memory ({@link PinnedFrames}) or a scratch file
 * ({@link SpilledFrames}) on a copy stream of their own ({@link RingTransfers}), overlapped with
 * the steps.
 *
 * <p>The methods launch asynchronously and return at once; {@link #synchronize()} waits for the
 * device (the driver does it at every progress report, so the host never runs far ahead and a
 * cancellation stops within about 1 % of the run). Not thread-safe; close after use (it frees the
 * device memory, the pinned memory and the scratch file, also after a failure or a cancellation).
 */
public final class CudaRtmShot implements AutoCloseable {

    private final CudaPropagator source;
    private final CudaPropagator receiver;
    private final RtmPlan plan;
    private final RingTransfers transfers;
    private final RingPlacement placement;
    private final Grid grid;
    private final RtmPlan.Launcher launcher = new RtmPlan.Launcher() {
        @Override
        public void step(StepPlan p, int parity) {
            (p == source.plan() ? source : receiver).stepAt(parity);
        }

        @Override
        public void launch(StepPlan.Call call, int parity) {
            source.launch(call, parity, receiver);
        }

        @Override
        public void ringOut(int slot, int frame) {
            staged().out(slot, frame);
        }

        @Override
        public void ringIn(int frame, int slot) {
            staged().in(frame, slot);
        }

        @Override
        public void awaitSlot(int slot) {
            staged().await(slot);
        }
    };

    /**
     * Sets up the shot on the device (allocates and uploads), and the host side of a staged ring.
     *
     * @param engine the GPU engine (its device and compute stream)
     * @param request migration model, physics, source, wavelet, receivers and timing
     * @param receiverLevels the data to inject, level-major: (nt + 1) rows of one value per
     *     receiver, row l at level l, resampled to dt and filtered by −∂/∂t on the host
     * @param interval imaging interval k in steps
     * @param ring the ring placement ({@link #ringPlan}, made with the same interval)
     * @param spills makes the scratch file of a disk-placed ring, given the floats per record
     *     (called only for {@link RingPlacement#DISK})
     * @throws IllegalArgumentException when the plan does not fit (its reason)
     * @throws IllegalStateException when pinned host memory cannot be had (one line)
     */
    public CudaRtmShot(CudaWaveEngine engine, ShotRequest request, float[] receiverLevels, int interval,
            RtmRingPlan ring, IntFunction<FrameSpill> spills) {
        if (!ring.fits()) {
            throw new IllegalArgumentException(ring.reason());
        }
        this.grid = request.model().grid();
        this.placement = ring.placement();
        int steps = request.timing().steps();
        CudaPropagator s = engine.propagator(request);
        CudaPropagator r = null;
        RingTransfers t = null;
        try {
            r = engine.propagator(request);
            float[] f = request.wavelet().sample(request.timing().dtS(), steps);
            this.plan = new RtmPlan(s.plan(), r.plan(), request.source(), f, request.receivers(), receiverLevels,
                    interval, ring.slots());
            s.realiseAdded();
            r.realiseAdded();
            RingSchedule schedule = plan.schedule();
            if (schedule.stagedFrames() > 0) {
                if (placement == RingPlacement.DEVICE) {
                    throw new IllegalStateException("ring plan for another imaging interval: " + schedule.stagedFrames()
                            + " levels to stage but placement device");
                }
                long frameBytes = plan.frameBytes();
                HostFrames host = placement == RingPlacement.HOST ? new PinnedFrames(schedule.stagedFrames(), frameBytes)
                        : new SpilledFrames(spills.apply((int) (frameBytes / Float.BYTES)), frameBytes,
                                RtmRingPlan.STAGING_BUFFERS);
                CUdeviceptr[] slots = new CUdeviceptr[schedule.slots()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = s.address(plan.slot(i));
                }
                t = new RingTransfers(s.stream(), slots, frameBytes, schedule, host);
            }
        } catch (RuntimeException | Error e) {
            try {
                s.close();
            } finally {
                if (r != null) {
                    r.close();
                }
            }
            throw e;
        }
        this.source = s;
        this.receiver = r;
        this.transfers = t;
    }

    private RingTransfers staged() {
        if (transfers == null) {
            throw new IllegalStateException("ring transfer on a shot whose ring stays on the device");
        }
        return transfers;
    }

    /**
     * Plans a shot's ring placement against the device's free memory now.
     *
     * @param interval imaging interval k in steps
     * @param hostBudgetBytes the most pinned host memory the ring may take ({@link HostMemoryBudget})
     * @param want automatic, or a forced placement and slot count
     * @return the plan; {@link RtmRingPlan#fits()} false (with the reason) when the grid is too
     *     thin or not even the smallest staged plan fits the device
     */
    public static RtmRingPlan ringPlan(CudaWaveEngine engine, ShotRequest request, int interval, long hostBudgetBytes,
            RingRequest want) {
        RtmMemoryPlan p;
        try {
            p = estimate(request);
        } catch (IllegalArgumentException e) {
            return new RtmRingPlan(null, null, 0, 0, 0, e.getMessage());
        }
        return RtmRingPlan.of(p, interval, engine.context().memory()[0], hostBudgetBytes, want);
    }

    /**
     * Checks a shot against the device's free memory now: refused only when not even the staged
     * ring with {@link RtmMemoryPlan#MIN_SLOTS} slots fits beside the two propagations, the data
     * and the image (a ring too big for the device is staged through the host).
     *
     * @return null when it fits, otherwise one line saying what it needs and what is free (or
     *     why the grid cannot be migrated on the GPU)
     */
    public static String memoryCheck(CudaWaveEngine engine, ShotRequest request) {
        RtmMemoryPlan p;
        try {
            p = estimate(request);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        long[] mem = engine.context().memory();
        return RtmRingPlan.deviceRefusal(p, mem[0], mem[1]);
    }

    private static RtmMemoryPlan estimate(ShotRequest request) {
        return RtmMemoryPlan.estimate(request.model(), request.physics(), request.receivers().size(),
                request.timing().steps());
    }

    /** Where this shot's ring lives. */
    public RingPlacement placement() {
        return placement;
    }

    /** Forward step n (0 .. nt − 1) of the source field, with its ring saved. */
    public void forward(int n) {
        plan.forward(n, launcher);
    }

    /**
     * One backward step of the receiver field, imaging the level reached when it is a multiple of
     * the interval (the source field is rebuilt down to it first).
     *
     * @return the level reached (nt for the first call, 1 for the last)
     */
    public int backward() {
        return plan.backward(launcher);
    }

    /** The source field's current level in the x-z section at user y index {@code iy} (waits for the launches so far). */
    public Slice sourceSection(int iy) {
        return source.section(plan.sourceField(), iy);
    }

    /** The receiver field's current level in the x-z section at user y index {@code iy} (waits for the launches so far). */
    public Slice receiverSection(int iy) {
        return receiver.section(plan.receiverField(), iy);
    }

    /** Levels imaged so far. */
    public int imagedLevels() {
        return plan.imagedLevels();
    }

    /** Blocks until every launch so far has finished. */
    public void synchronize() {
        source.synchronize();
    }

    /**
     * Copies the unweighted sums {@code Σ S·R} and {@code Σ S²} over the imaged levels (user grid,
     * z contiguous) to the host; waits for the device first.
     */
    public void download(float[] image, float[] illumination) {
        if (image.length != grid.points() || illumination.length != grid.points()) {
            throw new IllegalArgumentException("image arrays must have " + grid.points() + " values");
        }
        source.download(plan.image, image);
        source.download(plan.illumination, illumination);
    }

    /** Waits for the device and frees the shot's device memory, pinned memory and scratch file. */
    @Override
    public void close() {
        try {
            if (transfers != null) {
                transfers.close();
            }
        } finally {
            try {
                source.close();
            } finally {
                receiver.close();
            }
        }
    }
}
