package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.dispatch.ShotNotes;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.core.progress.RemainingTime;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code submit --wait} and {@code resume --wait} say between the changes of a cloud job's
 * counts: the running shots' progress and the time the job has left. A survey's shots take 0.1–1
 * hour each, so the counts may not move for an hour, and a silent terminal looks hung.
 *
 * <p>The time left comes from the work done while the job is followed: finished shots count 1,
 * a running shot its fraction done, measured from the first status read. Shots run side by side
 * on a fleet that grows and shrinks, so the job's own recent pace, not a shot's time, is what
 * projects its end; the job's history before the follow (a resume, an earlier fleet) does not
 * count. No figure until the work has moved.
 */
final class FollowedPace {

    /** Running shots named in a line at most; a fleet may run hundreds. */
    static final int MOST_NAMED = 5;

    private double firstWork = Double.NaN;
    private double firstSeconds;

    /**
     * Records the job as read at {@code nowSeconds} (any monotonic clock, seconds) and says
     * the running shots' progress and the time left; "" when nothing runs and no pace is known, or the job has ended.
     * A running shot whose worker has been silent at {@code now} is said so ({@link ShotNotes#silenceBrief});
     * {@code now} is the service's time (the dispatcher's {@code clock()}), on which the workers' reports are stamped.
     */
    String update(JobView view, double nowSeconds, java.time.Instant now) {
        if (view.job().status().isFinal()) {
            return "";
        }
        double work = 0;
        double open = 0;
        for (ShotRecord s : view.shots()) {
            if (s.state() == ShotState.DONE) {
                work += 1;
            } else if (s.state() == ShotState.RUNNING) {
                double f = Math.clamp(s.progress(), 0, 1);
                work += f;
                open += 1 - f;
            } else if (s.state() == ShotState.QUEUED) {
                open += 1;
            }
        }
        if (Double.isNaN(firstWork)) {
            firstWork = work;
            firstSeconds = nowSeconds;
        }
        StringBuilder b = new StringBuilder();
        String running = view.shots().stream().filter(s -> s.state() == ShotState.RUNNING).limit(MOST_NAMED)
                .map(s -> {
                    String silence = ShotNotes.silenceBrief(s, now);
                    return String.format(Locale.ROOT, "shot %d at %.0f %%%s", s.shot(),
                            100 * Math.clamp(s.progress(), 0, 1), silence == null ? "" : " (" + silence + ")");
                })
                .collect(Collectors.joining(", "));
        long more = view.count(ShotState.RUNNING) - MOST_NAMED;
        if (!running.isEmpty()) {
            b.append("; ").append(running).append(more > 0 ? " and " + more + " more" : "");
        }
        double left = secondsLeft(work, open, nowSeconds);
        if (!Double.isNaN(left)) {
            b.append("; about ").append(RemainingTime.format(left)).append(" left at the pace since followed");
        }
        return b.toString();
    }

    /** Seconds for {@code open} shots of work at the pace since the first read; NaN before any work. */
    double secondsLeft(double work, double open, double nowSeconds) {
        double moved = work - firstWork;
        double elapsed = nowSeconds - firstSeconds;
        return moved > 1e-9 && elapsed > 0 && open > 0 ? open * elapsed / moved : Double.NaN;
    }
}
