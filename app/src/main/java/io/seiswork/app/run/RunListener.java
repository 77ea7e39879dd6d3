package io.seiswork.app.run;

/**
 * Observes a local run: the terminal prints it, the desktop app will show it in its progress
 * panes. Called from the thread that runs the shots; implementations must return quickly.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() { };

    default void runStarted(int shots, String engine) {
    }

    default void shotStarted(int shot) {
    }

    /**
     * @param shot 1-based shot number
     * @param step time steps done
     * @param steps time steps of this shot
     */
    default void shotProgress(int shot, int step, int steps) {
    }

    default void shotFinished(int shot, double gptsPerSecond) {
    }

    /** A line of information about the run (for example the migration's memory plan). */
    default void message(String line) {
    }
}
