package io.seiswork.app.desktop;

import io.seiswork.app.run.ImageSoFar;
import io.seiswork.app.run.RunListener;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A migration running in the cloud, stacked here too as its shots finish, so that the Result tab
 * shows the image building up as for a local run: each shot's partial image, which its worker
 * stored for the stacker ({@code jobs/<id>/shots/<n>.bin}), is read once when the job table says
 * the shot is done, added to a stack on this machine's heap, and the image so far is finished as
 * the final image is ({@link ImageSoFar}).
 *
 * <p>Only for images small enough to copy whole ({@link ImageSoFar#fitsWhole}); its stack then
 * takes twice the copy's memory. A result already gone (the job's stacker deletes them once the
 * image is written) is skipped: the written image comes with the outputs.
 */
final class CloudImageSoFar implements AutoCloseable {

    private final ResolvedJob job;
    private final ArtifactStore store;
    private final JobId id;
    private final Path scratch;
    private final RunListener listener;
    private final ImageStacker stack;
    private int missed;

    private CloudImageSoFar(ResolvedJob job, ArtifactStore store, JobId id, Path scratch, RunListener listener) {
        this.job = job;
        this.store = store;
        this.id = id;
        this.scratch = scratch;
        this.listener = listener;
        this.stack = new ImageStacker(job.spec().grid(), scratch.resolve("stack"), WholeGridStorage.HEAP);
    }

    /**
     * The image so far of cloud job {@code id}, running {@code job}, or null when there is none to
     * show: not a migration, or an image too large to copy each shot.
     *
     * @param scratch a folder of this machine for the shots' results while they are read (made and removed here)
     */
    static CloudImageSoFar of(ResolvedJob job, ArtifactStore store, JobId id, Path scratch, RunListener listener) {
        Grid g = job.spec().grid();
        if (job.spec().task() != Task.RTM || !ImageSoFar.fitsWhole(g, Runtime.getRuntime().maxMemory())) {
            return null;
        }
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + scratch + ": " + e.getMessage(), e);
        }
        return new CloudImageSoFar(job, store, id, scratch, listener);
    }

    /**
     * Adds shot {@code shot}'s partial image and sends the image so far (after it and those
     * added before, of {@code shots}).
     */
    void shotDone(int shot, int shots) {
        Path part = scratch.resolve(shot + ".bin");
        String key = ObjectKeys.shotResult(id, shot);
        if (store.sizeOf(key) < 0) {
            if (missed++ == 0) {
                listener.message("image so far: shot " + shot + "'s result is gone (stacked already); the image comes "
                        + "with the job's outputs");
            }
            return;
        }
        try {
            store.getFile(key, part, PartialImageFile.bytes(job.spec().grid()), TransferProgress.NONE);
            stack.add(part);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            missed++;  // deleted between the two requests, or unreadable: the written image will tell
            return;
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a leftover in the scratch folder, removed with it on close
            }
        }
        ImageSoFar.report(stack, job, shots, listener);
    }

    /** Shots added so far. */
    int stacked() {
        return stack.shots();
    }

    @Override
    public void close() {
        stack.close();
        FileTrees.delete(scratch);
    }
}
