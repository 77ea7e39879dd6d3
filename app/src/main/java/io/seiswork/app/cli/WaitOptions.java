package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.core.files.RunOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --wait [--out DIR [--replace]] [--poll S]}, shared by the commands that set a cloud job going
 * ({@code submit}, {@code resume}): follow it to its end and fetch its outputs.
 */
final class WaitOptions {

    @Option(names = "--wait", description = "Follow the job until it ends (progress on standard error).")
    boolean await;

    @Option(names = "--out", paramLabel = "DIR", description = "With --wait: fetch the outputs into DIR when done.")
    Path out;

    @Option(names = "--replace", description = {"With --out: remove another run's outputs from DIR when the job's"
            + " come, as fetch --replace does, instead of refusing DIR before anything is sent."})
    boolean replace;

    @Option(names = "--poll", paramLabel = "SECONDS", description = "With --wait: seconds between status reads"
            + " (default 2, or 1 ms a shot for a job of over 2,000 shots; at least " + MIN_POLL_S + ").")
    Double pollS;

    /** Shortest time between status reads, seconds: each is a read of the job table, and a shot takes seconds. */
    static final double MIN_POLL_S = 0.1;

    /** The least time between status reads without {@code --poll}; a larger job is read less often ({@link JobView#pollInterval}). */
    static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Refuses, before anything is sent: {@code --out} without {@code --wait} (the outputs would
     * silently never come), {@code --replace} without {@code --out}, a {@code --poll} under
     * {@link #MIN_POLL_S}, and an {@code --out} folder holding another run's outputs
     * ({@link RunOutputs}) without {@code --replace}, which the fetch would refuse only once the job
     * is done, hours later, and, even with it, one holding a folder by a run output's name that no
     * Seiswork run leaves ({@link RunOutputs#foreignFolders}), which no fetch removes.
     */
    void check() {
        OptionValues.require(pollS == null || pollS >= MIN_POLL_S, command, "--poll", "at least " + MIN_POLL_S + " seconds",
                pollS);
        if (out != null && !await) {
            throw new IllegalArgumentException("--out needs --wait; without it, fetch the outputs once the job is done: "
                    + "seiswork fetch JOB --out " + out);
        }
        if (replace && out == null) {
            throw new IllegalArgumentException("--replace needs --wait --out DIR: it replaces what DIR holds");
        }
        List<String> folders = out == null ? List.of() : RunOutputs.foreignFolders(out);
        if (!folders.isEmpty()) {
            throw new IllegalArgumentException("cannot fetch into " + out + ": " + RunOutputs.movePlease(out, folders)
                    + "; " + nothingSent());
        }
        List<String> there = out == null || replace ? List.of() : RunOutputs.in(out);
        if (!there.isEmpty()) {
            throw new IllegalArgumentException(out + " holds " + RunOutputs.named(out, there) + " (another run's"
                    + " outputs): --out another folder, or add --replace to remove them when the job's outputs come; "
                    + nothingSent());
        }
    }

    /** What a refusal before sending leaves undone: "nothing was submitted", "the job was not resumed". */
    private String nothingSent() {
        return "submit".equals(command.name()) ? "nothing was submitted" : "the job was not resumed";
    }

    /**
     * Follows the job when {@code --wait} was given, fetching its outputs with {@code --out}.
     *
     * @param cloud the stack's name, for the fetch command that goes on after a Ctrl-C
     * @return the exit status: 0 when not waiting or the job is DONE, 1 when it ended otherwise,
     *     {@link StopOnSignal#STOPPED} when a signal stopped the fetch
     */
    int followAndFetch(Dispatcher d, JobId id, String cloud, PrintWriter err) {
        if (!await) {
            return 0;
        }
        JobView end = StatusCommand.follow(d, id, pollS == null ? null : Duration.ofMillis((long) (pollS * 1000)), err);
        if (end.job().status() != JobStatus.DONE) {
            return 1;
        }
        return out == null ? 0 : FetchCommand.fetchInto(d, id, cloud, out, replace, err);
    }
}
