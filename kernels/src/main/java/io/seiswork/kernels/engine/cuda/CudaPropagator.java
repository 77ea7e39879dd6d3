package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.FirstDerivative;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.CpmlProfile;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The set-up is the CPU engine's own code: {@link PaddedGrid} (layout, layers, z alignment,
 * model extension), {@link CpmlProfile} (damping coefficients), {@link PointSpread} (Hicks
 * weights), with the finite-difference weights from {@code core.stencil}. A step launches, in
 * the CPU's order: ψ for every slab, the fused stencil + leapfrog update, the slab corrections
 * (x, y, z sides in the CPU's order), the free-surface mirror; then the buffers swap.
 *
 * <p>All launches are asynchronous on the propagator's stream; {@link #current()} and
 * {@link #previous()} are device pointers for further kernels (imaging) on the same stream.
 * Not thread-safe; the owning engine makes its context current before use.
 */
public final class CudaPropagator implements AutoCloseable {

    private static final int BLOCK_1D = 128;

    private final CudaContext ctx;
    private final CUstream stream;
    private final PaddedGrid grid;
    private final double dtS;
    private final float cellInverseVolume;
    private final CUdeviceptr[] fields = new CUdeviceptr[2];
    private final CUdeviceptr m;
    private final List<CUdeviceptr> allocations = new ArrayList<>();
    private final List<CUdeviceptr> zeroOnReset = new ArrayList<>();
    private final java.util.Map<CUdeviceptr, Long> sizes = new java.util.IdentityHashMap<>();
    private final List<Launch> stepLaunches = new ArrayList<>();
    private final CUfunction inject;
    private final CUfunction sample;
    private final List<SlabGeometry> slabs;
    private final long computedPoints;
    private int parity;
    private long stepsTaken;
    private boolean closed;

    /** One kernel launch with its arguments for both buffer parities. */
    private record Launch(CUfunction f, LaunchShape s, Pointer[] params) {
    }

    /**
     * @param ctx current context with the kernels loaded
     * @param stream stream all launches go to
     * @param model velocity in m/s on the user's grid
     * @param physics space order, layer width, free surface
     * @param dtS time step in seconds (the caller checked the CFL limit)
     * @param dominantHz dominant source frequency in Hz (the C-PML's α)
     */
    CudaPropagator(CudaContext ctx, CUstream stream, VelocityModel model, PhysicsOptions physics, double dtS,
            double dominantHz) {
        this.ctx = ctx;
        this.stream = stream;
        this.dtS = dtS;
        Grid g = model.grid();
        SecondDerivative op = physics.operator();
        int order = physics.spaceOrder();
        int r = op.radius();
        int w = physics.boundaryWidth();
        this.grid = new PaddedGrid(g, w, r, physics.freeSurface());
        this.computedPoints = grid.computedPoints();
        this.cellInverseVolume = (float) (1.0 / (g.dx() * g.dz() * (g.is2d() ? 1 : g.dy())));
        boolean threeD = !g.is2d();
        ctx.makeCurrent();
        try {
            // m = v² dt², computed as the CPU does (float).
            float[] v = grid.extend(model.values());
            float dt2 = (float) (dtS * dtS);
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * v[i] * dt2;
            }
            m = upload(v);
            fields[0] = alloc((long) grid.points() * Float.BYTES, true);
            fields[1] = alloc((long) grid.points() * Float.BYTES, true);

            double vmax = model.max();
            CpmlProfile px = new CpmlProfile(grid.nx(), r, w, true, true, g.dx(), vmax, dtS, dominantHz);
            CpmlProfile py = threeD ? new CpmlProfile(grid.ny(), r, w, true, true, g.dy(), vmax, dtS, dominantHz)
                    : null;
            CpmlProfile pz = new CpmlProfile(grid.nz(), r, w, !physics.freeSurface(), true, g.dz(), vmax, dtS,
                    dominantHz);
            this.slabs = SlabGeometry.of(grid, px, py, pz);
            CpmlProfile[] profiles = {px, py, pz};
            CUdeviceptr[] pa = new CUdeviceptr[3];
            CUdeviceptr[] pb = new CUdeviceptr[3];
            float[][] axisWeights = new float[3][];
            double[] h = {g.dx(), g.dy(), g.dz()};
            FirstDerivative op1 = FirstDerivative.ofOrder(order);
            for (int axis = 0; axis < 3; axis++) {
                if (profiles[axis] != null) {
                    pa[axis] = upload(profiles[axis].a());
                    pb[axis] = upload(profiles[axis].b());
                    axisWeights[axis] = axisWeights(op, op1, h[axis]);
                }
            }

            int nx = grid.nx();
            int nz = grid.nz();
            int[] region = {r, nx - r, grid.y0(), grid.y1(), r, nz - r};
            int zLen = nz - 2 * r;
            int xLen = nx - 2 * r;
            int yLen = grid.y1() - grid.y0();
            float[] weights = stencilWeights(op, g);

            // 1. ψ of every slab (reads u).
            List<CUdeviceptr> psis = new ArrayList<>();
            List<CUdeviceptr> zetas = new ArrayList<>();
            for (SlabGeometry s : slabs) {
                psis.add(alloc(s.boxCells() * Float.BYTES, true));
                zetas.add(alloc(s.boxCells() * Float.BYTES, true));
            }
            CUfunction psiF = ctx.function(CudaKernels.cpmlPsi(order));
            for (int i = 0; i < slabs.size(); i++) {
                SlabGeometry s = slabs.get(i);
                LaunchShape shape = LaunchShape.tiles(s.z1() - s.z0(), s.x1() - s.x0(), s.y1() - s.y0(), 32, 8);
                int a = s.axis();
                CUdeviceptr psi = psis.get(i);
                stepLaunches.add(launch(psiF, shape, par -> new Object[] {u(par), psi, pa[a], pb[a], nx, nz,
                        s.kernelStruct(), axisWeights[a]}));
            }
            // 2. Interior stencil fused with the leapfrog update (writes un).
            CUfunction stencilF = ctx.function(CudaKernels.stencil(threeD, order));
            if (threeD) {
                LaunchShape tiles = LaunchShape.tiles(zLen, xLen, 1, LaunchShape.TILE_Z, LaunchShape.TILE_X);
                long target = 16L * Math.max(1, ctx.info().multiprocessors());
                int chunk = LaunchShape.yChunk(yLen, tiles.blocks(), target);
                LaunchShape shape = new LaunchShape(tiles.gx(), tiles.gy(), LaunchShape.ceil(yLen, chunk),
                        LaunchShape.TILE_Z, LaunchShape.TILE_X);
                stepLaunches.add(launch(stencilF, shape,
                        par -> new Object[] {u(par), un(par), m, nx, nz, region, chunk, weights}));
            } else {
                LaunchShape shape = LaunchShape.tiles(zLen, xLen, 1, 32, 8);
                stepLaunches.add(launch(stencilF, shape,
                        par -> new Object[] {u(par), un(par), m, nz, region, weights}));
            }
            // 3. Slab corrections in the CPU's order (writes un in layer cells).
            CUfunction correctF = ctx.function(CudaKernels.cpmlCorrect(order));
            for (int i = 0; i < slabs.size(); i++) {
                SlabGeometry s = slabs.get(i);
                LaunchShape shape = LaunchShape.tiles(s.z1() - s.z0(), s.x1() - s.x0(), s.y1() - s.y0(), 32, 8);
                int a = s.axis();
                CUdeviceptr psi = psis.get(i);
                CUdeviceptr zeta = zetas.get(i);
                stepLaunches.add(launch(correctF, shape, par -> new Object[] {u(par), un(par), m, psi, zeta,
                        pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
            }
            // 4. Free surface mirror (writes un).
            if (grid.freeSurface()) {
                LaunchShape shape = new LaunchShape(LaunchShape.ceil(xLen, BLOCK_1D), yLen, 1, BLOCK_1D, 1);
                int surface = grid.offZ();
                stepLaunches.add(launch(ctx.function("free_surface"), shape,
                        par -> new Object[] {un(par), nx, nz, r, nx - r, grid.y0(), r, surface}));
            }
            this.inject = ctx.function("inject_points");
            this.sample = ctx.function("sample_points");
        } catch (RuntimeException | Error e) {
            freeAll();
            throw e;
        }
        reset();
    }

    /** Combined stencil weights, struct StencilWeights of seiswork.cu: centre, z, x, y (1/m²). */
    static float[] stencilWeights(SecondDerivative op, Grid g) {
        float[] w = new float[16];
        boolean threeD = !g.is2d();
        double c0 = op.coefficient(0) * (1 / (g.dx() * g.dx()) + 1 / (g.dz() * g.dz())
                + (threeD ? 1 / (g.dy() * g.dy()) : 0));
        w[0] = (float) c0;
        for (int k = 1; k <= op.radius(); k++) {
            w[k] = (float) (op.coefficient(k) / (g.dz() * g.dz()));
            w[4 + k] = (float) (op.coefficient(k) / (g.dx() * g.dx()));
            w[8 + k] = threeD ? (float) (op.coefficient(k) / (g.dy() * g.dy())) : 0f;
        }
        return w;
    }

    /** Struct AxisWeights of seiswork.cu: d1[k] = a_k / h (1/m), d2[k] = c_k / h² (1/m²). */
    static float[] axisWeights(SecondDerivative op, FirstDerivative op1, double h) {
        float[] w = new float[10];
        for (int k = 1; k <= op1.radius(); k++) {
            w[k] = (float) (op1.coefficient(k) / h);
        }
        for (int k = 0; k <= op.radius(); k++) {
            w[5 + k] = (float) (op.coefficient(k) / (h * h));
        }
        return w;
    }

    private CUdeviceptr u(int par) {
        return fields[par];
    }

    private CUdeviceptr un(int par) {
        return fields[1 - par];
    }

    private Launch launch(CUfunction f, LaunchShape s, java.util.function.IntFunction<Object[]> args) {
        return new Launch(f, s, new Pointer[] {params(args.apply(0)), params(args.apply(1))});
    }

    /** Kernel parameters: device pointers, ints, floats, longs, and int[]/float[] structs by value. */
    static Pointer params(Object... values) {
        NativePointerObject[] p = new NativePointerObject[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            p[i] = switch (v) {
                case CUdeviceptr d -> Pointer.to(d);
                case Integer n -> Pointer.to(new int[] {n});
                case Float f -> Pointer.to(new float[] {f});
                case Long l -> Pointer.to(new long[] {l});
                case int[] a -> Pointer.to(a);
                case float[] a -> Pointer.to(a);
                default -> throw new IllegalArgumentException("kernel argument " + i + ": " + v);
            };
        }
        return Pointer.to(p);
    }

    private void run(CUfunction f, LaunchShape s, Pointer params) {
        cuLaunchKernel(f, s.gx(), s.gy(), s.gz(), s.bx(), s.by(), 1, 0, stream, params, null);
    }

    /** The padded index space (layout of the device fields). */
    public PaddedGrid grid() {
        return grid;
    }

    /** Time step in seconds. */
    public double dtS() {
        return dtS;
    }

    /** Grid points updated per step (user grid plus absorbing layers). */
    public long computedPoints() {
        return computedPoints;
    }

    /** Steps taken since construction or the last {@link #reset()}. */
    public long stepsTaken() {
        return stepsTaken;
    }

    /** The slabs of C-PML memory, in launch order. */
    public List<SlabGeometry> slabs() {
        return slabs;
    }

    /** The stream the propagator launches on. */
    public CUstream stream() {
        return stream;
    }

    /** Device pointer of the current padded field (level n); changes with every step. */
    public CUdeviceptr current() {
        return fields[parity];
    }

    /** Device pointer of the previous padded field (level n − 1). */
    public CUdeviceptr previous() {
        return fields[1 - parity];
    }

    /** Device pointer of m = v² dt² per padded cell (m²). */
    public CUdeviceptr velocityTerm() {
        return m;
    }

    /** Zeroes both wavefields and the C-PML memory (asynchronously, on the stream). */
    public void reset() {
        ctx.makeCurrent();
        for (CUdeviceptr p : zeroOnReset) {
            cuMemsetD32Async(p, 0, sizes.get(p) / Float.BYTES, stream);
        }
        parity = 0;
        stepsTaken = 0;
    }

    /** How a point of the user's grid couples to the cells (the CPU's {@link PointSpread}). */
    public PointSpread spread(Position p) {
        return PointSpread.at(grid, p);
    }

    /** Advances the current field by one time step (launches only; returns at once). */
    public void step() {
        for (Launch l : stepLaunches) {
            run(l.f(), l.s(), l.params()[parity]);
        }
        parity ^= 1;
        stepsTaken++;
    }

    /**
     * Adds {@code dt² v² amp[owner] δ} to the current field at every spread of {@code pts}, δ =
     * 1 / cell volume (the CPU's {@code Propagator.inject}).
     *
     * @param amplitudes device array holding one amplitude per owner (spread) of {@code pts}
     */
    public void inject(DevicePoints pts, CUdeviceptr amplitudes) {
        if (pts.entries() == 0) {
            return;
        }
        run(inject, new LaunchShape(LaunchShape.ceil(pts.entries(), BLOCK_1D), 1, 1, BLOCK_1D, 1),
                params(current(), m, pts.index(), pts.weight(), pts.owner(), amplitudes, cellInverseVolume,
                        pts.entries()));
    }

    /** Writes the current field interpolated at each spread of {@code pts} to {@code out[0 .. count)}. */
    public void sample(DevicePoints pts, CUdeviceptr out) {
        if (pts.count() == 0) {
            return;
        }
        run(sample, new LaunchShape(LaunchShape.ceil(pts.count(), BLOCK_1D), 1, 1, BLOCK_1D, 1),
                params(current(), pts.index(), pts.weight(), pts.start(), pts.count(), out));
    }

    /** Uploads spreads (source or receivers) for {@link #inject} and {@link #sample}. */
    public DevicePoints points(List<PointSpread> spreads) {
        ctx.makeCurrent();
        int n = 0;
        for (PointSpread s : spreads) {
            n += s.size();
        }
        int[] index = new int[n];
        float[] weight = new float[n];
        int[] owner = new int[n];
        int[] start = new int[spreads.size() + 1];
        int k = 0;
        for (int i = 0; i < spreads.size(); i++) {
            start[i] = k;
            int[] idx = spreads.get(i).indices();
            float[] w = spreads.get(i).weights();
            System.arraycopy(idx, 0, index, k, idx.length);
            System.arraycopy(w, 0, weight, k, w.length);
            java.util.Arrays.fill(owner, k, k + idx.length, i);
            k += idx.length;
        }
        start[spreads.size()] = k;
        return new DevicePoints(upload(index), upload(weight), upload(owner), upload(start), spreads.size(), n);
    }

    /** Copies the current padded field to the host (synchronises the stream). */
    public float[] download(CUdeviceptr field) {
        ctx.makeCurrent();
        cuStreamSynchronize(stream);
        float[] out = new float[grid.points()];
        cuMemcpyDtoH(Pointer.to(out), field, (long) out.length * Float.BYTES);
        return out;
    }

    /** Uploads a float array into a new device allocation freed with the propagator. */
    public CUdeviceptr upload(float[] host) {
        CUdeviceptr p = alloc(Math.max(1, (long) host.length) * Float.BYTES, false);
        if (host.length > 0) {
            cuMemcpyHtoD(p, Pointer.to(host), (long) host.length * Float.BYTES);
        }
        return p;
    }

    private CUdeviceptr upload(int[] host) {
        CUdeviceptr p = alloc(Math.max(1, (long) host.length) * Integer.BYTES, false);
        if (host.length > 0) {
            cuMemcpyHtoD(p, Pointer.to(host), (long) host.length * Integer.BYTES);
        }
        return p;
    }

    /** A device allocation freed with the propagator; {@code zero}: cleared by {@link #reset()}. */
    public CUdeviceptr alloc(long bytes, boolean zero) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, bytes);
        allocations.add(p);
        sizes.put(p, bytes);
        if (zero) {
            zeroOnReset.add(p);
        }
        return p;
    }

    /** Blocks until every launch so far has finished. */
    public void synchronize() {
        ctx.makeCurrent();
        cuStreamSynchronize(stream);
    }

    private void freeAll() {
        for (CUdeviceptr p : allocations) {
            try {
                cuMemFree(p);
            } catch (RuntimeException ignored) {
                // keep freeing the rest; the context reports the first error elsewhere
            }
        }
        allocations.clear();
        zeroOnReset.clear();
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

    /**
     * Spreads in device memory: entries (cell index, weight, owner) of {@code count} points,
     * point i owning entries {@code [start[i], start[i+1])}. Freed with the propagator.
     */
    public record DevicePoints(CUdeviceptr index, CUdeviceptr weight, CUdeviceptr owner, CUdeviceptr start, int count,
            int entries) {
    }
}
