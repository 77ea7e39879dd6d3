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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** Slabs a layer kernel takes (struct LayerSlabs of seiswork.cu): two per axis. */
    static final int MAX_SLABS = 6;

    /** Threads per block of the one-dimensional kernels. */
    static final int BLOCK_1D = 128;

    /** Threads per block of the marching C-PML correction (SW_MARCH_THREADS of seiswork.cu). */
    static final int MARCH_THREADS = 128;

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
    /** The launches of one step in the plan's C-PML layout. */
    final List<Call> step;
    private final Map<CpmlLayout, List<Call>> steps;
    private final CpmlLayout cpml;
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

    /** A plan with the fused C-PML layout. */
    StepPlan(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, int yChunk,
            StencilVariant variant) {
        this(model, physics, dtS, dominantHz, yChunk, variant, CpmlLayout.FUSED);
    }

    /**
     * @param yChunk y planes per block of the 3D stencil, x columns per block of the 2D one; 0
     *     chooses {@link LaunchShape#yChunk} (tests force short chunks to cover the chunk boundaries)
     * @param variant the 3D stencil kernel to use where it fits a region (the pipelined one
     *     elsewhere); the caller has checked that the device can run it
     * @param cpml how the C-PML corrections are launched ({@link #step}; {@link #step(CpmlLayout)}
     *     gives the other layout's launches on the same buffers)
     */
    StepPlan(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, int yChunk,
            StencilVariant variant, CpmlLayout cpml) {
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
        this.stencilWeights = weights;
        this.order = order;
        this.forcedYChunk = yChunk;
        this.variant = variant;
        this.cpml = cpml;
        // 1. ψ of every slab (reads u).
        List<Call> psiCalls = new ArrayList<>();
        for (int i = 0; i < slabs.size(); i++) {
            SlabGeometry s = slabs.get(i);
            int a = s.axis();
            Buffer psi = psis.get(i);
            psiCalls.add(call(CudaKernels.cpmlPsi(order), slabShape(s),
                    par -> new Object[] {u(par), psi, pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
        }
        // 2 and 3, separate layout: the stencil everywhere (writes un), then the slab corrections
        // in the CPU's order (add to un in layer cells).
        List<Call> separate = new ArrayList<>(psiCalls);
        separate.add(stencil(region));
        for (int i = 0; i < slabs.size(); i++) {
            SlabGeometry s = slabs.get(i);
            int a = s.axis();
            Buffer psi = psis.get(i);
            Buffer zeta = zetas.get(i);
            separate.add(call(CudaKernels.cpmlCorrect(order), slabShape(s), par -> new Object[] {u(par), un(par), m,
                    psi, zeta, pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
        }
        // 1 to 3, marching layout: ψ kernels for the z slabs only, the stencil everywhere, then the
        // corrections in the CPU's order: the x and y slabs marching along their axis (ψ and
        // correction in one pass), the z slabs' cpml_correct.
        List<Call> marching = new ArrayList<>();
        for (int i = 0; i < slabs.size(); i++) {
            if (slabs.get(i).axis() == 2) {
                marching.add(psiCalls.get(i));
            }
        }
        marching.add(stencil(region));
        for (int i = 0; i < slabs.size(); i++) {
            SlabGeometry s = slabs.get(i);
            if (s.axis() == 2) {
                marching.add(separate.get(separate.size() - slabs.size() + i));
                continue;
            }
            int a = s.axis();
            Buffer psi = psis.get(i);
            Buffer zeta = zetas.get(i);
            marching.add(call(CudaKernels.cpmlMarch(order), marchShape(s), par -> new Object[] {u(par), un(par), m,
                    psi, zeta, pa[a], pb[a], nx, nz, s.kernelStruct(), axisWeights[a]}));
        }
        // 2 and 3, fused layout: the stencil over the interior box, then stencil and corrections
        // together over the layer boxes around it.
        List<Call> fused = new ArrayList<>(psiCalls);
        int[] inner = interiorBox(region, slabs);
        if (cells(inner) > 0) {
            fused.add(stencil(inner));
        }
        for (int[] box : layerBoxes(region, inner)) {
            fused.add(layerCall(box, psis, zetas, pa, pb, axisWeights));
        }
        // 4. Free-surface mirror (writes un).
        List<Call> mirror = new ArrayList<>();
        if (grid.freeSurface()) {
            int surface = grid.offZ();
            mirror.add(call("free_surface", new LaunchShape(LaunchShape.ceil(xLen, BLOCK_1D), yLen, 1, BLOCK_1D, 1),
                    par -> new Object[] {un(par), nx, nz, r, nx - r, grid.y0(), r, surface}));
        }
        separate.addAll(mirror);
        fused.addAll(mirror);
        marching.addAll(mirror);
        this.steps = new EnumMap<>(CpmlLayout.class);
        steps.put(CpmlLayout.SEPARATE, List.copyOf(separate));
        steps.put(CpmlLayout.FUSED, List.copyOf(fused));
        steps.put(CpmlLayout.MARCHING, List.copyOf(marching));
        this.step = steps.get(cpml);
    }

    /** The launches of one step in a given C-PML layout (the benchmark times both). */
    List<Call> step(CpmlLayout layout) {
        return steps.get(layout);
    }

    /** Space order (2, 4 or 8). */
    int order() {
        return order;
    }

    /** The 3D stencil kernel {@link #stencil(int[])} launches where it fits a region. */
    StencilVariant variant() {
        return variant;
    }

    /** How {@link #step} launches the C-PML corrections. */
    CpmlLayout cpml() {
        return cpml;
    }

    /**
     * The cells of {@code region} in no slab: the region shrunk along each axis by the slabs
     * that start or end at its faces.
     */
    static int[] interiorBox(int[] region, List<SlabGeometry> slabs) {
        int[] inner = region.clone();
        for (SlabGeometry s : slabs) {
            int[] cells = s.kernelRegion();
            int lo = 2 * s.axis();
            if (cells[lo] == region[lo]) {
                inner[lo] = Math.max(inner[lo], cells[lo + 1]);
            } else {
                inner[lo + 1] = Math.min(inner[lo + 1], cells[lo]);
            }
        }
        return inner;
    }

    /**
     * {@code region} minus {@code inner} as at most six disjoint boxes {x0, x1, y0, y1, z0, z1}:
     * x low and high over all y and z, y low and high within the interior x, z low and high
     * within the interior x and y; empty ones left out.
     */
    static List<int[]> layerBoxes(int[] region, int[] inner) {
        int[][] boxes = {
            {region[0], inner[0], region[2], region[3], region[4], region[5]},
            {inner[1], region[1], region[2], region[3], region[4], region[5]},
            {inner[0], inner[1], region[2], inner[2], region[4], region[5]},
            {inner[0], inner[1], inner[3], region[3], region[4], region[5]},
            {inner[0], inner[1], inner[2], inner[3], region[4], inner[4]},
            {inner[0], inner[1], inner[2], inner[3], inner[5], region[5]},
        };
        return Arrays.stream(boxes).filter(b -> cells(b) > 0).toList();
    }

    /** Cells of a box {x0, x1, y0, y1, z0, z1}; 0 when any extent is empty. */
    static long cells(int[] box) {
        long n = 1;
        for (int a = 0; a < 6; a += 2) {
            n *= Math.max(0, box[a + 1] - box[a]);
        }
        return n;
    }

    /**
     * {@code stencil_cpml*} over one layer box: struct LayerSlabs {count, 6 × Slab}, struct
     * LayerWeights {6 × AxisWeights}, then ψ and ζ of the six slab slots (unused slots repeat the
     * first slab's) and the x, y, z profiles (2D: y repeats x).
     */
    private Call layerCall(int[] box, List<Buffer> psis, List<Buffer> zetas, Buffer[] pa, Buffer[] pb,
            float[][] axisWeights) {
        int[] layerSlabs = new int[1 + MAX_SLABS * 12];
        float[] layerWeights = new float[MAX_SLABS * 10];
        layerSlabs[0] = slabs.size();
        Buffer[] psi = new Buffer[MAX_SLABS];
        Buffer[] zeta = new Buffer[MAX_SLABS];
        for (int k = 0; k < MAX_SLABS; k++) {
            int i = k < slabs.size() ? k : 0;
            psi[k] = psis.get(i);
            zeta[k] = zetas.get(i);
            if (k < slabs.size()) {
                SlabGeometry s = slabs.get(k);
                System.arraycopy(s.kernelStruct(), 0, layerSlabs, 1 + 12 * k, 12);
                System.arraycopy(axisWeights[s.axis()], 0, layerWeights, 10 * k, 10);
            }
        }
        Buffer ay = pa[1] != null ? pa[1] : pa[0];
        Buffer by = pb[1] != null ? pb[1] : pb[0];
        int nx = grid.nx();
        int nz = grid.nz();
        LaunchShape shape = LaunchShape.tiles(box[5] - box[4], box[1] - box[0], box[3] - box[2], 32, 8);
        return call(CudaKernels.stencilCpml(!grid.is2d(), order), shape, par -> new Object[] {u(par), un(par), m, nx,
                nz, box, stencilWeights, layerSlabs, layerWeights, psi[0], psi[1], psi[2], psi[3], psi[4], psi[5],
                zeta[0], zeta[1], zeta[2], zeta[3], zeta[4], zeta[5], pa[0], pb[0], ay, by, pa[2], pb[2]});
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
        StencilVariant v = kernel.unfitReason(grid, region, order) == null ? kernel : StencilVariant.PIPELINED;
        if (!grid.is2d()) {
            LaunchShape tiles = LaunchShape.tiles(zLen, xLen, 1, LaunchShape.TILE_Z, v.tileX());
            int chunk = forcedYChunk > 0 ? Math.min(forcedYChunk, yLen)
                    : LaunchShape.yChunk(yLen);
            LaunchShape shape = new LaunchShape(tiles.gx(), tiles.gy(), LaunchShape.ceil(yLen, chunk),
                    LaunchShape.TILE_Z, v.tileX());
            return call(CudaKernels.stencil3d(v, order), shape,
                    par -> new Object[] {u(par), un(par), m, nx, nz, region, chunk, stencilWeights});
        }
        if (v == StencilVariant.DIRECT) {
            return call(CudaKernels.stencil2d(v, order), LaunchShape.tiles(zLen, xLen, 1, 32, 8),
                    par -> new Object[] {u(par), un(par), m, nz, region, stencilWeights});
        }
        // The marching 2D kernel: columns of TILE_Z_2D cells along z, chunks of columns along x.
        int chunk = forcedYChunk > 0 ? Math.min(forcedYChunk, xLen) : LaunchShape.yChunk(xLen);
        LaunchShape shape = new LaunchShape(LaunchShape.ceil(zLen, LaunchShape.TILE_Z_2D),
                LaunchShape.ceil(xLen, chunk), 1, LaunchShape.TILE_Z_2D, 1);
        return call(CudaKernels.stencil2d(v, order), shape,
                par -> new Object[] {u(par), un(par), m, nz, region, chunk, stencilWeights});
    }

    /**
     * The marching correction of an x or y slab: {@value #MARCH_THREADS} threads along z per block,
     * blocks over z and over the slab face's other axis (y for an x slab, x for a y slab).
     */
    private static LaunchShape marchShape(SlabGeometry s) {
        int across = s.axis() == 0 ? s.y1() - s.y0() : s.x1() - s.x0();
        return new LaunchShape(LaunchShape.ceil(s.z1() - s.z0(), MARCH_THREADS), across, 1, MARCH_THREADS, 1);
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

    /** Most spread entries one buffer holds: a Java array's length (about 4.19 M off-grid receivers in 3D). */
    static final long MAX_SPREAD_ENTRIES = Integer.MAX_VALUE - 8;

    /** Spreads (source or receivers) as buffers of this plan. */
    Points points(List<PointSpread> spreads) {
        long entries = 0;
        for (PointSpread s : spreads) {
            entries += s.size();
        }
        if (entries > MAX_SPREAD_ENTRIES) {  // one line, never a negative array size
            throw new IllegalArgumentException(spreads.size() + " points spread over " + entries
                    + " grid cells, more than the GPU engine's " + MAX_SPREAD_ENTRIES
                    + " (each off-grid point in 3D weighs up to 512 cells): split the receivers over more shots");
        }
        int n = (int) entries;
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
