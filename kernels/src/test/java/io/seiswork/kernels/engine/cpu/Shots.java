package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;

/** One shared engine for the physics tests (threads are reused as in production). */
final class Shots {

    static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    private Shots() {
    }

    /** Models a shot at CFL safety {@code safety}. */
    static ShotRecord run(VelocityModel model, PhysicsOptions physics, Position source, Wavelet w,
            List<Position> receivers, Sampling outS, double safety) {
        ShotRequest req = new ShotRequest(model, physics, source, w, receivers,
                TimeStepping.fromCfl(model, physics.spaceOrder(), safety, outS));
        ShotRecord rec = ENGINE.model(req, ProgressListener.NONE, CancellationToken.none());
        System.out.printf("  [run] %s grid %dx%dx%d order %d steps %d dt %.3g ms: %.2f s, %.3f Gpts/s%n",
                ENGINE.name(), model.grid().nx(), model.grid().ny(), model.grid().nz(), physics.spaceOrder(),
                rec.stats().steps(), rec.stats().dtS() * 1e3, rec.stats().wallSeconds(),
                rec.stats().gptsPerSecond());
        return rec;
    }
}
