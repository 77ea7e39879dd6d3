package io.seiswork.app.desktop;

import io.seiswork.app.run.RunListener;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.VolumeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the runner thread reports, kept for the JavaFX thread to pick up once per frame: the
 * runner only writes volatile fields and queues (it never waits on the UI, and a shot of
 * millions of steps costs the UI one update per frame, not one per step), and the UI applies
 * only the shots that changed since its last look ({@link #drainChanged}).
 */
final class RunEvents implements RunListener {

    /** The latest state of one shot, written by the runner. */
    static final class Shot {
        final int number;
        volatile ShotProgress.State state = ShotProgress.State.QUEUED;
        volatile int step;
        volatile int steps;
        volatile double gptsPerSecond = Double.NaN;
        /** Grid-point updates the shot computed, absorbing layers included ({@link #shotComputed}); NaN before (a cloud shot: never). */
        volatile double points = Double.NaN;
        volatile long startNanos;
        volatile long endNanos;
        /** What the row says beside the state (a cloud shot's silence or earlier failure); null for nothing. */
        volatile String note;
        private final AtomicBoolean queued = new AtomicBoolean();

        Shot(int number) {
            this.number = number;
        }

        /** Wall seconds so far (or in all, once ended); 0 before the start. */
        double seconds(long nowNanos) {
            long s = startNanos;
            if (s == 0) {
                return 0;
            }
            long e = endNanos;
            return ((e != 0 ? e : nowNanos) - s) / 1e9;
        }

        /**
         * The row's Gpts/s: the shot's computed points, absorbing layers included, per wall second
         * of the shot ({@code seconds}), as the run's summary counts the run; a cloud shot's worker
         * gives its own figure (its propagation's seconds); NaN while it runs.
         */
        double gptsPerWallSecond(double seconds) {
            double p = points;
            if (Double.isNaN(p)) {
                return gptsPerSecond;
            }
            return seconds > 0 ? p / seconds / 1e9 : Double.NaN;
        }

        double fraction() {
            int n = steps;
            return state == ShotProgress.State.DONE || state == ShotProgress.State.KEPT ? 1 : n > 0 ? Math.min(1, step / (double) n) : 0;
        }
    }

    /** The latest wavefield section: which shot, which time level, the section, and which wavefield it is. */
    record Wavefield(int shot, int step, Slice section, WavefieldPhase phase) {
    }

    /** The migration's image so far: shots stacked of all, and the image whole, or its middle inline (the other null). */
    record Image(int stacked, int shots, Slice section, VolumeSource volume) {
    }

    /** Shortest time between two wavefield sections, nanoseconds (ten pictures a second at most). */
    static final long WAVEFIELD_INTERVAL_NANOS = 100_000_000L;

    private final Map<Integer, Shot> shots = new ConcurrentHashMap<>();
    private final AtomicReference<Wavefield> wavefield = new AtomicReference<>();
    private final AtomicReference<Image> image = new AtomicReference<>();
    private volatile long lastWavefieldNanos = System.nanoTime() - WAVEFIELD_INTERVAL_NANOS;
    private final Queue<Shot> changed = new ConcurrentLinkedQueue<>();
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private volatile int expectedShots;
    private volatile int keptShots;
    private volatile String engine = "";
    private volatile Shot running;

    /** A resumed run says what it keeps. */
    @Override
    public void runResumed(int kept, int shots) {
        messages.add(RunListener.resumedLine(kept, shots));
    }

    /** A resumed run's rows: every shot of the run, those it keeps done (kept), the others queued. */
    @Override
    public void shotsResumed(List<Integer> kept, List<Integer> toRun) {
        for (int n : kept) {
            Shot s = shot(n);
            s.state = ShotProgress.State.KEPT;
            mark(s);
        }
        keptShots = kept.size();
        for (int n : toRun) {
            mark(shot(n));
        }
    }

    /** Shots a resumed run keeps from the run it goes on from (0 for a fresh run). */
    int keptShots() {
        return keptShots;
    }

    @Override
    public void runStarted(int count, String engineName) {
        expectedShots = count;
        engine = engineName;
    }

    @Override
    public void shotStarted(int shot) {
        Shot s = shot(shot);
        s.startNanos = System.nanoTime();
        s.state = ShotProgress.State.RUNNING;
        running = s;
        mark(s);
    }

    @Override
    public void shotProgress(int shot, int step, int steps) {
        Shot s = shot(shot);
        s.steps = steps;
        s.step = step;
        mark(s);
    }

    @Override
    public void shotComputed(int shot, double points) {
        shot(shot).points = points;
    }

    @Override
    public void shotFinished(int shot, double gptsPerSecond) {
        Shot s = shot(shot);
        s.gptsPerSecond = gptsPerSecond;
        s.endNanos = System.nanoTime();
        s.state = ShotProgress.State.DONE;
        mark(s);
    }

    /**
     * A shot finished elsewhere (a cloud worker), with the wall time its worker measured: the row
     * shows that time, not the interval between the two reads of the job table that saw it.
     */
    void shotFinished(int shot, double gptsPerSecond, double seconds) {
        Shot s = shot(shot);
        long end = System.nanoTime();
        s.startNanos = end - (long) (seconds * 1e9);
        shotFinished(shot, gptsPerSecond);
        s.endNanos = end;
    }

    @Override
    public boolean wantsWavefield() {
        return System.nanoTime() - lastWavefieldNanos >= WAVEFIELD_INTERVAL_NANOS;
    }

    @Override
    public void wavefield(int shot, int step, Slice section) {
        wavefield(shot, step, section, WavefieldPhase.PRESSURE);
    }

    @Override
    public void wavefield(int shot, int step, Slice section, WavefieldPhase phase) {
        lastWavefieldNanos = System.nanoTime();
        wavefield.set(new Wavefield(shot, step, section, phase));
    }

    @Override
    public boolean wantsImage() {
        return true;
    }

    @Override
    public void imageUpdated(int stacked, int shots, Slice section) {
        image.set(new Image(stacked, shots, section, null));
    }

    @Override
    public void imageUpdated(int stacked, int shots, VolumeSource whole) {
        image.set(new Image(stacked, shots, null, whole));
    }

    /** The newest image so far since the last call, or null. */
    Image takeImage() {
        return image.getAndSet(null);
    }

    /** The newest wavefield section since the last call, or null when none arrived. */
    Wavefield takeWavefield() {
        return wavefield.getAndSet(null);
    }

    @Override
    public void message(String line) {
        messages.add(line);
    }

    /**
     * Sets what shot {@code shot}'s row says beside its state, null for nothing: a cloud job's
     * note from its job table ({@code ShotNotes}), refreshed at each report.
     */
    void shotNote(int shot, String note) {
        Shot s = shot(shot);
        if (!java.util.Objects.equals(s.note, note)) {
            s.note = note;
            mark(s);
        }
    }

    /** Marks the shot that was running when the run stopped early (cancelled or failed). */
    void stopped(ShotProgress.State how) {
        Shot s = running;
        if (s != null && s.state == ShotProgress.State.RUNNING) {
            s.endNanos = System.nanoTime();
            s.state = how;
            mark(s);
        }
    }

    /**
     * A cloud shot failed on its last attempt: its row says so at once, since its job runs its
     * other shots on within its limit of failed shots (the row said "running" until the job ended).
     */
    void shotFailed(int shot) {
        Shot s = shot(shot);
        if (s.state != ShotProgress.State.FAILED) {
            s.endNanos = System.nanoTime();
            s.state = ShotProgress.State.FAILED;
            mark(s);
        }
    }

    /**
     * Marks every shot still running {@code how}: a cloud job that ended cancelled or failed runs
     * none of them any more, though their items may still say RUNNING (a worker stopped, or killed,
     * before writing its shot back), and the window reads the table no more.
     */
    void stoppedAll(ShotProgress.State how) {
        long now = System.nanoTime();
        for (Shot s : shots.values()) {
            if (s.state == ShotProgress.State.RUNNING) {
                s.endNanos = now;
                s.state = how;
                mark(s);
            }
        }
    }

    /** Marks a shot that will not run, still queued when its cloud job ended cancelled or failed. */
    void notRun(int shot) {
        Shot s = shot(shot);
        if (s.state == ShotProgress.State.QUEUED) {
            s.state = ShotProgress.State.NOT_RUN;
            mark(s);
        }
    }

    /** Shots announced by the runner (0 until the run starts). */
    int expectedShots() {
        return expectedShots;
    }

    /** The engine the runner reported. */
    String engine() {
        return engine;
    }

    /** The shots whose state changed since the last call, each once. */
    List<Shot> drainChanged() {
        List<Shot> out = new ArrayList<>();
        for (Shot s; (s = changed.poll()) != null; ) {
            s.queued.set(false);
            out.add(s);
        }
        return out;
    }

    /** The messages since the last call. */
    List<String> drainMessages() {
        List<String> out = new ArrayList<>();
        for (String m; (m = messages.poll()) != null; ) {
            out.add(m);
        }
        return out;
    }

    private Shot shot(int number) {
        return shots.computeIfAbsent(number, Shot::new);
    }

    private void mark(Shot s) {
        if (s.queued.compareAndSet(false, true)) {
            changed.add(s);
        }
    }
}
