package io.seiswork.app.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.ImageStatistics;
import io.seiswork.kernels.job.ImageWritingProgress;
import io.seiswork.kernels.job.MigratedShot;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Path;
import java.util.List;

/**
 * Task rtm of {@code seiswork run}: migrates every shot through a {@link ShotComputer} (the code
 * the cloud worker runs too; it chooses the GPU's or the CPU's migrator), stacks the partial
 * images in shot order as they finish (on the heap, or memory-mapped in {@value #STACK_SCRATCH}
 * when the grid is too large for it), finishes the stack once ({@link FinalImage}: imaging
 * condition, Laplacian filter, shallow mute) as it writes {@code image.sgy} and {@code image.swv}
 * ({@link ImageFiles}), plane by plane. A watching listener gets after each shot the finished
 * middle inline alone, computed from its neighbouring planes. Fills the run report with the
 * strategy chosen, the memory each strategy needs, per-shot timings and image statistics
 * (gathered while the image is written).
 */
final class MigrationRunner {

    /** The image volume in the output directory. */
    static final String IMAGE_FILE = ImageFiles.IMAGE_FILE;
    /** The same image as a bricked multi-resolution volume, for the viewers (local or on S3). */
    static final String IMAGE_VOLUME_FILE = ImageFiles.IMAGE_VOLUME_FILE;
    /**
     * Folder of the output directory where a stack too large for the heap is memory-mapped
     * ({@link ImageStacker}); removed when the image is written.
     */
    static final String STACK_SCRATCH = "stack-scratch";

    private final WaveEngine engine;
    private final RunListener listener;
    private final CancellationToken cancel;
    private final ShotSelection shots;

    /**
     * @param engine the selected engine: it models synthetic data and migrates (a
     *     {@link CudaWaveEngine} or a {@link CpuWaveEngine})
     * @param shots which of the job's shots to migrate and stack
     */
    MigrationRunner(WaveEngine engine, RunListener listener, CancellationToken cancel, ShotSelection shots) {
        this.engine = engine;
        this.listener = listener;
        this.cancel = cancel;
        this.shots = shots;
    }

    /**
     * @param job the resolved job (task rtm: migration velocity loaded)
     * @param outDir existing output directory
     * @param report the run report to extend
     * @return wall seconds spent in propagation loops and grid points × steps computed, for Gpts/s
     */
    double[] run(ResolvedJob job, Path outDir, ObjectNode report) {
        Grid g = job.spec().grid();
        Path stackScratch = outDir.resolve(STACK_SCRATCH);
        ImageFiles.requireDiskSpace(outDir, job);
        try (ImageStacker stack = new ImageStacker(g, stackScratch, job.storage())) {
            double loopSeconds = 0;
            double points = 0;
            try (ShotComputer computer = new ShotComputer(job, engine, outDir.resolve("scratch"), listener::message)) {
                report.put("data", computer.dataDescription());
                ArrayNode shotReports = report.putArray("shots");
                putPlan(report, computer.memoryPlan());
                putMigrationEngine(report, computer);
                List<Shot> run = this.shots.of(computer.shots(), "--shots");
                int shots = run.size();
                listener.runStarted(shots, computer.migrationEngine());
                for (Shot shot : run) {
                    listener.shotStarted(shot.number());
                    long t0 = System.nanoTime();
                    MigratedShot m = computer.migrate(shot, listener.withWavefield(shot.number(),
                            (s, n) -> listener.shotProgress(shot.number(), s, n)), cancel);
                    stack.add(m.image());
                    if (listener.wantsImage()) {
                        ImageSoFar.report(stack, job, shots, listener);
                    }
                    loopSeconds += m.migrationSeconds();
                    points += m.points();
                    shotReports.addObject()
                            .put("shot", shot.number())
                            .put("receivers", shot.receivers().size())
                            .put("dataSeconds", round(m.dataSeconds()))
                            .put("migrationSeconds", round(m.migrationSeconds()))
                            .put("wallSeconds", round((System.nanoTime() - t0) / 1e9));
                    listener.shotFinished(shot.number(), m.gptsPerSecond());
                }
            }
            report.put("muteDepthM", round(FinalImage.muteDepthM(job)));
            report.put("muteTaperM", round(FinalImage.muteTaperM(job)));
            ImageStatistics stats = ImageFiles.write(outDir, job, stack, new ImageWritingProgress(g, listener::message),
                    cancel);
            putStats(report, stats, stack.shots(), ImagingCondition.fromJson(job.spec().imaging().condition()),
                    job.spec().imaging().laplacianFilter());
            return new double[] {loopSeconds, points};
        } finally {
            FileTrees.delete(stackScratch);
        }
    }

    /**
     * Puts {@code migrationEngine} (and {@code migrationEngineReason} when the engine differs from
     * the selection) in the report, and on the GPU the ring placement of the first shot under
     * {@code wavefield} (each shot plans its own from the memory free then). This is where the
     * computer chooses the engine, so a refused "gpu" fails the run after the plan is reported.
     */
    private static void putMigrationEngine(ObjectNode report, ShotComputer computer) {
        RtmRingPlan ring = computer.ringPlan();
        if (ring != null) {
            ObjectNode w = (ObjectNode) report.get("wavefield");
            w.put("strategy", WavefieldStrategy.BOUNDARY.json());
            w.put("reason", "GPU: boundary reconstruction, " + ring.reason());
            w.put("deviceBytesPerShot", ring.device().totalBytes());
            w.put("ringPlacement", ring.placement().json());
            w.put("ringDeviceSlots", ring.slots());
            w.put("ringHostBytesPerShot", ring.hostBytes());
            w.put("ringDiskBytesPerShot", ring.diskBytes());
        }
        if (computer.migrationEngineReason() != null) {
            report.put("migrationEngineReason", computer.migrationEngineReason());
        }
        report.put("migrationEngine", computer.migrationEngine());
    }

    private static void putPlan(ObjectNode report, MemoryPlan plan) {
        ObjectNode w = report.putObject("wavefield");
        w.put("strategy", plan.strategy().json());
        w.put("reason", plan.reason());
        w.put("imagingIntervalSteps", plan.interval());
        ObjectNode b = w.putObject("bytesPerShot");
        b.put("memory", plan.memoryBytes());
        b.put("boundary", plan.boundaryBytes());
        b.put("boundaryScratch", plan.boundaryScratchBytes());
        b.put("disk", plan.diskBytes());
        b.put("diskScratch", plan.diskScratchBytes());
    }

    private static void putStats(ObjectNode report, ImageStatistics stats, int shots, ImagingCondition c,
            boolean laplacian) {
        ObjectNode s = report.putObject("image");
        s.put("file", IMAGE_FILE);
        s.put("volumeFile", IMAGE_VOLUME_FILE);
        s.put("shotsStacked", shots);
        s.put("condition", c.json());
        s.put("laplacianFilter", laplacian);
        s.put("min", stats.min());
        s.put("max", stats.max());
        s.put("rms", stats.rms());
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
