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
 * <p>A migration injects {@code −∂d/∂t} rather than d, in 2D and 3D alike, so that a positive
 * reflection coefficient images as a positive zero-phase peak (SEG normal polarity). Per
 * frequency ({@code e^{−iωt}}, so {@code ∂/∂t ↔ −iω}) the zero-lag correlation of a reflector
 * point is {@code ∫ S R* dω}; with d back-propagated as it is, {@code S R* = i A(ω) r}, A > 0
 * and r the reflection coefficient, in every dimension: the Green's functions' phases cancel
 * between S and the conjugated back-propagation, and the sum over the receivers (stationary
 * phase over a line in 2D, a plane in 3D) together with the line source's phase in 2D leaves
 * one factor i (a monopole-only back-propagation; Kirchhoff–Helmholtz wants the normal
 * derivative, ≈ ∂/∂t / v, of the data). That image is a dipole, + above and − below a velocity
 * increase. {@code −∂d/∂t} multiplies D by iω, R* by −iω and so S R* by −iω: {@code ω A r},
 * zero-phase with the sign of r. ({@code +∂d/∂t}, which the 2D code injected before, gives the
 * same shape with the wrong sign.) docs/rtm.md "Image polarity and phase" has the measurements.
 */
final class ReceiverWavefield {

    private final Propagator prop;
    private final PointSpread[] spreads;
    /** Each receiver's data, computed a level at a time from its trace (never all nt + 1 levels). */
    private final ReceiverLevels[] data;
    private int level;

    /**
     * @param prop a fresh propagation on the migration model (absorbing layer included)
     * @param receivers receiver positions in metres
     * @param traces recorded traces, one per receiver, each on its axis (kept, not copied: the
     *     data of each level are computed from them as the field reaches it)
     * @param axes the time axis of each trace in seconds ({@link ReceiverData#sameAxis} for one axis)
     * @param steps nt: the field starts beyond level nt and the first step reaches it
     * @param migration inject {@code −∂d/∂t} instead of d (the imaging filter, see above); false
     *     for the exact adjoint of modelling
     */
    ReceiverWavefield(Propagator prop, List<Position> receivers, float[][] traces, Sampling[] axes, int steps,
            boolean migration) {
        if (traces.length != receivers.size()) {
            throw new IllegalArgumentException(receivers.size() + " receivers but " + traces.length + " traces");
        }
        this.prop = prop;
        this.spreads = new PointSpread[receivers.size()];
        this.data = new ReceiverLevels[receivers.size()];
        for (int r = 0; r < spreads.length; r++) {
            spreads[r] = prop.spread(receivers.get(r));
            data[r] = new ReceiverLevels(traces[r], axes[r], prop.dtS(), steps, migration);
        }
        this.level = steps + 1;
    }

    /** Takes one step back in time and injects the data of the level reached. */
    void stepBack() {
        prop.step();
        level--;
        for (int r = 0; r < spreads.length; r++) {
            prop.inject(spreads[r], data[r].next());
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
