package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.engine.ShotRequest;

/**
 * One reverse-time-migrated shot on the GPU: the device side of {@code rtm.CudaShotMigrator}.
 * Holds the source and the receiver propagation ({@link CudaPropagator}s on the engine's compute
 * stream), the boundary ring of every level, the receiver data, and the image and illumination
 * in device memory, and executes {@link RtmPlan}'s launches through JCuda. Everything happens on
 * the device; the host only launches, and downloads the image and illumination at the end.
 *
 * <p>The methods launch asynchronously and return at once; {@link #synchronize()} waits for the
 * device (the driver does it at every progress report, so the host never runs far ahead and a
 * cancellation stops within about 1 % of the run). Not thread-safe; close after use (it frees the
 * device memory, also after a failure or a cancellation).
 */
public final class CudaRtmShot implements AutoCloseable {

    private final CudaPropagator source;
    private final CudaPropagator receiver;
    private final RtmPlan plan;
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
    };

    /**
     * Sets up the shot on the device (allocates and uploads; check {@link #memoryCheck} first).
     *
     * @param engine the GPU engine (its device and compute stream)
     * @param request migration model, physics, source, wavelet, receivers and timing
     * @param receiverLevels the data to inject, level-major: (nt + 1) rows of one value per
     *     receiver, row l at level l, resampled to dt (and differentiated in 2D) on the host
     * @param interval imaging interval k in steps
     */
    public CudaRtmShot(CudaWaveEngine engine, ShotRequest request, float[] receiverLevels, int interval) {
        this.grid = request.model().grid();
        int steps = request.timing().steps();
        CudaPropagator s = engine.propagator(request);
        CudaPropagator r = null;
        try {
            r = engine.propagator(request);
            float[] f = request.wavelet().sample(request.timing().dtS(), steps);
            this.plan = new RtmPlan(s.plan(), r.plan(), request.source(), f, request.receivers(), receiverLevels,
                    interval);
            s.realiseAdded();
            r.realiseAdded();
        } catch (RuntimeException | Error e) {
            s.close();
            if (r != null) {
                r.close();
            }
            throw e;
        }
        this.source = s;
        this.receiver = r;
    }

    /**
     * Checks a shot's {@link RtmMemoryPlan} against the device's free memory now.
     *
     * @return null when it fits, otherwise one line saying what it needs and what is free (or
     *     why the grid cannot be migrated on the GPU)
     */
    public static String memoryCheck(CudaWaveEngine engine, ShotRequest request) {
        RtmMemoryPlan p;
        try {
            p = RtmMemoryPlan.estimate(request.model(), request.physics(), request.receivers().size(),
                    request.timing().steps());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        long[] mem = engine.context().memory();
        if (p.fits(mem[0])) {
            return null;
        }
        return String.format("the migration of a shot needs %s of GPU memory, %.2f GiB of %.2f GiB are free",
                p.describe(), mem[0] / (double) (1L << 30), mem[1] / (double) (1L << 30));
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

    /** Waits for the device and frees the shot's device memory. */
    @Override
    public void close() {
        try {
            source.close();
        } finally {
            receiver.close();
        }
    }
}
