package io.seiswork.app.run;

import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.spec.Task;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.VolumeSource;

/**
 * Observes a local run: the terminal prints it, the desktop app will show it in its progress
 * panes. Called from the thread that runs the shots; implementations must return quickly.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() { };

    /**
     * The run goes on from one that stopped ({@link LocalRunner#resume}): the first {@code kept} of
     * its {@code shots} are done and will not run; {@link #runStarted} follows with the others.
     */
    default void runResumed(int kept, int shots) {
    }

    /**
     * Which shots a resumed run keeps (done before it stopped) and which it runs, each in run
     * order, told right after {@link #runResumed(int, int)}: the desktop lists them all, as a
     * fresh run's are.
     */
    default void shotsResumed(java.util.List<Integer> kept, java.util.List<Integer> toRun) {
    }

    /** What a resumed run says first: {@code resuming: 5 of 8 shots kept, 3 to run}. */
    static String resumedLine(int kept, int shots) {
        return String.format(java.util.Locale.ROOT, "resuming: %d of %d shots kept, %d to run", kept, shots, shots - kept);
    }

    /**
     * @param shots the shots this run computes (a resumed run's remaining ones)
     * @param engine the engine's name
     */
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

    /**
     * @param shot 1-based shot number
     * @param gptsPerSecond task model: the shot's throughput, points of the user's grid (absorbing
     *     layers left out, as {@code seiswork bench}'s headline); task rtm: the migration's alone
     *     (its computed points over its own seconds, the data's modelling not counted)
     */
    default void shotFinished(int shot, double gptsPerSecond) {
    }

    /**
     * What a shot computed, just before {@link #shotFinished}: the desktop's per-shot Gpts/s is
     * these points over the shot's wall seconds, as its summary is the run's points over the run's
     * wall seconds ({@code run.json}'s {@code gptsPerWallSecond}).
     *
     * @param shot 1-based shot number
     * @param points grid-point updates, absorbing layers included (points per step × steps ×
     *     propagations); task rtm: the migration's, the data's modelling not counted
     */
    default void shotComputed(int shot, double points) {
    }

    /** The run's task, before anything else: how a listener words what it shows. */
    default void taskStarted(Task task) {
    }

    /**
     * Whether a section of the running shot's wavefield is wanted now (the desktop's live view,
     * paced by the listener); false by default, and then no engine copies one.
     */
    default boolean wantsWavefield() {
        return false;
    }

    /**
     * The running shot's pressure in the x-z section through its source, at time level
     * {@code step} (see {@link WavefieldListener#onWavefield}).
     */
    default void wavefield(int shot, int step, Slice section) {
    }

    /**
     * As {@link #wavefield(int, int, Slice)}, saying which wavefield it is: a modelling shot's,
     * or a migration's data being modelled, source wavefield or receiver wavefield.
     */
    default void wavefield(int shot, int step, Slice section, io.seiswork.core.progress.WavefieldPhase phase) {
        wavefield(shot, step, section);
    }

    /**
     * The listener an engine gets for {@code shot}: its progress goes to {@code progress}, its
     * wavefield to {@link #wavefield} when this listener wants one.
     */
    default WavefieldListener withWavefield(int shot, ProgressListener progress) {
        return WavefieldListener.of(progress, this::wantsWavefield,
                (WavefieldListener.Sink) (step, section, phase) -> wavefield(shot, step, section, phase));
    }

    /** Whether the image stacked so far is wanted after each migrated shot (the desktop's preview). */
    default boolean wantsImage() {
        return false;
    }

    /**
     * The migration's image after {@code stacked} of {@code shots} shots, finished as the final
     * image is (imaging condition, filter, mute): its inline through the middle of the grid.
     */
    default void imageUpdated(int stacked, int shots, Slice section) {
    }

    /**
     * The migration's image after {@code stacked} of {@code shots} shots, whole and finished as
     * the final image is, in place of {@link #imageUpdated}'s inline when the image is small enough
     * to copy after each shot ({@link ImageSoFar#fitsWhole}).
     */
    default void imageUpdated(int stacked, int shots, VolumeSource image) {
    }

    /** A line of information about the run (for example the migration's memory plan). */
    default void message(String line) {
    }
}
