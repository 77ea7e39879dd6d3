package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToLongFunction;

/**
 * A job's stored shot results downloaded ahead of the stacker, {@code depth} at a time, and handed
 * over in shot order, so that the stack is summed in the order a local run sums it (the same image
 * to the last bit) while the downloads of the next shots overlap the summing of this one.
 *
 * <p>Why: a stacker that fetches one result, adds it, then fetches the next waits on every
 * object's first byte and on one connection's bandwidth; for thousands of shot results (each a
 * shot's window of the image) those waits are most of the stacking. The depth bounds the scratch
 * disk used: at most {@code depth} results lie there at once. A result larger than one download
 * part already comes in {@link ArtifactStore#DEFAULT_PARALLEL_PARTS} parallel parts, each a heap
 * buffer of a part, so after such a result only one more is fetched ahead: the downloads still
 * overlap the summing, and the heap holds 2 × 4 parts, not {@code depth} × 4.
 */
final class ResultPrefetch implements AutoCloseable {

    /** Results downloaded ahead of the one being stacked. */
    static final int DEFAULT_DEPTH = 4;

    private final ArtifactStore store;
    private final JobId job;
    private final int total;
    private final Path dir;
    private final IntToLongFunction maxBytes;
    private final int depth;
    private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Future<Path>> ahead = new ArrayDeque<>();
    private int requested;
    /** Bytes of the last result handed over; a large one (or none yet) limits the depth to 2. */
    private long lastBytes = Long.MAX_VALUE;

    /**
     * @param total the job's shots, numbered 1 to total
     * @param dir scratch folder for the downloads (created if needed; emptied by {@link #close})
     * @param maxBytes the largest size shot n's result may have
     */
    ResultPrefetch(ArtifactStore store, JobId job, int total, Path dir, IntToLongFunction maxBytes, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        this.store = store;
        this.job = job;
        this.total = total;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.depth = depth;
        IoProblems.createFolders(dir, "");
    }

    /**
     * The next shot's result file, once downloaded (shot 1 first); the caller deletes it when done
     * with it. Downloads up to {@code depth} shots ahead meanwhile.
     *
     * @throws java.util.NoSuchElementException after the last shot
     * @throws RuntimeException what the download threw (a missing result, a size over its limit)
     */
    Path next() {
        int allowed = lastBytes > ArtifactStore.DEFAULT_PART_BYTES ? Math.min(depth, 2) : depth;
        while (requested < total && ahead.size() < allowed) {
            int shot = ++requested;
            ahead.add(downloads.submit(() -> {
                Path file = dir.resolve("shot-" + shot + ".bin");
                store.getFile(ObjectKeys.shotResult(job, shot), file, maxBytes.applyAsLong(shot), TransferProgress.NONE);
                return file;
            }));
        }
        Future<Path> first = ahead.poll();
        if (first == null) {
            throw new java.util.NoSuchElementException("all " + total + " shot results were handed over");
        }
        try {
            Path file = first.get();
            lastBytes = Files.size(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of a downloaded shot result: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading shot results of job " + job, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the downloads still running and removes what they left. */
    @Override
    public void close() {
        downloads.shutdownNow();
        downloads.close();
        FileTrees.delete(dir);
    }
}
