package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.run.FolderInTheWay;
import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.OutputInUse;
import io.seiswork.app.run.ResumeRefused;
import io.seiswork.app.run.RunCheckpoint;
import io.seiswork.app.run.RunTimeEstimator;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.app.run.StoppedRunInTheWay;
import io.seiswork.app.run.TerminalProgress;
import io.seiswork.app.run.TerminalTicker;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.Throughput;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.JobEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork run SPEC.json}: checks the spec (every problem at once, before any compute),
 * then runs its shots locally. Ctrl-C cancels between time steps and keeps the finished shots;
 * {@code --resume} goes on from them ({@link LocalRunner#resume}), {@code --restart} discards them
 * (without either, a folder holding them is refused, exit 2).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a job spec locally: checks it, then models every shot (task model) or migrates them"
                + " (task rtm).",
            "Writes DIR/shots.sgy (task model) or DIR/image.sgy and DIR/image.swv (task rtm: the depth image, as SEG-Y "
                + "and as a bricked volume for the viewers), and DIR/run.json (resolved spec, dt, nt, timings, Gpts/s); "
                + "keeps DIR/checkpoint until the run is done, for --resume."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The job spec (see docs/job-spec.md).")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<job name>).")
    Path out;

    @Option(names = "--engine", paramLabel = "auto|cpu|gpu", converter = OptionValues.Engine.class,
            description = "Overrides the spec's engine.")
    EngineChoice engine;

    @Option(names = "--shots", paramLabel = "LIST", converter = OptionValues.Shots.class, description = {"Run only these shots, by number (FFID): for "
            + "example 1 or 1,4-6, to look at a few before the whole survey. They keep their numbers and places; a "
            + "migration stacks only them. Default: every shot."})
    ShotSelection shotList;

    @Option(names = "--resume", description = {"Go on with the run that stopped in DIR (cancelled, failed or "
            + "killed): the shots it finished are kept, the others run, and the files are those an uninterrupted run "
            + "writes, byte for byte. Refused in one line when DIR holds no run to resume, a finished run, or a run of "
            + "another spec, shot list or engine."})
    boolean resume;

    @Option(names = "--restart", description = {"Start over in DIR even when it holds a run that stopped after "
            + "finishing shots, discarding them (without it such a run is refused, exit 2, saying how many shots are "
            + "done: --resume goes on with them). A finished run, or one stopped before its first shot was done, is "
            + "replaced without it. Not with --resume."})
    boolean restart;

    @picocli.CommandLine.Mixin
    CpuThreadsOption threads = new CpuThreadsOption();

    @Option(names = "--check", description = "Only check the spec and print, on standard output, the resolved time "
            + "stepping and the engine the run would take (refused as the run would be); run nothing. Not with "
            + "--estimate, which checks it too, nor with --resume.")
    boolean checkOnly;

    @Option(names = "--estimate", description = {"Check the spec, run the engine on the first shot for a few seconds "
            + "(warm-up until its speed settles: about 1.5 s on an idle machine, at most 20 s on a busy one; then the "
            + "median of 5 timed runs of about 1 s together, and about 0.5 s more for a migration's step) and print how "
            + "long the whole run (of the --shots given) will take, with a range when the machine is busy or the timed "
            + "runs spread; measured again, 3 times in all, while the JIT was still compiling the engine; write nothing. "
            + "Not with --resume: it times a run from its first shot."})
    boolean estimateOnly;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** How a refusal of --check or --estimate beside --resume or --restart ends. */
    private static final String LOOKS = ", which looks at a run before it starts";

    /**
     * The options that mean nothing together. --resume with --estimate would time the whole run,
     * with --check say nothing of the stopped one: neither is what was asked.
     */
    private static final ExcludedPairs EXCLUDED = new ExcludedPairs(List.of(
            new ExcludedPairs.Pair("--check", "--estimate", "--check and --estimate exclude each other: --estimate"
                    + " checks the spec too, then times the first shot"),
            new ExcludedPairs.Pair("--resume", "--restart", "--resume and --restart exclude each other: --resume goes"
                    + " on with the stopped run's finished shots, --restart discards them"),
            new ExcludedPairs.Pair("--restart", "--check", "--restart starts a run over; not with --check" + LOOKS),
            new ExcludedPairs.Pair("--restart", "--estimate", "--restart starts a run over; not with --estimate" + LOOKS),
            new ExcludedPairs.Pair("--resume", "--check", "--resume goes on with a stopped run; not with --check" + LOOKS),
            new ExcludedPairs.Pair("--resume", "--estimate", "--resume goes on with a stopped run; not with --estimate"
                    + LOOKS)));

    /** Time between the lines that say an estimate is still timing the first shot. */
    static final java.time.Duration ESTIMATE_TICK = java.time.Duration.ofSeconds(5);

    /** What the command is doing, for the message of an {@link OutOfMemoryError} outside the runner's shots. */
    private String doing = "checking the spec (reading its velocity models)";

    /**
     * Runs the command; an {@link OutOfMemoryError} anywhere in it (the runner names the shot it
     * met one in, see {@link LocalRunner#outOfHeap}) becomes one line saying what was being done,
     * the heap and how to raise it, never a stack trace.
     */
    @Override
    public Integer call() {
        try {
            return runCommand();
        } catch (OutOfMemoryError e) {
            throw LocalRunner.outOfHeap(doing, e);
        }
    }

    private Integer runCommand() {
        EXCLUDED.check(spec);
        Integer cpuThreads = threads.orDefaultNull();
        PrintWriter err = spec.commandLine().getErr();
        // --check's result is its output (for "run SPEC --check > facts.txt"); a run's or an estimate's are progress.
        PrintWriter facts = checkOnly ? spec.commandLine().getOut() : err;
        ResolvedJob job = CheckedSpec.resolve(specFile, engine, err);
        JobSpec jobSpec = job.spec();
        // Recorded data: the file's shots (its geometry checked as it is read), not the spec's layout.
        // Its trace headers are read once, said as submit says it (minutes for a file of hundreds of GB): the run's
        // ShotComputer finds this scan kept (SegyShotGathers), and says the file's notes itself.
        List<Shot> all = PassLines.shotsOf(job, err, CancellationToken.none()).shots();
        facts.printf(Locale.ROOT, "%s: %d shot%s%s, grid %d x %d x %d, dt %.4g ms (CFL limit %.4g ms), %d steps, %s per shot%n",
                jobSpec.name(), all.size(), all.size() == 1 ? "" : "s", job.dataFile() != null ? " in " + job.dataFile().getFileName() : "",
                jobSpec.grid().nx(), jobSpec.grid().ny(), jobSpec.grid().nz(),
                job.time().dtS() * 1e3, job.cflLimitS() * 1e3, job.time().steps(), MemoryEstimate.human(job.memoryBytes()));
        Double aperture = jobSpec.imaging().apertureM();
        if (jobSpec.task() == Task.RTM && aperture != null && job.dataFile() == null) {
            facts.println(ShotWindow.summary(jobSpec.grid(), job.geometry().shots(), aperture));
        }
        if (jobSpec.task() == Task.RTM && job.storage() == WholeGridStorage.OUT_OF_CORE) {
            facts.println(job.storage().describe(jobSpec.grid()));
        }
        // Left out: every shot. Given, even empty, it is a list (OptionValues.Shots).
        ShotSelection shots = shotList != null ? shotList : ShotSelection.ALL;
        // The shots listed; a shot the job lacks is a usage error, said before any work.
        List<Shot> chosen = null;
        if (!shots.all()) {
            chosen = OptionValues.usage(spec, () -> shots.of(all, "--shots"));  // a bad value: exit 2
            facts.printf(Locale.ROOT, "%s %d of the %d shot%s (--shots %s)%n", checkOnly ? "would run"
                    : estimateOnly ? "estimating" : "running", chosen.size(), all.size(), all.size() == 1 ? "" : "s", shots);
        }
        facts.flush();
        if (checkOnly) {
            // The engine the run would take, chosen as the run chooses it: an engine "gpu" without a usable GPU
            // (or one the shot does not fit) is refused here as the run would refuse it.
            doing = "choosing the engine";
            EngineSelection selected = JobEngine.select(job).withCpuThreads(cpuThreads);
            selected.engine().close();
            facts.println(selected.reason());
            facts.flush();
            return 0;
        }
        if (estimateOnly) {
            doing = "timing the first shot (--estimate)";
            PrintWriter out = spec.commandLine().getOut();
            // Timed while the JIT was still compiling the engine (a busy machine): said on standard
            // error, and measured again, as the desktop does.
            RunTimeEstimator.Estimate estimate;
            // 5 to 35 s of timing with nothing else to show: said, with a tick every 5 s.
            try (var ticking = TerminalTicker.start(err, "timing the first shot", ESTIMATE_TICK)) {
                estimate = RunTimeEstimator.estimate(job, chosen == null ? all : chosen,
                        cpuThreads, RunTimeEstimator.RunsIn.A_FRESH_JVM, CancellationToken.none(), unsettled -> {
                            err.println(unsettled.describe() + RunTimeEstimator.MEASURING_AGAIN);
                            err.flush();
                        });
            }
            out.println(estimate.describe());
            out.flush();
            return 0;
        }
        Path outDir = out != null ? out : Path.of("runs", jobSpec.name());
        doing = "starting the run";
        EngineSelection selected = JobEngine.select(job).withCpuThreads(cpuThreads);
        // Ctrl-C (or a scheduler's SIGTERM): stop at the next time step and let the runner save its
        // checkpoint and write run.json before the JVM exits, saying so past 2 s (StopOnSignal.armForRun).
        StopOnSignal stop = StopOnSignal.armForRun(err);
        try (var engineToClose = selected.engine()) {
            err.println("seiswork: " + selected.reason());
            err.flush();
            var runner = new LocalRunner(selected, new TerminalProgress(err, System.console() != null), stop.token(), shots);
            ObjectNode report;
            try {
                report = resume ? runner.resume(job, outDir) : restart ? runner.restart(job, outDir)
                        : runner.run(job, outDir);
            } catch (ResumeRefused | OutputInUse | StoppedRunInTheWay | FolderInTheWay e) {
                throw e;  // DIR was left as it was: nothing of this run to resume
            } catch (RuntimeException e) {
                String hint = RunCheckpoint.resumeHint(outDir);
                throw hint == null ? e : new FailureWithHint(e, hint);  // the hint goes after the error's line
            }
            err.printf(Locale.ROOT, "wrote %s in %.1f s (%s Gpts/s on the user's grid, %s with the absorbing "
                    + "layers)%n", written(outDir, jobSpec.task()), report.get("wallSeconds").asDouble(),
                    Throughput.gpts(report.get("userGptsPerSecond").asDouble()),
                    Throughput.gpts(report.get("gptsPerSecond").asDouble()));
        } catch (StoppedRunInTheWay e) {
            // Refused before anything in DIR changed, as a usage error is: the user chooses --resume or --restart.
            err.println("seiswork: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RuntimeException e) {
            // Said here, before the hook is released: under Ctrl-C the JVM exits as soon as it is,
            // and lines printed after (by picocli's handler) would be lost half the time.
            return UserErrorHandler.report(e, err);
        } finally {
            stop.close();  // the run ended: a signal's hook waiting for it lets the JVM exit
        }
        return 0;
    }

    /** "DIR/image.sgy, DIR/image.swv and DIR/run.json": every file the finished run wrote. */
    static String written(Path outDir, Task task) {
        List<String> paths = LocalRunner.outputFiles(task).stream().map(f -> outDir.resolve(f).toString()).toList();
        return String.join(", ", paths.subList(0, paths.size() - 1)) + " and " + paths.getLast();
    }
}
