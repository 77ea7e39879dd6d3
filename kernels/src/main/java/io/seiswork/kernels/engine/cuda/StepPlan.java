package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.FirstDerivative;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.CpmlProfile;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one propagator puts on the device and launches, independent of the CUDA API: the
 * buffers (with their initial contents) and the kernel calls of one time step, with arguments
 * for both buffer parities. {@link CudaPropagator} executes it through JCuda; the kernel
 * emulation test executes the same plan with {@code seiswork.cu} compiled for the host, so the
 * arguments, order and geometry the GPU gets are checked against the CPU engine without a GPU.
 *
 * <p>Kernel arguments are {@link Buffer} (a device pointer), {@link At} (a pointer plus a byte
 * offset), {@link Integer}, {@link Long}, {@link Float}, and {@code int[]}/{@code float[]} for
 * structs passed by value.
 */
final class StepPlan {

    /** Threads per block of the one-dimensional kernels. */
    static final int BLOCK_1D = 128;

    /** A device buffer: initial floats or ints (uploaded), or zeroed at every reset. */
    static final class Buffer {
        final long bytes;
        final boolean zeroOnReset;
        float[] floats;
        int[] ints;

        Buffer(long bytes, float[] floats, int[] ints, boolean zeroOnReset) {
            this.bytes = Math.max(4, bytes);
            this.floats = floats;
            this.ints = ints;
            this.zeroOnReset = zeroOnReset;
        }

        /** Drops the host copy of the initial contents (after the upload). */
        void release() {
            floats = null;
            ints = null;
        }

        /** This buffer plus a byte offset, as a kernel argument. */
        At at(long byteOffset) {
            return new At(this, byteOffset);
        }
    }

    /** A buffer pointer with a byte offset. */
    record At(Buffer buffer, long byteOffset) {
    }

    /** One launch: kernel, shape, arguments for parity 0 (u = field 0) and parity 1. */
    record Call(String kernel, LaunchShape shape, Object[][] args) {
    }

    /** Spreads in device buffers: point i owns entries [start[i], start[i+1]). */
    record Points(Buffer index, Buffer weight, Buffer owner, Buffer start, int count, int entries) {
    }

    final PaddedGrid grid;
    final double dtS;
    final float cellInverseVolume;
    final List<Buffer> buffers = new ArrayList<>();
    final Buffer[] fields = new Buffer[2];
    final Buffer m;
    final List<SlabGeometry> slabs;
    final List<Call> step = new ArrayList<>();
    private final float[] stencilWeights;
    private final int order;
    private final int forcedYChunk;
    private final StencilVariant variant;
    /** The padded cells a step's stencil updates: {x0, x1, y0, y1, z0, z1}. */
    final int[] computeRegion;

    StepPlan(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz) {
        this(model, physics, dtS, dominantHz, 0);
    }

    /** A plan with the pipelined stencil and y chunks of {@code yChunk} planes (0: automatic). */
    StepPlan(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, int yChunk) {
        this(model, physics, dtS, dominantHz, yChunk, StencilVariant.PIPELINED);
    }

    /**
     * @param yChunk y planes per block of the 3D stencil; 0 chooses {@link LaunchShape#yChunk}
     *     (tests force short chunks to cover the chunk boundaries)
     * @param variant the 3D stencil kernel to use where it fits a region (the pipelined one
     *     elsewhere); the caller has checked that the device can run it
     */
    StepPlan(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, int yChunk,
            StencilVariant variant) {
        this.dtS = dtS;
        Grid g = model.grid();
        SecondDerivative op = physics.operator();
        int order = physics.spaceOrder();
        int r = op.radius();
        int w = physics.boundaryWidth();
        this.grid = new PaddedGrid(g, w, r, physics.freeSurface());
        this.cellInverseVolume = (float) (1.0 / (g.dx() * g.dz() * (g.is2d() ? 1 : g.dy())));
        boolean threeD = !g.is2d();
        // m = v² dt², computed as the CPU does (float).
        float[] v = grid.extend(model.values());
        float dt2 = (float) (dtS * dtS);
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * v[i] * dt2;
        }
        m = floats(v);
        long fieldBytes = (long) grid.points() * Float.BYTES;
        fields[0] = add(new Buffer(fieldBytes, null, null, true));
        fields[1] = add(new Buffer(fieldBytes, null, null, true));

        double vmax = model.max();
        CpmlProfile px = new CpmlProfile(grid.nx(), r, w, true, true, g.dx(), vmax, dtS, dominantHz);
        CpmlProfile py = threeD ? new CpmlProfile(grid.ny(), r, w, true, true, g.dy(), vmax, dtS, dominantHz) : null;
        CpmlProfile pz = new CpmlProfile(grid.nz(), r, w, !physics.freeSurface(), true, g.dz(), vmax, dtS,
                dominantHz);
        this.slabs = SlabGeometry.of(grid, px, py, pz);
        CpmlProfile[] profiles = {px, py, pz};
        Buffer[] pa = new Buffer[3];
        Buffer[] pb = new Buffer[3];
        float[][] axisWeights = new float[3][];
        double[] h = {g.dx(), g.dy(), g.dz()};
        FirstDerivative op1 = FirstDerivative.ofOrder(order);
        for (int axis = 0; axis < 3; axis++) {
            if (profiles[axis] != null) {
                pa[axis] = floats(profiles[axis].a());
                pb[axis] = floats(profiles[axis].b());
                axisWeights[axis] = axisWeights(op, op1, h[axis]);
            }
        }

        int nx = grid.nx();
        int nz = grid.nz();
        int[] region = {r, nx - r, grid.y0(), grid.y1(), r, nz - r};
        this.computeRegion = region;
        int xLen = nx - 2 * r;
        int yLen = grid.y1() - grid.y0();
        float[] weights = stencilWeights(op, g);

        List<Buffer> psis = new ArrayList<>();
        List<Buffer> zetas = new ArrayList<>();
        for (SlabGeometry s : slabs) {
            psis.add(add(new Buffer(s.boxCells() * Float.BYTES, null, null, true)));
            zetas.add(add(new Buffer(s.boxCells() * Float.BYTES, null, null, true)));
        }
        // 1. ψ of every slab (reads u).
        for (int i = 0; i < slabs.size(); i++) {
            SlabGeometry s = slabs.get(i);
            int a = s.axis();
            Buffer psi = psis.get(i);
            step.add(call(CudaKernels.cpmlPsi(order), slabShape(s),
                    par -> new Object[] {u(par), psi, pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
        }
        // 2. Interior stencil fused with the leapfrog update (writes un).
        this.stencilWeights = weights;
        this.order = order;
        this.forcedYChunk = yChunk;
        this.variant = variant;
        step.add(stencil(region));
        // 3. Slab corrections in the CPU's order (writes un in layer cells).
        for (int i = 0; i < slabs.size(); i++) {
            SlabGeometry s = slabs.get(i);
            int a = s.axis();
            Buffer psi = psis.get(i);
            Buffer zeta = zetas.get(i);
            step.add(call(CudaKernels.cpmlCorrect(order), slabShape(s), par -> new Object[] {u(par), un(par), m, psi,
                    zeta, pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
        }
        // 4. Free-surface mirror (writes un).
        if (grid.freeSurface()) {
            int surface = grid.offZ();
            step.add(call("free_surface", new LaunchShape(LaunchShape.ceil(xLen, BLOCK_1D), yLen, 1, BLOCK_1D, 1),
                    par -> new Object[] {un(par), nx, nz, r, nx - r, grid.y0(), r, surface}));
        }
    }

    /**
     * The interior stencil fused with the leapfrog, {@code un = 2u − un + m∇²u}, over the padded
     * cells {@code region} = {x0, x1, y0, y1, z0, z1}, for both parities. The step runs it over
     * the compute region; reverse-time migration also runs it backwards in time (u = level n,
     * un = level n + 1 on entry, n − 1 on exit) over the user grid shrunk by the radius, where
     * no C-PML is needed (docs/gpu.md). One place builds the kernel's argument list for both.
     * In 3D the plan's {@link StencilVariant} runs where it fits the region, the pipelined kernel
     * elsewhere.
     */
    Call stencil(int[] region) {
        return stencil(region, variant);
    }

    /** {@link #stencil(int[])} with a given 3D kernel variant (the benchmark times each). */
    Call stencil(int[] region, StencilVariant kernel) {
        int nx = grid.nx();
        int nz = grid.nz();
        int xLen = region[1] - region[0];
        int yLen = region[3] - region[2];
        int zLen = region[5] - region[4];
        if (!grid.is2d()) {
            LaunchShape tiles = LaunchShape.tiles(zLen, xLen, 1, LaunchShape.TILE_Z, LaunchShape.TILE_X);
            int chunk = forcedYChunk > 0 ? Math.min(forcedYChunk, yLen)
                    : LaunchShape.yChunk(yLen);
            LaunchShape shape = new LaunchShape(tiles.gx(), tiles.gy(), LaunchShape.ceil(yLen, chunk),
                    LaunchShape.TILE_Z, LaunchShape.TILE_X);
            StencilVariant v = kernel.unfitReason(grid, region, order) == null ? kernel : StencilVariant.PIPELINED;
            return call(CudaKernels.stencil3d(v, order), shape,
                    par -> new Object[] {u(par), un(par), m, nx, nz, region, chunk, stencilWeights});
        }
        return call(CudaKernels.stencil(false, order), LaunchShape.tiles(zLen, xLen, 1, 32, 8),
                par -> new Object[] {u(par), un(par), m, nz, region, stencilWeights});
    }

    private static LaunchShape slabShape(SlabGeometry s) {
        return LaunchShape.tiles(s.z1() - s.z0(), s.x1() - s.x0(), s.y1() - s.y0(), 32, 8);
    }

    private Buffer add(Buffer b) {
        buffers.add(b);
        return b;
    }

    /** A buffer initialised with floats. */
    Buffer floats(float[] values) {
        return add(new Buffer((long) values.length * Float.BYTES, values, null, false));
    }

    /** A buffer initialised with ints. */
    Buffer ints(int[] values) {
        return add(new Buffer((long) values.length * Integer.BYTES, null, values, false));
    }

    /** A zero-initialised scratch buffer (not cleared by reset). */
    Buffer scratch(long bytes) {
        return add(new Buffer(bytes, null, null, false));
    }

    Buffer u(int parity) {
        return fields[parity];
    }

    Buffer un(int parity) {
        return fields[1 - parity];
    }

    private static Call call(String kernel, LaunchShape shape, java.util.function.IntFunction<Object[]> args) {
        return new Call(kernel, shape, new Object[][] {args.apply(0), args.apply(1)});
    }

    /** Spreads (source or receivers) as buffers of this plan. */
    Points points(List<PointSpread> spreads) {
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
            Arrays.fill(owner, k, k + idx.length, i);
            k += idx.length;
        }
        start[spreads.size()] = k;
        return new Points(ints(index), floats(weight), ints(owner), ints(start), spreads.size(), n);
    }

    /**
     * {@code inject_points} on the current field of {@code parity}: adds {@code dt² v² amp[owner] δ}
     * at every spread, δ = 1 / cell volume (the CPU's {@code Propagator.inject}).
     *
     * @param amplitudes pointer to one amplitude per spread (Buffer or At)
     * @return null when there is nothing to inject
     */
    Call inject(int parity, Points pts, Object amplitudes) {
        if (pts.entries() == 0) {
            return null;
        }
        Object[] args = {u(parity), m, pts.index(), pts.weight(), pts.owner(), amplitudes, cellInverseVolume,
                pts.entries()};
        return new Call("inject_points", new LaunchShape(LaunchShape.ceil(pts.entries(), BLOCK_1D), 1, 1,
                BLOCK_1D, 1), new Object[][] {args, args});
    }

    /**
     * {@code sample_points} of the current field of {@code parity} into {@code out[0 .. count)}.
     *
     * @param out Buffer or At
     * @return null when there are no points
     */
    Call sample(int parity, Points pts, Object out) {
        if (pts.count() == 0) {
            return null;
        }
        Object[] args = {u(parity), pts.index(), pts.weight(), pts.start(), pts.count(), out};
        return new Call("sample_points", new LaunchShape(LaunchShape.ceil(pts.count(), BLOCK_1D), 1, 1, BLOCK_1D,
                1), new Object[][] {args, args});
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
}
