package io.seiswork.kernels.engine;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.util.List;
import java.util.Locale;

/**
 * Entry points for callers outside the kernels ({@code seiswork run}, the worker): choosing an
 * engine, resolving the time axis for a report, and modelling one shot in one call.
 */
public final class WaveEngines {

    private WaveEngines() {
    }

    /**
     * An engine by the name the job spec and the command line use.
     *
     * @param kind "auto" or "cpu" (the CUDA engine is not built yet, so "auto" is the CPU)
     * @throws IllegalArgumentException naming the value for any other kind, "gpu" included
     */
    public static WaveEngine create(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "auto", "cpu" -> new CpuWaveEngine();
            default -> throw new IllegalArgumentException(
                    "engine must be auto or cpu (no GPU engine in this build), got " + kind);
        };
    }

    /**
     * The internal time step and step count a shot would run with, for reporting and for
     * validation messages, without running anything: {@link TimeStepping#fromCfl} at the default
     * safety for the physics' space order.
     *
     * @param outputS output time axis in seconds
     */
    public static TimeStepping resolveTiming(VelocityModel model, PhysicsOptions physics, Sampling outputS) {
        return TimeStepping.fromCfl(model, physics.spaceOrder(), outputS);
    }

    /**
     * Models one shot on {@code engine} with the time step from {@link #resolveTiming}.
     *
     * @param model velocity in m/s
     * @param source source position in metres, z down
     * @param receivers receiver positions in metres
     * @param wavelet source time function
     * @param physics space order, absorbing width, free surface
     * @param outputS output time axis in seconds
     * @return the traces on {@code outputS}; {@link ShotRecord#stats()} gives dt, steps, Gpts/s
     */
    public static ShotRecord modelShot(WaveEngine engine, VelocityModel model, Position source,
            List<Position> receivers, Wavelet wavelet, PhysicsOptions physics, Sampling outputS,
            ProgressListener progress, CancellationToken cancel) {
        ShotRequest request = new ShotRequest(model, physics, source, wavelet, receivers,
                resolveTiming(model, physics, outputS));
        return engine.model(request, progress, cancel);
    }
}
