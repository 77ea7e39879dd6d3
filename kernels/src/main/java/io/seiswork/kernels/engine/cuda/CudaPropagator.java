package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.volume.Slice;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.WavefieldSection;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;

/**
 * The GPU counterpart of {@code engine.cpu.Propagator}: the padded wavefields, velocity term and
 * C-PML memory variables of one simulation in device memory, advanced one step at a time by the
 * kernels of {@code seiswork.cu} on one stream.
 *
 * <p>The set-up is the CPU engine's own code ({@link PaddedGrid}, {@code CpmlProfile},
 * {@link PointSpread}) arranged by {@link StepPlan}; FD weights come from {@code core.stencil}. A
 * step launches, in the CPU's order: ψ for every slab, the fused stencil + leapfrog update and the
 * slab corrections (in the {@link CpmlLayout#FUSED} layout the stencil runs over the interior box
 * and the layer boxes run stencil and corrections together), the free-surface mirror; then the
 * buffers swap.
 *
 * <p>All launches are asynchronous on the propagator's stream; {@link #current()} and
 * {@link #previous()} are device pointers for further kernels (imaging) on the same stream.
 * Not thread-safe; the owning engine makes its context current before use.
 */
public final class CudaPropagator implements AutoCloseable {

    private final CudaContext ctx;
    private final CUstream stream;
    private final StepPlan plan;
    private final Map<StepPlan.Buffer, CUdeviceptr> device = new IdentityHashMap<>();
    private final List<CUdeviceptr> allocations = new ArrayList<>();
    private final Map<CpmlLayout, List<Launch>> stepLaunches = new EnumMap<>(CpmlLayout.class);
    private final Map<String, Launch> variantLaunches = new HashMap<>();
    private int parity;
    private long stepsTaken;
    private boolean closed;

    /** One kernel launch with its arguments for both buffer parities. */
    private record Launch(CUfunction f, LaunchShape s, Pointer[] params) {
    }

    /**
     * Spreads in device memory (see {@link #points}); freed with the propagator.
     *
     * @param count number of points
     * @param entries number of (cell, weight) entries
     */
    public record DevicePoints(StepPlan.Points plan, int count, int entries) {
    }

    /**
     * @param ctx context with the kernels loaded
     * @param stream stream all launches go to
     * @param model velocity in m/s on the user's grid
     * @param physics space order, layer width, free surface
     * @param dtS time step in seconds (the caller checked the CFL limit)
     * @param dominantHz dominant source frequency in Hz (the C-PML's α)
     * @param stencil the 3D stencil kernel, which the device can run (where it does not fit the
     *     grid the plan keeps the pipelined one)
     * @param cpml how the C-PML corrections are launched
     */
    CudaPropagator(CudaContext ctx, CUstream stream, VelocityModel model, PhysicsOptions physics, double dtS,
            double dominantHz, StencilVariant stencil, CpmlLayout cpml) {
        this.ctx = ctx;
        this.stream = stream;
        this.plan = new StepPlan(model, physics, dtS, dominantHz, 0, stencil, cpml);
        ctx.makeCurrent();
        try {
            realise();
            stepLaunches.put(plan.cpml(), launches(plan.step));
            reset();
        } catch (RuntimeException | Error e) {
            freeAll();
            throw e;
        }
    }

    /**
     * Allocates and uploads every plan buffer not on the device yet. The uploads are synchronous
     * copies from pageable memory, which may return before their DMA ends and are ordered only on
     * the legacy default stream, not on the propagator's non-blocking stream; a context
     * synchronisation after them makes them visible to the kernels that follow.
     */
    private void realise() {
        boolean copied = false;
        for (StepPlan.Buffer b : plan.buffers) {
            if (device.containsKey(b)) {
                continue;
            }
            CUdeviceptr p = new CUdeviceptr();
            cuMemAlloc(p, b.bytes);
            allocations.add(p);
            device.put(b, p);
            if (b.floats != null && b.floats.length > 0) {
                cuMemcpyHtoD(p, Pointer.to(b.floats), (long) b.floats.length * Float.BYTES);
                copied = true;
            } else if (b.ints != null && b.ints.length > 0) {
                cuMemcpyHtoD(p, Pointer.to(b.ints), (long) b.ints.length * Integer.BYTES);
                copied = true;
            } else if (!b.zeroOnReset) {
                cuMemsetD32Async(p, 0, b.bytes / 4, stream);
            }
            b.release();
        }
        if (copied) {
            cuCtxSynchronize();
        }
    }

    /** Kernel parameters: plan buffers, ints, floats, longs, and int[]/float[] structs by value. */
    private Pointer params(Object[] values) {
        return params(values, null);
    }

    /** As {@link #params(Object[])}, plan buffers looked up in this propagator, then in {@code other}. */
    private Pointer params(Object[] values, CudaPropagator other) {
        NativePointerObject[] p = new NativePointerObject[values.length];
        for (int i = 0; i < values.length; i++) {
            p[i] = switch (values[i]) {
                case StepPlan.Buffer b -> Pointer.to(pointer(b, other));
                case StepPlan.At a -> Pointer.to(pointer(a.buffer(), other).withByteOffset(a.byteOffset()));
                case CUdeviceptr d -> Pointer.to(d);
                case Integer n -> Pointer.to(new int[] {n});
                case Float f -> Pointer.to(new float[] {f});
                case Long l -> Pointer.to(new long[] {l});
                case int[] a -> Pointer.to(a);
                case float[] a -> Pointer.to(a);
                default -> throw new IllegalArgumentException("kernel argument " + i + ": " + values[i]);
            };
        }
        return Pointer.to(p);
    }

    private CUdeviceptr pointer(StepPlan.Buffer b) {
        return pointer(b, null);
    }

    private CUdeviceptr pointer(StepPlan.Buffer b, CudaPropagator other) {
        CUdeviceptr p = device.get(b);
        if (p == null && other != null) {
            p = other.device.get(b);
        }
        if (p == null) {
            throw new IllegalStateException("plan buffer not on the device");
        }
        return p;
    }

    private void run(StepPlan.Call c, int par) {
        if (c != null) {
            cuLaunchKernel(ctx.function(c.kernel()), c.shape().gx(), c.shape().gy(), c.shape().gz(), c.shape().bx(),
                    c.shape().by(), 1, 0, stream, params(c.args()[par]), null);
        }
    }

    /** The padded index space (layout of the device fields). */
    public PaddedGrid grid() {
        return plan.grid;
    }

    /** Time step in seconds. */
    public double dtS() {
        return plan.dtS;
    }

    /** Grid points updated per step (user grid plus absorbing layers). */
    public long computedPoints() {
        return plan.grid.computedPoints();
    }

    /** Steps taken since construction or the last {@link #reset()}. */
    public long stepsTaken() {
        return stepsTaken;
    }

    /** The slabs of C-PML memory, in launch order. */
    public List<SlabGeometry> slabs() {
        return plan.slabs;
    }

    /** The stream the propagator launches on. */
    public CUstream stream() {
        return stream;
    }

    /** Device pointer of the current padded field (level n); changes with every step. */
    public CUdeviceptr current() {
        return pointer(plan.u(parity));
    }

    /** Device pointer of the previous padded field (level n − 1). */
    public CUdeviceptr previous() {
        return pointer(plan.un(parity));
    }

    /** Device pointer of m = v² dt² per padded cell (m²). */
    public CUdeviceptr velocityTerm() {
        return pointer(plan.m);
    }

    /** Zeroes both wavefields and the C-PML memory (asynchronously, on the stream). */
    public void reset() {
        ctx.makeCurrent();
        for (StepPlan.Buffer b : plan.buffers) {
            if (b.zeroOnReset) {
                cuMemsetD32Async(pointer(b), 0, b.bytes / 4, stream);
            }
        }
        parity = 0;
        stepsTaken = 0;
    }

    /** How a point of the user's grid couples to the cells (the CPU's {@link PointSpread}). */
    public PointSpread spread(Position p) {
        return PointSpread.at(plan.grid, p);
    }

    /** Advances the current field by one time step (launches only; returns at once). */
    public void step() {
        step(plan.cpml());
    }

    /**
     * {@link #step()} with the launches of a given C-PML layout (the same floats; the benchmark
     * times both).
     */
    void step(CpmlLayout layout) {
        List<Launch> launches = stepLaunches.computeIfAbsent(layout, k -> launches(plan.step(k)));
        for (Launch l : launches) {
            cuLaunchKernel(l.f(), l.s().gx(), l.s().gy(), l.s().gz(), l.s().bx(), l.s().by(), 1, 0, stream,
                    l.params()[parity], null);
        }
        parity ^= 1;
        stepsTaken++;
    }

    /** The entry points of one step in {@code layout}, in launch order (one per launch). */
    List<String> stepKernels(CpmlLayout layout) {
        return plan.step(layout).stream().map(StepPlan.Call::kernel).toList();
    }

    /**
     * Launches only launch {@code index} of a step in {@code layout} and swaps the buffers, for
     * {@link CudaBenchmark}'s per-kernel breakdown of the full step (not the physics of
     * {@link #step()}).
     */
    void launchOnly(CpmlLayout layout, int index) {
        Launch l = stepLaunches.computeIfAbsent(layout, k -> launches(plan.step(k))).get(index);
        cuLaunchKernel(l.f(), l.s().gx(), l.s().gy(), l.s().gz(), l.s().bx(), l.s().by(), 1, 0, stream,
                l.params()[parity], null);
        parity ^= 1;
        stepsTaken++;
    }

    /** The stencil kernel variant {@link #step()} launches where it fits the region. */
    public StencilVariant stencil() {
        return plan.variant();
    }

    /** The C-PML layout {@link #step()} launches. */
    public CpmlLayout cpml() {
        return plan.cpml();
    }

    private List<Launch> launches(List<StepPlan.Call> calls) {
        List<Launch> out = new ArrayList<>();
        for (StepPlan.Call c : calls) {
            out.add(new Launch(ctx.function(c.kernel()), c.shape(),
                    new Pointer[] {params(c.args()[0]), params(c.args()[1])}));
        }
        return out;
    }

    /**
     * Launches only the interior stencil of a step, with a given 3D kernel variant over the
     * compute region, and swaps the buffers, for {@link CudaBenchmark}'s kernel-only timing (no
     * C-PML, no mirror: not the physics of {@link #step()}).
     *
     * @return the kernel launched (the pipelined one where the variant does not fit this grid)
     */
    String stepStencilOnly(StencilVariant variant) {
        StepPlan.Call c = plan.stencil(plan.computeRegion, variant);
        Launch l = variantLaunches.computeIfAbsent(c.kernel(), k -> new Launch(ctx.function(k), c.shape(),
                new Pointer[] {params(c.args()[0]), params(c.args()[1])}));
        cuLaunchKernel(l.f(), l.s().gx(), l.s().gy(), l.s().gz(), l.s().bx(), l.s().by(), 1, 0, stream,
                l.params()[parity], null);
        parity ^= 1;
        stepsTaken++;
        return c.kernel();
    }

    /** Why {@code variant} cannot run this propagator's compute region (see {@link StencilVariant#unfitReason}), or null. */
    String stencilUnfitReason(StencilVariant variant) {
        return variant.unfitReason(plan.grid, plan.computeRegion, plan.order());
    }

    /** Cells the C-PML kernels update per step, summed over the slabs (corners count twice or more). */
    public long layerCells() {
        long n = 0;
        for (SlabGeometry s : plan.slabs) {
            n += s.cells();
        }
        return n;
    }

    /**
     * Adds {@code dt² v² amp[i] δ} to the current field at every spread i of {@code pts}, δ =
     * 1 / cell volume (the CPU's {@code Propagator.inject}).
     *
     * @param amplitudes device pointer to one amplitude per spread of {@code pts}
     */
    public void inject(DevicePoints pts, CUdeviceptr amplitudes) {
        run(plan.inject(parity, pts.plan(), amplitudes), parity);
    }

    /** Writes the current field interpolated at each spread of {@code pts} to {@code out[0 .. count)}. */
    public void sample(DevicePoints pts, CUdeviceptr out) {
        run(plan.sample(parity, pts.plan(), out), parity);
    }

    /** Uploads spreads (the source, or receivers) for {@link #inject} and {@link #sample}. */
    public DevicePoints points(List<PointSpread> spreads) {
        ctx.makeCurrent();
        StepPlan.Points p = plan.points(spreads);
        realise();
        return new DevicePoints(p, p.count(), p.entries());
    }

    /** Uploads a float array into a new device allocation freed with the propagator. */
    public CUdeviceptr upload(float[] host) {
        ctx.makeCurrent();
        StepPlan.Buffer b = plan.floats(host);
        realise();
        return pointer(b);
    }

    /** A zeroed device allocation of {@code bytes}, freed with the propagator. */
    public CUdeviceptr alloc(long bytes) {
        ctx.makeCurrent();
        StepPlan.Buffer b = plan.scratch(bytes);
        realise();
        return pointer(b);
    }

    /**
     * The plan this propagator executes, for a driver that adds buffers and launches of its own
     * (reverse-time migration: {@link RtmPlan}); call {@link #realiseAdded()} after adding buffers.
     */
    StepPlan plan() {
        return plan;
    }

    /** Device address of a position in one of this propagator's plan buffers. */
    CUdeviceptr address(StepPlan.At a) {
        return pointer(a.buffer()).withByteOffset(a.byteOffset());
    }

    /** Allocates and uploads the buffers added to {@link #plan()} since the last upload. */
    void realiseAdded() {
        ctx.makeCurrent();
        realise();
    }

    /**
     * Launches the step's kernels for an explicit buffer parity (the caller keeps the parity:
     * {@link #current()} and {@link #stepsTaken()} are not updated). The arguments were built
     * once, so nothing is allocated.
     */
    void stepAt(int par) {
        for (Launch l : stepLaunches.get(plan.cpml())) {
            cuLaunchKernel(l.f(), l.s().gx(), l.s().gy(), l.s().gz(), l.s().bx(), l.s().by(), 1, 0, stream,
                    l.params()[par], null);
        }
    }

    /**
     * Launches a call of a plan on this propagator's stream, its plan buffers looked up here and
     * then in {@code other} (which must use the same context; the source and receiver fields of
     * reverse-time migration share the engine's compute stream).
     */
    void launch(StepPlan.Call c, int par, CudaPropagator other) {
        if (c != null) {
            cuLaunchKernel(ctx.function(c.kernel()), c.shape().gx(), c.shape().gy(), c.shape().gz(), c.shape().bx(),
                    c.shape().by(), 1, 0, stream, params(c.args()[par], other), null);
        }
    }

    /**
     * The x-z section of the current level at user y index {@code iy}, cropped to the user's grid
     * (as the CPU engine gives it): one padded plane copied to the host after the stream has done
     * the steps queued so far.
     */
    public Slice section(int iy) {
        return section(plan.u(parity), iy);
    }

    /** {@link #section(int)} of one of this propagator's field buffers (RTM keeps its own parity). */
    Slice section(StepPlan.Buffer field, int iy) {
        ctx.makeCurrent();
        PaddedGrid g = plan.grid;
        long planeFloats = (long) g.nx() * g.nz();
        float[] plane = new float[(int) planeFloats];
        cuStreamSynchronize(stream);
        cuMemcpyDtoH(Pointer.to(plane), pointer(field).withByteOffset((long) (g.offY() + iy) * planeFloats
                * Float.BYTES), planeFloats * Float.BYTES);
        return WavefieldSection.of(g, plane, 0, iy);
    }

    /** Copies the first {@code out.length} floats of a device buffer to the host; synchronises the stream first. */
    void download(StepPlan.Buffer b, float[] out) {
        ctx.makeCurrent();
        cuStreamSynchronize(stream);
        cuMemcpyDtoH(Pointer.to(out), pointer(b), (long) out.length * Float.BYTES);
    }

    /** Copies a padded field (for example {@link #current()}) to the host; synchronises the stream. */
    public float[] download(CUdeviceptr field) {
        ctx.makeCurrent();
        cuStreamSynchronize(stream);
        float[] out = new float[plan.grid.points()];
        cuMemcpyDtoH(Pointer.to(out), field, (long) out.length * Float.BYTES);
        return out;
    }

    /** Blocks until every launch so far has finished. */
    public void synchronize() {
        ctx.makeCurrent();
        cuStreamSynchronize(stream);
    }

    private void freeAll() {
        for (CUdeviceptr p : allocations) {
            Release.quietly(() -> cuMemFree(p));  // keep freeing the rest; the first error has been reported
        }
        allocations.clear();
        device.clear();
    }

    /** Waits for the stream and frees the device memory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.makeCurrent();
        try {
            cuStreamSynchronize(stream);
        } finally {
            freeAll();
        }
    }
}
