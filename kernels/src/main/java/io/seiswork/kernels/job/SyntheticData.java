package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import java.util.List;
import java.util.function.Function;

/**
 * Observed data modelled on the fly, with the direct wave removed: each shot is modelled in the
 * true velocity and in a homogeneous medium of the true velocity at the source, and the second
 * is subtracted from the first. The direct wave would otherwise dominate the shallow image.
 *
 * <p>Why not subtract data modelled in the (smooth) migration velocity, as many tutorials do: a
 * smoothed interface is a velocity gradient, in which waves dive and return to the surface; their
 * difference with the true model's head waves survives the subtraction and migrates into strong
 * arcs around every source above the first reflector (seen on the layered demo). The homogeneous
 * direct wave is exact while the medium around the source is homogeneous out to the reflectors
 * (water layer, weathering layer), which is the case the demos and Marmousi have.
 *
 * <p>With a migration aperture a shot's data are modelled on its window of the true model, as
 * its migration is: each shot is then a problem of its own size, and the data hold what the
 * migration of that window can image.
 */
final class SyntheticData implements ObservedData {

    private final WaveEngine engine;
    private final VelocityField truth;
    private final PhysicsOptions physics;
    private final Wavelet wavelet;
    private final TimeStepping timing;
    private final List<Shot> shots;
    private final Function<Shot, ShotWindow> windows;

    /** @param windows each shot's window of the model (the whole model without an aperture) */
    SyntheticData(WaveEngine engine, VelocityField truth, PhysicsOptions physics, Wavelet wavelet,
            TimeStepping timing, List<Shot> shots, Function<Shot, ShotWindow> windows) {
        this.engine = engine;
        this.truth = truth;
        this.physics = physics;
        this.wavelet = wavelet;
        this.timing = timing;
        this.shots = shots;
        this.windows = windows;
    }

    @Override
    public List<Shot> shots() {
        return shots;
    }

    /** Every trace on the run's output axis: modelled from the shot's time 0. */
    @Override
    public Sampling timeS(Shot shot, int trace) {
        return timing.outputS();
    }

    @Override
    public int samplesPerTrace() {
        return timing.outputS().count();
    }

    @Override
    public float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel) {
        int steps = timing.steps();
        // Both runs are watched: the direct wave's takes as long as the data's (in 3D, tens of
        // seconds a shot), and a live view left on the data's last section would look frozen.
        ProgressListener first = watched(progress, (s, t) -> progress.onProgress(s, 2 * steps), WavefieldPhase.DATA);
        ProgressListener second = watched(progress, (s, t) -> progress.onProgress(steps + s, 2 * steps),
                WavefieldPhase.DIRECT);
        ShotWindow w = windows.apply(shot);
        VelocityModel model = w.crop(truth);
        Shot local = w.local(shot);
        float[][] d = model(model, local, first, cancel);
        var g = model.grid();
        var src = local.source();
        float vSource = model.at((int) Math.round(src.x() / g.dx()), g.is2d() ? 0 : (int) Math.round(src.y() / g.dy()),
                (int) Math.round(src.z() / g.dz()));
        float[][] direct = model(VelocityModel.constant(g, vSource), local, second, cancel);
        for (int r = 0; r < d.length; r++) {
            for (int i = 0; i < d[r].length; i++) {
                d[r][i] -= direct[r][i];
            }
        }
        return d;
    }

    /** {@code steps}, passing {@code progress}'s live sections on as {@code phase}'s when it watches them. */
    private static ProgressListener watched(ProgressListener progress, ProgressListener steps, WavefieldPhase phase) {
        if (progress instanceof WavefieldListener live) {
            return WavefieldListener.of(steps, live::wantsWavefield,
                    (WavefieldListener.Sink) (step, section, ignored) -> live.onWavefield(step, section, phase));
        }
        return steps;
    }

    private float[][] model(VelocityModel m, Shot shot, ProgressListener progress, CancellationToken cancel) {
        ShotRequest r = new ShotRequest(m, physics, shot.source(), wavelet, shot.receivers(), timing);
        return engine.model(r, progress, cancel).traces();
    }

    @Override
    public String describe() {
        return "synthetic: modelled in velocity, minus the direct wave (homogeneous medium of the velocity at the source)";
    }

    @Override
    public void close() {
        // nothing held
    }
}
