package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.RunStats;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.WavefieldSection;
import java.util.List;
import java.util.Objects;

/**
 * The pure-Java engine: a {@link Propagator} on a persistent team of threads, one per core by
 * default, reused for every shot.
 *
 * <p>Per shot: set up the propagator (velocity squared times dt², PML profiles and memory), then
 * record level 0, then for each step advance, inject the source sample and record the new level.
 * The receivers' traces are resampled to the output axis on the fly ({@link TraceResampler}).
 */
public final class CpuWaveEngine implements WaveEngine {

    private final WorkerPool pool;
    private final KernelChoice kernels;

    /**
     * An engine with one thread per available processor, each propagation on the kernels its work
     * calls for. For tests only, which model shots without a job: every run, the GPU engine's CPU
     * fallback included, gives its job's choice ({@link #CpuWaveEngine(KernelChoice)}).
     */
    public CpuWaveEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * An engine whose propagations each take the kernels their own work calls for. For tests only,
     * as {@link #CpuWaveEngine()}; a benchmark without a job says so
     * ({@link KernelChoice#perPropagation()}).
     *
     * @param threads number of threads, at least 1
     */
    public CpuWaveEngine(int threads) {
        this(threads, KernelChoice.perPropagation());
    }

    /**
     * An engine with one thread per available processor whose propagations take the kernels
     * {@code kernels} chooses (a job's: {@link KernelChoice#forJob}).
     */
    public CpuWaveEngine(KernelChoice kernels) {
        this(Runtime.getRuntime().availableProcessors(), kernels);
    }

    /**
     * @param threads number of threads, at least 1
     * @param kernels how its propagations choose between the vector and scalar kernels
     */
    public CpuWaveEngine(int threads, KernelChoice kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.pool = new WorkerPool(threads);
    }

    /** Number of threads the engine runs on. */
    public int threads() {
        return pool.size();
    }

    /** How this engine's propagations choose their kernels: a job's choice, or each by its own work. */
    public KernelChoice kernels() {
        return kernels;
    }

    /**
     * {@inheritDoc} With the kernels every propagation takes ("Vector API" or "scalar"), which
     * decide the result's last bits; an engine whose propagations each decide by their own work
     * names the kernels its large ones take.
     */
    @Override
    public String name() {
        String family = kernels.family();
        return "cpu (" + pool.size() + (pool.size() == 1 ? " thread, " : " threads, ")
                + (family != null ? family : ColumnKernel.vectorAvailable() ? "Vector API" : "scalar") + ")";
    }

    /**
     * A propagator on this engine's threads, for callers that drive the time loop themselves
     * (reverse-time migration): on the scalar kernels when the work weighed is small (the job's,
     * or this propagation's: {@link KernelChoice}), else on the Vector API's where the JVM has them.
     *
     * @param request model, physics and time steps (source and receivers are not used)
     */
    public Propagator propagator(ShotRequest request) {
        PhysicsOptions physics = request.physics();
        long points = new PaddedGrid(request.model().grid(), physics.boundaryWidth(), physics.operator().radius(),
                physics.freeSurface()).computedPoints();
        return new Propagator(request.model(), physics, request.timing().dtS(), request.wavelet().dominantHz(), pool,
                kernels.vectorFor(points, request.timing().steps()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Synchronised: the engine's threads serve one shot at a time, so a second caller waits.
     */
    @Override
    public synchronized ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("start of shot");
        TimeStepping timing = request.timing();
        Propagator prop = propagator(request);
        PointSpread source = prop.spread(request.source());
        List<Position> rec = request.receivers();
        PointSpread[] receivers = new PointSpread[rec.size()];
        for (int i = 0; i < receivers.length; i++) {
            receivers[i] = prop.spread(rec.get(i));
        }
        int steps = timing.steps();
        double dt = timing.dtS();
        float[] f = request.wavelet().sample(dt, steps);
        float[] values = new float[receivers.length];
        TraceResampler resampler = new TraceResampler(receivers.length, dt, timing.outputS());
        int every = Math.max(1, (steps + 99) / 100);
        int sectionY = WavefieldSection.yIndex(request.model().grid(), request.source());
        progress.onProgress(0, steps);
        long t0 = System.nanoTime();
        record(prop, receivers, values, resampler);
        for (int n = 0; n < steps; n++) {
            if (cancel.isCancelled()) {
                cancel.throwIfCancelled("step " + n + " of " + steps);
            }
            prop.step();
            prop.inject(source, f[n]);
            record(prop, receivers, values, resampler);
            if ((n + 1) % every == 0 && n + 1 < steps) {
                progress.onProgress(n + 1, steps);
                if (progress instanceof WavefieldListener w && w.wantsWavefield()) {
                    w.onWavefield(n + 1, WavefieldSection.ofField(prop.grid(), prop.current(), sectionY));
                }
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        progress.onProgress(steps, steps);
        RunStats stats = new RunStats((int) prop.stepsTaken(), dt, prop.computedPoints(), wall);
        return new ShotRecord(resampler.traces(), timing.outputS(), stats);
    }

    private static void record(Propagator prop, PointSpread[] receivers, float[] values, TraceResampler resampler) {
        for (int r = 0; r < receivers.length; r++) {
            values[r] = prop.sample(receivers[r]);
        }
        resampler.accept(values);
    }


    @Override
    public void close() {
        pool.close();
    }
}
