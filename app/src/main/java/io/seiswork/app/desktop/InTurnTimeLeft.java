package io.seiswork.app.desktop;

import io.seiswork.core.progress.RemainingTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The time left of a run whose shots run one after another on this machine, as the run's pane
 * takes it in: a frame at a time, the shots whose state changed since the last frame and the one
 * running. {@link RemainingTime} wants them in the order they ran, since a shot's end clears the
 * progress it keeps of the running shot and the first shot's time counts apart from the others';
 * a frame's shots come in a map's order, which is no order of the run (a shot's end and the next
 * one's start often fall in one frame). So each frame is fed the same way whatever the order it
 * came in: the shots that ended in it by the time they ended, then the running one.
 */
final class InTurnTimeLeft {

    /**
     * A shot as one frame saw it, read once (the runner moves it on meanwhile).
     *
     * @param number the shot's number
     * @param was its state on its row before this frame
     * @param state its state now
     * @param fraction its fraction done, 0 to 1
     * @param seconds its wall seconds so far, or in all once ended
     * @param startNanos when it started, {@link System#nanoTime}; 0 before
     * @param endNanos when it ended; 0 before
     */
    record Seen(int number, ShotProgress.State was, ShotProgress.State state, double fraction, double seconds,
            long startNanos, long endNanos) {

        /** {@code shot} as it is at {@code nowNanos}, its row having said {@code was}. */
        static Seen of(RunEvents.Shot shot, ShotProgress.State was, long nowNanos) {
            ShotProgress.State state = shot.state;
            long end = shot.endNanos;
            return new Seen(shot.number, was, state, state == ShotProgress.State.DONE ? 1 : shot.fraction(),
                    shot.seconds(nowNanos), shot.startNanos, end);
        }

        /** Whether the shot ended, done, in this frame. */
        boolean endedNow() {
            return state == ShotProgress.State.DONE && was != ShotProgress.State.DONE;
        }
    }

    /** Made when the run's first shot is seen to start; null before. */
    private RemainingTime remaining;
    /** The last figure, seconds (kept between one shot's end and the next one's progress); NaN while estimating. */
    private double secondsLeft = Double.NaN;
    /** Shots {@link #remaining} was made for, less those that finished since: the shots its figure counts. */
    private int shotsToGo;

    /**
     * Takes one frame in.
     *
     * @param frame the shots of the frame, in any order, read at the frame's time (a running
     *     shot's clock moves between its events)
     * @param shotsToRun the shots the run has to run, asked once, when its first shot is seen: a
     *     resumed run's kept shots are not among them
     */
    void frame(List<Seen> frame, IntSupplier shotsToRun) {
        if (remaining == null) {
            // A resumed run's kept shots come in its first frames too; they are not its start.
            if (frame.stream().allMatch(s -> s.state() == ShotProgress.State.QUEUED
                    || s.state() == ShotProgress.State.KEPT)) {
                return;
            }
            shotsToGo = shotsToRun.getAsInt();
            remaining = new RemainingTime(shotsToGo);
        }
        List<Seen> ended = new ArrayList<>();
        Seen running = null;
        for (Seen s : frame) {
            if (s.endedNow()) {
                ended.add(s);
            } else if (s.state() == ShotProgress.State.RUNNING
                    && (running == null || s.startNanos() > running.startNanos())) {
                running = s;  // (one at a time in turn; else the latest started)
            }
        }
        ended.sort(Comparator.comparingLong(Seen::endNanos).thenComparingInt(Seen::number));
        for (Seen s : ended) {
            remaining.shotFinished(s.seconds());
            shotsToGo--;
        }
        if (running != null) {
            secondsLeft = remaining.secondsLeft(running.fraction(), running.seconds());
        }
    }

    /** Whether the run's first shot has been seen to start: before, there is no figure to give. */
    boolean started() {
        return remaining != null;
    }

    /** Shots the figure counts as still to run, the running one included; 0 before the first shot starts. */
    int shotsToGo() {
        return shotsToGo;
    }

    /** Seconds the run has left, as of the last frame with a running shot; NaN while estimating. */
    double seconds() {
        return secondsLeft;
    }
}
