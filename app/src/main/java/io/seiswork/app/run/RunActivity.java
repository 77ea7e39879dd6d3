package io.seiswork.app.run;

import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.Task;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.VolumeSource;
import java.util.Locale;

/**
 * A run's listener that also remembers what the run is doing (preparing, which shot, writing the
 * results), so that a run that runs out of Java heap is told in one line naming that, the heap's
 * size and how to raise it ({@link #outOfHeap}), rather than with {@code OutOfMemoryError}'s
 * stack trace. Every event goes on to the listener it wraps.
 */
final class RunActivity implements RunListener {

    private final RunListener to;
    private volatile Task task = Task.MODEL;
    private volatile int toRun = -1;
    private volatile int started;
    private volatile int finished;
    private volatile int shot = -1;

    RunActivity(RunListener to) {
        this.to = to;
    }

    /** A new run of {@code task} begins: nothing done yet. */
    void begin(Task task) {
        this.task = task;
        to.taskStarted(task);
        toRun = -1;
        started = 0;
        finished = 0;
        shot = -1;
    }

    /**
     * What the run is doing, in words: "preparing the run (models, memory plan)", "modelling shot
     * 5 (2 of 3 to run)", "migrating shot 5 (...)", "writing the image" once a migration's shots
     * are done, "finishing the run" once a modelling run's are.
     */
    String doing() {
        if (toRun < 0 || started == 0) {
            return "preparing the run (the velocity models, the memory plan, the data file)";
        }
        if (finished < started) {
            return String.format(Locale.ROOT, "%s shot %d (%d of %d to run)", task == Task.RTM ? "migrating" : "modelling",
                    shot, started, toRun);
        }
        return task == Task.RTM ? "finishing and writing the image" : "finishing the run";
    }

    /**
     * The one-line failure for an {@link OutOfMemoryError} of this run: what it was doing, the
     * heap it had ({@link Runtime#maxMemory}, about {@code -Xmx}) and how to raise it, a larger
     * heap suggested (the next whole GiB above 1.5 times this one). The error itself is kept as
     * the cause, for {@code SEISWORK_DEBUG}.
     */
    RuntimeException outOfHeap(OutOfMemoryError e) {
        return outOfHeap(doing(), Runtime.getRuntime().maxMemory(), e);
    }

    /**
     * A cancel that a token check reports by where it stood alone ("cancelled at step 24 of 1501",
     * {@link CancelledException#where}) said with what the run was doing: "cancelled while
     * modelling shot 5 (2 of 3 to run), at step 24 of 1501", so that a user who stopped a long run
     * knows which shot it stopped in. Any other exception, and a cancel said otherwise (a
     * transfer's, how far it had got), is returned as it is.
     */
    RuntimeException located(RuntimeException e) {
        if (!(e instanceof CancelledException c) || c.where() == null) {
            return e;
        }
        var said = new CancelledException("cancelled while " + doing() + ", at " + c.where());
        said.initCause(e);
        return said;
    }

    /** {@link #outOfHeap(OutOfMemoryError)} for a run doing {@code doing} with a heap of {@code maxHeapBytes}. */
    static RuntimeException outOfHeap(String doing, long maxHeapBytes, OutOfMemoryError e) {
        long gib = 1L << 30;
        long suggest = Math.max(1, (long) Math.ceil(1.5 * maxHeapBytes / gib));
        var failure = new IllegalStateException(String.format(Locale.ROOT, "ran out of Java heap while %s: the heap is"
                + " %s; raise it with SEISWORK_JAVA_OPTS=-Xmx%dg (or more), or coarsen the grid (%s)", doing,
                MemoryEstimate.human(maxHeapBytes), suggest, e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()));
        failure.initCause(e);
        return failure;
    }

    @Override
    public void runResumed(int kept, int shots) {
        to.runResumed(kept, shots);
    }

    @Override
    public void shotsResumed(java.util.List<Integer> kept, java.util.List<Integer> toRun) {
        to.shotsResumed(kept, toRun);
    }

    @Override
    public void runStarted(int shots, String engine) {
        toRun = shots;
        to.runStarted(shots, engine);
    }

    @Override
    public void shotStarted(int shot) {
        this.shot = shot;
        started++;
        to.shotStarted(shot);
    }

    @Override
    public void shotProgress(int shot, int step, int steps) {
        to.shotProgress(shot, step, steps);
    }

    @Override
    public void shotComputed(int shot, double points) {
        to.shotComputed(shot, points);
    }

    @Override
    public void shotFinished(int shot, double gptsPerSecond) {
        finished++;
        to.shotFinished(shot, gptsPerSecond);
    }

    @Override
    public boolean wantsWavefield() {
        return to.wantsWavefield();
    }

    @Override
    public void wavefield(int shot, int step, Slice section) {
        to.wavefield(shot, step, section);
    }

    @Override
    public WavefieldListener withWavefield(int shot, ProgressListener progress) {
        return to.withWavefield(shot, progress);
    }

    @Override
    public boolean wantsImage() {
        return to.wantsImage();
    }

    @Override
    public void imageUpdated(int stacked, int shots, Slice section) {
        to.imageUpdated(stacked, shots, section);
    }

    @Override
    public void imageUpdated(int stacked, int shots, VolumeSource image) {
        to.imageUpdated(stacked, shots, image);
    }

    @Override
    public void message(String line) {
        to.message(line);
    }
}
