package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.FirstDerivative;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Owns the padded wavefields of one acoustic simulation and advances them one time step at a
 * time; injection and recording are separate calls so that modelling and reverse-time
 * migration (forward source field, backward receiver field, imaging per step) drive the same
 * loop.
 *
 * <p>Scheme: {@code pⁿ⁺¹ = 2pⁿ − pⁿ⁻¹ + v² dt² (∇²pⁿ + fⁿ δ)}, second order in time, space order
 * 2, 4 or 8, with a convolutional PML outside the user's grid and an optional antisymmetric
 * mirror (image) free surface at z = 0. A step is two parallel phases over (x, y) columns, cut
 * into x tiles of at most {@value #TILE_X} columns by one y row: the PML memory variables ψ of
 * the y layers and of x layers wider than a tile (layer cells only; their derivative needs ψ of
 * cells other threads may own, hence a phase of their own, skipped when there are none, as in
 * 2D), then, per tile row, the z layers'
 * ψ and (single-pass path) the x layers' ψ of the row, the update of
 * every cell — with the Vector API the layer cells in the same pass as the stencil
 * ({@link VectorLayerKernel}), otherwise the stencil followed by the PML corrections — and the
 * surface mirror. Each phase is cut into chunks of whole units ({@link WorkerPool#chunks}: a
 * grid of fewer than 2 × {@link WorkerPool#MIN_CHUNK_POINTS} points runs on the calling thread
 * alone). Nothing is allocated per step.
 *
 * <p>Usage: {@code step()} moves the current field from level n to n + 1; then
 * {@link #inject} adds the source term of that step, {@code dt² v² fⁿ δ}, where δ is the grid
 * delta {@code 1 / (dx dz)} (2D) or {@code 1 / (dx dy dz)} (3D), so the numerical pressure has
 * the amplitude of the continuous Green's function. {@link #sample} reads the current level.
 */
public final class Propagator {

    private final PaddedGrid grid;
    private final double dtS;
    private final float[] m;
    private final ColumnKernel kernel;
    private final VectorLayerKernel layerKernel;
    private CpmlSlab[] slabs;
    private LayerLayout layout;
    private boolean xPsiInSweep;
    private boolean psiPhaseNeeded;
    private int chunks;
    private final WorkerPool pool;
    private final float[][] scratch;
    private final float cellInverseVolume;
    private final int columnsX;
    private final int rows;
    private final int tiles;
    private final int units;
    private final int zFrom;
    private final int zTo;
    private final WorkerPool.Task psiPhase = this::psiPhase;
    private final WorkerPool.Task updatePhase = this::updatePhase;
    private float[] u;
    private float[] un;
    private long stepsTaken;

    /**
     * @param model velocity model in m/s on the user's grid
     * @param physics space order, layer width, free surface
     * @param dtS time step in seconds (the caller checks the CFL limit, see
     *     {@link io.seiswork.core.time.TimeStepping})
     * @param dominantHz dominant source frequency in Hz, sets the PML's frequency shift α
     * @param pool threads to run on (shared, not closed by the propagator)
     */
    public Propagator(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, WorkerPool pool) {
        this(model, physics, dtS, dominantHz, pool, true);
    }

    /** As the public constructor; {@code allowVector = false} forces the scalar interior kernel. */
    Propagator(VelocityModel model, PhysicsOptions physics, double dtS, double dominantHz, WorkerPool pool,
            boolean allowVector) {
        this(model, physics.spaceOrder(), physics.boundaryWidth(), physics.freeSurface(), dtS, dominantHz, pool,
                allowVector);
    }

    /**
     * A propagator without absorbing layers (zero halo right outside the user's grid, which
     * reflects): the interior stencil alone, as the C reference benchmark times it.
     */
    static Propagator interiorOnly(VelocityModel model, int spaceOrder, double dtS, WorkerPool pool) {
        return new Propagator(model, spaceOrder, 0, false, dtS, 1, pool, true);
    }

    private Propagator(VelocityModel model, int spaceOrder, int width, boolean freeSurface, double dtS,
            double dominantHz, WorkerPool pool, boolean allowVector) {
        Grid g = model.grid();
        SecondDerivative op = SecondDerivative.ofOrder(spaceOrder);
        FirstDerivative op1 = FirstDerivative.ofOrder(spaceOrder);
        int r = op.radius();
        int w = width;
        this.grid = new PaddedGrid(g, w, r, freeSurface);
        this.dtS = dtS;
        this.pool = pool;
        float[] v = grid.extend(model.values());
        float dt2 = (float) (dtS * dtS);
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * v[i] * dt2;
        }
        this.m = v;
        StencilKernel stencil = new StencilKernel(op, grid, g.dx(), g.dy(), g.dz());
        this.kernel = ColumnKernel.best(stencil, allowVector);
        boolean vector = allowVector && ColumnKernel.vectorAvailable();
        this.layerKernel = vector ? VectorSupport.layerKernel(stencil) : null;
        this.cellInverseVolume = (float) (1.0 / (g.dx() * g.dz() * (g.is2d() ? 1 : g.dy())));
        double vmax = model.max();
        List<CpmlSlab> list = new ArrayList<>();
        if (w > 0) {
            CpmlProfile px = new CpmlProfile(grid.nx(), r, w, true, true, g.dx(), vmax, dtS, dominantHz);
            addSlabs(list, grid, CpmlSlab.X, px, op, op1, g.dx(), vector);
            if (!g.is2d()) {
                CpmlProfile py = new CpmlProfile(grid.ny(), r, w, true, true, g.dy(), vmax, dtS, dominantHz);
                addSlabs(list, grid, CpmlSlab.Y, py, op, op1, g.dy(), vector);
            }
            CpmlProfile pz = new CpmlProfile(grid.nz(), r, w, !freeSurface, true, g.dz(), vmax, dtS, dominantHz);
            addSlabs(list, grid, CpmlSlab.Z, pz, op, op1, g.dz(), vector);
        }
        this.slabs = list.toArray(new CpmlSlab[0]);
        this.columnsX = grid.nx() - 2 * r;
        this.rows = grid.y1() - grid.y0();
        this.tiles = (columnsX + TILE_X - 1) / TILE_X;
        this.units = tiles * rows;
        this.zFrom = r;
        this.zTo = grid.nz() - r;
        this.scratch = new float[pool.size() * 3][grid.nz()];
        this.u = new float[grid.points()];
        this.un = new float[grid.points()];
        arrangeLayers();
    }

    /**
     * Sets up the single-pass layer update for the current slabs. An x layer that lies within
     * one x tile has its ψ updated in the sweep, row by row just before the row's layer columns
     * (its derivative needs only ψ of the same row and tile, so no other thread touches it),
     * instead of in the ψ phase: the field rows are then read while they are in cache.
     */
    private void arrangeLayers() {
        layout = LayerLayout.of(slabs, zFrom, zTo, layerKernel != null);
        boolean inSweep = layout.fused();
        for (CpmlSlab s : slabs) {
            if (s.axis() == CpmlSlab.X) {
                int t = tileOf(s.layerStart());
                inSweep &= s.layerEnd() <= grid.radius() + tileStart(t + 1);
            }
        }
        xPsiInSweep = inSweep;
        boolean needed = false;
        for (CpmlSlab s : slabs) {
            needed |= !s.columnLocal() && !(xPsiInSweep && s.axis() == CpmlSlab.X);
        }
        psiPhaseNeeded = needed;
        chunks = pool.chunks(grid.computedPoints(), units);
    }

    /** The x tile that holds padded column ix. */
    private int tileOf(int ix) {
        int t = 0;
        while (t + 1 < tiles && grid.radius() + tileStart(t + 1) <= ix) {
            t++;
        }
        return t;
    }

    /**
     * A second propagation on the same model and threads that shares every read-only array of
     * this one (the velocity term v²dt², the interior kernel, the C-PML coefficient profiles and
     * derivative weights) and takes over this one's C-PML memory variables, zeroed; it has its
     * own wavefields and per-thread scratch, at rest. This propagator steps on without an
     * absorbing layer: its interior update is unchanged, the layer cells just follow the plain
     * wave equation.
     *
     * <p>For reverse-time migration, whose source field needs no layer once the forward run is
     * over (its snapshots are stored, or it is rebuilt backwards with the cells near the edge
     * re-imposed from a saved ring every step) while the receiver propagation does: the pair
     * holds one velocity term and one set of C-PML memory, not two, and the reconstruction skips
     * the layer's work. The two must not step concurrently (they share the pool).
     */
    public Propagator handOverLayer() {
        Propagator p = new Propagator(this);
        slabs = new CpmlSlab[0];
        arrangeLayers();
        return p;
    }

    private Propagator(Propagator shared) {
        this.grid = shared.grid;
        this.dtS = shared.dtS;
        this.m = shared.m;
        this.kernel = shared.kernel;
        this.layerKernel = shared.layerKernel;
        this.pool = shared.pool;
        this.slabs = shared.slabs;
        this.layout = shared.layout;
        this.xPsiInSweep = shared.xPsiInSweep;
        this.psiPhaseNeeded = shared.psiPhaseNeeded;
        this.chunks = shared.chunks;
        for (CpmlSlab s : slabs) {
            s.reset();
        }
        this.cellInverseVolume = shared.cellInverseVolume;
        this.columnsX = shared.columnsX;
        this.rows = shared.rows;
        this.tiles = shared.tiles;
        this.units = shared.units;
        this.zFrom = shared.zFrom;
        this.zTo = shared.zTo;
        this.scratch = new float[shared.scratch.length][grid.nz()];
        this.u = new float[grid.points()];
        this.un = new float[grid.points()];
    }

    /**
     * Heap bytes of the arrays a propagator with these settings allocates, computed before
     * allocating any: the velocity term, the two wavefields (each {@link PaddedGrid#points()}
     * floats), the per-thread scratch columns, and with absorbing layers each slab's ψ and ζ
     * ({@link CpmlSlab#boxCells}) and each axis' a, b and mask profiles. The small weight arrays
     * are left out (under 100 bytes).
     *
     * @param g the user's grid
     * @param spaceOrder 2, 4 or 8
     * @param width absorbing-layer width in cells (0: the interior stencil alone)
     * @param freeSurface whether the top is a free surface
     * @param threads threads of the pool it runs on
     * @param allowVector whether the Vector API may be used (it widens the z slabs), as the constructor's
     * @return bytes
     * @throws IllegalArgumentException when the padded grid is more than one Java array holds
     */
    public static long heapBytes(Grid g, int spaceOrder, int width, boolean freeSurface, int threads,
            boolean allowVector) {
        int r = SecondDerivative.ofOrder(spaceOrder).radius();
        PaddedGrid pg = new PaddedGrid(g, width, r, freeSurface);
        boolean vector = allowVector && ColumnKernel.vectorAvailable();
        long floats = 3L * pg.points() + 3L * threads * pg.nz();
        if (width > 0) {
            // Only the layout of a profile matters here, not its values (velocity, dt, frequency).
            floats += layerFloats(pg, CpmlSlab.X, new CpmlProfile(pg.nx(), r, width, true, true, 1, 1, 1, 1), vector);
            if (!g.is2d()) {
                floats += layerFloats(pg, CpmlSlab.Y, new CpmlProfile(pg.ny(), r, width, true, true, 1, 1, 1, 1),
                        vector);
            }
            floats += layerFloats(pg, CpmlSlab.Z,
                    new CpmlProfile(pg.nz(), r, width, !freeSurface, true, 1, 1, 1, 1), vector);
        }
        return floats * Float.BYTES;
    }

    /** Floats of one axis' layers: the profile's a, b and mask, and ψ and ζ of each slab. */
    private static long layerFloats(PaddedGrid pg, int axis, CpmlProfile p, boolean vector) {
        long floats = 3L * p.a().length;
        if (p.lowEnd() > p.lowStart()) {
            floats += 2 * CpmlSlab.boxCells(pg, axis, p.lowStart(), p.lowEnd(), p, vector);
        }
        if (p.highEnd() > p.highStart()) {
            floats += 2 * CpmlSlab.boxCells(pg, axis, p.highStart(), p.highEnd(), p, vector);
        }
        return floats;
    }

    /**
     * Heap bytes of the arrays this propagator holds (each counted once), what
     * {@link #heapBytes} predicts; for its test.
     */
    long allocatedBytes() {
        Set<float[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(m);
        seen.add(u);
        seen.add(un);
        seen.addAll(Arrays.asList(scratch));
        for (CpmlSlab s : slabs) {
            seen.addAll(s.arrays());
        }
        long floats = 0;
        for (float[] a : seen) {
            floats += a.length;
        }
        return floats * Float.BYTES;
    }

    private static void addSlabs(List<CpmlSlab> list, PaddedGrid grid, int axis, CpmlProfile p, SecondDerivative op,
            FirstDerivative op1, double hM, boolean vector) {
        float[] d2 = StencilKernel.weights(op, hM);
        float[] d1 = new float[op1.radius() + 1];
        for (int k = 1; k <= op1.radius(); k++) {
            d1[k] = (float) (op1.coefficient(k) / hM);
        }
        if (p.lowEnd() > p.lowStart()) {
            list.add(new CpmlSlab(grid, axis, p.lowStart(), p.lowEnd(), p, d1, d2, vector));
        }
        if (p.highEnd() > p.highStart()) {
            list.add(new CpmlSlab(grid, axis, p.highStart(), p.highEnd(), p, d1, d2, vector));
        }
    }

    /** The padded index space (for cropping fields to the user's grid). */
    public PaddedGrid grid() {
        return grid;
    }

    /** The interior kernel in use, for logs ("vector 8 lanes" or "scalar"). */
    public String kernelName() {
        return kernel.describe();
    }

    /**
     * Whether the layer cells are updated in the same pass as the stencil (Vector API and z
     * layers of whole vectors) rather than corrected after it.
     */
    boolean singlePassLayers() {
        return layout.fused();
    }

    /** Time step in seconds. */
    public double dtS() {
        return dtS;
    }

    /** Steps taken since construction or the last {@link #reset()}. */
    public long stepsTaken() {
        return stepsTaken;
    }

    /** Grid points updated per step (user grid plus absorbing layers). */
    public long computedPoints() {
        return grid.computedPoints();
    }

    /** Zeroes both wavefields and the PML memory: the state before a new shot. */
    public void reset() {
        Arrays.fill(u, 0f);
        Arrays.fill(un, 0f);
        for (CpmlSlab s : slabs) {
            s.reset();
        }
        stepsTaken = 0;
    }

    /** How a point of the user's grid couples to this propagator's cells. */
    public PointSpread spread(Position p) {
        return PointSpread.at(grid, p);
    }

    /** Advances the current field by one time step (level n to n + 1). */
    public void step() {
        if (psiPhaseNeeded) {
            pool.run(chunks, psiPhase);
        }
        pool.run(chunks, updatePhase);
        float[] t = u;
        u = un;
        un = t;
        stepsTaken++;
    }

    /**
     * Adds the source term {@code dt² v² f δ} of the step just taken to the current field.
     *
     * @param s where the source sits
     * @param amplitude source function value f (at the time of the level the step started from)
     */
    public void inject(PointSpread s, float amplitude) {
        s.inject(u, m, amplitude * cellInverseVolume);
    }

    /**
     * Adds the source term {@code dt² v² f δ} to the previous level instead of the current one.
     * Reverse-time reconstruction of a source wavefield calls it with {@code −f} to take the
     * injection back out of level n + 1 before stepping from n to n − 1.
     */
    public void injectPrevious(PointSpread s, float amplitude) {
        s.inject(un, m, amplitude * cellInverseVolume);
    }

    /**
     * Swaps the current and the previous level, so that the next {@link #step()} runs time
     * backwards: the leapfrog is symmetric in time, {@code pⁿ⁻¹ = 2pⁿ − pⁿ⁺¹ + v²dt²∇²pⁿ}. This
     * holds in the interior only; the absorbing layer is not reversible (it amplifies when run
     * backwards), so a caller must re-impose saved values at the edge of the region it trusts.
     */
    public void reverseTime() {
        float[] t = u;
        u = un;
        un = t;
    }

    /** The threads this propagator runs on, for parallel loops over its fields (imaging). */
    public WorkerPool pool() {
        return pool;
    }

    /** The current field interpolated at {@code s}, pressure. */
    public float sample(PointSpread s) {
        return s.sample(u);
    }

    /** The current padded pressure field (live array; changes with every step). */
    public float[] current() {
        return u;
    }

    /** The previous padded pressure field (live array). */
    public float[] previous() {
        return un;
    }

    /**
     * Columns per x tile. Work is cut into units of one tile of x columns by one y row, and each
     * thread streams through its tiles along y: the 2r + 1 rows of a tile that the y derivative
     * touches (9 × 32 columns × nz floats, about 350 KB at nz = 304) stay in the core's L2 until
     * the sweep has moved past them, instead of coming back from L3 or memory for every row as
     * they do when whole rows of x are swept (the C reference's "blocked" mode, which is its best
     * on two threads). Units are numbered tile-major so a thread's share is a run of whole tiles.
     * Tiles are at most this wide and differ by at most one column, so that equal numbers of
     * units are equal work (296 columns: 10 tiles of 29 or 30, not 9 of 32 and one of 8).
     */
    static final int TILE_X = 32;

    /** First compute column (relative to the radius) of x tile {@code t}; {@code t = tiles} gives the end. */
    private int tileStart(int t) {
        return (int) ((long) columnsX * t / tiles);
    }

    /** The threads' share of a step: how many chunks each phase is cut into (1: the caller alone). */
    int chunksPerPhase() {
        return chunks;
    }

    private void psiPhase(int chunk, int chunkCount, int member) {
        int u0 = (int) ((long) units * chunk / chunkCount);
        int u1 = (int) ((long) units * (chunk + 1) / chunkCount);
        float[] tmp = scratch[3 * member];
        int r = grid.radius();
        int y0 = grid.y0();
        for (int unit = u0; unit < u1; unit++) {
            int tile = unit / rows;
            int iy = y0 + unit - tile * rows;
            int ixFrom = r + tileStart(tile);
            int ixTo = r + tileStart(tile + 1);
            for (CpmlSlab s : slabs) {
                if (!s.columnLocal() && !(xPsiInSweep && s.axis() == CpmlSlab.X)) {
                    s.updatePsiRow(u, iy, ixFrom, ixTo, tmp);
                }
            }
        }
    }

    private void updatePhase(int chunk, int chunkCount, int member) {
        int u0 = (int) ((long) units * chunk / chunkCount);
        int u1 = (int) ((long) units * (chunk + 1) / chunkCount);
        float[] lap = scratch[3 * member];
        float[] t1 = scratch[3 * member + 1];
        float[] t2 = scratch[3 * member + 2];
        int r = grid.radius();
        int y0 = grid.y0();
        int nx = grid.nx();
        int nz = grid.nz();
        boolean mirror = grid.freeSurface();
        int surface = grid.offZ();
        for (int unit = u0; unit < u1; unit++) {
            int tile = unit / rows;
            int iy = y0 + unit - tile * rows;
            int ixFrom = r + tileStart(tile);
            int ixTo = r + tileStart(tile + 1);
            if (layout.fused()) {
                updateFused(iy, ixFrom, ixTo, lap, t1, t2);
            } else {
                kernel.columns(u, un, m, (iy * nx + ixFrom) * nz, ixTo - ixFrom, zFrom, zTo, lap);
                for (CpmlSlab s : slabs) {
                    if (s.columnLocal()) {
                        s.updatePsiRow(u, iy, ixFrom, ixTo, lap);
                    }
                    s.correctRow(u, un, m, iy, ixFrom, ixTo, t1, t2);
                }
            }
            if (mirror) {
                for (int ix = ixFrom; ix < ixTo; ix++) {
                    int base = (iy * nx + ix) * nz;
                    un[base + surface] = 0f;
                    for (int k = 1; k <= r; k++) {
                        un[base + surface - k] = -un[base + surface + k];
                    }
                }
            }
        }
    }

    /**
     * One tile row with the layer cells updated in a single pass ({@link VectorLayerKernel}):
     * the z layers' ψ of the row first (column-local), then columns damped along x or y (the
     * whole row when it lies in a y layer) through the layer kernel, and the interior columns
     * through the stencil kernel between the z layers and the layer kernel's z variant in them.
     */
    private void updateFused(int iy, int ixFrom, int ixTo, float[] lap, float[] t1, float[] t2) {
        LayerLayout l = layout;
        for (CpmlSlab s : l.zSlabs()) {
            s.updatePsiRow(u, iy, ixFrom, ixTo, lap);
        }
        if (xPsiInSweep) {
            if (l.xLow() != null) {
                l.xLow().updatePsiRow(u, iy, ixFrom, ixTo, lap);
            }
            if (l.xHigh() != null) {
                l.xHigh().updatePsiRow(u, iy, ixFrom, ixTo, lap);
            }
        }
        CpmlSlab ys = l.ySlabAt(iy);
        if (ys != null) {
            layerColumns(iy, ixFrom, ixTo, ys, t1, t2);
            return;
        }
        int lowEnd = Math.min(ixTo, Math.max(ixFrom, l.xInteriorFrom()));
        int highStart = Math.max(lowEnd, Math.min(ixTo, l.xInteriorTo()));
        if (lowEnd > ixFrom) {
            layerColumns(iy, ixFrom, lowEnd, null, t1, t2);
        }
        if (highStart > lowEnd) {
            interiorColumns(iy, lowEnd, highStart, lap);
        }
        if (ixTo > highStart) {
            layerColumns(iy, highStart, ixTo, null, t1, t2);
        }
    }

    private void interiorColumns(int iy, int from, int to, float[] lap) {
        LayerLayout l = layout;
        int nx = grid.nx();
        int nz = grid.nz();
        kernel.columns(u, un, m, (iy * nx + from) * nz, to - from, l.zMidFrom(), l.zMidTo(), lap);
        CpmlSlab[] zs = l.zSlabs();
        for (int k = 0; k < zs.length; k++) {
            CpmlSlab s = zs[k];
            layerKernel.zRow(u, un, m, iy * nx * nz, from, to, s.zFrom(), s.zTo(), s.psi(), s.zeta(),
                    s.boxIndex(iy, 0), s.boxColumnStride(), s.a(), s.b(), s.mask(), l.zWeights()[k]);
        }
    }

    /**
     * Columns [from, to) of row iy that are damped along x or y: runs of columns with the same
     * damped axes go to the layer kernel in one call each (x layers at both ends, then, in a y
     * layer, the columns between them), then the z-layer cells of these columns get their
     * correction.
     */
    private void layerColumns(int iy, int from, int to, CpmlSlab ys, float[] t1, float[] t2) {
        LayerLayout l = layout;
        int ix = from;
        while (ix < to) {
            CpmlSlab xs = l.xSlabAt(ix);
            int runEnd = xs != null ? Math.min(to, xs.layerEnd())
                    : Math.min(to, Math.max(ix + 1, l.xInteriorTo()));
            layerRun(iy, ix, runEnd - ix, xs, ys);
            ix = runEnd;
        }
        for (CpmlSlab s : l.zSlabs()) {
            s.correctRow(u, un, m, iy, from, to, t1, t2);
        }
    }

    /** One run of columns damped along x ({@code xs}), y ({@code ys}) or both. */
    private void layerRun(int iy, int ix, int count, CpmlSlab xs, CpmlSlab ys) {
        LayerLayout l = layout;
        int p0 = (iy * grid.nx() + ix) * grid.nz();
        if (xs != null && ys != null) {
            layerKernel.columnTwo(u, un, m, p0, count, zFrom, zTo,
                    xs.psi(), xs.zeta(), xs.boxIndex(iy, ix), xs.boxColumnStride(), xs.boxStride(), xs.a(), xs.b(),
                    ix, l.xWeights(),
                    ys.psi(), ys.zeta(), ys.boxIndex(iy, ix), ys.boxColumnStride(), ys.boxStride(), ys.a()[iy],
                    ys.b()[iy], l.yWeights());
        } else if (xs != null) {
            layerKernel.columnOne(u, un, m, p0, count, zFrom, zTo, true, xs.psi(), xs.zeta(), xs.boxIndex(iy, ix),
                    xs.boxColumnStride(), xs.boxStride(), xs.a(), xs.b(), ix, 1, l.xWeights());
        } else {
            layerKernel.columnOne(u, un, m, p0, count, zFrom, zTo, false, ys.psi(), ys.zeta(), ys.boxIndex(iy, ix),
                    ys.boxColumnStride(), ys.boxStride(), ys.a(), ys.b(), iy, 0, l.yWeights());
        }
    }
}
