package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import java.util.ArrayList;
import java.util.List;

/**
 * The launch sequence of one reverse-time-migrated shot with boundary reconstruction of the
 * source field, independent of the CUDA API: the CPU's {@code rtm.ShotMigrator} with
 * {@code BoundaryWavefield} and {@code ReceiverWavefield}, step for step, on two
 * {@link StepPlan}s (the source and the receiver propagation). {@link CudaRtmShot} executes it
 * through JCuda; the emulation test executes the same sequence with {@code seiswork.cu} compiled
 * for the host and compares it with the CPU migrator.
 *
 * <p>Levels are time levels n·dt. Forward step n (0 .. nt − 1): the step, the source sample
 * f[n] injected into the new level n + 1, the ring of level n + 1 saved as frame n into its slot
 * of the device ring store (ring cells × K floats, {@link RingSchedule}: K = nt keeps every
 * frame on the device; a smaller K stages frames through the host with the launcher's
 * {@link Launcher#ringOut}, {@link Launcher#ringIn} and {@link Launcher#awaitSlot}). Backward
 * step: the receiver field steps to level l (nt .. 1) and gets the data of level l injected; at
 * every l divisible by the imaging interval the source field is rebuilt down to l and
 * {@code image_xcorr} adds S·R and S² (the weight dt·k is applied once on the host, after the
 * download). The rebuild mirrors {@code BoundaryWavefield.at}: level nt is the forward run's
 * last level as it stands; below it the two buffers swap roles (level nt − 1 is the forward
 * run's previous level), and each further level L → L − 1 takes f[L] back out of level L + 1,
 * runs the stencil backwards over the user grid shrunk by the radius r (no C-PML: every cell
 * there reads only user-grid cells), and restores the saved ring of level L − 1 (frame L − 2).
 * Cells of the padding keep stale values, which nothing reads.
 *
 * <p>Not thread-safe; one shot at a time.
 */
final class RtmPlan {

    /** Executes the launches: JCuda on the device, or the host build of the kernels in tests. */
    interface Launcher {
        /** The step launches of {@code plan} (C-PML, stencil, mirror) with buffer parity {@code parity}. */
        void step(StepPlan plan, int parity);

        /** One call with the arguments of {@code parity}; null calls are skipped. */
        void launch(StepPlan.Call call, int parity);

        /**
         * Copies ring slot {@code slot}, as the launches so far leave it, to staged frame
         * {@code frame} of the host store, asynchronously (the launches go on meanwhile).
         */
        void ringOut(int slot, int frame);

        /**
         * Copies staged frame {@code frame} of the host store into ring slot {@code slot} once the
         * launches so far are done with the slot, asynchronously.
         */
        void ringIn(int frame, int slot);

        /** The launches from now on wait for the last transfer of ring slot {@code slot}. */
        void awaitSlot(int slot);
    }

    /** Threads per block of {@code ring_copy} (docs/gpu.md). */
    static final int RING_BLOCK = 256;

    final StepPlan source;
    final StepPlan receiver;
    final StepPlan.Buffer image;
    final StepPlan.Buffer illumination;
    private final StepPlan.Points sourcePoints;
    private final StepPlan.Points receiverPoints;
    private final StepPlan.Buffer wavelet;
    private final StepPlan.Buffer negatedWavelet;
    private final StepPlan.Buffer receiverData;
    private final StepPlan.Buffer ring;
    private final RingSchedule schedule;
    private final long ringCells;
    private final int[] ringBox;
    private final int[] userBox;
    private final LaunchShape ringShape;
    private final LaunchShape imageShape;
    private final StepPlan.Call reverseStencil;
    private final int steps;
    private final int interval;
    private final int receivers;
    private int sourceParity;
    private int receiverParity;
    private int sourceLevel;
    private boolean sourceReversed;
    private int receiverLevel;
    private int imagedLevels;

    /**
     * Adds the shot's buffers to the two plans (upload them before launching).
     *
     * @param source plan of the source propagation
     * @param receiver plan of the receiver propagation (same model, physics and time step)
     * @param sourcePosition source position in metres
     * @param f source samples per step: f[n] is injected into level n + 1 (nt = f.length)
     * @param receiverPositions receiver positions in metres
     * @param receiverLevels the data to inject, level-major: (nt + 1) rows of one value per
     *     receiver, row l at level l (already resampled to dt and filtered by −∂/∂t)
     * @param interval imaging interval k in steps (≥ 1)
     */
    RtmPlan(StepPlan source, StepPlan receiver, Position sourcePosition, float[] f, List<Position> receiverPositions,
            float[] receiverLevels, int interval) {
        this(source, receiver, sourcePosition, f, receiverPositions, receiverLevels, interval, f.length);
    }

    /**
     * As the constructor above, with the ring store in {@code slots} device slots ({@link RingSchedule}):
     * nt or more keeps every level's ring on the device, fewer stage frames through the host.
     *
     * @param slots device ring slots K (≥ 2)
     */
    RtmPlan(StepPlan source, StepPlan receiver, Position sourcePosition, float[] f, List<Position> receiverPositions,
            float[] receiverLevels, int interval, int slots) {
        if (interval < 1) {
            throw new IllegalArgumentException("imaging interval must be >= 1, got " + interval);
        }
        this.source = source;
        this.receiver = receiver;
        this.steps = f.length;
        this.interval = interval;
        this.receivers = receiverPositions.size();
        if (receiverLevels.length != (long) (steps + 1) * receivers) {
            throw new IllegalArgumentException("receiver data must hold " + (steps + 1) + " levels of " + receivers
                    + " receivers, got " + receiverLevels.length + " values");
        }
        PaddedGrid g = source.grid;
        Grid u = g.user();
        int r = g.radius();
        boolean threeD = !u.is2d();
        checkThickness(u, r);
        int x0 = g.offX();
        int y0 = g.offY();
        int z0 = g.offZ();
        this.ringBox = new int[] {x0, x0 + u.nx(), y0, y0 + u.ny(), z0, z0 + u.nz(), r, threeD ? 1 : 0};
        this.ringCells = CudaKernels.ringCells(u.nx(), u.ny(), u.nz(), r, threeD);
        this.ringShape = new LaunchShape((int) ((ringCells + RING_BLOCK - 1) / RING_BLOCK), 1, 1, RING_BLOCK, 1);
        this.userBox = new int[] {x0, y0, z0, u.nx(), u.ny(), u.nz()};
        this.imageShape = LaunchShape.tiles(u.nz(), u.nx(), u.ny(), 32, 8);
        int[] inner = {x0 + r, x0 + u.nx() - r, threeD ? y0 + r : g.y0(), threeD ? y0 + u.ny() - r : g.y1(), z0 + r,
                z0 + u.nz() - r};
        this.reverseStencil = source.stencil(inner);

        this.sourcePoints = source.points(List.of(PointSpread.at(g, sourcePosition)));
        this.wavelet = source.floats(f);
        float[] negated = new float[steps];
        for (int n = 0; n < steps; n++) {
            negated[n] = -f[n];
        }
        this.negatedWavelet = source.floats(negated);
        this.schedule = new RingSchedule(steps, Math.min(slots, steps), interval);
        this.ring = source.scratch(ringBytes(ringCells, schedule.slots()));
        this.image = source.scratch((long) u.points() * Float.BYTES);
        this.illumination = source.scratch((long) u.points() * Float.BYTES);
        List<PointSpread> spreads = new ArrayList<>(receivers);
        for (Position p : receiverPositions) {
            spreads.add(PointSpread.at(receiver.grid, p));
        }
        this.receiverPoints = receiver.points(spreads);
        this.receiverData = receiver.floats(receiverLevels);
        this.sourceLevel = 0;
        this.receiverLevel = steps + 1;
    }

    /**
     * Refuses user grids where the ring of width r covers an axis whole: the backward stencil
     * region (the grid shrunk by r) would be empty.
     */
    static void checkThickness(Grid u, int r) {
        if (u.nx() <= 2 * r || u.nz() <= 2 * r || (!u.is2d() && u.ny() <= 2 * r)) {
            throw new IllegalArgumentException("grid " + u.nx() + " x " + u.ny() + " x " + u.nz()
                    + " is too thin for boundary reconstruction on the GPU (more than " + 2 * r
                    + " cells per axis needed)");
        }
    }

    /** Bytes of a ring store of {@code frames} frames: ring cells × 4 B × frames. */
    static long ringBytes(long ringCells, int frames) {
        return ringCells * Float.BYTES * frames;
    }

    /** The frame ↔ slot bookkeeping of the ring store. */
    RingSchedule schedule() {
        return schedule;
    }

    /** Bytes of one ring frame (one level's ring). */
    long frameBytes() {
        return ringCells * Float.BYTES;
    }

    /** The start of ring slot {@code slot} in the ring store. */
    StepPlan.At slot(int slot) {
        return ring.at((long) slot * frameBytes());
    }

    /** Ring cells saved per level. */
    long ringCells() {
        return ringCells;
    }

    /** The buffer that holds the source field's current level (the live wavefield's forward view). */
    StepPlan.Buffer sourceField() {
        return source.u(sourceParity);
    }

    /** The buffer that holds the receiver field's current level (the live wavefield's backward view). */
    StepPlan.Buffer receiverField() {
        return receiver.u(receiverParity);
    }

    /** Levels imaged so far. */
    int imagedLevels() {
        return imagedLevels;
    }

    /**
     * Forward step n (0 .. nt − 1): step, inject f[n] into level n + 1, save its ring (frame n).
     */
    void forward(int n, Launcher l) {
        if (n != sourceLevel || sourceReversed) {
            throw new IllegalStateException("forward step " + n + " with the source field at level " + sourceLevel);
        }
        l.step(source, sourceParity);
        sourceParity ^= 1;
        l.launch(source.inject(sourceParity, sourcePoints, wavelet.at((long) n * Float.BYTES)), sourceParity);
        int slot = schedule.slot(n);
        if (schedule.awaitBeforeSave(n)) {
            l.awaitSlot(slot); // the copy-out of frame n − K, which this save overwrites
        }
        l.launch(ringCopy(source.u(sourceParity), slot, true), 0);
        if (schedule.staged(n)) {
            l.ringOut(slot, n);
        }
        sourceLevel = n + 1;
        if (sourceLevel == steps) {
            for (int unused : schedule.unusedAtEnd()) {
                release(unused, l);
            }
        }
    }

    /** The device is done with {@code frame}: refill its slot with the next frame the backward pass needs. */
    private void release(int frame, Launcher l) {
        int next = schedule.fetchAfter(frame);
        if (next >= 0) {
            l.ringIn(next, schedule.slot(next));
        }
    }

    /**
     * One backward step of the receiver field (to level nt for the first call, down to 1 for the
     * nt-th): step, inject the data of the level reached; image it when it is a multiple of the
     * interval.
     *
     * @return the level reached
     */
    int backward(Launcher l) {
        if (sourceLevel != steps && !sourceReversed) {
            throw new IllegalStateException("backward pass before the forward pass ended");
        }
        if (receiverLevel <= 1) {
            throw new IllegalStateException("the receiver field is at level " + receiverLevel + " already");
        }
        l.step(receiver, receiverParity);
        receiverParity ^= 1;
        receiverLevel--;
        l.launch(receiver.inject(receiverParity, receiverPoints,
                receiverData.at((long) receiverLevel * receivers * Float.BYTES)), receiverParity);
        if (receiverLevel % interval == 0) {
            sourceTo(receiverLevel, l);
            Object[] args = {source.u(sourceParity), receiver.u(receiverParity), image, illumination, source.grid.nx(),
                    source.grid.nz(), userBox};
            l.launch(new StepPlan.Call("image_xcorr", imageShape, new Object[][] {args, args}), 0);
            imagedLevels++;
        }
        return receiverLevel;
    }

    /** Rebuilds the source field down to level {@code wanted} (BoundaryWavefield.at). */
    private void sourceTo(int wanted, Launcher l) {
        if (!sourceReversed) {
            if (wanted == steps) {
                return; // the forward run's last level, as it stands
            }
            sourceParity ^= 1; // the previous buffer holds level nt − 1: time runs backwards now
            sourceReversed = true;
            sourceLevel = steps - 1;
        }
        if (wanted > sourceLevel) {
            throw new IllegalStateException("source field at level " + sourceLevel + ", level " + wanted + " asked");
        }
        while (sourceLevel > wanted) {
            // Take f[L] back out of level L + 1 (the previous buffer), step to L − 1, restore its ring.
            int previous = sourceParity ^ 1;
            l.launch(source.inject(previous, sourcePoints, negatedWavelet.at((long) sourceLevel * Float.BYTES)),
                    previous);
            l.launch(reverseStencil, sourceParity);
            sourceParity ^= 1;
            sourceLevel--;
            int frame = sourceLevel - 1;
            int slot = schedule.slot(frame);
            if (schedule.awaitBeforeRestore(frame)) {
                l.awaitSlot(slot);
            }
            l.launch(ringCopy(source.u(sourceParity), slot, false), 0);
            release(frame, l);
        }
    }

    /** {@code ring_copy} of the user grid's ring between {@code field} and ring slot {@code slot}. */
    private StepPlan.Call ringCopy(StepPlan.Buffer field, int slot, boolean save) {
        Object[] args = {field, slot(slot), source.grid.nx(), source.grid.nz(),
                ringBox, ringCells, save ? 1 : 0};
        return new StepPlan.Call("ring_copy", ringShape, new Object[][] {args, args});
    }
}
