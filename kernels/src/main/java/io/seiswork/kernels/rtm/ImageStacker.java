package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.WholeGridStorage;
import java.nio.file.Path;

/**
 * Sums partial images one at a time into one running stack: the same code stacks a local run's
 * shots as they finish and a cloud job's {@code shots/<n>.bin} files after the last shot. Files
 * are streamed block by block; only the stack is held, and only plane by plane is it read back
 * ({@link ImageFinisher}).
 *
 * <p>The stack is two float32 sums per node of the job's grid (8 bytes a node). It is held where
 * the job's {@link WholeGridStorage} says: on the heap, or in a memory-mapped file in the
 * caller's scratch folder ({@link MappedStack}), which holds any grid up to {@link Grid#MAX_NODES}.
 * Both add with the same float additions, so the image does not depend on where its stack was held.
 *
 * <p>The largest illumination is kept while adding: a migration's illumination is a sum of
 * squares, so every node's sum only grows and the running maximum is the maximum of the final
 * sums, which the source-normalised imaging condition needs before its first plane. A negative
 * illumination value (not a migration's) makes the running maximum inexact; it is then found
 * with one pass when asked.
 *
 * <p>A run that must be able to stop and go on (a local run's checkpoint) keeps its stack in a
 * {@link StackFile}: {@link #kept} starts one, {@link #resume} opens the one a run left. On the
 * heap the stack is saved whole when the caller chooses ({@link #save}: written aside, renamed
 * over the file); out of core the memory-mapped file is the checkpoint itself, every shot's add
 * bracketed so that a crash in the middle of one is recognised ({@link MappedStack}).
 *
 * <p>Not thread-safe. {@link #close()} releases the stack (and deletes its scratch file; a kept
 * stack's file stays).
 */
public final class ImageStacker implements AutoCloseable {

    private final Grid grid;
    private final StackStore store;
    private final int planeNodes;
    private int shots;
    private float maxIllumination;
    private boolean maxExact = true;
    private boolean closed;
    /** Time spent and bytes written making the stack durable ({@link #save}, a kept mapped stack's adds). */
    private long durableNanos;
    private long durableBytes;

    /**
     * An empty stack on {@code grid}, held where a job on it with this JVM's heap budget keeps its
     * whole grid ({@link WholeGridStorage#of}, 90 % of the maximum heap): for stacks outside a job.
     *
     * @param scratchDir folder for the mapped file (created when needed; the caller removes it)
     * @throws IllegalArgumentException when a plane of constant y (nx · nz nodes) does not fit one
     *     array: the image is finished plane by plane
     * @throws IllegalStateException when a mapped stack does not fit the scratch folder's usable space
     */
    public ImageStacker(Grid grid, Path scratchDir) {
        this(grid, scratchDir, WholeGridStorage.of(grid, (long) (0.9 * Runtime.getRuntime().maxMemory())));
    }

    /**
     * An empty stack on a job's {@code grid}, held as the job's {@code storage} says (the resolver's
     * choice, so that its memory check and the stack agree).
     *
     * @param scratchDir folder for the mapped file (created when needed; the caller removes it)
     * @throws IllegalArgumentException when a plane of constant y (nx · nz nodes) does not fit one array
     * @throws IllegalStateException when a mapped stack does not fit the scratch folder's usable space
     */
    public ImageStacker(Grid grid, Path scratchDir, WholeGridStorage storage) {
        this(grid, scratchDir, storage == WholeGridStorage.HEAP ? Long.MAX_VALUE : 0);
    }

    /**
     * @param heapNodeLimit the most nodes a stack held on the heap may have (0: always mapped,
     *     for tests)
     */
    ImageStacker(Grid grid, Path scratchDir, long heapNodeLimit) {
        requirePlanes(grid);
        this.grid = grid;
        this.planeNodes = grid.nx() * grid.nz();
        this.store = grid.fitsInArray() && grid.nodes() <= heapNodeLimit ? new HeapStack(grid)
                : new MappedStack(grid, scratchDir);
    }

    private ImageStacker(Grid grid, StackStore store, StackFile.State state) {
        this.grid = grid;
        this.planeNodes = grid.nx() * grid.nz();
        this.store = store;
        this.shots = state.shots();
        this.maxIllumination = state.maxIllumination();
        this.maxExact = state.maxExact();
    }

    /**
     * A new, empty stack that a run keeps in {@code file} ({@link StackFile}) so that it can stop
     * and go on: on the heap when {@code storage} says so (nothing is written until {@link #save});
     * out of core memory-mapped in {@code file} itself, made now (replacing any file there) and
     * kept after {@link #close()}.
     *
     * @throws IllegalArgumentException when a plane of constant y does not fit one array
     * @throws IllegalStateException when a mapped stack does not fit the folder's usable space
     */
    public static ImageStacker kept(Grid grid, WholeGridStorage storage, Path file) {
        requirePlanes(grid);
        StackStore store = storage == WholeGridStorage.HEAP && grid.fitsInArray() ? new HeapStack(grid)
                : MappedStack.kept(grid, file, false);
        return new ImageStacker(grid, store, new StackFile.State(0, 0, true, false));
    }

    /**
     * The stack a run kept in {@code file} and left (stopped, cancelled or killed), to go on
     * adding to: loaded onto the heap when {@code storage} says so, else mapped in place; its
     * shots and running maximum are the file's. It is held where {@code storage} says whichever
     * way it was held before, the file being the same.
     *
     * @throws IllegalArgumentException naming the file when it is not a stack on {@code grid}
     * @throws IllegalStateException when a shot was being added to the file when its run stopped
     *     ({@link StackFile#CHANGING}): it holds neither stack
     */
    public static ImageStacker resume(Grid grid, WholeGridStorage storage, Path file) {
        requirePlanes(grid);
        StackFile.State state = StackFile.read(file, grid);
        if (state.changing()) {
            throw new IllegalStateException(file + " was being changed (a shot was being added to it) when its run "
                    + "stopped: it holds no whole stack");
        }
        StackStore store;
        if (storage == WholeGridStorage.HEAP && grid.fitsInArray()) {
            HeapStack heap = new HeapStack(grid);
            StackFile.load(file, heap);
            store = heap;
        } else {
            store = MappedStack.kept(grid, file, true);
        }
        return new ImageStacker(grid, store, state);
    }

    private static void requirePlanes(Grid grid) {
        long plane = (long) grid.nx() * grid.nz();
        if (plane > Grid.MAX_POINTS) {
            throw new IllegalArgumentException("a plane of constant y of the " + grid.nx() + " x " + grid.ny() + " x "
                    + grid.nz() + " grid, nx x nz = " + plane + " nodes, exceeds one array of " + Grid.MAX_POINTS
                    + ": the image is stacked and finished plane by plane");
        }
    }

    /**
     * Whether the stack is its file ({@link #kept} out of core): every add is then on disk when it
     * returns, and {@link #save} to that file has nothing to do.
     */
    public boolean savedInPlace() {
        return store instanceof MappedStack m && m.kept();
    }

    /**
     * Makes {@code file} hold this stack ({@link StackFile}): written whole under a temporary name,
     * forced to disk and renamed over {@code file}, so that the file is at every moment a whole
     * stack, the previous or this one. A stack {@link #savedInPlace()} is already there.
     *
     * @return the bytes written (0 for a stack saved in place)
     */
    public long save(Path file) {
        requireOpen();
        if (savedInPlace()) {
            return 0;
        }
        long t0 = System.nanoTime();
        long bytes = StackFile.save(this, state(), file);
        durableNanos += System.nanoTime() - t0;
        durableBytes += bytes;
        return bytes;
    }

    /**
     * Seconds spent making the stack durable so far: its saves, or for a stack saved in place the
     * forcing of each add to disk.
     */
    public double durableSeconds() {
        return durableNanos / 1e9;
    }

    /**
     * Bytes written making the stack durable so far: its saves' files, or for a stack saved in
     * place the sums each add changed (what its force writes, give or take whole pages).
     */
    public long durableBytes() {
        return durableBytes;
    }

    private StackFile.State state() {
        return new StackFile.State(shots, maxIllumination, maxExact, false);
    }

    /**
     * Adds an in-memory partial image where it lies (a shot's window, or the whole grid).
     *
     * @throws IllegalArgumentException when it does not lie inside the stack's grid
     */
    public void add(PartialImage p) {
        WindowPlacement at;
        try {
            at = new WindowPlacement(p.window(), grid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partial image on grid " + p.grid() + " at (" + p.x0() + ", " + p.y0()
                    + "), the stack on " + grid, e);
        }
        requireOpen();
        beginChange();
        float[] a = p.image();
        float[] b = p.illumination();
        at.addNext(a, 0, a.length, this::addImage);
        at.restart();
        at.addNext(b, 0, b.length, this::addIllumination);
        shots += p.shots();
        commit(2L * Float.BYTES * p.grid().nodes());
    }

    /**
     * Adds a partial image file (see {@link PartialImageFile}), streamed.
     *
     * @throws IllegalArgumentException when it is on another grid or not a partial image
     */
    public void add(Path file) {
        requireOpen();
        PartialImageFile.Header h = PartialImageFile.header(file);
        beginChange();
        PartialImageFile.addInto(file, this);
        shots += h.shots();
        commit(2L * Float.BYTES * h.grid().nodes());
    }

    /** A stack saved in place: marks its file changing before an add. */
    private void beginChange() {
        if (savedInPlace()) {
            long t0 = System.nanoTime();
            ((MappedStack) store).beginChange(state());
            durableNanos += System.nanoTime() - t0;
        }
    }

    /** A stack saved in place: forces the add to disk and records the new state in the file. */
    private void commit(long changedBytes) {
        if (!savedInPlace()) {
            return;
        }
        long t1 = System.nanoTime();
        ((MappedStack) store).commit(state());
        durableNanos += System.nanoTime() - t1;
        durableBytes += changedBytes;
    }

    /** Shots stacked so far. */
    public int shots() {
        return shots;
    }

    /** The job's grid the stack is on. */
    public Grid grid() {
        return grid;
    }

    /** Whether the stack is held on the heap (else in a memory-mapped scratch file). */
    public boolean onHeap() {
        return store instanceof HeapStack;
    }

    /**
     * Copies the stacked image of the plane y = {@code iy} into {@code plane}: nx · nz values, z
     * contiguous, then x (the plane's part of {@link Grid#index} order).
     *
     * @throws IllegalArgumentException when iy is outside the grid or {@code plane} is too short
     */
    public void readImage(int iy, float[] plane) {
        checkPlane(iy, plane);
        store.readImage(grid.offset(0, iy, 0), plane, 0, planeNodes);
    }

    /** The stacked illumination of plane y = {@code iy}, as {@link #readImage}. */
    public void readIllumination(int iy, float[] plane) {
        checkPlane(iy, plane);
        store.readIllumination(grid.offset(0, iy, 0), plane, 0, planeNodes);
    }

    /**
     * The largest stacked illumination ({@code Math.max} over every node, from 0): kept while
     * adding, so asking costs nothing unless a negative illumination was added.
     */
    public float maxIllumination() {
        requireOpen();
        if (!maxExact) {
            float[] plane = new float[planeNodes];
            float max = 0;
            for (int iy = 0; iy < grid.ny(); iy++) {
                readIllumination(iy, plane);
                for (float v : plane) {
                    max = Math.max(max, v);
                }
            }
            return max;
        }
        return maxIllumination;
    }

    /**
     * Releases the stack; a mapped stack's scratch file is deleted, a kept stack's file stays.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }

    /** Adds one run of partial illumination: the running maximum stays exact while nothing negative comes. */
    void addIllumination(long at, float[] src, int from, int n) {
        for (int k = 0; k < n && maxExact; k++) {
            if (src[from + k] < 0) {
                maxExact = false;
            }
        }
        maxIllumination = store.addIllumination(at, src, from, n, maxIllumination);
    }

    /** Adds one run of partial image. */
    void addImage(long at, float[] src, int from, int n) {
        store.addImage(at, src, from, n);
    }

    private void checkPlane(int iy, float[] plane) {
        requireOpen();
        if (iy < 0 || iy >= grid.ny()) {
            throw new IllegalArgumentException("plane y = " + iy + " outside 0 .. " + (grid.ny() - 1));
        }
        if (plane.length < planeNodes) {
            throw new IllegalArgumentException("a plane of " + grid.nx() + " x " + grid.nz() + " = " + planeNodes
                    + " nodes into an array of " + plane.length);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the stack on " + grid + " is closed");
        }
    }
}
