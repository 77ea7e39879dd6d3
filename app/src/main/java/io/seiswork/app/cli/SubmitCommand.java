package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.run.ShotSelection;
import io.seiswork.app.shell.ShellCommand;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.SpecTree;
import io.seiswork.cloud.dispatch.SubmitProgress;
import io.seiswork.cloud.dispatch.SubmittedJob;
import io.seiswork.cloud.job.FailedShots;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.s3.TransferCancelledException;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotComputer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork submit SPEC.json --cloud local|aws}: checks the spec as {@code run} does (every
 * problem before anything is uploaded), stores its inputs and queues one message per shot. Prints
 * the job id alone on standard output, so scripts can keep it; {@code --wait} follows the job to
 * its end and, with {@code --out}, fetches the outputs. Ctrl-C before the job is written stops
 * the uploads at once and says what S3 keeps ({@link StopOnSignal}).
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a job spec to the cloud: inputs to S3, the job to the job table, one message per shot.",
            "Prints the job id; follow it with 'seiswork status JOB', get the outputs with 'seiswork fetch JOB'.",
            "Ctrl-C while the inputs are read or uploaded stops at once and queues nothing: submitting again sends only "
                    + "what S3 lacks."})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The job spec (see docs/job-spec.md).")
    Path specFile;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--engine", paramLabel = "auto|cpu|gpu", converter = OptionValues.Engine.class,
            description = "Overrides the spec's engine on the workers.")
    EngineChoice engine;

    @Mixin
    WaitOptions wait;

    @Option(names = "--shots", paramLabel = "LIST", converter = OptionValues.Shots.class, description = {"Submit only these shots, by number (FFID): for "
            + "example 1 or 1,4-6, to look at a few shots of a large survey before sending all of it. They keep their "
            + "numbers and places: the outputs are those of 'seiswork run SPEC --shots LIST' (a migration stacks only "
            + "them). The job numbers them 1 to their count, and its status shows each one's number in the spec. Default: "
            + "every shot."})
    ShotSelection shotList;

    @Option(names = "--max-failed-shots", paramLabel = "N", description = {"Shots that may fail (each after 3 attempts) "
            + "while the job runs on with its others; one more stops the job. A job that ends with failed shots is "
            + "FAILED and lists them; 'seiswork resume JOB' runs them again. Default: 2 %% of the shots, rounded down "
            + "(0 under 50 shots: the first failed shot stops the job)."})
    Integer maxFailedShots;

    @Option(names = "--worker-memory", paramLabel = "GIB", description = {"Memory of a worker task in GiB, the stack's "
            + "workerMemoryMiB / 1024: the spec's memory checks are made for a worker's JVM (70 %% of it as heap), not for "
            + "this machine. Default: for --cloud aws SEISWORK_WORKER_MEMORY_GIB, else 14 (the stack's default); "
            + "this machine's heap for --cloud local, whose workers run here."})
    Double workerMemoryGiB;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The memory of a worker task the spec is checked for, GiB, or null: this machine's heap (--cloud local). */
    private Double workerTaskGiB() {
        Double gib = workerMemoryGiB;
        if (gib == null && !"aws".equals(cloud.cloud)) {
            return null;
        }
        double memory = gib != null ? gib : CloudSettings.workerMemoryGiB(CloudSettings.environment());
        if (!(memory > 0) || memory > 1 << 20) {
            String allowed = "a positive number of GiB (at most 1048576)";
            if (gib != null) {
                throw OptionValues.invalid(spec, "--worker-memory", allowed, memory);
            }
            throw new IllegalArgumentException(OptionValues.message("SEISWORK_WORKER_MEMORY_GIB", allowed, memory));
        }
        return memory;
    }

    /**
     * The resolver that checks the spec for the workers that will run it: a memory problem then
     * advises what raises a worker's budget ({@code --worker-memory}, and for AWS
     * {@code SEISWORK_WORKER_MEMORY_GIB}) and says the worker task's memory it comes from.
     */
    private JobResolver workerResolver(Double taskGiB) {
        Path base = specFile.toAbsolutePath().getParent();
        return taskGiB == null ? JobResolver.withHeapBudget(base)
                : JobResolver.forWorkers(base, (long) (taskGiB * (1L << 30)), workerBudget(taskGiB,
                        "aws".equals(cloud.cloud)));
    }

    /**
     * "a worker task of 14 GiB: 70 % of it as heap, 90 % of that for a shot; " raised with
     * "--worker-memory GIB or SEISWORK_WORKER_MEMORY_GIB".
     */
    static JobResolver.BudgetAdvice workerBudget(double taskGiB, boolean aws) {
        return JobResolver.BudgetAdvice.workers(taskGiB, "--worker-memory GIB" + (aws ? " or SEISWORK_WORKER_MEMORY_GIB" : ""));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        wait.check();
        if (maxFailedShots != null) {
            // Its upper bound needs the shots, counted below; a negative count is wrong for any job.
            OptionValues.require(maxFailedShots >= 0, spec, "--max-failed-shots", "0 or more", maxFailedShots);
        }
        EngineChoice choice = engine;
        ResolvedJob job = CheckedSpec.resolve(specFile, choice, err, workerResolver(workerTaskGiB()));
        // Ctrl-C from here until the job is written stops the passes over the inputs and the uploads, their parts in
        // flight too, and says what S3 keeps and the command that goes on: this one, as it was given.
        StopOnSignal stop = StopOnSignal.arm(err, ShellCommand.seiswork(spec.root().commandLine().getParseResult()
                .originalArgs()));
        try {
            return submit(job, choice, stop, err);
        } catch (TransferCancelledException e) {
            return stop.stopped(e.kept() + "; nothing was queued");
        } catch (CancelledException e) {
            return stop.stopped("nothing was queued; inputs stored before stay stored");
        } catch (picocli.CommandLine.ParameterException e) {
            // A usage error (--max-failed-shots past the shots counted, --shots naming one the spec lacks): picocli says
            // it, with status 2.
            throw e;
        } catch (RuntimeException e) {
            // Said here, before the hook is released: under Ctrl-C the JVM exits as soon as it is, and a line
            // printed after, by picocli's handler, would be lost.
            return UserErrorHandler.report(e, err);
        } finally {
            stop.close();
        }
    }

    /**
     * Counts the job's shots, stores its inputs and writes the job, then disarms {@code stop}
     * and follows the job with {@code --wait}.
     */
    private int submit(ResolvedJob job, EngineChoice choice, StopOnSignal stop, PrintWriter err) {
        CancellationToken cancel = stop.token();
        // The pass over the data file's trace headers that counts its shots: minutes for a TB, said as the digests are.
        ShotComputer.Shots found = PassLines.shotsOf(job, err, cancel);
        // What a local run says of its data file (traces outside the modelled time, zero-offset data): the workers
        // would say it only in their logs.
        found.notes().forEach(err::println);
        List<Shot> all = found.shots();
        List<Integer> chosen = shotList == null ? null : chosenShots(all, err);
        int shots = chosen != null ? chosen.size() : all.size();
        int maxFailed = maxFailedShots != null ? OptionValues.usage(spec, () -> FailedShots.checkLimit(maxFailedShots, shots))
                : FailedShots.defaultLimit(shots);
        return cloud.withDispatcher(d -> {
            ObjectNode tree = SpecTree.read(specFile);
            if (choice != null) {
                tree.put("engine", choice.json());
            }
            Path base = specFile.toAbsolutePath().getParent();
            // The data file's shot index, from the scan that counted its shots: each worker fetches only its shot. Its
            // digests take one read of the whole file, which leaves the file's SHA-256 for its upload's key.
            byte[] index = found.dataIndex() == null ? null : found.storedDataIndex(PassLines.said(err, "reading "
                    + found.dataFile().getFileName() + " for its digests"), cancel);
            // A file hashed for its key, the uploads: said as the digests' pass is.
            SubmitProgress inputs = SubmitProgress.said(doing -> PassLines.said(err, doing), cancel);
            SubmittedJob submitted = chosen == null ? d.submit(tree, base, shots, maxFailed, index, inputs)
                    : d.submitShots(tree, base, chosen, maxFailed, index, inputs);
            err.printf(Locale.ROOT, "submitted %s to the %s cloud: %d shot%s queued, %s uploaded (%d input%s)%s%n",
                    submitted.id(), cloud.settings().name(), submitted.shots(), submitted.shots() == 1 ? "" : "s",
                    MemoryEstimate.human(submitted.uploadedBytes()),
                    submitted.inputs().size(), submitted.inputs().size() == 1 ? "" : "s",
                    maxFailed > 0 ? "; up to " + maxFailed + " shot" + (maxFailed == 1 ? "" : "s")
                            + " may fail while the others run" : "");
            err.flush();
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(submitted.id());
            stdout.flush();
            stop.close();  // the job is written: Ctrl-C while it is followed ends the process at once, as before
            return wait.followAndFetch(d, submitted.id(), cloud.cloud, err);
        });
    }

    /**
     * The numbers of the shots {@code --shots} names, in the spec's order, said on standard error
     * as {@code run --shots} says them. A list that is empty or malformed, names a shot the spec
     * lacks, or more shots than a cloud job holds is refused in one line naming {@code --shots}
     * before anything is uploaded: a usage error (exit 2), as a bad value of any option is.
     */
    private List<Integer> chosenShots(List<Shot> all, PrintWriter err) {
        // "--shots ''" is refused as it is read (OptionValues.Shots), not taken as the desktop's empty field for "every shot".
        ShotSelection selection = shotList;
        List<Shot> chosen = OptionValues.usage(spec, () -> selection.of(all, "--shots"));
        if (chosen.size() > JobTable.MAX_SHOTS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shots: a cloud job has at most "
                    + JobTable.MAX_SHOTS + " shots, got " + chosen.size() + "; split them into several jobs");
        }
        err.printf(Locale.ROOT, "submitting %d of the %d shots (--shots %s)%n", chosen.size(), all.size(), selection);
        return chosen.stream().map(Shot::number).toList();
    }
}
