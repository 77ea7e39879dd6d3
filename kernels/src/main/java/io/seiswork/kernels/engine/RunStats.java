package io.seiswork.kernels.engine;

/**
 * Cost figures of one shot.
 *
 * @param steps time steps taken
 * @param dtS internal time step in seconds
 * @param computedPoints grid points updated per step, absorbing layers included (the user's grid
 *     plus the layers)
 * @param wallSeconds wall-clock seconds of the time loop (set-up excluded)
 */
public record RunStats(int steps, double dtS, long computedPoints, double wallSeconds) {

    /**
     * Throughput in billions of grid-point updates per second: {@code computedPoints × steps /
     * wallSeconds / 1e9}, the figure {@code seiswork bench} and the C reference report.
     */
    public double gptsPerSecond() {
        return wallSeconds > 0 ? computedPoints * (double) steps / wallSeconds / 1e9 : 0;
    }
}
