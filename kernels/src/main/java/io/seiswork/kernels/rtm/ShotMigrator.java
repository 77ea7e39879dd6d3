package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WavefieldSection;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.nio.file.Path;

/**
 * Reverse-time migration of one shot on the CPU engine.
 *
 * <ol>
 *   <li>Forward: the source wavelet is propagated through the migration model for nt steps and
 *       the chosen {@link WavefieldStrategy} keeps what it needs (snapshots or boundary ring, in
 *       memory or in a scratch file).
 *   <li>Backward: a second propagation ({@link Propagator#handOverLayer()}: it shares the
 *       velocity term and the C-PML coefficients with the first and takes over its C-PML
 *       memory, which the source field no longer needs) injects the recorded traces
 *       time-reversed at the receivers ({@link ReceiverWavefield}); every {@code interval} levels the source field of
 *       the same level is fetched and the cross-correlation {@code S·R} and illumination
 *       {@code S²} are added on the user's grid ({@link ImagingKernel}).
 * </ol>
 *
 * <p>Progress counts 2·nt steps (forward then backward); cancellation is checked before every
 * step. The result is a {@link PartialImage}: normalisation and filtering happen after stacking.
 * The data are injected as {@code −∂d/∂t}, in 2D and 3D, so that the image of a positive
 * reflection coefficient is a positive zero-phase peak (see {@link ReceiverWavefield}).
 */
public final class ShotMigrator {

    private final CpuWaveEngine engine;
    private final Path scratchDir;

    /**
     * @param engine the CPU engine whose threads run the propagations and the imaging
     * @param scratchDir directory for the scratch files of the disk strategy and of the boundary
     *     strategy's ring
     */
    public ShotMigrator(CpuWaveEngine engine, Path scratchDir) {
        this.engine = engine;
        this.scratchDir = scratchDir;
    }

    /**
     * Migrates one shot.
     *
     * @param request migration model, physics, source, wavelet, receivers and timing
     * @param observed recorded traces, one per receiver of the request, on its output axis
     * @param plan strategy and imaging interval ({@link MemoryPlan#of})
     * @param progress step and total (2·nt)
     * @param cancel checked before every step
     * @return the shot's image and illumination
     */
    public PartialImage migrate(ShotRequest request, float[][] observed, MemoryPlan plan, ProgressListener progress,
            CancellationToken cancel) {
        return migrate(request, observed, ReceiverData.sameAxis(observed.length, request.timing().outputS()), plan,
                progress, cancel);
    }

    /**
     * Migrates one shot whose traces lie each on its own time axis (recorded data at the file's
     * interval and delays): each is brought straight to the propagator's steps
     * ({@link TraceUpsampler}), never through the output interval, which may be coarser than the
     * data's band.
     *
     * @param axes the time axis of each trace of {@code observed}, in seconds
     * @see #migrate(ShotRequest, float[][], MemoryPlan, ProgressListener, CancellationToken)
     */
    public PartialImage migrate(ShotRequest request, float[][] observed, Sampling[] axes, MemoryPlan plan,
            ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("start of migration");
        TimeStepping t = request.timing();
        int steps = t.steps();
        int k = plan.interval();
        int total = 2 * steps;
        int every = Math.max(1, total / 100);
        Propagator forward = engine.propagator(request);
        PointSpread source = forward.spread(request.source());
        float[] f = request.wavelet().sample(t.dtS(), steps);
        PartialImage out = PartialImage.empty(request.model().grid());
        // A listener that watches the wavefield sees the source field forward, then the receiver
        // field backward, in the x-z section through the source.
        WavefieldListener live = progress instanceof WavefieldListener w ? w : null;
        int sectionY = WavefieldSection.yIndex(request.model().grid(), request.source());
        progress.onProgress(0, total);
        try (SourceWavefield store = create(plan.strategy(), plan.ringInMemory(), forward, source, f, steps, k)) {
            for (int n = 0; n < steps; n++) {
                if (cancel.isCancelled()) {
                    cancel.throwIfCancelled("forward step " + n + " of " + steps);
                }
                forward.step();
                forward.inject(source, f[n]);
                store.record(forward, n + 1);
                if ((n + 1) % every == 0) {
                    progress.onProgress(n + 1, total);
                    if (live != null && live.wantsWavefield()) {
                        live.onWavefield(n + 1, WavefieldSection.ofField(forward.grid(), forward.current(), sectionY),
                                WavefieldPhase.SOURCE);
                    }
                }
            }
            // The receiver propagation shares the velocity term and C-PML coefficients and takes
            // the C-PML memory over: the source field needs no absorbing layer from here on.
            Propagator backward = forward.handOverLayer();
            if (plan.strategy() != WavefieldStrategy.BOUNDARY) {
                forward = null; // snapshots hold all the source field needs; free the propagation
            }
            ReceiverWavefield receivers = new ReceiverWavefield(backward, request.receivers(), observed, axes,
                    steps, true);
            ImagingKernel imaging = new ImagingKernel(backward.grid(), backward.pool(), out.image(),
                    out.illumination());
            float w = (float) (t.dtS() * k);
            for (int n = 0; n < steps; n++) {
                if (cancel.isCancelled()) {
                    cancel.throwIfCancelled("backward step " + n + " of " + steps);
                }
                receivers.stepBack();
                int level = receivers.level();
                if (level % k == 0) {
                    imaging.accumulate(store.at(level), store.padded(), receivers.field(), w);
                }
                if ((steps + n + 1) % every == 0) {
                    progress.onProgress(steps + n + 1, total);
                    if (live != null && live.wantsWavefield()) {
                        // The receiver wavefield, going back in time: its level is its time step.
                        live.onWavefield(level, WavefieldSection.ofField(backward.grid(), receivers.field(), sectionY),
                                WavefieldPhase.RECEIVER);
                    }
                }
            }
        }
        progress.onProgress(total, total);
        return new PartialImage(out.grid(), out.image(), out.illumination(), 1);
    }

    private SourceWavefield create(WavefieldStrategy s, boolean ringInMemory, Propagator forward, PointSpread source,
            float[] f, int steps, int k) {
        return switch (s) {
            case MEMORY -> new SnapshotWavefield(forward.grid(), k, steps);
            case BOUNDARY -> ringInMemory ? BoundaryWavefield.inMemory(forward, source, f, steps)
                    : BoundaryWavefield.spilled(forward, source, f, steps, scratchDir);
            case DISK -> new DiskWavefield(forward.grid(), k, scratchDir);
        };
    }
}
