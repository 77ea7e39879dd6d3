package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WavefieldSection;
import io.seiswork.kernels.engine.cuda.CudaRtmShot;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.engine.cuda.HostMemoryBudget;
import io.seiswork.kernels.engine.cuda.RingRequest;
import io.seiswork.kernels.engine.cuda.RtmMemoryPlan;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import java.nio.file.Path;

/**
 * Reverse-time migration of one shot on the GPU: the same algorithm, level bookkeeping and
 * result as {@link ShotMigrator} with {@link WavefieldStrategy#BOUNDARY}, with every propagation
 * and the imaging on the device ({@link CudaRtmShot}).
 *
 * <ol>
 *   <li>Host: the observed traces are brought to the propagator's levels and filtered by
 *       {@code −∂/∂t} ({@link ReceiverData}, the floats {@link ReceiverWavefield} injects), and
 *       uploaded once, level-major ((nt + 1) × R floats on the device).
 *   <li>Forward: nt steps of the source field with the wavelet injected; the boundary ring of
 *       each level (r = order / 2 cells inside every face of the user grid) is saved into device
 *       memory: every level's (ring cells × 4 B × nt) when that fits, otherwise K level slots
 *       with the other levels staged in pinned host memory or, beyond the host budget, in a
 *       scratch file ({@link RtmRingPlan}, chosen per shot from the free memory).
 *   <li>Backward: the receiver field (its own C-PML) steps back from rest and gets the data of
 *       each level injected; at every level divisible by the imaging interval k the source field
 *       is rebuilt down to that level (reverse leapfrog without C-PML over the user grid shrunk
 *       by r, source term taken back out, ring restored) and {@code S·R}, {@code S²} are added.
 *   <li>The sums are downloaded and weighted by w = dt·k (seconds), as the CPU weights each
 *       level, into a {@link PartialImage}.
 * </ol>
 *
 * <p>Progress counts 2·nt steps and cancellation is checked before every step, like the CPU; at
 * each progress report (about 1 % of the run) the host waits for the device, so progress is the
 * device's and a cancellation takes effect within about 1 % of the run. The engine stays usable
 * after a cancellation or a failure (the shot's device memory, pinned memory and scratch file are
 * freed). A shot that does not fit the device memory even with the ring staged is refused by
 * {@link #memoryCheck} (the caller migrates it on the CPU).
 */
public final class CudaShotMigrator {

    private final CudaWaveEngine engine;
    private final Path scratchDir;
    private final RingRequest ring;
    private final long hostBudgetBytes;

    /**
     * A migrator whose disk-placed rings go to {@code java.io.tmpdir}.
     *
     * @param engine the GPU engine (not closed by the migrator)
     */
    public CudaShotMigrator(CudaWaveEngine engine) {
        this(engine, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param engine the GPU engine (not closed by the migrator)
     * @param scratchDir directory for the scratch file of a disk-placed ring (created if needed)
     */
    public CudaShotMigrator(CudaWaveEngine engine, Path scratchDir) {
        this(engine, scratchDir, RingRequest.AUTO, -1);
    }

    private CudaShotMigrator(CudaWaveEngine engine, Path scratchDir, RingRequest ring, long hostBudgetBytes) {
        this.engine = engine;
        this.scratchDir = scratchDir;
        this.ring = ring;
        this.hostBudgetBytes = hostBudgetBytes;
    }

    /** This migrator with the ring placement forced (tests, benchmarks). */
    public CudaShotMigrator withRing(RingRequest request) {
        return new CudaShotMigrator(engine, scratchDir, request, hostBudgetBytes);
    }

    /** This migrator with another pinned host budget in bytes (default {@link HostMemoryBudget#bytes()}). */
    public CudaShotMigrator withHostBudget(long bytes) {
        return new CudaShotMigrator(engine, scratchDir, ring, bytes);
    }

    private long hostBudget() {
        return hostBudgetBytes >= 0 ? hostBudgetBytes : HostMemoryBudget.bytes();
    }

    /**
     * Where a shot's ring would go now and what it takes ({@link RtmRingPlan#fits()} false, with
     * the reason, when the GPU cannot take it), for reports.
     *
     * @param interval imaging interval k in steps
     */
    public RtmRingPlan ringPlan(ShotRequest request, int interval) {
        synchronized (engine) {
            return CudaRtmShot.ringPlan(engine, request, interval, hostBudget(), ring);
        }
    }

    /** The engine's name, for reports ("gpu (NVIDIA H200, cc 9.0; stencil pipelined, C-PML fused)"). */
    public String engineName() {
        return engine.name();
    }

    /**
     * Whether a shot can be migrated on the device now (with its ring staged if need be).
     *
     * @return null when it fits, otherwise one line saying why not (memory needed and free)
     */
    public String memoryCheck(ShotRequest request) {
        synchronized (engine) {
            return CudaRtmShot.memoryCheck(engine, request);
        }
    }

    /**
     * Migrates one shot.
     *
     * @param request migration model, physics, source, wavelet, receivers and timing
     * @param observed recorded traces, one per receiver of the request, on its output axis
     * @param interval imaging interval k in steps ({@link MemoryPlan#interval()})
     * @param progress step and total (2·nt)
     * @param cancel checked before every step
     * @return the shot's image and illumination, weighted by dt·k like the CPU's
     * @throws IllegalStateException when the shot does not fit the device memory, or its staged
     *     ring the pinned host memory it was planned for (one line)
     */
    public PartialImage migrate(ShotRequest request, float[][] observed, int interval, ProgressListener progress,
            CancellationToken cancel) {
        return migrate(request, observed, ReceiverData.sameAxis(observed.length, request.timing().outputS()), interval,
                progress, cancel);
    }

    /**
     * Migrates one shot whose traces lie each on its own time axis (recorded data at the file's
     * interval and delays), each brought straight to the propagator's steps as on the CPU.
     *
     * @param axes the time axis of each trace of {@code observed}, in seconds
     * @see #migrate(ShotRequest, float[][], int, ProgressListener, CancellationToken)
     */
    public PartialImage migrate(ShotRequest request, float[][] observed, Sampling[] axes, int interval,
            ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("start of migration");
        if (observed.length != request.receivers().size()) {
            throw new IllegalArgumentException(request.receivers().size() + " receivers but " + observed.length
                    + " traces");
        }
        if (axes.length != observed.length) {
            throw new IllegalArgumentException(observed.length + " traces but " + axes.length + " time axes");
        }
        TimeStepping t = request.timing();
        int steps = t.steps();
        int total = 2 * steps;
        int every = Math.max(1, total / 100);
        Grid grid = request.model().grid();
        try {
            RtmMemoryPlan.checkData(observed.length, steps);  // one line, never an array size's exception
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("engine \"gpu\": " + e.getMessage(), e);
        }
        float[] data = ReceiverData.levelMajor(observed, axes, t.dtS(), steps, true);
        float[] image = new float[grid.points()];
        float[] illumination = new float[grid.points()];
        // The engine's compute stream is shared by every propagator of the engine: one user at a time
        // (CudaWaveEngine.model holds the same lock).
        synchronized (engine) {
            RtmRingPlan plan = CudaRtmShot.ringPlan(engine, request, interval, hostBudget(), ring);
            if (!plan.fits()) {
                throw new IllegalStateException("engine \"gpu\": " + plan.reason());
            }
            // As ShotMigrator: the source field forward, then the receiver field backward.
            WavefieldListener live = progress instanceof WavefieldListener w ? w : null;
            int sectionY = WavefieldSection.yIndex(request.model().grid(), request.source());
            progress.onProgress(0, total);
            try (CudaRtmShot shot = new CudaRtmShot(engine, request, data, interval, plan,
                    floats -> new RingSpill(scratchDir, floats))) {
                for (int n = 0; n < steps; n++) {
                    if (cancel.isCancelled()) {
                        shot.synchronize();
                        cancel.throwIfCancelled("forward step " + n + " of " + steps);
                    }
                    shot.forward(n);
                    if ((n + 1) % every == 0) {
                        shot.synchronize();
                        progress.onProgress(n + 1, total);
                        if (live != null && live.wantsWavefield()) {
                            live.onWavefield(n + 1, shot.sourceSection(sectionY), WavefieldPhase.SOURCE);
                        }
                    }
                }
                for (int n = 0; n < steps; n++) {
                    if (cancel.isCancelled()) {
                        shot.synchronize();
                        cancel.throwIfCancelled("backward step " + n + " of " + steps);
                    }
                    int level = shot.backward();
                    if ((steps + n + 1) % every == 0) {
                        shot.synchronize();
                        progress.onProgress(steps + n + 1, total);
                        if (live != null && live.wantsWavefield()) {
                            live.onWavefield(level, shot.receiverSection(sectionY), WavefieldPhase.RECEIVER);
                        }
                    }
                }
                shot.download(image, illumination);
            }
        }
        float w = (float) (t.dtS() * interval);
        for (int i = 0; i < image.length; i++) {
            image[i] *= w;
            illumination[i] *= w;
        }
        progress.onProgress(total, total);
        return new PartialImage(grid, image, illumination, 1);
    }
}
