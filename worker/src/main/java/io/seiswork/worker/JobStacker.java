package io.seiswork.worker;

import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.job.GatherFiles;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.ImageWritingProgress;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job's stored shot results into its outputs, once every shot is counted: for task rtm
 * the partial images summed in shot order (the order a local run stacks in, so the image is the
 * local run's to the last bit on the same engine), then the imaging condition, filter and mute of
 * {@link FinalImage}, written as {@code image.sgy} and {@code image.swv}; for task model the
 * shots' gathers concatenated into {@code shots.sgy}. Results are streamed one shot at a time, so
 * only the stack is held, never all partial images: on the heap, or memory-mapped in the stacking
 * folder when the job's grid is too large for it; the image is finished and written from it plane
 * by plane. Once the job is DONE its shot results are deleted: for a 3D migration they weigh as
 * much as the image times the number of shots.
 */
final class JobStacker {

    private static final Logger LOG = LoggerFactory.getLogger(JobStacker.class);

    private final ArtifactStore store;
    private final JobTable table;
    private final ShotMetrics metrics;
    private final ResultUpload upload;

    /** @param upload what stores the outputs: the worker's, tried again for its {@code --result-retry} */
    JobStacker(ArtifactStore store, JobTable table, ShotMetrics metrics, ResultUpload upload) {
        this.store = store;
        this.table = table;
        this.metrics = metrics;
        this.upload = upload;
    }

    /**
     * Stacks, stores the outputs and marks the job DONE, unless it was cancelled, failed or
     * deleted meanwhile (the outputs are then removed) or another stacker stored them first (they are then left alone:
     * the keys are the same).
     *
     * @param cancel stops the stack, and the waits between tries of an output's upload
     * @param sending of which {@code cancel} is a child, alone stops an output's upload under way:
     *     a worker stopping lets it go on for its upload grace ({@link ShotWorker#UPLOAD_GRACE}),
     *     a job cancelled or deleted stops it at once
     * @param jobEnded of which {@code sending} is a child, cancelled when the job ends (cancelled,
     *     failed, deleted, or DONE by another stacker): what tells a stack stopped for the job's
     *     end, whose stored outputs are removed, from one stopped with its worker, whose are left
     *     for the next stacker to replace
     */
    void stack(JobRecord job, ActiveJob active, CancellationToken cancel, CancellationToken sending,
            CancellationToken jobEnded) {
        long t0 = System.nanoTime();
        ResolvedJob resolved = active.job();
        Path dir = active.scratchFor("stack");
        try {
            Stacked stacked = resolved.spec().task() == Task.RTM
                    ? stackImage(job, resolved, dir, cancel) : gatherShots(job, active, dir, cancel);
            List<String> outputs = stacked.outputs();
            if (!storeOutputs(job, dir, outputs, cancel, sending, jobEnded)) {
                return;
            }
            if (!table.finishJob(job.id(), outputs)) {
                // Cancelled (perhaps to be deleted) or failed while the outputs were stored: they would
                // outlive the job's items, where no delete finds them; a resume stacks again anyway.
                // The task role grants s3:DeleteObject on jobs/*/image/* for this (infra WorkerPermissions).
                removeIfEnded(job, outputs.stream().map(name -> ObjectKeys.output(job.id(), name)).toList(), true,
                        "stacked, but the job is no longer STACKING");
            } else {
                // The partial results have served their purpose: a 3D survey's are its size times the shots.
                store.delete(IntStream.rangeClosed(1, job.total()).mapToObj(n -> ObjectKeys.shotResult(job.id(), n)).toList());
                double seconds = (System.nanoTime() - t0) / 1e9;
                metrics.stacked(job.id(), job.task(), job.total(), seconds, stacked.wholeGrid());
                LOG.info("job {} done: {} shots stacked into {} in {} s{}", job.id(), job.total(), outputs,
                        String.format("%.2f", seconds), stacked.wholeGrid() == null ? "" : ", stack " + stacked.wholeGrid());
            }
        } finally {
            FileTrees.delete(dir);
        }
    }

    /**
     * Stores the stack's outputs from {@code dir}, one after the other, each by a retried,
     * resumable upload ({@link ResultUpload#storeFile}: an S3 blip during an output of 100 GB
     * costs the parts in flight, not the stack), its progress in the log for a large one
     * ({@link UploadProgressLog}). An output that cannot be stored, or a cancel, aborts its
     * multipart upload. The outputs stored before it are removed only when the job has ended
     * ({@link #removeIfEnded}); a stack stopped with its worker, or failed while the job is still
     * STACKING, leaves them, as the next stacker stores them again under the same keys.
     * Package-visible for {@code StackOutputUploadTest}, which stores outputs of a chosen size
     * through a link it breaks.
     *
     * @return false when another stacker stored them first (nothing stored here)
     */
    boolean storeOutputs(JobRecord job, Path dir, List<String> outputs, CancellationToken cancel,
            CancellationToken sending, CancellationToken jobEnded) {
        List<String> stored = new ArrayList<>();
        try {
            for (String name : outputs) {
                sending.throwIfCancelled("job " + job.id() + ", storing its outputs");
                if (doneMeanwhile(job)) {
                    LOG.info("job {}: stacked, but another worker stored its outputs first: this stack's are not stored",
                            job.id());
                    return false;
                }
                String key = ObjectKeys.output(job.id(), name);
                upload.storeFile(key, "storing job " + job.id() + "'s output " + name + " s3://" + store.bucket() + "/"
                        + key, dir.resolve(name), new UploadProgressLog("job " + job.id() + ": storing " + name, LOG::info),
                        cancel, sending);
                stored.add(key);
            }
            return true;
        } catch (RuntimeException e) {
            if (!stored.isEmpty() && cancel.isCancelled() && !jobEnded.isCancelled()) {
                // The worker stopping: nothing read or removed, which no time bound would cover.
                LOG.info("job {}: storing its outputs stopped with the worker: {} stored already left for the next "
                        + "stack, which stores them again", job.id(), stored);
            } else {
                try {
                    removeIfEnded(job, stored, jobEnded.isCancelled(),
                            "storing its outputs stopped (" + ResultNotStoredException.oneLine(e) + ")");
                } catch (RuntimeException removal) {
                    LOG.warn("job {}: could not remove its outputs {} stored before the stack stopped: {}", job.id(),
                            stored, ResultNotStoredException.oneLine(removal));
                    e.addSuppressed(removal);
                }
            }
            throw e;
        }
    }

    /**
     * Removes the outputs {@code keys} this stack stored when the job has ended ({@code ended},
     * or the job no longer STACKING): left behind a cancelled or deleted job's items, no delete
     * would find them. Never while the job is DONE (another stacker's outputs, under the same
     * keys), nor while it is STACKING and not known to have ended (a failure the next stacker
     * tries again, replacing them).
     *
     * @param why what stopped the stack, for the log
     */
    private void removeIfEnded(JobRecord job, List<String> keys, boolean ended, String why) {
        if (keys.isEmpty()) {
            return;
        }
        Optional<JobStatus> now = table.jobStatus(job.id());
        if (now.isPresent() && (now.get() == JobStatus.DONE || !ended && now.get() == JobStatus.STACKING)) {
            LOG.info("job {}: {}; the job is {}: its outputs {} left as they are", job.id(), why, now.get(), keys);
            return;
        }
        store.delete(keys);
        LOG.info("job {}: {}; the job is {}: its outputs {} removed", job.id(), why,
                now.map(Enum::name).orElse("deleted"), keys);
    }

    /**
     * Whether the job is DONE: another stacker stored its outputs already, and this one's, under
     * the same keys, would replace the outputs of a finished job, perhaps while they are fetched.
     * Looked at before each output is stored; a stacker that the table still counts alive is
     * never taken over ({@link StackingRecords#takeStack}), so two stacks at once need a holder silent
     * for minutes that then wakes.
     */
    private boolean doneMeanwhile(JobRecord job) {
        return table.jobStatus(job.id()).map(JobStatus.DONE::equals).orElse(false);
    }

    /**
     * What stacking stored: its output files, and for a migration where its stack was held,
     * {@code "heap"} or {@code "out-of-core"} (a memory-mapped file), the words of a local run's
     * {@code run.json} ({@code "wholeGrid"}); null for modelling.
     */
    private record Stacked(List<String> outputs, String wholeGrid) {
    }

    private Stacked stackImage(JobRecord job, ResolvedJob resolved, Path dir, CancellationToken cancel) {
        Grid g = resolved.spec().grid();
        long maxBytes = resultBytesBound(resolved);
        ImageFiles.requireDiskSpace(dir, resolved);
        try (ImageStacker stack = new ImageStacker(g, dir.resolve("stack"), resolved.storage())) {
            if (!stack.onHeap()) {
                LOG.info("job {}: {}", job.id(), resolved.storage().describe(g));
            }
            try (ResultPrefetch results = new ResultPrefetch(store, job.id(), job.total(), dir.resolve("results"),
                    n -> maxBytes, ResultPrefetch.DEFAULT_DEPTH)) {
                StackProgress progress = new StackProgress(job);
                for (int n = 1; n <= job.total(); n++) {
                    cancel.throwIfCancelled("stacking shot " + n);
                    Path part = results.next();
                    stack.add(part);
                    deleteQuietly(part);
                    progress.added(n);
                }
            }
            ImageFiles.write(dir, resolved, stack, new ImageWritingProgress(g, line -> LOG.info("job {}: {}", job.id(), line)),
                    cancel);
            return new Stacked(List.of(ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE),
                    stack.onHeap() ? "heap" : "out-of-core");
        }
    }

    /**
     * The most bytes one shot's stored result may have: the partial-image file of the largest
     * window the job's shots are migrated on ({@link ShotWindow#largest}, the migration aperture
     * around the geometry's shots), not of the whole grid, which for a survey is its image's size
     * and would let a corrupt or foreign result fill the scratch disk. For recorded data (the
     * shots are the data file's, not the geometry's) and without an aperture, the whole grid
     * bounds it.
     */
    static long resultBytesBound(ResolvedJob job) {
        Grid g = job.spec().grid();
        Double aperture = job.spec().imaging().apertureM();
        List<Shot> shots = job.geometry().shots();
        boolean windows = aperture != null && !job.spec().recordedData() && !shots.isEmpty();
        return PartialImageFile.bytes(windows ? ShotWindow.largest(g, shots, aperture).grid() : g);
    }

    private Stacked gatherShots(JobRecord job, ActiveJob active, Path dir, CancellationToken cancel) {
        ResolvedJob resolved = active.job();
        int samples = active.computer().timeS().count();
        // A gather's SEG-Y: file header, then 240 + 4·samples bytes per receiver's trace.
        IntToLongFunction maxBytes = n -> SegyReader.FILE_HEADER_BYTES
                + (long) active.shot(n).receivers().size() * (240 + 4L * samples);
        try (ShotGatherWriter out = GatherFiles.open(dir, resolved);
                ResultPrefetch results = new ResultPrefetch(store, job.id(), job.total(), dir.resolve("results"),
                        maxBytes, ResultPrefetch.DEFAULT_DEPTH)) {
            StackProgress progress = new StackProgress(job);
            for (int n = 1; n <= job.total(); n++) {
                cancel.throwIfCancelled("gathering shot " + n);
                Shot shot = active.shot(n);
                out.write(shot, readTraces(results.next(), shot.receivers().size(), n));
                progress.added(n);
            }
        }
        return new Stacked(List.of(GatherFiles.SHOTS_FILE), null);
    }

    /**
     * Tells the job table how far the stack is, at most every {@link #REPORT_NANOS} and at the end.
     * Best effort: a failed write is logged, never allowed to fail the stack it describes.
     */
    private final class StackProgress {
        private static final long REPORT_NANOS = 5_000_000_000L;
        private final JobRecord job;
        private long last = System.nanoTime();

        StackProgress(JobRecord job) {
            this.job = job;
        }

        void added(int n) {
            long now = System.nanoTime();
            if (n == job.total() || now - last >= REPORT_NANOS) {
                last = now;
                try {
                    table.stacking().stackProgress(job.id(), n);
                } catch (RuntimeException e) {
                    LOG.warn("job {}: cannot record stacking progress ({} of {}): {}", job.id(), n, job.total(),
                            e.getMessage());
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.getMessage());
        }
    }

    private static float[][] readTraces(Path file, int receivers, int shot) {
        try (SegyReader in = SegyReader.open(file)) {
            if (in.traceCount() != receivers) {
                throw new IllegalStateException("shot " + shot + "'s stored gather has " + in.traceCount()
                        + " traces, the job's geometry " + receivers);
            }
            List<float[]> traces = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                traces.add(in.readTrace(i));
            }
            return traces.toArray(new float[0][]);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
