package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.FailedAttempts;
import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.dispatch.ShotNotes;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ShotNumbers;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.core.progress.Throughput;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswork status JOB}: the job's state, its shots' states, timings and throughput. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a cloud job: its status, shots done, running, queued and failed, and each shot's timing.")
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    JobOptions job;

    @Option(names = "--json", description = "Print the job and every shot as JSON (each shot's stored state, and"
            + " notRun: true for a shot still queued in a job that ended CANCELLED or FAILED).")
    boolean json;

    @Option(names = "--all", description = {"List every shot; by default a job of more than "
            + "50 shots lists only its running shots and the first 20 with an error."})
    boolean all;

    /** Jobs up to this many shots list every shot; larger ones only those that need a look. */
    static final int ALL_SHOTS_UP_TO = 50;

    /**
     * Failed shots (and shots carrying an error) a larger job lists without {@code --all}: the
     * first ones, then one line counting the others; a job of 5,000 failed shots printed 5,000
     * lines. Running shots are all listed (there are at most as many as workers).
     */
    static final int FAILED_SHOWN = 20;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobId id = job.id();
        // Ages are measured at the service's time, read once the table has answered (ServiceClock).
        record Read(JobView view, SpecShots specShots, Instant now, String skew) { }
        Read read = job.withDispatcher(d -> {
            JobView v = d.status(id);
            SpecShots specShots = SpecShots.of(d, id);
            return new Read(v, specShots, d.clock().now(), ShotNotes.skewNote(d.clock().offset()));
        });
        JobView view = read.view();
        SpecShots specShots = read.specShots();
        Instant now = read.now();
        PrintWriter out = spec.commandLine().getOut();
        if (read.skew() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("seiswork: note: " + read.skew());
            err.flush();
        }
        if (json) {
            out.println(JSON.writeValueAsString(toJson(view, specShots, now)));
        } else {
            out.println(summary(view, now));
            boolean every = all || view.shots().size() <= ALL_SHOTS_UP_TO;
            List<ShotRecord> needALook = every ? view.shots() : view.shots().stream().filter(StatusCommand::needsALook)
                    .toList();
            Split split = every ? new Split(needALook, List.of()) : firstFailed(needALook, FAILED_SHOWN);
            List<ShotRecord> shown = split.kept();
            if (!every) {
                out.printf(Locale.ROOT, "  (%d of %d shots shown: those running or with an error; --all lists every"
                        + " shot)%n", shown.size(), view.shots().size());
            }
            for (ShotRecord s : shown) {
                out.println(shotLine(view, s, specShots, now));
            }
            String more = moreLine(split.dropped());
            if (more != null) {
                out.println(more);
            }
        }
        out.flush();
        return 0;
    }

    /** A shot a larger job lists without {@code --all}: running, failed, or carrying an earlier attempt's error. */
    private static boolean needsALook(ShotRecord s) {
        return s.state() == ShotState.RUNNING || s.state() == ShotState.FAILED || s.error() != null;
    }

    /**
     * The line counting the shots a larger job's list leaves out, or null when none is: FAILED
     * shots apart from those queued again (for a retry, or not run in an ended job) that carry an
     * earlier attempt's error, which have not failed: "... and 25 more failed shots and 3 queued
     * again after an error: ..." (a job of no failed shot said "25 more failed shots").
     */
    static String moreLine(List<ShotRecord> notShown) {
        if (notShown.isEmpty()) {
            return null;
        }
        long failed = notShown.stream().filter(s -> s.state() == ShotState.FAILED).count();
        long retried = notShown.size() - failed;
        String which = failed == 0 ? String.format(Locale.ROOT, "%,d more shot%s queued again after an error", retried,
                retried == 1 ? "" : "s")
                : String.format(Locale.ROOT, "%,d more failed shot%s", failed, failed == 1 ? "" : "s")
                        + (retried == 0 ? "" : String.format(Locale.ROOT, " and %,d queued again after an error", retried));
        return "  ... and " + which + ": --all lists every shot, --json every shot's error";
    }

    /** A larger job's shots that need a look, split into those listed and those only counted, each in order. */
    record Split(List<ShotRecord> kept, List<ShotRecord> dropped) {
    }

    /**
     * {@code shots} in their order, every running one kept and only the first {@code failed} of
     * the others; the rest dropped (counted by {@link #moreLine}).
     */
    static Split firstFailed(List<ShotRecord> shots, int failed) {
        List<ShotRecord> kept = new ArrayList<>();
        List<ShotRecord> dropped = new ArrayList<>();
        int others = 0;
        for (ShotRecord s : shots) {
            if (s.state() == ShotState.RUNNING || others++ < failed) {
                kept.add(s);
            } else {
                dropped.add(s);
            }
        }
        return new Split(kept, dropped);
    }

    /**
     * One shot's line of the table at {@code now}: a RUNNING shot's worker silent for
     * {@link ShotNotes#SILENT_AFTER} is said so with what follows ({@link ShotNotes#silenceExplained}),
     * and the error a RUNNING shot carries is said to be an earlier attempt's. In an ended job
     * (CANCELLED, FAILED, DONE) only the silence is told: workers drop the messages of an ended
     * job, so no rerun follows.
     */
    static String shotLine(JobView view, ShotRecord s, SpecShots specShots, Instant now) {
        String error = s.error() == null ? "" : s.state() == ShotState.RUNNING ? "  " + ShotNotes.earlierError(s)
                : "  error: " + s.error();
        String silence = view.job().status().isFinal() ? ShotNotes.silenceBrief(s, now) : ShotNotes.silenceExplained(s, now);
        return String.format(Locale.ROOT, "  shot %4d%s  %-8s attempts %d%s%s%s", s.shot(), specShots.of(s.shot())
                .map(n -> " (spec shot " + n + ")").orElse(""), view.shownState(s), s.attempts(),
                s.state() == ShotState.DONE ? String.format(Locale.ROOT, "  %.1f s  %s Gpts/s  %s", s.seconds(),
                        Throughput.gpts(s.gptsPerSecond()), s.worker())
                        : s.state() == ShotState.RUNNING ? String.format(Locale.ROOT, "  %3.0f %%  %s", 100 * s.progress(), s.worker())
                        : s.worker() != null ? "  " + s.worker() : "",
                silence != null ? "  (" + silence + ")" : "", error);
    }

    /**
     * One line: {@code job-id: RUNNING, 3 of 9 shots done, 2 running, 4 queued}, lost shots told at
     * {@code now} (the service's time, {@link Dispatcher#clock()}).
     */
    static String summary(JobView view, Instant now) {
        JobRecord j = view.job();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s (%s, task %s): %s, %d of %d shots done",
                j.id(), j.name(), j.task(), j.status(), j.done(), j.total()));
        long running = view.count(ShotState.RUNNING);
        long queued = view.count(ShotState.QUEUED);
        if (running > 0) {
            b.append(", ").append(running).append(" running");
        }
        if (queued > 0 && !j.status().isFinal()) {
            b.append(", ").append(queued).append(" queued");
        }
        if (j.failed() > 0) {
            b.append(", ").append(j.failed()).append(" failed");
        }
        List<Integer> lost = view.lostShots(now);
        if (!lost.isEmpty()) {
            b.append(String.format(Locale.ROOT, ", %d lost (shot%s %s: %s worker silent for over %d minutes on the last "
                    + "delivery of its message; the next worker to sweep the dead-letter queue counts %s failed, and "
                    + "'seiswork resume %s' runs %s again)", lost.size(), lost.size() == 1 ? "" : "s",
                    ShotNumbers.brief(lost, 10), lost.size() == 1 ? "its" : "their", JobView.LOST_AFTER.toMinutes(),
                    lost.size() == 1 ? "it" : "them", j.id(), lost.size() == 1 ? "it" : "them"));
        }
        if (j.status() == JobStatus.STACKING) {
            b.append(", ").append(j.stacked()).append(" of ").append(j.total()).append(" results stacked");
        }
        if (j.error() != null) {
            b.append(": ").append(j.error());
        }
        return b.toString();
    }

    /**
     * How often {@link #follow} says where the job is when its counts do not change: shots of an
     * hour would leave the terminal silent for an hour.
     */
    static final Duration REPRINT = Duration.ofSeconds(30);

    /**
     * Polls until the job ends, printing a line whenever its summary changes and every
     * {@link #REPRINT} while it does not, with the running shots' progress and the time left
     * ({@link FollowedPace}), and a line for each attempt that failed ({@link FailedAttempts}).
     * Silences are measured on the service's clock ({@link Dispatcher#clock()}); a clock of this
     * machine's far off it is said once.
     *
     * @param poll the time between reads, or null for {@link WaitOptions#DEFAULT_POLL}, longer for
     *     a large job ({@link JobView#pollInterval})
     */
    static JobView follow(Dispatcher d, JobId id, Duration poll, PrintWriter err) {
        return follow(d, id, poll, REPRINT, err);
    }

    /** {@link #follow} with the summary said again every {@code reprint} while it stays the same. */
    static JobView follow(Dispatcher d, JobId id, Duration poll, Duration reprint, PrintWriter err) {
        String last = null;
        long lastSaid = 0;
        FollowedPace pace = new FollowedPace();
        FailedAttempts failures = new FailedAttempts();
        boolean skewTold = false;
        while (true) {
            JobView v = d.status(id);
            for (String failed : failures.newLines(v)) {
                err.println(failed);
            }
            String skew = ShotNotes.skewNote(d.clock().offset());
            if (skew != null && !skewTold) {
                err.println("seiswork: note: " + skew);
                skewTold = true;
            }
            Instant at = d.clock().now();
            String line = summary(v, at);
            long now = System.nanoTime();
            String detail = pace.update(v, now / 1e9, at);
            if (!line.equals(last) || now - lastSaid >= reprint.toNanos()) {
                err.println(line + detail);
                err.flush();
                last = line;
                lastSaid = now;
            }
            if (v.job().status().isFinal()) {
                return v;
            }
            try {
                Thread.sleep((poll != null ? poll : JobView.pollInterval(v.job().total(), WaitOptions.DEFAULT_POLL)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
        }
    }

    private static ObjectNode toJson(JobView view, SpecShots specShots, Instant now) {
        JobRecord j = view.job();
        ObjectNode o = JSON.createObjectNode();
        o.put("jobId", j.id().value()).put("name", j.name()).put("task", j.task()).put("status", j.status().name())
                .put("total", j.total()).put("done", j.done()).put("failed", j.failed()).put("maxFailed", j.maxFailed())
                .put("resumes", j.resumes())
                .put("created", String.valueOf(j.created())).put("updated", String.valueOf(j.updated()));
        if (j.error() != null) {
            o.put("error", j.error());
        }
        j.failedShots().forEach(o.putArray("failedShots")::add);
        view.lostShots(now).forEach(o.putArray("lostShots")::add);
        j.outputs().forEach(o.putArray("outputs")::add);
        ArrayNode shots = o.putArray("shots");
        for (ShotRecord s : view.shots()) {
            ObjectNode n = shots.addObject().put("shot", s.shot());
            specShots.of(s.shot()).ifPresent(f -> n.put("specShot", f));
            // The stored state, one of ShotState's as the protocol lists them: a script switching on it
            // meets no other value. A queued shot of an ended job is flagged beside it instead.
            n.put("state", s.state().name()).put("notRun", view.notRun(s)).put("attempts", s.attempts())
                    .put("progress", s.progress());
            if (s.worker() != null) {
                n.put("worker", s.worker());
            }
            if (s.state() == ShotState.DONE) {
                n.put("seconds", s.seconds()).put("gptsPerSecond", s.gptsPerSecond());
            }
            if (s.error() != null) {
                n.put("error", s.error());
            }
            if (s.errorAttempt() > 0) {
                n.put("errorAttempt", s.errorAttempt());
            }
        }
        return o;
    }
}
