package io.seiswork.app.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.DepthVolumeWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.rtm.CudaShotMigrator;
import io.seiswork.kernels.rtm.DepthMute;
import io.seiswork.kernels.rtm.ImageFinisher;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.ShotMigrator;
import io.seiswork.kernels.rtm.TraceUpsampler;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Task rtm of {@code seiswork run}: migrates every shot on the selected engine (the GPU's
 * {@link CudaShotMigrator}, boundary reconstruction with the ring on the device or staged
 * through the host, or the CPU's
 * {@link ShotMigrator} with the planned strategy), stacks the partial
 * images as they finish, applies the imaging condition and the Laplacian filter once to the
 * stack, mutes it down to the acquisition depth with a taper of half a dominant wavelength
 * ({@link DepthMute}), and writes {@code image.sgy} (a depth volume, see {@link DepthVolumeWriter}). Fills the
 * run report with the strategy chosen, the memory each strategy needs, per-shot timings and
 * image statistics.
 */
final class MigrationRunner {

    /** The image volume in the output directory. */
    static final String IMAGE_FILE = "image.sgy";
    /** The same image as a bricked multi-resolution volume, for the viewers (local or on S3). */
    static final String IMAGE_VOLUME_FILE = "image.swv";

    private final WaveEngine engine;
    private final RunListener listener;
    private final CancellationToken cancel;

    /** One shot's migration on whichever engine runs it. */
    private interface Migration {
        PartialImage migrate(ShotRequest request, float[][] observed, ProgressListener progress);
    }

    /**
     * @param engine the selected engine: it models synthetic data and migrates (a
     *     {@link CudaWaveEngine} or a {@link CpuWaveEngine})
     */
    MigrationRunner(WaveEngine engine, RunListener listener, CancellationToken cancel) {
        this.engine = engine;
        this.listener = listener;
        this.cancel = cancel;
    }

    /**
     * @param job the resolved job (task rtm: migration velocity loaded)
     * @param outDir existing output directory
     * @param report the run report to extend
     * @return wall seconds spent in propagation loops and grid points × steps computed, for Gpts/s
     */
    double[] run(ResolvedJob job, Path outDir, ObjectNode report) {
        JobSpec spec = job.spec();
        Grid g = spec.grid();
        PhysicsOptions physics = PhysicsOptions.of(spec.physics());
        TimeStepping timing = job.time();
        Wavelet wavelet = spec.wavelet().toWavelet();
        ImagingCondition condition = ImagingCondition.fromJson(spec.imaging().condition());
        long budget = (long) (0.9 * Runtime.getRuntime().maxMemory());
        Path scratch = outDir.resolve("scratch");
        ImageStacker stack = new ImageStacker(g);
        float[] preview = null;
        int previewShots = -1;
        double loopSeconds = 0;
        double points = 0;
        CpuWaveEngine[] ownCpu = {null};
        try (ObservedData data = job.dataFile() == null
                ? new SyntheticData(engine, job.velocity(), physics, wavelet, timing, job.geometry().shots())
                : new SegyShotGathers(job.dataFile(), g)) {
            report.put("data", data.describe());
            ArrayNode shotReports = report.putArray("shots");
            Shot first = data.shots().get(0);
            MemoryPlan plan = MemoryPlan.of(new ShotRequest(job.migrationVelocity(), physics, first.source(), wavelet,
                    first.receivers(), timing), spec.imaging().wavefield(), budget);
            putPlan(report, plan);
            boolean[] onGpu = {false};
            Migration migrator = migration(new ShotRequest(job.migrationVelocity(), physics, first.source(), wavelet,
                    first.receivers(), timing), plan, scratch, report, ownCpu, onGpu);
            listener.runStarted(data.shots().size(), report.get("migrationEngine").asText());
            int migrationSteps = 2 * timing.steps();
            int[] dataSteps = {0};
            for (Shot shot : data.shots()) {
                listener.shotStarted(shot.number());
                long t0 = System.nanoTime();
                // One progress bar per shot: the data's modelling (if any), then the migration.
                float[][] traces = data.traces(shot, listener.withWavefield(shot.number(), (s, n) -> {
                    dataSteps[0] = n;
                    listener.shotProgress(shot.number(), s, n + migrationSteps);
                }), cancel);
                long t1 = System.nanoTime();
                ShotRequest request = new ShotRequest(job.migrationVelocity(), physics, shot.source(), wavelet,
                        shot.receivers(), timing);
                float[][] observed = onAxis(traces, data, timing);
                PartialImage image = migrator.migrate(request, observed, listener.withWavefield(shot.number(),
                        (s, n) -> listener.shotProgress(shot.number(), dataSteps[0] + s, dataSteps[0] + n)));
                stack.add(image);
                if (listener.wantsImage()) {
                    preview = finished(stack, condition, job, physics, wavelet);
                    previewShots = stack.shots();
                    listener.imageUpdated(stack.shots(), data.shots().size(), GridSections.inline(g, preview, g.ny() / 2));
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double migrateS = (System.nanoTime() - t1) / 1e9;
                long computed = new PaddedGrid(g, physics.boundaryWidth(), physics.operator().radius(),
                        physics.freeSurface()).computedPoints();
                double shotPoints = (double) computed * timing.steps()
                        * RunWork.migrationPropagations(onGpu[0], plan.strategy());
                loopSeconds += migrateS;
                points += shotPoints;
                shotReports.addObject()
                        .put("shot", shot.number())
                        .put("receivers", shot.receivers().size())
                        .put("dataSeconds", round((t1 - t0) / 1e9))
                        .put("migrationSeconds", round(migrateS))
                        .put("wallSeconds", round(wall));
                listener.shotFinished(shot.number(), shotPoints / migrateS / 1e9);
            }
        } finally {
            deleteQuietly(scratch);
            if (ownCpu[0] != null) {
                ownCpu[0].close();
            }
        }
        // The preview after the last shot is the final image already; finish only if none was made.
        float[] image = preview != null && previewShots == stack.shots() ? preview
                : finished(stack, condition, job, physics, wavelet);
        double muteM = acquisitionDepthM(job);
        double taperM = muteTaperM(job, wavelet);
        report.put("muteDepthM", round(muteM));
        report.put("muteTaperM", round(taperM));
        DepthVolumeWriter.write(outDir.resolve(IMAGE_FILE), g, image, textHeader(job, condition));
        writeVolume(outDir.resolve(IMAGE_VOLUME_FILE), g, image);
        putStats(report, image, stack.shots(), condition, spec.imaging().laplacianFilter());
        return new double[] {loopSeconds, points};
    }

    /**
     * How the shots are migrated. On the GPU when the engine is the GPU and the first shot fits
     * the device memory, its ring staged through the host if need be
     * ({@link CudaShotMigrator#memoryCheck}); if it does not, engine "auto" migrates on the CPU
     * with the reason (in run.json and on the terminal) and engine "gpu" is refused before any
     * shot is computed. Fills {@code migrationEngine} (and {@code migrationEngineReason} when the
     * engine differs from the selection) in the report, and on the GPU the ring placement of the
     * first shot under {@code wavefield} (each shot plans its own from the memory free then).
     *
     * @param ownCpu receives a CPU engine created for the fallback (the caller closes it)
     * @param onGpu set to whether the shots run on the GPU
     */
    private Migration migration(ShotRequest first, MemoryPlan plan, Path scratch, ObjectNode report,
            CpuWaveEngine[] ownCpu, boolean[] onGpu) {
        if (engine instanceof CudaWaveEngine gpu) {
            CudaShotMigrator m = new CudaShotMigrator(gpu, scratch);
            int k = plan.interval();
            String tooBig = m.memoryCheck(first);
            RtmRingPlan ring = tooBig == null ? m.ringPlan(first, k) : null;
            if (ring != null && !ring.fits()) {
                tooBig = ring.reason();
            }
            if (tooBig == null) {
                ObjectNode w = (ObjectNode) report.get("wavefield");
                w.put("strategy", WavefieldStrategy.BOUNDARY.json());
                w.put("reason", "GPU: boundary reconstruction, " + ring.reason());
                w.put("deviceBytesPerShot", ring.device().totalBytes());
                w.put("ringPlacement", ring.placement().json());
                w.put("ringDeviceSlots", ring.slots());
                w.put("ringHostBytesPerShot", ring.hostBytes());
                w.put("ringDiskBytesPerShot", ring.diskBytes());
                report.put("migrationEngine", gpu.name());
                listener.message("source wavefield: boundary ring placed on the " + ring.placement().json() + ", "
                        + ring.device().describe() + " of GPU memory per shot");
                onGpu[0] = true;
                return (r, observed, p) -> m.migrate(r, observed, k, p, cancel);
            }
            if (!gpu.fallsBackToCpu()) {
                throw new IllegalArgumentException("engine: \"gpu\" requested but " + tooBig + "; use \"cpu\" or \"auto\"");
            }
            ownCpu[0] = new CpuWaveEngine();
            String why = "engine \"auto\": " + tooBig + "; the migration runs on the CPU";
            report.put("migrationEngineReason", why);
            listener.message(why);
            return cpuMigration(ownCpu[0], plan, scratch, report);
        }
        if (engine instanceof CpuWaveEngine cpu) {
            return cpuMigration(cpu, plan, scratch, report);
        }
        throw new IllegalArgumentException("engine " + engine.name() + " cannot run reverse-time migration");
    }

    private Migration cpuMigration(CpuWaveEngine cpu, MemoryPlan plan, Path scratch, ObjectNode report) {
        report.put("migrationEngine", cpu.name());
        listener.message("source wavefield: " + plan);
        ShotMigrator m = new ShotMigrator(cpu, scratch);
        return (r, observed, p) -> m.migrate(r, observed, plan, p, cancel);
    }

    /**
     * Writes the image as a {@code .swv} volume, column by column (x fastest, then y), so the
     * viewers can open it at once with its resolution pyramid.
     */
    private static void writeVolume(Path file, Grid g, float[] image) {
        VolumeAxes axes = new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis());
        float[] column = new float[g.nz()];
        try (SwvWriter w = SwvWriter.create(file, axes, SwvWriteOptions.defaults().withValueUnit("image amplitude"))) {
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(image, g.index(ix, iy, 0), column, 0, g.nz());
                    w.writeColumn(column);
                }
            }
        }
    }

    /** Depth in metres of the deepest source or receiver: the image is muted down to it. */
    /** The stack so far as the final image: imaging condition, optional Laplacian filter, mute. */
    private static float[] finished(ImageStacker stack, ImagingCondition condition, ResolvedJob job,
            PhysicsOptions physics, Wavelet wavelet) {
        float[] image = ImageFinisher.finish(stack.result(), condition, job.spec().imaging().laplacianFilter(),
                physics.spaceOrder());
        DepthMute.apply(image, job.spec().grid(), acquisitionDepthM(job), muteTaperM(job, wavelet));
        return image;
    }

    /** Taper of the shallow mute: half a dominant wavelength at the slowest migration velocity (m). */
    private static double muteTaperM(ResolvedJob job, Wavelet wavelet) {
        return job.migrationVelocity().min() / (2 * wavelet.dominantHz());
    }

    private static double acquisitionDepthM(ResolvedJob job) {
        double z = 0;
        for (var p : job.geometry().sources()) {
            z = Math.max(z, p.z());
        }
        for (var p : job.geometry().receivers()) {
            z = Math.max(z, p.z());
        }
        return z;
    }

    /**
     * The traces resampled to the run's output axis when the file's axis differs, with the same
     * cubic convolution the engine uses between its time axes.
     */
    private static float[][] onAxis(float[][] traces, ObservedData data, TimeStepping timing) {
        if (data.timeS().equals(timing.outputS())) {
            return traces;
        }
        Sampling out = timing.outputS();
        float[][] res = new float[traces.length][];
        for (int r = 0; r < traces.length; r++) {
            // The output axis starts at 0 s, so its samples are the "levels" i · delta.
            res[r] = TraceUpsampler.toLevels(traces[r], data.timeS(), out.delta(), out.count());
        }
        return res;
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

    private static void putStats(ObjectNode report, float[] image, int shots, ImagingCondition c, boolean laplacian) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum2 = 0;
        for (float v : image) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum2 += (double) v * v;
        }
        ObjectNode s = report.putObject("image");
        s.put("file", IMAGE_FILE);
        s.put("volumeFile", IMAGE_VOLUME_FILE);
        s.put("shotsStacked", shots);
        s.put("condition", c.json());
        s.put("laplacianFilter", laplacian);
        s.put("min", min);
        s.put("max", max);
        s.put("rms", Math.sqrt(sum2 / image.length));
    }

    private static String textHeader(ResolvedJob job, ImagingCondition c) {
        JobSpec s = job.spec();
        Grid g = s.grid();
        return TextHeaderCodec.fromLines(
                "C 1 SEISWORK RTM DEPTH IMAGE  JOB " + s.name(),
                String.format(Locale.ROOT, "C 2 GRID %d x %d x %d  SPACING %.3g %.3g %.3g M", g.nx(), g.ny(), g.nz(),
                        g.dx(), g.dy(), g.dz()),
                "C 3 DEPTH AXIS: SAMPLE INTERVAL FIELD HOLDS DZ IN MILLIMETRES (NOT MICROSECONDS)",
                "C 4 FIRST SAMPLE AT Z = 0 M, Z DOWN; ONE TRACE PER (X, Y) COLUMN, Y OUTER",
                "C 5 INLINE (189) = Y INDEX + 1, CROSSLINE (193) = X INDEX + 1",
                "C 6 CDP X/Y (181/185) METRES FROM THE FIRST GRID NODE, COORDINATE SCALAR (71)",
                "C 7 IMAGING CONDITION " + c.json().toUpperCase(Locale.ROOT)
                        + (s.imaging().laplacianFilter() ? ", LAPLACIAN FILTERED" : ""),
                "C 8 SHOTS " + job.geometry().shotCount() + "  RICKER " + s.wavelet().peakHz() + " HZ",
                "C40 END TEXTUAL HEADER");
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove scratch directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
