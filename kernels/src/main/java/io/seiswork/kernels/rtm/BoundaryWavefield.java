package io.seiswork.kernels.rtm;

import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.nio.file.Path;

/**
 * {@link WavefieldStrategy#BOUNDARY}: saves only the {@link BoundaryRing} at every level during
 * the forward run, then rebuilds the source field backwards from the last two levels with the
 * time-reversed leapfrog {@code pⁿ⁻¹ = 2pⁿ − pⁿ⁺¹ + v²dt²∇²pⁿ}, taking the source injection back
 * out and re-imposing the saved ring after each step. Cost: one more propagation.
 *
 * <p>The ring frames (ring cells × 4 bytes per level, surface × nt in all) go to a
 * {@link FrameStore}: by default a {@link SpillFile} in the scratch directory, so that the heap
 * holds no more than a few frames (a real 3D shot's ring is tens to hundreds of GB); or, for
 * small shots, {@link HeapFrames}. The floats restored are the floats saved either way, so the
 * two give the same image bit for bit.
 *
 * <p>The same propagator that ran forward runs backwards ({@link Propagator#reverseTime()}), and
 * {@link #at} hands out its live padded field ({@link #padded()}): nothing else is allocated,
 * not even a crop buffer. Its absorbing layer cannot be run backwards (the C-PML amplifies then),
 * and need not be: no cell outside the ring reads a layer cell, and ring cells are overwritten
 * each step. {@link ShotMigrator} therefore hands the layer's memory to the receiver propagation
 * ({@link Propagator#handOverLayer()}) and the reconstruction steps without it; either way the
 * cells outside the ring are the same, and float32 rounding makes the rebuilt field match the
 * forward one to about 1e-6 of its peak (docs/rtm.md).
 */
final class BoundaryWavefield implements SourceWavefield {

    /** Ring frames in flight in the scratch file: one being filled or used, one in transfer. */
    static final int SPILL_BUFFERS = MemoryEstimate.RING_BUFFERS;

    private final Propagator prop;
    private final PointSpread source;
    private final float[] wavelet;
    private final BoundaryRing ring;
    private final FrameStore frames;
    private final int steps;
    private int level = -1;

    private BoundaryWavefield(Propagator prop, PointSpread source, float[] wavelet, int steps, BoundaryRing ring,
            FrameStore frames) {
        this.prop = prop;
        this.source = source;
        this.wavelet = wavelet;
        this.steps = steps;
        this.ring = ring;
        this.frames = frames;
    }

    /**
     * The default: ring frames spilled to a scratch file in {@code scratchDir}, with
     * {@value #SPILL_BUFFERS} frames of direct buffers in memory.
     *
     * @param prop the forward source propagation (reused backwards)
     * @param source the source's spread
     * @param wavelet the injected samples: f[n] was added to level n + 1
     * @param steps nt
     * @param scratchDir directory for the scratch file
     */
    static BoundaryWavefield spilled(Propagator prop, PointSpread source, float[] wavelet, int steps,
            Path scratchDir) {
        BoundaryRing ring = new BoundaryRing(prop.grid(), prop.grid().radius());
        return new BoundaryWavefield(prop, source, wavelet, steps, ring,
                new SpillFile(scratchDir, ".ring", ring.cells(), SPILL_BUFFERS));
    }

    /** As {@link #spilled}, with every ring frame on the heap (ring cells × nt floats). */
    static BoundaryWavefield inMemory(Propagator prop, PointSpread source, float[] wavelet, int steps) {
        BoundaryRing ring = new BoundaryRing(prop.grid(), prop.grid().radius());
        return new BoundaryWavefield(prop, source, wavelet, steps, ring, new HeapFrames(steps, ring.cells()));
    }

    /** Floats saved per level. */
    int ringCells() {
        return ring.cells();
    }

    @Override
    public void record(Propagator forward, int lvl) {
        ring.save(forward.current(), frames.beginWrite(lvl - 1));
        frames.endWrite();
    }

    @Override
    public boolean padded() {
        return true;
    }

    @Override
    public float[] at(int wanted) {
        if (level < 0) {
            if (wanted == steps) {
                level = steps;
                return prop.current();
            }
            prop.reverseTime();
            level = steps - 1;
        } else if (level == steps) {
            prop.reverseTime();
            level = steps - 1;
        }
        while (level > wanted) {
            prop.injectPrevious(source, -wavelet[level]);
            prop.step();
            level--;
            ring.restore(frames.read(level - 1), prop.current());
        }
        return prop.current();
    }

    @Override
    public void close() {
        frames.close();
    }
}
