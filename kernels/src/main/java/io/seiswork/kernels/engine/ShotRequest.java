package io.seiswork.kernels.engine;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.Wavelet;
import java.util.List;

/**
 * Everything one shot needs: the model, the numerical physics, the source and receivers, and the
 * time axes.
 *
 * @param model velocity in m/s on the user's grid (the absorbing layers are added outside it)
 * @param physics space order, absorbing width, free surface
 * @param source source position in metres from the first grid node, z down
 * @param wavelet source time function f(t), t in seconds from 0
 * @param receivers receiver positions in metres; any position inside the grid (interpolated)
 * @param timing internal time step, step count and output sampling
 */
public record ShotRequest(VelocityModel model, PhysicsOptions physics, Position source, Wavelet wavelet,
        List<Position> receivers, TimeStepping timing) {

    public ShotRequest {
        receivers = List.copyOf(receivers);
        Grid g = model.grid();
        check(g, source, "source");
        for (int i = 0; i < receivers.size(); i++) {
            check(g, receivers.get(i), "receiver " + i);
        }
        if (!(model.min() > 0) || !Float.isFinite(model.max())) {
            throw new IllegalArgumentException("velocities must be positive and finite, got min "
                    + model.min() + " max " + model.max() + " m/s");
        }
    }

    /**
     * A request whose time stepping comes from the CFL limit of the model at the default safety,
     * with the output interval a whole number of internal steps.
     *
     * @param outputS output time axis in seconds
     */
    public static ShotRequest of(VelocityModel model, PhysicsOptions physics, Position source, Wavelet wavelet,
            List<Position> receivers, Sampling outputS) {
        return new ShotRequest(model, physics, source, wavelet, receivers,
                TimeStepping.fromCfl(model, physics.spaceOrder(), outputS));
    }

    /** This request with another time stepping (for example a finer dtS). */
    public ShotRequest withTiming(TimeStepping t) {
        return new ShotRequest(model, physics, source, wavelet, receivers, t);
    }

    private static void check(Grid g, Position p, String what) {
        if (!g.contains(p.x(), p.y(), p.z())) {
            throw new IllegalArgumentException(what + " at (" + p.x() + ", " + p.y() + ", " + p.z()
                    + ") m lies outside the grid [0, " + g.xAxis().last() + "] x [0, " + g.yAxis().last()
                    + "] x [0, " + g.zAxis().last() + "] m");
        }
    }
}
