package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemHostAlloc;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.RunStats;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.WavefieldSection;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.TraceResampler;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU engine ("CudaEngine" of the issue): the CPU engine's scheme on one CUDA device through
 * the JCuda driver API. Construct only when {@link CudaProbe#available()}.
 *
 * <p>Per shot: plan the device memory ({@link MemoryPlan}) and refuse, or under
 * {@code engine: "auto"} hand the shot to the CPU engine on the job's kernels ({@link CpuFallback}),
 * when it does not fit; set up a
 * {@link CudaPropagator}; record level 0; then for each step launch the step, inject the source
 * sample and sample the receivers into a device trace chunk. Every K levels (about 1 % of the
 * run) the chunk is copied on a second stream into pinned host memory while the compute stream
 * goes on with the next chunk (two chunks on each side, events order them); the host feeds the
 * previous chunk through the CPU's {@link TraceResampler}, reports progress and checks
 * cancellation. The host never runs more than two chunks ahead of the device.
 */
public final class CudaWaveEngine implements WaveEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CudaWaveEngine.class);

    private final CudaContext ctx;
    private final CUstream compute;
    private final CUstream copy;
    /** Where shots that do not fit the device run (engine "auto"); null to refuse them (engine "gpu"). */
    private final CpuFallback cpuFallback;
    /** The stencil kernel asked for, or empty for {@link StencilVariant#fastestFor} each space order. */
    private volatile Optional<StencilVariant> stencil;
    private volatile CpmlLayout cpml;
    private boolean closed;

    /**
     * An engine on the probed device ({@code seiswork.gpu.device}, default 0) that refuses a shot
     * not fitting the device memory (engine "gpu", benchmarks, tests).
     *
     * @throws IllegalStateException when the probe said the GPU is not usable
     * @throws IllegalArgumentException when {@value StencilVariant#PROPERTY} names no stencil variant
     *     or {@value CpmlLayout#PROPERTY} no C-PML layout
     */
    public CudaWaveEngine() {
        this((CpuFallback) null);
    }

    /**
     * As {@link #CudaWaveEngine()}, but a shot that does not fit the device memory runs on a CPU
     * engine on {@code cpuKernels} instead (engine "auto").
     *
     * @param cpuKernels the job's kernel choice ({@link KernelChoice#forJob}), so that a shot
     *     falling back runs on the kernels of the job's CPU engine
     */
    public CudaWaveEngine(KernelChoice cpuKernels) {
        this(new CpuFallback(cpuKernels));
    }

    private CudaWaveEngine(CpuFallback cpuFallback) {
        if (!CudaProbe.available()) {
            throw new IllegalStateException("GPU engine unavailable: " + CudaProbe.reason());
        }
        this.cpuFallback = cpuFallback;
        Optional<StencilVariant> requested = StencilVariant.requested();  // a bad property fails before the device opens
        this.cpml = CpmlLayout.requested();
        this.ctx = CudaContext.open(CudaProbe.device().orElseThrow().ordinal());
        ctx.makeCurrent();
        compute = new CUstream();
        copy = new CUstream();
        cuStreamCreate(compute, CUstream_flags.CU_STREAM_NON_BLOCKING);
        cuStreamCreate(copy, CUstream_flags.CU_STREAM_NON_BLOCKING);
        String why = requested.map(v -> v.deviceReason(ctx.info())).orElse(null);
        if (why != null) {
            LOG.warn(why + "; using the " + StencilVariant.PIPELINED.key() + " stencil");
        }
        this.stencil = why == null ? requested : Optional.of(StencilVariant.PIPELINED);
    }

    /** The stencil kernel asked for, or empty when each propagator takes the fastest for its order. */
    public Optional<StencilVariant> stencilChoice() {
        return stencil;
    }

    /** The stencil kernel this engine's propagators use for a space order, where it fits their grid. */
    public StencilVariant stencilFor(int spaceOrder, boolean threeD) {
        return stencil.orElseGet(() -> StencilVariant.fastestFor(spaceOrder, threeD));
    }

    /** Makes later propagators use {@code choice} (empty: the fastest for each order). */
    public void useStencilChoice(Optional<StencilVariant> choice) {
        choice.ifPresentOrElse(this::useStencil, () -> this.stencil = Optional.empty());
    }

    /**
     * Makes later propagators use {@code variant} (tests and benchmarks compare the variants on
     * one engine).
     *
     * @throws IllegalArgumentException when this device cannot run it
     */
    public void useStencil(StencilVariant variant) {
        String why = variant.deviceReason(ctx.info());
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.stencil = Optional.of(variant);
    }

    /** How this engine's propagators launch the C-PML corrections ({@value CpmlLayout#PROPERTY}). */
    public CpmlLayout cpml() {
        return cpml;
    }

    /** Makes later propagators launch the C-PML corrections in {@code layout} (tests compare the layouts). */
    public void useCpml(CpmlLayout layout) {
        this.cpml = layout;
    }

    /** The device. */
    public DeviceInfo device() {
        return ctx.info();
    }

    /**
     * "gpu (NVIDIA H200, cc 9.0; stencil auto: prefetch at 3D orders 2 and 4, else pipelined; C-PML
     * fused)": the card and the kernels its propagators launch, so that {@code run.json} says
     * which ones produced a result.
     */
    @Override
    public String name() {
        DeviceInfo d = ctx.info();
        String kernels = stencil.map(StencilVariant::key).orElse(StencilVariant.AUTO + ": "
                + StencilVariant.fastestFor(2, true).key() + " at 3D orders 2 and 4, else "
                + StencilVariant.fastestFor(8, true).key());
        return "gpu (" + d.name() + ", cc " + d.ccMajor() + "." + d.ccMinor() + "; stencil " + kernels
                + "; C-PML " + cpml.key() + ")";
    }

    /**
     * Whether shots that do not fit the device memory run on the CPU (engine "auto") rather than
     * being refused (engine "gpu").
     */
    public boolean fallsBackToCpu() {
        return cpuFallback != null;
    }

    /**
     * The kernels of the CPU engine a shot that does not fit runs on (the job's): also those of a
     * migration that falls back to the CPU.
     *
     * @throws IllegalStateException when this engine refuses such shots instead ({@link #fallsBackToCpu})
     */
    public KernelChoice cpuFallbackKernels() {
        return fallback().kernels();
    }

    /**
     * The threads of the CPU engine a shot that does not fit runs on, and a migration that falls
     * back: {@code seiswork run --threads}, else one per available processor.
     *
     * @throws IllegalStateException when this engine refuses such shots instead ({@link #fallsBackToCpu})
     */
    public int cpuFallbackThreads() {
        return fallback().threads();
    }

    /**
     * Runs shots that do not fit on a CPU engine of {@code threads} threads ({@code --threads}).
     *
     * @throws IllegalStateException when this engine refuses such shots instead ({@link #fallsBackToCpu})
     */
    public void useCpuFallbackThreads(int threads) {
        fallback().useThreads(threads);
    }

    private CpuFallback fallback() {
        if (cpuFallback == null) {
            throw new IllegalStateException("engine \"gpu\" refuses shots that do not fit; it has no CPU fallback");
        }
        return cpuFallback;
    }

    /**
     * Why the last shot ran on the CPU instead (it did not fit the device memory), naming the CPU
     * engine and its kernels, or null when it ran on the GPU.
     */
    public String lastFallbackReason() {
        return cpuFallback == null ? null : cpuFallback.lastReason();
    }

    /** The engine's context (device memory figures, kernels), for the RTM driver in this package. */
    CudaContext context() {
        return ctx;
    }

    /**
     * A propagator on this engine's device and compute stream, for callers that drive the time
     * loop themselves (reverse-time migration); close it after use.
     *
     * @param request model, physics and time step (source and receivers are not used)
     */
    public CudaPropagator propagator(ShotRequest request) {
        ctx.makeCurrent();
        return new CudaPropagator(ctx, compute, request.model(), request.physics(), request.timing().dtS(),
                request.wavelet().dominantHz(),
                stencilFor(request.physics().spaceOrder(), !request.model().grid().is2d()), cpml);
    }

    /**
     * Checks a shot's {@link MemoryPlan} against the device's free memory now.
     *
     * @return null when it fits, otherwise one line: what it needs and what is free
     */
    public String memoryCheck(ShotRequest request) {
        MemoryPlan plan = MemoryPlan.estimate(request.model(), request.physics(), request.receivers().size(),
                request.timing().steps());
        long[] mem = ctx.memory();
        if (plan.fits(mem[0])) {
            return null;
        }
        return String.format("the shot needs %s of GPU memory, %.2f GiB of %.2f GiB are free", plan.describe(),
                mem[0] / (double) (1L << 30), mem[1] / (double) (1L << 30));
    }

    @Override
    public synchronized ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("start of shot");
        ctx.makeCurrent();
        String tooBig = memoryCheck(request);
        if (tooBig != null) {
            if (cpuFallback == null) {
                throw new IllegalStateException("engine \"gpu\": " + tooBig);
            }
            return cpuFallback.model(tooBig, request, progress, cancel);
        }
        if (cpuFallback != null) {
            cpuFallback.ranOnGpu();
        }
        TimeStepping timing = request.timing();
        int steps = timing.steps();
        double dt = timing.dtS();
        try (CudaPropagator prop = propagator(request)) {
            PointSpread source = prop.spread(request.source());
            List<Position> rec = request.receivers();
            List<PointSpread> spreads = new ArrayList<>(rec.size());
            for (Position p : rec) {
                spreads.add(prop.spread(p));
            }
            CudaPropagator.DevicePoints src = prop.points(List.of(source));
            CudaPropagator.DevicePoints recs = prop.points(spreads);
            CUdeviceptr wavelet = prop.upload(request.wavelet().sample(dt, steps));
            TraceResampler resampler = new TraceResampler(rec.size(), dt, timing.outputS());
            progress.onProgress(0, steps);
            long t0 = System.nanoTime();
            WavefieldListener live = progress instanceof WavefieldListener w ? w : null;
            int every = Math.max(1, (steps + 99) / 100);
            int sectionY = WavefieldSection.yIndex(request.model().grid(), request.source());
            try (TracePipe pipe = new TracePipe(prop, recs, steps + 1, resampler, progress, steps)) {
                pipe.record();
                for (int n = 0; n < steps; n++) {
                    if (cancel.isCancelled()) {
                        cuStreamSynchronize(compute);
                        cancel.throwIfCancelled("step " + n + " of " + steps);
                    }
                    prop.step();
                    prop.inject(src, wavelet.withByteOffset((long) n * Float.BYTES));
                    pipe.record();
                    if (live != null && (n + 1) % every == 0 && live.wantsWavefield()) {
                        // One plane of the current level: waits for the steps queued so far.
                        live.onWavefield(n + 1, prop.section(sectionY));
                    }
                }
                pipe.finish();
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            progress.onProgress(steps, steps);
            RunStats stats = new RunStats((int) prop.stepsTaken(), dt, prop.computedPoints(), wall);
            return new ShotRecord(resampler.traces(), timing.outputS(), stats);
        }
    }

    /**
     * Receiver values from the device to the resampler: device chunks of K levels × R receivers,
     * two of them, copied asynchronously on the copy stream into two pinned host chunks.
     */
    private final class TracePipe implements AutoCloseable {
        private final CudaPropagator prop;
        private final CudaPropagator.DevicePoints recs;
        private final int receivers;
        private final int chunk;
        private final int levels;
        private final TraceResampler resampler;
        private final ProgressListener progress;
        private final int steps;
        private final CUdeviceptr[] device = new CUdeviceptr[2];
        private final Pointer[] host = new Pointer[2];
        private final FloatBuffer[] hostView = new FloatBuffer[2];
        private final CUevent[] computed = new CUevent[2];
        private final CUevent[] copied = new CUevent[2];
        private final int[] pendingRows = new int[2];
        private final int[] pendingFirstLevel = new int[2];
        private final boolean[] pending = new boolean[2];
        private final float[] values;
        private int level;
        private int lastReported;

        TracePipe(CudaPropagator prop, CudaPropagator.DevicePoints recs, int levels, TraceResampler resampler,
                ProgressListener progress, int steps) {
            this.prop = prop;
            this.recs = recs;
            this.receivers = recs.count();
            this.levels = levels;
            this.chunk = MemoryPlan.chunkLevels(steps, receivers);
            this.resampler = resampler;
            this.progress = progress;
            this.steps = steps;
            this.values = new float[receivers];
            long bytes = (long) chunk * Math.max(1, receivers) * Float.BYTES;
            try {
                for (int b = 0; b < 2; b++) {
                    device[b] = prop.alloc(bytes);  // freed with the propagator
                    Pointer h = new Pointer();
                    cuMemHostAlloc(h, bytes, 0);
                    host[b] = h;
                    hostView[b] = h.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    computed[b] = created();
                    copied[b] = created();
                }
            } catch (RuntimeException | Error e) {
                // try-with-resources never sees a pipe whose constructor failed: free what was made.
                Release.quietly(this::release);
                throw e;
            }
        }

        private static CUevent created() {
            CUevent e = new CUevent();
            cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING);
            return e;
        }

        /** Samples the current level into its chunk row; ships the chunk when full. */
        void record() {
            int c = level / chunk;
            int row = level % chunk;
            int b = c & 1;
            if (row == 0 && c >= 2) {
                // The device chunk was last shipped two chunks ago; its copy must be done.
                cuStreamWaitEvent(compute, copied[b], 0);
            }
            prop.sample(recs, device[b].withByteOffset((long) row * receivers * Float.BYTES));
            level++;
            if (row == chunk - 1 || level == levels) {
                ship(c, b, row + 1);
            }
        }

        private void ship(int c, int b, int rows) {
            cuEventRecord(computed[b], compute);
            cuStreamWaitEvent(copy, computed[b], 0);
            if (receivers > 0) {
                cuMemcpyDtoHAsync(host[b], device[b], (long) rows * receivers * Float.BYTES, copy);
            }
            cuEventRecord(copied[b], copy);
            pending[b] = true;
            pendingRows[b] = rows;
            pendingFirstLevel[b] = c * chunk;
            int other = b ^ 1;
            if (pending[other]) {
                consume(other);
            }
        }

        private void consume(int b) {
            cuEventSynchronize(copied[b]);
            FloatBuffer v = hostView[b];
            for (int row = 0; row < pendingRows[b]; row++) {
                v.position(row * receivers);
                v.get(values, 0, receivers);
                resampler.accept(values);
            }
            pending[b] = false;
            int done = Math.min(steps, pendingFirstLevel[b] + pendingRows[b] - 1);
            if (done > lastReported && done < steps) {
                progress.onProgress(done, steps);
                lastReported = done;
            }
        }

        /** Waits for and consumes whatever is still in flight, oldest first. */
        void finish() {
            int last = ((level - 1) / chunk) & 1;
            if (pending[last ^ 1]) {
                consume(last ^ 1);
            }
            if (pending[last]) {
                consume(last);
            }
        }

        /**
         * Waits for the copies in flight, then frees the events and pinned buffers made so far;
         * after a sticky CUDA error every call fails, and each is still attempted so that nothing
         * pinned outlives the shot. Throws the first failure.
         */
        @Override
        public void close() {
            RuntimeException first = release();
            if (first != null) {
                throw first;
            }
        }

        private RuntimeException release() {
            List<Release.Step> steps = new ArrayList<>();
            steps.add(() -> cuStreamSynchronize(compute));
            steps.add(() -> cuStreamSynchronize(copy));
            for (int b = 0; b < 2; b++) {
                CUevent c = computed[b];
                CUevent d = copied[b];
                Pointer h = host[b];
                if (c != null) {
                    steps.add(() -> cuEventDestroy(c));
                }
                if (d != null) {
                    steps.add(() -> cuEventDestroy(d));
                }
                if (h != null) {
                    steps.add(() -> cuMemFreeHost(h));
                }
            }
            return Release.all(steps.toArray(Release.Step[]::new));
        }
    }


    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ctx.makeCurrent();
            cuStreamDestroy(compute);
            cuStreamDestroy(copy);
        } finally {
            ctx.close();
            if (cpuFallback != null) {
                cpuFallback.close();
            }
        }
    }
}
