package io.seiswork.app.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.job.FreeSpace;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.ImageStatistics;
import io.seiswork.kernels.job.ImageWritingProgress;
import io.seiswork.kernels.job.MigratedShot;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.PartialImageFile;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Task rtm of {@code seiswork run}: migrates every shot through a {@link ShotComputer} (the code
 * the cloud worker runs too; it chooses the GPU's or the CPU's migrator), stacks the partial
 * images in shot order as they finish (on the heap, or memory-mapped when the grid is too large
 * for it), finishes the stack once ({@link FinalImage}: imaging condition, Laplacian filter,
 * shallow mute) as it writes {@code image.sgy} and {@code image.swv} ({@link ImageFiles}), plane
 * by plane. A watching listener gets after each shot the finished middle inline alone, computed
 * from its neighbouring planes. Fills the run report with the strategy chosen, the memory each
 * strategy needs, per-shot timings, image statistics (gathered while the image is written) and
 * what the checkpoint cost.
 *
 * <p><b>Checkpoint.</b> The stack so far is kept in {@code DIR/checkpoint/stack.swpi}
 * ({@link RunCheckpoint}, {@link io.seiswork.kernels.rtm.StackFile}) so that a run that stops can
 * go on ({@link LocalRunner#resume}) and stack the remaining shots in the same order onto the same
 * sums — the same floats as an uninterrupted run, so the same image to the bit:
 * <ul>
 *   <li>A stack on the heap is saved whole (written aside, forced, renamed over the file, so that
 *       the file is never half a stack) after a shot when {@link CheckpointSchedule} says so — at
 *       most once a minute and after at least ten times the last save's duration of work, so that
 *       saving costs at most about a tenth of the run — and whenever the run is cancelled or fails
 *       between adds. A crash loses at most the shots since the last save.
 *   <li>A stack out of core is the memory-mapped file itself: it is never copied (a survey's stack
 *       is many GB). Each add marks the file "changing" on disk first and records the new shot
 *       count after forcing its pages ({@link io.seiswork.kernels.rtm.MappedStack}), so the file is
 *       a checkpoint after every shot at the cost of writing the pages that shot changed; a crash
 *       in the middle of an add (seconds, against shots of minutes or hours) leaves a file marked
 *       changing, which a resume refuses rather than stack onto a sum that is neither.
 * </ul>
 * The checkpoint is removed once the image files are written.
 */
final class MigrationRunner {

    /** The image volume in the output directory. */
    static final String IMAGE_FILE = ImageFiles.IMAGE_FILE;
    /** The same image as a bricked multi-resolution volume, for the viewers (local or on S3). */
    static final String IMAGE_VOLUME_FILE = ImageFiles.IMAGE_VOLUME_FILE;

    private final WaveEngine engine;
    private final RunListener listener;
    private final CancellationToken cancel;
    private final ShotSelection shots;
    private final double checkpointMinimumS;

    /**
     * @param engine the selected engine: it models synthetic data and migrates (a
     *     {@link CudaWaveEngine} or a {@link CpuWaveEngine})
     * @param shots which of the job's shots to migrate and stack
     * @param checkpointMinimumS the shortest interval between saves of a stack on the heap, seconds
     */
    MigrationRunner(WaveEngine engine, RunListener listener, CancellationToken cancel, ShotSelection shots,
            double checkpointMinimumS) {
        this.engine = engine;
        this.listener = listener;
        this.cancel = cancel;
        this.shots = shots;
        this.checkpointMinimumS = checkpointMinimumS;
    }

    /**
     * @param job the resolved job (task rtm: migration velocity loaded)
     * @param outDir existing output directory
     * @param report the run report to extend
     * @param previous the checkpoint of the run to go on from, or null for a new run
     * @param started called once the run is checked and about to compute (writes the report)
     * @return wall seconds spent in propagation loops, grid points × steps computed (absorbing
     *     layers included) and the same on the user's grid alone, for Gpts/s
     * @throws ResumeRefused before anything is written, when {@code previous} is another run
     */
    double[] run(ResolvedJob job, Path outDir, ObjectNode report, RunCheckpoint previous, Runnable started) {
        Grid g = job.spec().grid();
        long startNs = System.nanoTime();
        if (previous == null) {
            // Starting over: a stopped run's checkpoint (a stack of up to the image's size) is
            // not counted against the disk space this run needs.
            FileTrees.delete(outDir.resolve(RunCheckpoint.FOLDER));
        }
        Path stackFile = outDir.resolve(RunCheckpoint.FOLDER).resolve(RunCheckpoint.STACK_FILE);
        boolean stackThere = previous != null && Files.isRegularFile(stackFile);
        long checkpointBytes = PartialImageFile.bytes(g);
        // Room for the image, and for the checkpoint: on the heap a new save beside the last one,
        // out of core the stack (counted in the image's need) less what a resumed one has already.
        long moreBytes = job.storage() == WholeGridStorage.HEAP
                ? (stackThere ? 1 : 2) * checkpointBytes : stackThere ? -checkpointBytes : 0;
        if (!ImageFiles.requireDiskSpace(outDir, job, moreBytes)) {
            listener.message(FreeSpace.unknownNote(outDir, "the image",
                    ImageFiles.diskBytes(g, job.storage()) + moreBytes));
        }
        double loopSeconds = 0;
        double points = 0;
        double userPoints = 0;
        try (ShotComputer computer = new ShotComputer(job, engine, outDir.resolve("scratch"), listener::message)) {
            List<Shot> run = this.shots.of(computer.shots(), "--shots");
            RunIdentity identity = RunIdentity.of(job, shots, run, engine.name());
            report.put("data", computer.dataDescription());
            putPlan(report, computer.memoryPlan());
            putMigrationEngine(report, computer);
            identity = identity.withMigration(computer.migrationEngine(), report.at("/wavefield/strategy").asText(),
                    computer.memoryPlan().interval());
            if (previous != null) {
                previous.requireSameRun(identity);
            }
            int total = run.size();
            // A new run's checkpoint replaces any other before its stack is made there.
            RunCheckpoint checkpoint = previous == null
                    ? RunCheckpoint.start(outDir, identity, report.get("started").asText()) : previous;
            try (ImageStacker stack = openStack(job, stackFile, stackThere, outDir)) {
                int kept = stack.shots();
                if (kept > total) {
                    throw new ResumeRefused("cannot resume " + outDir + ": its stack holds " + kept + " shots, the run has "
                            + total);
                }
                List<Integer> keptNumbers = new ArrayList<>(run.subList(0, kept).stream().map(Shot::number).toList());
                LocalRunner.putResumed(report, previous, run.subList(0, kept));
                if (previous != null) {
                    checkpoint.resumedBy(report.get("started").asText(), identity, keptNumbers);
                }
                ArrayNode shotReports = report.putArray("shots");
                started.run();
                if (previous != null) {
                    listener.runResumed(kept, total);
                    listener.shotsResumed(List.copyOf(keptNumbers), run.subList(kept, total).stream().map(Shot::number).toList());
                }
                listener.runStarted(total - kept, computer.migrationEngine());
                if (kept > 0 && listener.wantsImage()) {
                    ImageSoFar.report(stack, job, total, listener);
                }
                Saver saver = new Saver(stack, stackFile, checkpoint, keptNumbers, startNs);
                try {
                    for (Shot shot : run.subList(kept, total)) {
                        listener.shotStarted(shot.number());
                        long t0 = System.nanoTime();
                        MigratedShot m = computer.migrate(shot, listener.withWavefield(shot.number(),
                                (s, n) -> listener.shotProgress(shot.number(), s, n)), cancel);
                        saver.add(m.image(), shot.number());
                        if (listener.wantsImage()) {
                            ImageSoFar.report(stack, job, total, listener);
                        }
                        loopSeconds += m.migrationSeconds();
                        points += m.points();
                        userPoints += m.points() * userShare(job, shot);
                        shotReports.addObject()
                                .put("shot", shot.number())
                                .put("receivers", shot.receivers().size())
                                .put("dataSeconds", round(m.dataSeconds()))
                                .put("migrationSeconds", round(m.migrationSeconds()))
                                .put("wallSeconds", round((System.nanoTime() - t0) / 1e9));
                        listener.shotComputed(shot.number(), m.points());
                        listener.shotFinished(shot.number(), m.gptsPerSecond());
                    }
                    report.put("muteDepthM", round(FinalImage.muteDepthM(job)));
                    report.put("muteTaperM", round(FinalImage.muteTaperM(job)));
                    ImageStatistics stats = ImageFiles.write(outDir, job, stack,
                            new ImageWritingProgress(g, listener::message), cancel);
                    putStats(report, stats, stack.shots(), ImagingCondition.fromJson(job.spec().imaging().condition()),
                            job.spec().imaging().laplacianFilter());
                } catch (RuntimeException | OutOfMemoryError e) {
                    // Out of heap too: the shot's arrays are unreachable by now, so the stack can be saved.
                    saver.saveOnStop(e);
                    throw e;
                } finally {
                    saver.report(report, (System.nanoTime() - startNs) / 1e9, listener);
                }
            }
            checkpoint.delete();  // the image is written, and the stack unmapped
            return new double[] {loopSeconds, points, userPoints};
        }
    }

    /**
     * Points of the user's grid per computed point in {@code shot}'s window (the whole grid without
     * an aperture): what the headline Gpts/s counts, absorbing layers left out.
     */
    static double userShare(ResolvedJob job, Shot shot) {
        return RunWork.userShare(ShotWindow.of(job.spec().grid(), shot, job.spec().imaging().apertureM()).grid(),
                job.spec());
    }

    /**
     * The stack kept in {@code file}: the one a stopped run left there, or a new one.
     *
     * @throws ResumeRefused when the file left is not a whole stack of this grid
     */
    private static ImageStacker openStack(ResolvedJob job, Path file, boolean resume, Path outDir) {
        Grid g = job.spec().grid();
        if (!resume) {
            return ImageStacker.kept(g, job.storage(), file);
        }
        try {
            return ImageStacker.resume(g, job.storage(), file);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ResumeRefused("cannot resume " + outDir + ": " + e.getMessage() + "; run again without --resume");
        }
    }

    /**
     * Adds shots to the stack and keeps the checkpoint: a stack saved in place records each shot
     * in the state file, a stack on the heap is saved when the schedule says so and when the run
     * stops between adds. Measures what that costs.
     */
    private final class Saver {

        private final ImageStacker stack;
        private final Path file;
        private final RunCheckpoint checkpoint;
        private final List<Integer> stacked;
        private final CheckpointSchedule schedule;
        /** Shots the checkpoint holds. */
        private int saved;
        private int writes;
        /** Whether the stack is whole (not in the middle of an add). */
        private boolean whole = true;

        Saver(ImageStacker stack, Path file, RunCheckpoint checkpoint, List<Integer> stacked, long startNs) {
            this.stack = stack;
            this.file = file;
            this.checkpoint = checkpoint;
            this.stacked = stacked;
            this.saved = stacked.size();
            this.schedule = new CheckpointSchedule(checkpointMinimumS, startNs);
        }

        void add(PartialImage image, int shot) {
            whole = false;
            stack.add(image);
            whole = true;
            stacked.add(shot);
            if (stack.savedInPlace()) {
                checkpoint.keep(stacked, 0);
                saved = stacked.size();
                writes++;
            } else if (schedule.due(System.nanoTime())) {
                save();
            }
        }

        private void save() {
            long t0 = System.nanoTime();
            stack.save(file);
            checkpoint.keep(stacked, 0);
            saved = stacked.size();
            writes++;
            schedule.saved(t0, System.nanoTime());
        }

        /** The run stops (cancelled, failed): saves the shots stacked since the last save, unless in the middle of an add. */
        void saveOnStop(Throwable stop) {
            if (whole && saved < stacked.size()) {
                try {
                    save();
                } catch (RuntimeException e) {
                    stop.addSuppressed(e);
                }
            }
        }

        /** Puts the checkpoint's cost in the report and says it in one line. */
        void report(ObjectNode report, double runSeconds, RunListener listener) {
            double s = stack.durableSeconds();
            long bytes = stack.durableBytes();
            ObjectNode c = report.putObject("checkpoint");
            c.put("file", RunCheckpoint.FOLDER + "/" + RunCheckpoint.STACK_FILE);
            c.put("stack", stack.savedInPlace() ? "memory-mapped in place" : "saved from the heap");
            c.put("writes", writes);
            c.put("bytes", bytes);
            c.put("seconds", round(s));
            c.put("bytesPerSecond", s > 0 ? Math.round(bytes / s) : 0);
            c.put("shareOfRun", runSeconds > 0 ? round(s / runSeconds) : 0);
            if (writes > 0) {
                listener.message(String.format(Locale.ROOT, "checkpoint: %d %s of %s in %.2f s (%s/s), %.1f %% of the run",
                        writes, stack.savedInPlace() ? (writes == 1 ? "shot" : "shots") + " forced to disk"
                                : writes == 1 ? "save" : "saves", MemoryEstimate.human(bytes), s,
                        MemoryEstimate.human(s > 0 ? (long) (bytes / s) : 0), 100 * s / runSeconds));
            }
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
