package io.seiswork.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.job.GatherFiles;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.ModelledShot;
import io.seiswork.kernels.job.ShotComputer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 */
public final class LocalRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    /** File of shot gathers in the output directory. */
    public static final String SHOTS_FILE = GatherFiles.SHOTS_FILE;
    /** Run report in the output directory. */
    public static final String REPORT_FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EngineSelection selected;
    private final RunListener listener;
    private final CancellationToken cancel;
    private final ShotSelection shots;

    public LocalRunner(EngineSelection selected, RunListener listener, CancellationToken cancel) {
        this(selected, listener, cancel, ShotSelection.ALL);
    }

    /**
     * @param shots which of the job's shots to run ({@code seiswork run --shots})
     */
    public LocalRunner(EngineSelection selected, RunListener listener, CancellationToken cancel, ShotSelection shots) {
        this.selected = selected;
        this.listener = listener;
        this.cancel = cancel;
        this.shots = shots;
    }

    /**
     * Runs the job into {@code outDir} (created if needed).
     *
     * @return the run report, also written to {@code outDir/run.json}
     * @throws IllegalArgumentException for a task this build cannot run
     */
    public ObjectNode run(ResolvedJob job, Path outDir) {
        JobSpec spec = job.spec();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        if (spec.task() == Task.RTM) {
            return migrate(job, outDir);
        }
        WaveEngine engine = selected.engine();
        TimeStepping timing = job.time();
        ObjectNode report = header(job, timing);
        ArrayNode shotReports = report.putArray("shots");
        long started = System.nanoTime();
        double points = 0;
        double loopSeconds = 0;
        report.put("status", "running");
        try (ShotComputer computer = new ShotComputer(job, engine, outDir.resolve("scratch"), listener::message);
                ShotGatherWriter out = GatherFiles.open(outDir, job)) {
            List<Shot> run = shots.of(computer.shots(), "--shots");
            listener.runStarted(run.size(), engine.name());
            for (Shot shot : run) {
                listener.shotStarted(shot.number());
                ModelledShot modelled = computer.model(shot, listener.withWavefield(shot.number(),
                        (step, steps) -> listener.shotProgress(shot.number(), step, steps)), cancel);
                out.write(shot, modelled.traces());
                var stats = modelled.stats();
                points += stats.computedPoints() * (double) stats.steps();
                loopSeconds += stats.wallSeconds();
                shotReports.addObject()
                        .put("shot", shot.number())
                        .put("receivers", shot.receivers().size())
                        .put("wallSeconds", round(stats.wallSeconds()))
                        .put("gptsPerSecond", round(stats.gptsPerSecond()));
                LOG.info("shot {}: {} traces, {} steps in {} s, {} Gpts/s", shot.number(), shot.receivers().size(),
                        stats.steps(), round(stats.wallSeconds()), round(stats.gptsPerSecond()));
                listener.shotFinished(shot.number(), stats.gptsPerSecond());
            }
            report.put("status", "done");
        } catch (RuntimeException e) {
            report.put("status", e instanceof CancelledException ? "cancelled" : "failed");
            report.put("error", String.valueOf(e.getMessage()));
            throw e;
        } finally {
            double wall = (System.nanoTime() - started) / 1e9;
            report.put("finished", Instant.now().toString());
            report.put("wallSeconds", round(wall));
            report.put("gptsPerSecond", round(loopSeconds > 0 ? points / loopSeconds / 1e9 : 0));
            writeReport(outDir.resolve(REPORT_FILE), report);
        }
        return report;
    }

    /**
     * Task rtm: {@link MigrationRunner} on the selected engine (the GPU migrator or the CPU one),
     * same report and status handling.
     */
    private ObjectNode migrate(ResolvedJob job, Path outDir) {
        ObjectNode report = header(job, job.time());
        report.put("status", "running");
        long started = System.nanoTime();
        double[] loop = {0, 0};
        try {
            loop = new MigrationRunner(selected.engine(), listener, cancel, shots).run(job, outDir, report);
            report.put("status", "done");
        } catch (RuntimeException e) {
            report.put("status", e instanceof CancelledException ? "cancelled" : "failed");
            report.put("error", String.valueOf(e.getMessage()));
            throw e;
        } finally {
            report.put("finished", Instant.now().toString());
            report.put("wallSeconds", round((System.nanoTime() - started) / 1e9));
            report.put("gptsPerSecond", round(loop[0] > 0 ? loop[1] / loop[0] / 1e9 : 0));
            writeReport(outDir.resolve(REPORT_FILE), report);
        }
        return report;
    }

    /** The main output file of a job's task, relative to the output directory. */
    public static String outputFile(Task task) {
        return task == Task.RTM ? ImageFiles.IMAGE_FILE : GatherFiles.SHOTS_FILE;
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
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
