package io.seiswork.core.progress;

/**
 * Receives the progress of one shot. Engines call it from the thread that drives the time loop,
 * at most about every 1 % of the steps and once at the end, so an implementation may update a
 * UI model or publish a metric without throttling; it must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (step, totalSteps) -> { };

    /**
     * @param step time steps completed so far (0 .. totalSteps)
     * @param totalSteps time steps the shot takes in all
     */
    void onProgress(int step, int totalSteps);
}
