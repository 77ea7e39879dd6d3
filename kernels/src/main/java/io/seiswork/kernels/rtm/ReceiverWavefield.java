package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Sampling;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.util.List;

/**
 * The receiver wavefield: a propagation run in reverse time order that injects each receiver's
 * recorded trace, time-reversed, through the same spread weights that recorded it. This is the
 * adjoint of modelling (source series → traces) when the propagator is symmetric: each
 * {@link #stepBack()} takes one step and then adds the data of the level it has reached, so that
 * after the step that reaches level n the field is the adjoint state paired with the source
 * field at level n (docs/rtm.md derives the index bookkeeping).
 *
 * <p>In 2D the data can be differentiated in time first: the 2D Green's function carries a −45°
 * phase per propagation (a line source), so source and receiver fields leave a −90° rotation in
 * the cross-correlation; {@code ∂/∂t} (+90°) makes the image of a step interface zero-phase, its
 * peak on the interface.
 */
final class ReceiverWavefield {

    private final Propagator prop;
    private final PointSpread[] spreads;
    private final float[][] data;
    private int level;

    /**
     * @param prop a fresh propagation on the migration model (absorbing layer included)
     * @param receivers receiver positions in metres
     * @param traces recorded traces on {@code axis}, one per receiver
     * @param axis output time axis in seconds
     * @param steps nt: the field starts beyond level nt and the first step reaches it
     * @param differentiate inject {@code ∂d/∂t} instead of d (2D phase correction); false for
     *     the exact adjoint of modelling
     */
    ReceiverWavefield(Propagator prop, List<Position> receivers, float[][] traces, Sampling axis, int steps,
            boolean differentiate) {
        if (traces.length != receivers.size()) {
            throw new IllegalArgumentException(receivers.size() + " receivers but " + traces.length + " traces");
        }
        this.prop = prop;
        this.spreads = new PointSpread[receivers.size()];
        this.data = new float[receivers.size()][];
        for (int r = 0; r < spreads.length; r++) {
            spreads[r] = prop.spread(receivers.get(r));
            data[r] = ReceiverData.levels(traces[r], axis, prop.dtS(), steps, differentiate);
        }
        this.level = steps + 1;
    }

    /** Takes one step back in time and injects the data of the level reached. */
    void stepBack() {
        prop.step();
        level--;
        for (int r = 0; r < spreads.length; r++) {
            prop.inject(spreads[r], data[r][level]);
        }
    }

    /** The level the field stands at (nt + 1 before the first step). */
    int level() {
        return level;
    }

    /** The padded field (live). */
    float[] field() {
        return prop.current();
    }
}
