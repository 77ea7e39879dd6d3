package io.seiswork.kernels.rtm;

import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.Propagator;

/**
 * {@link WavefieldStrategy#BOUNDARY}: saves only the {@link BoundaryRing} at every level during
 * the forward run, then rebuilds the source field backwards from the last two levels with the
 * time-reversed leapfrog {@code pⁿ⁻¹ = 2pⁿ − pⁿ⁺¹ + v²dt²∇²pⁿ}, taking the source injection back
 * out and re-imposing the saved ring after each step. Memory: ring cells × nt floats instead of
 * volume × nt / k; cost: one more propagation.
 *
 * <p>The same propagator that ran forward runs backwards ({@link Propagator#reverseTime()}), so
 * nothing else is allocated. Its absorbing layer amplifies when run backwards, but no cell
 * outside the ring reads it, and ring cells are overwritten each step; float32 rounding makes the
 * rebuilt field match the forward one to about 1e-6 of its peak (docs/rtm.md).
 */
final class BoundaryWavefield implements SourceWavefield {

    private final Propagator prop;
    private final PaddedGrid grid;
    private final PointSpread source;
    private final float[] wavelet;
    private final BoundaryRing ring;
    private final float[][] frames;
    private final float[] user;
    private final int steps;
    private int level = -1;

    /**
     * @param prop the forward source propagation (reused backwards)
     * @param source the source's spread
     * @param wavelet the injected samples: f[n] was added to level n + 1
     * @param steps nt
     */
    BoundaryWavefield(Propagator prop, PointSpread source, float[] wavelet, int steps) {
        this.prop = prop;
        this.grid = prop.grid();
        this.source = source;
        this.wavelet = wavelet;
        this.steps = steps;
        this.ring = new BoundaryRing(grid, grid.radius());
        this.frames = new float[steps][ring.cells()];
        this.user = new float[grid.user().points()];
    }

    /** Floats saved per level. */
    int ringCells() {
        return ring.cells();
    }

    @Override
    public void record(Propagator forward, int lvl) {
        ring.save(forward.current(), frames[lvl - 1]);
    }

    @Override
    public float[] at(int wanted) {
        if (level < 0) {
            if (wanted == steps) {
                level = steps;
                grid.cropInto(prop.current(), user);
                return user;
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
            ring.restore(frames[level - 1], prop.current());
        }
        grid.cropInto(prop.current(), user);
        return user;
    }

    @Override
    public void close() {
        // nothing beyond the heap
    }
}
