package io.seiswork.app.desktop;

/** A run the window follows: on this machine ({@link DesktopRun}) or in a cloud ({@link CloudRun}). */
interface ActiveRun {

    /** The user's Cancel: stop the run (for a cloud job: cancel the job). Returns at once. */
    void cancel();

    /**
     * The window is closing: stop following. A local run is cancelled; a cloud job keeps running on
     * its fleet (only a worker inside this window hands its shot back to the queue).
     */
    void stopFollowing();

    /**
     * The question the window asks before it closes during this run, saying truthfully what closing
     * does to it: "A run is in progress: stop it and close? ..." for a local run; for a cloud job,
     * that it goes on in the cloud and can be followed again.
     */
    String closeQuestion();

    /** Waits for the run's thread to end (tests, window close). */
    void join(long millis) throws InterruptedException;
}
