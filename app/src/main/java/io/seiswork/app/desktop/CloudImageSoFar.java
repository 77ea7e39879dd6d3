package io.seiswork.app.desktop;

import io.seiswork.app.run.ImageSoFar;
import io.seiswork.app.run.RunListener;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration running in the cloud, stacked here too as its shots finish, so that the Result tab
 * shows the image building up as for a local run: each shot's partial image, which its worker
 * stored for the stacker ({@code jobs/<id>/shots/<n>.bin}), is read once the job table says the
 * shot is done, added to a stack on this machine's heap, and the image so far is finished as the
 * final image is ({@link ImageSoFar}).
 *
 * <p>It is a preview, so it never holds up or fails the run it watches: the shots are read and
 * stacked on a thread of its own, which takes every shot reported done since its last pass and
 * finishes the image once for them all; reporting a shot only queues it. It stops reading when
 * the job is being stacked in the cloud (the written image is coming), quietly, and so when a
 * shot's result is gone, before it is read or while it is: the job's stacker deletes each
 * result once added and may get there before this thread, so a gone result means the written
 * image is coming too. At the first error (a result denied or unreadable, or no memory for the
 * copy) it stops and says so once. Only for images small enough to copy whole
 * ({@link ImageSoFar#fitsWhole}); its stack then takes twice the copy's memory.
 *
 * <p>A job followed from the Cloud jobs menu comes without its resolved spec: the thread first
 * reads it back from the bucket ({@link StoredJob}: the spec, and the velocity files it names,
 * which lie on the job's grid; never the recorded data), while the shots reported done meanwhile
 * wait their turn. When that fails (the spec gone or denied, a model that does not resolve) it
 * says why in one message and reads nothing more; the run is followed all the same.
 */
final class CloudImageSoFar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudImageSoFar.class);

    private final ArtifactStore store;
    private final JobId id;
    private final Path scratch;
    private final RunListener listener;
    private final Thread thread;
    /** The followed job whose spec the thread reads back first; null for a run started here. */
    private final JobRecord followed;
    /** Set before the thread starts (a run started here) or by it (a followed job); then unchanged. */
    private volatile ResolvedJob job;
    private volatile ImageStacker stack;
    private final List<Integer> pending = new ArrayList<>();
    private int shots;
    private boolean stopped;

    private CloudImageSoFar(ResolvedJob job, JobRecord followed, ArtifactStore store, JobId id, Path scratch,
            RunListener listener) {
        this.followed = followed;
        this.store = store;
        this.id = id;
        this.scratch = scratch;
        this.listener = listener;
        if (job != null) {
            this.job = job;
            this.stack = new ImageStacker(job.spec().grid(), scratch.resolve("stack"), WholeGridStorage.HEAP);
        }
        this.thread = Thread.ofPlatform().name("seiswork-cloud-image").daemon().unstarted(this::stackWhileRunning);
    }

    /**
     * The image so far of cloud job {@code id}, running {@code job}, reading and stacking on its
     * own thread; or null when there is none to show: not a migration, or an image too large to
     * copy each shot.
     *
     * @param scratch a folder of this machine for the shots' results while they are read (made and removed here)
     */
    static CloudImageSoFar start(ResolvedJob job, ArtifactStore store, JobId id, Path scratch, RunListener listener) {
        Grid g = job.spec().grid();
        if (job.spec().task() != Task.RTM || !ImageSoFar.fitsWhole(g, Runtime.getRuntime().maxMemory())) {
            return null;
        }
        CloudImageSoFar image;
        try {
            Files.createDirectories(scratch);
            image = new CloudImageSoFar(job, null, store, id, scratch, listener);  // its stack: two arrays of the grid
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            listener.message("no image so far: " + e);
            deleteQuietly(scratch);
            return null;
        }
        image.thread.start();
        return image;
    }

    /**
     * The image so far of cloud job {@code followed}, submitted elsewhere: its thread reads the
     * job's spec back from {@code store} first ({@link StoredJob}), then reads and stacks as
     * {@link #start} does. Null, reading nothing, when there is none to show: not a migration, or
     * a job already being stacked or ended (its written image is there or coming). A migration
     * whose image is too large to copy each shot is found so on the thread, once its spec is
     * read, and shows none, as in {@link #start}, before any model is downloaded.
     *
     * @param scratch a folder of this machine for the job's velocity files and the shots' results
     *     while they are read (made and removed here)
     */
    static CloudImageSoFar follow(JobRecord followed, ArtifactStore store, Path scratch, RunListener listener) {
        if (!Task.RTM.json().equals(followed.task()) || followed.status().isFinal()
                || followed.status() == JobStatus.STACKING) {
            return null;
        }
        CloudImageSoFar image;
        try {
            Files.createDirectories(scratch);
            image = new CloudImageSoFar(null, followed, store, followed.id(), scratch, listener);
        } catch (IOException | RuntimeException e) {
            listener.message("no image so far: " + e);
            deleteQuietly(scratch);
            return null;
        }
        image.thread.start();
        return image;
    }

    /** Queues shot {@code shot}, done, to be read and added; the image so far then covers it (of {@code total} shots). */
    synchronized void shotDone(int shot, int total) {
        if (!stopped) {
            pending.add(shot);
            shots = total;
            notifyAll();
        }
    }

    /** Reads nothing more: the job is being stacked in the cloud, or has ended. */
    synchronized void stop() {
        stopped = true;
        pending.clear();
        notifyAll();
    }

    /** Shots added so far. */
    int stacked() {
        ImageStacker s = stack;
        return s == null ? 0 : s.shots();
    }

    /** Longest wait for the thread to end when closed, milliseconds. */
    static final long CLOSE_WAIT_MS = 10_000;

    /**
     * Stops: interrupts a read under way (the store turns it into a failed read) and waits a
     * little for the thread, which frees the stack and its scratch itself when it ends, so they
     * are never freed under it. Never throws: the run it watches is not to fail for it.
     */
    @Override
    public void close() {
        stop();
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("image so far of job {} still reading after {} ms; it frees its stack when it ends", id, CLOSE_WAIT_MS);
        }
    }

    private void stackWhileRunning() {
        try {
            if (stack != null || readJobBack()) {
                stackUntilStopped();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
            deleteQuietly(scratch);
        }
    }

    /**
     * A followed job: reads its spec back, and when it has an image so far to show, resolves it
     * and makes the stack. False, after which nothing more is read, when it has none (said in one
     * message unless it is simply too large) or when stopped meanwhile.
     */
    private boolean readJobBack() {
        String step = "cannot read job " + id + "'s spec back";
        try {
            StoredJob stored = StoredJob.read(store, id, followed.name());
            Grid g = stored.spec().grid();
            if (stored.spec().task() != Task.RTM || !ImageSoFar.fitsWhole(g, Runtime.getRuntime().maxMemory())) {
                stop();
                return false;
            }
            step = "cannot load job " + id + "'s velocity model";
            ResolvedJob resolved = stored.resolve(scratch.resolve("inputs"));
            if (isStopped()) {
                return false;
            }
            job = resolved;
            stack = new ImageStacker(g, scratch.resolve("stack"), WholeGridStorage.HEAP);
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!isStopped()) {  // else closed meanwhile: the interrupt ended the read, nothing to say
                LOG.warn("no image so far of job {}", id, e);
                listener.message("no image so far: " + step + ": " + oneLine(e)
                        + "; the image comes with the job's outputs");
                stop();
            }
            return false;
        }
    }

    private void stackUntilStopped() {
        try {
            while (true) {
                List<Integer> batch;
                int total;
                synchronized (this) {
                    while (pending.isEmpty() && !stopped) {
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    batch = List.copyOf(pending);
                    pending.clear();
                    total = shots;
                }
                for (int shot : batch) {
                    if (isStopped() || !add(shot)) {
                        return;
                    }
                }
                if (isStopped()) {
                    return;  // the written image is coming
                }
                ImageSoFar.report(stack, job, total, listener);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | OutOfMemoryError e) {
            if (isStopped()) {
                return;  // closed meanwhile (the interrupt ends what it was doing): nothing to say
            }
            LOG.warn("image so far of job {} stopped", id, e);
            listener.message("image so far stopped (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the image comes with the job's outputs");
            stop();
        }
    }

    /** What went wrong in one line: a spec's errors joined, else the exception's first line. */
    private static String oneLine(Throwable e) {
        if (e instanceof SpecException se) {
            return se.problems().stream().filter(SpecProblem::isError).map(SpecProblem::toString)
                    .collect(Collectors.joining("; "));
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    /** Whether the result at {@code key} is gone now; false when the store cannot tell (the read's error is said then). */
    private boolean goneNow(String key) {
        try {
            return store.sizeOf(key) < 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether it reads nothing more: stopped, closed, or ended at a gone result or an error. */
    synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * Reads and adds one shot's result; false when it cannot (said once, unless the result is
     * gone, before the read or during it: stacked in the cloud already), after which nothing more
     * is read.
     */
    private boolean add(int shot) {
        Path part = scratch.resolve(shot + ".bin");
        String key = ObjectKeys.shotResult(id, shot);
        try {
            if (store.sizeOf(key) < 0) {
                // The job's stacker deletes each result once added, and may get there between the
                // job table's report and this read: the written image is coming, nothing is wrong.
                LOG.info("image so far of job {} ends at shot {}: its result is stacked in the cloud already", id, shot);
                stop();
                return false;
            }
            store.getFile(key, part, PartialImageFile.bytes(job.spec().grid()), TransferProgress.NONE);
            stack.add(part);
            return true;
        } catch (RuntimeException e) {  // denied, throttled, deleted meanwhile, unreadable, or closed
            if (!isStopped()) {
                if (goneNow(key)) {
                    // Deleted by the job's stacker between the look above and the read: as when gone before.
                    LOG.info("image so far of job {} ends at shot {}: its result was stacked in the cloud as it was read",
                            id, shot);
                } else {
                    listener.message("image so far stopped at shot " + shot + ": " + e.getMessage()
                            + "; the image comes with the job's outputs");
                }
                stop();
            }
            return false;
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.debug("left {} to be removed with its folder", part);
            }
        }
    }
}
