package io.seiswork.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.IoProblems;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecWriter;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.VelocityRange;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.text.SignificantDigits;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.job.FreeSpace;
import io.seiswork.kernels.job.GatherFiles;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.ModelledShot;
import io.seiswork.kernels.job.ShotComputer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every shot of a resolved job on one engine, on the calling thread, and writes the results
 * to an output directory: {@code shots.sgy} (task model) or {@code image.sgy} (task rtm, see
 * {@link MigrationRunner}) and {@code run.json} (the resolved spec, time stepping, engine, timings
 * and throughput; for rtm also the source-wavefield strategy, memory per strategy and image
 * statistics). Shots are written as they finish, so a long run
 * that is cancelled keeps its finished shots, and {@code run.json} records how far it got.
 *
 * <p>A run keeps a checkpoint in the directory ({@link RunCheckpoint}) until its outputs are
 * whole, so that a run that stops — cancelled, failed, or killed — can go on: {@link #resume}
 * runs only the shots not yet kept and gives the files an uninterrupted run writes, byte for byte.
 * Task model keeps its gathers in {@code shots.sgy} itself (forced to disk after each shot, the
 * checkpoint then records the file's length); task rtm its stack ({@link MigrationRunner}).
 */
public final class LocalRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    /** File of shot gathers in the output directory. */
    public static final String SHOTS_FILE = GatherFiles.SHOTS_FILE;
    /** Run report in the output directory. */
    public static final String REPORT_FILE = RunOutputs.REPORT;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EngineSelection selected;
    /** The caller's listener, tracking what the run does for a failure's message ({@link RunActivity}). */
    private final RunActivity listener;
    private final CancellationToken cancel;
    private final ShotSelection shots;
    private double checkpointMinimumS = CheckpointSchedule.minimumFromProperty();

    public LocalRunner(EngineSelection selected, RunListener listener, CancellationToken cancel) {
        this(selected, listener, cancel, ShotSelection.ALL);
    }

    /**
     * @param shots which of the job's shots to run ({@code seiswork run --shots})
     */
    public LocalRunner(EngineSelection selected, RunListener listener, CancellationToken cancel, ShotSelection shots) {
        this.selected = selected;
        this.listener = new RunActivity(listener);
        this.cancel = cancel;
        this.shots = shots;
    }

    /**
     * The shortest interval between two saves of a migration's stack held on the heap
     * ({@link CheckpointSchedule}; by default {@value CheckpointSchedule#DEFAULT_MINIMUM_S} s or
     * the system property {@value CheckpointSchedule#PROPERTY}; 0 saves after every shot).
     *
     * @return this runner
     */
    public LocalRunner checkpointEvery(double minimumSeconds) {
        this.checkpointMinimumS = minimumSeconds;
        return this;
    }

    /**
     * Runs the job into {@code outDir} (created if needed), replacing what a previous run left
     * there: its own outputs are removed before it starts (a cancelled run leaves none of the
     * previous run's beside its report), and the other task's when a Seiswork {@code run.json}
     * there shows they are a run's ({@link PreviousOutputs}), each said in one line. A finished run
     * is replaced, and so is one that stopped before finishing a shot; one that stopped after
     * finishing shots is not: {@link #resume} goes on with it, {@link #restart} discards them.
     *
     * @return the run report, also written to {@code outDir/run.json}
     * @throws IllegalArgumentException for a task this build cannot run
     * @throws OutputInUse when another run holds {@code outDir}, before anything there changes
     * @throws StoppedRunInTheWay when {@code outDir} holds a stopped run with finished shots,
     *     before anything there changes
     * @throws FolderInTheWay when {@code outDir} holds a folder by a run output's name that no
     *     Seiswork run leaves, before anything there changes
     */
    public ObjectNode run(ResolvedJob job, Path outDir) {
        return runAfresh(job, outDir, false);
    }

    /**
     * As {@link #run}, and a run that stopped in {@code outDir} after finishing shots is replaced
     * too, its finished shots discarded ({@code seiswork run --restart}; the desktop's Run once the
     * user said so).
     */
    public ObjectNode restart(ResolvedJob job, Path outDir) {
        return runAfresh(job, outDir, true);
    }

    private ObjectNode runAfresh(ResolvedJob job, Path outDir, boolean discardStopped) {
        createDirectories(outDir);
        try (OutputLock lock = OutputLock.acquire(outDir)) {
            // Looked at only with the lock held: a folder another run holds is neither refused nor started over.
            List<String> folders = RunOutputs.foreignFolders(outDir);
            if (!folders.isEmpty()) {
                throw new FolderInTheWay("cannot run into " + outDir + ": " + RunOutputs.movePlease(outDir, folders)
                        + "; nothing was written");
            }
            String unfinished = RunCheckpoint.unfinishedRun(outDir);
            if (unfinished != null) {
                boolean shotsDone = RunCheckpoint.shotsKeptIn(outDir) > 0;
                if (shotsDone && !discardStopped) {
                    throw new StoppedRunInTheWay(unfinished + ": run with --resume to go on with it, or with --restart"
                            + " to discard its finished shots and start over");
                }
                listener.message(unfinished + "; starting over" + (shotsDone ? ", its finished shots discarded" : ""));
            }
            PreviousOutputs.removeBefore(job, outDir).forEach(listener::message);
            return run(job, outDir, null);
        }
    }

    /**
     * Goes on with the run that stopped in {@code outDir} (cancelled, failed or killed): the shots
     * its checkpoint kept are not computed again, the others run, and the outputs are those an
     * uninterrupted run writes, byte for byte. The report adds {@code resumedFrom} (when the
     * attempt that stopped started) and {@code shotsKept}; its {@code shots} are the shots this
     * attempt computed.
     *
     * @throws ResumeRefused before anything is written, when {@code outDir} holds no run to resume,
     *     a finished one, or one of another spec, inputs, shots or engine (its one-line message says
     *     which)
     */
    public ObjectNode resume(ResolvedJob job, Path outDir) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new ResumeRefused("cannot resume: " + outDir + " is a file, not a run's folder");
        }
        if (!Files.isDirectory(outDir)) {
            RunCheckpoint.requireResumable(outDir);  // refuses: no run there
        }
        try (OutputLock lock = OutputLock.acquire(outDir)) {
            return run(job, outDir, RunCheckpoint.requireResumable(outDir));
        }
    }

    private static void createDirectories(Path outDir) {
        IoProblems.createFolders(outDir, "output directory ");
    }

    /** The run, with the output folder's lock held ({@link OutputLock}). */
    private ObjectNode run(ResolvedJob job, Path outDir, RunCheckpoint previous) {
        JobSpec spec = job.spec();
        listener.begin(spec.task());
        if (spec.task() == Task.RTM) {
            return migrate(job, outDir, previous);
        }
        WaveEngine engine = selected.engine();
        TimeStepping timing = job.time();
        ObjectNode report = header(job, timing);
        long started = System.nanoTime();
        double points = 0;
        double userPoints = 0;
        double loopSeconds = 0;
        // Points of the user's grid per computed point: the headline Gpts/s leaves the absorbing layers out.
        double userShare = RunWork.userShare(spec);
        // Room for the gathers of the shots to run, before any runs (as a migration checks for its image).
        List<Shot> toRun = shots.of(ShotComputer.shotsOf(job), "--shots");
        if (!GatherFiles.requireDiskSpace(outDir, job, toRun)) {
            listener.message(FreeSpace.unknownNote(outDir, "the gathers", GatherFiles.diskBytes(job, toRun)));
        }
        report.put("status", "running");
        boolean refused = false;
        try (ShotComputer computer = new ShotComputer(job, engine, outDir.resolve("scratch"), listener::message)) {
            List<Shot> run = shots.of(computer.shots(), "--shots");
            RunIdentity identity = RunIdentity.of(job, shots, run, engine.name());
            int kept = previous == null ? 0 : keptShots(previous, identity, outDir);
            RunCheckpoint checkpoint = previous == null ? RunCheckpoint.start(outDir, identity,
                    report.get("started").asText()) : previous;
            putResumed(report, previous, run.subList(0, kept));
            if (previous != null) {
                previous.resumedBy(report.get("started").asText());
            }
            ArrayNode shotReports = report.putArray("shots");
            writeReport(outDir.resolve(REPORT_FILE), report);
            List<Integer> keptNumbers = new ArrayList<>(run.subList(0, kept).stream().map(Shot::number).toList());
            long syncNs = 0;
            int syncs = 0;
            long keptBytes = kept > 0 ? checkpoint.shotsFileBytes() : 0;
            long synced = keptBytes;
            try (ShotGatherWriter out = kept > 0 ? GatherFiles.append(outDir, job, keptBytes)
                    : GatherFiles.open(outDir, job)) {
                if (previous != null) {
                    listener.runResumed(kept, run.size());
                    listener.shotsResumed(List.copyOf(keptNumbers), run.subList(kept, run.size()).stream().map(Shot::number).toList());
                }
                listener.runStarted(run.size() - kept, engine.name());
                for (Shot shot : run.subList(kept, run.size())) {
                    listener.shotStarted(shot.number());
                    ModelledShot modelled = computer.model(shot, listener.withWavefield(shot.number(),
                            (step, steps) -> listener.shotProgress(shot.number(), step, steps)), cancel);
                    out.write(shot, modelled.traces());
                    long t0 = System.nanoTime();
                    out.sync();
                    keptNumbers.add(shot.number());
                    checkpoint.keep(keptNumbers, out.bytesWritten());
                    syncNs += System.nanoTime() - t0;
                    syncs++;
                    synced = out.bytesWritten();
                    var stats = modelled.stats();
                    points += stats.computedPoints() * (double) stats.steps();
                    userPoints += userShare * stats.computedPoints() * stats.steps();
                    loopSeconds += stats.wallSeconds();
                    double userGpts = userShare * stats.gptsPerSecond();
                    shotReports.addObject()
                            .put("shot", shot.number())
                            .put("receivers", shot.receivers().size())
                            .put("wallSeconds", round(stats.wallSeconds()))
                            .put("gptsPerSecond", rate(stats.gptsPerSecond()))
                            .put("userGptsPerSecond", rate(userGpts));
                    LOG.info("shot {}: {} traces, {} steps in {} s, {} Gpts/s", shot.number(), shot.receivers().size(),
                            stats.steps(), round(stats.wallSeconds()), rate(userGpts));
                    listener.shotComputed(shot.number(), stats.computedPoints() * (double) stats.steps());
                    listener.shotFinished(shot.number(), userGpts);
                }
            } finally {
                // shots.sgy forced to disk and the state file replaced after each shot.
                long bytes = synced - keptBytes;
                report.putObject("checkpoint").put("file", SHOTS_FILE).put("writes", syncs).put("bytes", bytes)
                        .put("seconds", round(syncNs / 1e9))
                        .put("bytesPerSecond", syncNs > 0 ? Math.round(bytes / (syncNs / 1e9)) : 0);
            }
            checkpoint.delete();
            report.put("status", "done");
        } catch (ResumeRefused e) {
            refused = true;
            throw e;
        } catch (RuntimeException e) {
            throw failed(report, listener.located(e));
        } catch (OutOfMemoryError e) {
            // The shot's arrays are unreachable once it unwound: the report and the message can be made.
            throw failed(report, listener.outOfHeap(e));
        } finally {
            if (!refused) {  // a refused resume leaves the folder as it was
                finishReport(report, outDir, started, loopSeconds, points, userPoints);
            }
        }
        return report;
    }

    /**
     * How many of the run's first shots {@code previous} kept, once it is the same run as
     * {@code identity}.
     *
     * @throws ResumeRefused naming the difference, or when {@code shots.sgy} is shorter than the
     *     checkpoint says
     */
    private static int keptShots(RunCheckpoint previous, RunIdentity identity, Path outDir) {
        previous.requireSameRun(identity);
        int kept = previous.shotsKept().size();
        if (kept > 0) {
            Path file = outDir.resolve(SHOTS_FILE);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new ResumeRefused("cannot resume " + outDir + ": the " + kept + " shots kept were in " + SHOTS_FILE
                        + ", which cannot be read (" + e.getMessage() + ")");
            }
            if (size < previous.shotsFileBytes()) {
                throw new ResumeRefused("cannot resume " + outDir + ": " + SHOTS_FILE + " has " + size + " bytes, the "
                        + kept + " shots kept " + previous.shotsFileBytes());
            }
        }
        return kept;
    }

    /** A resumed run's report: when the attempt it goes on from started, and the shots it kept. */
    static void putResumed(ObjectNode report, RunCheckpoint previous, List<Shot> kept) {
        if (previous != null) {
            report.put("resumedFrom", previous.started());  // before this attempt records its own start
            ArrayNode a = report.putArray("shotsKept");
            kept.forEach(s -> a.add(s.number()));
        }
    }

    /**
     * Task rtm: {@link MigrationRunner} on the selected engine (the GPU migrator or the CPU one),
     * same report and status handling.
     */
    private ObjectNode migrate(ResolvedJob job, Path outDir, RunCheckpoint previous) {
        ObjectNode report = header(job, job.time());
        report.put("status", "running");
        long started = System.nanoTime();
        double[] loop = {0, 0, 0};
        boolean refused = false;
        try {
            loop = new MigrationRunner(selected.engine(), listener, cancel, shots, checkpointMinimumS)
                    .run(job, outDir, report, previous, () -> writeReport(outDir.resolve(REPORT_FILE), report));
            report.put("status", "done");
        } catch (ResumeRefused e) {
            refused = true;
            throw e;
        } catch (RuntimeException e) {
            throw failed(report, listener.located(e));
        } catch (OutOfMemoryError e) {
            throw failed(report, listener.outOfHeap(e));
        } finally {
            if (!refused) {
                finishReport(report, outDir, started, loop[0], loop[1], loop[2]);
            }
        }
        return report;
    }

    /**
     * The one-line failure for an {@link OutOfMemoryError} met while {@code doing} (for example
     * "checking the spec"): what was being done, this JVM's heap and how to raise it
     * ({@code SEISWORK_JAVA_OPTS=-Xmx...}); the error kept as its cause. A run's own shots are told
     * so by the runner itself, naming the shot.
     */
    public static RuntimeException outOfHeap(String doing, OutOfMemoryError e) {
        return RunActivity.outOfHeap(doing, Runtime.getRuntime().maxMemory(), e);
    }

    /** Records in the report that the run stopped with {@code e} (cancelled or failed); returns {@code e}. */
    private static RuntimeException failed(ObjectNode report, RuntimeException e) {
        report.put("status", e instanceof CancelledException ? "cancelled" : "failed");
        report.put("error", String.valueOf(e.getMessage()));
        return e;
    }

    /**
     * Completes the report of a run that ended (done, cancelled or failed) and writes it.
     *
     * @param startedNs {@link System#nanoTime} when the run started
     * @param loopSeconds wall seconds spent in propagation loops
     * @param points grid points × steps computed, absorbing layers included: {@code gptsPerSecond},
     *     the key's meaning since the first run.json
     * @param userPoints the same on the user's grid alone: {@code userGptsPerSecond}, the headline
     *     figure as {@code seiswork bench} reports it
     *     <p>Both over the propagation loops' seconds; {@code gptsPerWallSecond} is {@code points}
     *     ({@code computedPoints}) over the run's whole wall time, as the desktop's summary and
     *     per-shot rows count it.
     */
    private static void finishReport(ObjectNode report, Path outDir, long startedNs, double loopSeconds, double points,
            double userPoints) {
        report.put("finished", Instant.now().toString());
        double wallSeconds = (System.nanoTime() - startedNs) / 1e9;
        report.put("wallSeconds", round(wallSeconds));
        report.put("computedPoints", points);
        report.put("gptsPerWallSecond", rate(wallSeconds > 0 ? points / wallSeconds / 1e9 : 0));
        report.put("gptsPerSecond", rate(loopSeconds > 0 ? points / loopSeconds / 1e9 : 0));
        report.put("userGptsPerSecond", rate(loopSeconds > 0 ? userPoints / loopSeconds / 1e9 : 0));
        writeReport(outDir.resolve(REPORT_FILE), report);
    }

    /** The main output file of a job's task, relative to the output directory. */
    public static String outputFile(Task task) {
        return task == Task.RTM ? ImageFiles.IMAGE_FILE : GatherFiles.SHOTS_FILE;
    }

    /**
     * Every file a finished run of {@code task} leaves in the output directory, relative to it:
     * {@code shots.sgy} or {@code image.sgy} and {@code image.swv}, then {@value #REPORT_FILE}.
     */
    public static List<String> outputFiles(Task task) {
        return task == Task.RTM ? List.of(ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE, REPORT_FILE)
                : List.of(GatherFiles.SHOTS_FILE, REPORT_FILE);
    }

    private ObjectNode header(ResolvedJob job, TimeStepping timing) {
        Grid g = job.spec().grid();
        ObjectNode r = JSON.createObjectNode();
        String version = LocalRunner.class.getPackage().getImplementationVersion();
        r.put("seiswork", version != null ? version : "development build");
        r.put("name", job.spec().name());
        r.put("task", job.spec().task().json());
        r.put("started", Instant.now().toString());
        r.put("shotsRun", shots.toString());
        r.put("engine", selected.engine().name());
        r.put("engineReason", selected.reason());
        if (selected.engine() instanceof CpuWaveEngine cpu) {
            r.put("cpuThreads", cpu.threads());
        }
        r.put("dtS", timing.dtS());
        r.put("nt", timing.steps());
        r.put("cflLimitS", job.cflLimitS());
        r.put("outputSampleS", timing.outputS().delta());
        r.put("outputSamples", timing.outputS().count());
        ObjectNode grid = r.putObject("grid");
        grid.put("nx", g.nx()).put("ny", g.ny()).put("nz", g.nz()).put("dx", g.dx()).put("dy", g.dy()).put("dz", g.dz());
        r.put("velocityMinMps", job.velocity().min());
        r.put("velocityMaxMps", job.velocity().max());
        r.put("memoryBytesPerShot", job.memoryBytes());
        if (job.migrationVelocity() != null) {
            VelocityRange range = job.migrationVelocityRange();
            if (range.exact()) {  // else smoothed out of core: the velocity's range above bounds it
                r.put("migrationVelocityMinMps", range.minMps());
                r.put("migrationVelocityMaxMps", range.maxMps());
            }
            r.put("wholeGrid", job.storage() == WholeGridStorage.HEAP ? "heap" : "out-of-core");
        }
        ArrayNode warnings = r.putArray("warnings");
        job.warnings().stream().map(SpecProblem::toString).forEach(warnings::add);
        r.set("spec", JobSpecWriter.toJson(job.spec()));
        return r;
    }

    private static void writeReport(Path file, ObjectNode report) {
        try {
            // A link by the report's name is replaced, never written through onto the file it points to.
            RunOutputs.dropLink(file);
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * A throughput in Gpts/s to four significant figures: a tiny grid's few thousand points a
     * second (4e-6 Gpts/s) stay a figure, where {@link #round}'s four decimals made them 0.
     */
    static double rate(double gptsPerSecond) {
        return SignificantDigits.rounded(gptsPerSecond, 4);
    }
}
