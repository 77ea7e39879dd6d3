package io.seiswork.app.cli;

import io.seiswork.app.shell.ShellCommand;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.FetchedOutput;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.TransferCancelledException;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.progress.ByteProgressLines;
import io.seiswork.core.spec.MemoryEstimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seiswork fetch JOB [--out DIR]}: downloads a finished job's outputs by ranged GETs.
 * Ctrl-C stops the download at once, keeping its whole parts on disk, and says what is kept and
 * the command that goes on ({@link StopOnSignal}).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download a finished cloud job's outputs (image.sgy and image.swv, or shots.sgy).",
            "Ctrl-C stops it, keeping what came: fetching again into the same folder goes on from there.",
            "A folder holding another run's outputs is refused before anything is downloaded (--replace removes them)."})
final class FetchCommand implements Callable<Integer> {

    /** Largest output fetched: the 100 GB volumes of real surveys, with room. */
    static final long MAX_OUTPUT_BYTES = 1L << 40;

    @Mixin
    JobOptions job;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<job id>).")
    Path out;

    @Option(names = "--replace", description = {"Remove another run's outputs from DIR first (image.sgy, image.swv,"
            + " shots.sgy, run.json, checkpoint/; nothing else there), instead of refusing to mix the job's files"
            + " with them."})
    boolean replace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobId id = job.id();
        Path dir = out != null ? out : Path.of("runs", id.value());
        PrintWriter err = spec.commandLine().getErr();
        return job.withDispatcher(d -> fetchInto(d, id, job.cloud.cloud, dir, replace, err));
    }

    /**
     * Fetches the job's outputs into {@code dir}, saying the progress on {@code err}; a signal
     * stops it ({@link StopOnSignal}), saying what is on disk and
     * "run `seiswork fetch JOB --cloud CLOUD --out DIR` again to go on".
     *
     * @param cloud the stack's name, for the command that goes on
     * @param replace whether another run's outputs in {@code dir} are removed ({@code --replace}), not refused
     * @return the exit status: 0 when fetched, {@link StopOnSignal#STOPPED} when a signal stopped it, 1 when it
     *     failed (said on {@code err} before the signal's hook lets the process end)
     */
    static int fetchInto(Dispatcher d, JobId id, String cloud, Path dir, boolean replace, PrintWriter err) {
        // The command that goes on needs no --replace: what it would remove is gone already.
        try (StopOnSignal stop = StopOnSignal.arm(err, ShellCommand.seiswork(List.of("fetch", id.value(), "--cloud",
                cloud, "--out", dir.toString())))) {
            List<FetchedOutput> files;
            try {
                files = d.fetch(id, dir, MAX_OUTPUT_BYTES, ByteProgressLines.every2s("downloading", line -> {
                    err.println(line);
                    err.flush();
                })::onBytes, stop.token(), replace ? RunOutputs.ALL : List.of());
            } catch (TransferCancelledException e) {
                return stop.stopped(e.kept());
            } catch (RuntimeException e) {
                // Said here, before the hook is released: under Ctrl-C the JVM exits as soon as it is, and a line
                // printed after, by picocli's handler, would be lost.
                return UserErrorHandler.report(e, err);
            }
            err.println("fetched " + String.join(", ", files.stream().map(f -> f.file() + (f.alreadyThere()
                    ? " (there already, " + MemoryEstimate.human(f.bytes()) + ", not downloaded again)" : "")).toList()));
            err.flush();
            return 0;
        }
    }
}
