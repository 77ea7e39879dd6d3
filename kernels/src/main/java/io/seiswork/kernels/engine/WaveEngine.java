package io.seiswork.kernels.engine;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;

/**
 * Models shots with the acoustic wave equation of the physics convention
 * ({@code (1/v²) ∂²p/∂t² − ∇²p = f(t) δ(x − xs)}), one shot at a time.
 *
 * <p>An engine may hold threads or device memory between shots; close it when done. It is not
 * meant for concurrent calls: one {@link #model} at a time per engine.
 */
public interface WaveEngine extends AutoCloseable {

    /**
     * Models one shot.
     *
     * @param request model, physics, source, receivers and time axes
     * @param progress called from the calling thread about every 1 % of the steps
     * @param cancel checked between time steps
     * @return the receivers' traces on the request's output axis and the run's cost
     * @throws CancelledException if {@code cancel} was cancelled during the run
     */
    ShotRecord model(ShotRequest request, ProgressListener progress, CancellationToken cancel);

    /** A short name for logs and run reports, for example "cpu (2 threads)". */
    String name();

    /** Releases threads or device memory; the engine must not be used afterwards. */
    @Override
    void close();
}
