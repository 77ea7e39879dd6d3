package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.FileReadException;
import io.seiswork.cloud.s3.ResumableUpload;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Stores a worker's results, trying again for a while when S3 is out of reach: a computed shot's
 * result ({@link #store}) and a stack's outputs ({@link #storeFile}, from {@link JobStacker}), which
 * a failure would cost as much as every shot's result downloaded and stacked again. The SDK's
 * own four tries of a request are spent in about 6 s; a result lost then would be computed again
 * (0.1 to 1 h a shot on the fleet), and an outage of a few seconds would use up one of the shot's
 * three attempts. The result is on the worker's disk and its message stays hidden while the
 * shot's heartbeat runs, so the upload is tried again, the waits doubling from 1 s to 30 s, for
 * up to {@link WorkerSettings#resultRetry()} ({@link #DEFAULT_RETRY}). A try goes on where the
 * last broke ({@link ResumableUpload}): a result above one part (a 3D partial image of several
 * GB) keeps its multipart upload and the parts S3 confirmed, so an outage at 90 % costs the last
 * 10 % again, not the whole; one of a part or less is one PUT, sent whole by each try.
 *
 * <p>Only failures that can heal are tried again: a connection that failed (refused, reset,
 * broken, timed out), a 5xx answer, throttling (429, SlowDown). A 403, 404 or 400 is the same
 * on every try and fails the attempt at once, as does a local file that cannot be read (missing,
 * or a read error of its disk). A cancel (the job cancelled, the worker stopping) ends the waits,
 * and the parts in flight within a block of their bytes. An attempt given up (a failure that
 * cannot heal, a cancel, the retry time spent) aborts the multipart upload, so that no part of it
 * stays billed. Once the bytes are stored, a failed tagging is tried again alone and never fails the
 * attempt, nor does a cancel during its retry: the result stays stored untagged.
 */
final class ResultUpload {

    /**
     * How long a result's upload is tried again by default: 5 minutes. S3's 5xx bursts,
     * throttling and a network blip of one instance heal in seconds to a minute or two; a wait of
     * 5 minutes costs less than the shot it saves (6 to 60 minutes of compute), while an outage
     * longer than that is no blip, and the attempt is given up so that the shot's message goes
     * back to the queue for another worker (or ends in the dead-letter queue).
     */
    static final Duration DEFAULT_RETRY = Duration.ofMinutes(5);
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    /**
     * How long a stored result's tagging is tried again at most: 30 s (the retry time when
     * shorter). An untagged result is the safe side (it never expires, costing storage only until
     * its job's objects are deleted), so a tagging out of reach for longer is not worth holding the
     * shot for the whole retry time.
     */
    static final Duration TAG_RETRY = Duration.ofSeconds(30);
    /** How often a wait looks at the cancel. */
    private static final long CANCEL_LOOK_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ResultUpload.class);

    private final ArtifactStore store;
    private final Duration retryFor;
    /** Whether a result stored untagged was warned of: once per worker (one upload per worker). */
    private final AtomicBoolean warnedUntagged = new AtomicBoolean();

    ResultUpload(ArtifactStore store, Duration retryFor) {
        this.store = store;
        this.retryFor = retryFor;
    }

    /**
     * Stores {@code result} as shot {@code shot}'s of job {@code id}, then tags it
     * {@link ObjectKeys#SHOT_RESULT_TAGGING} by a request of its own ({@link ArtifactStore#tag}).
     * A tagging that fails is tried again alone, never by sending the bytes again, for up to
     * {@link #TAG_RETRY} (or the retry time, when shorter); one that still fails, or cannot heal
     * (403, 400), leaves the result stored untagged, which never expires: the attempt goes on, and
     * the first such result of this worker is one {@code WARN} naming the reason.
     *
     * @return whether it was tagged
     * @throws ResultNotStoredException naming the shot and object, when a try of the bytes failed
     *     in a way that cannot heal (a 403, or a local file that cannot be read), or the last try
     *     before {@code retryFor} ran out failed; the multipart upload is aborted (an abort S3
     *     does not take is one WARN, the parts left to the bucket's lifecycle rule)
     * @throws CancelledException when {@code cancel} is cancelled before a try of the bytes, during
     *     one (its parts in flight stop within a block) or during a wait between them, the multipart
     *     upload aborted; a cancel once the bytes are stored ends the tagging's retry instead,
     *     returning false (stored, untagged)
     */
    boolean store(JobId id, int shot, Path result, CancellationToken cancel) {
        return store(id, shot, result, cancel, cancel);
    }

    /**
     * As {@link #store(JobId, int, Path, CancellationToken)}, the parts in flight stopped only by
     * {@code sending}: a worker stopping (SIGTERM, a spot interruption, with 120 s before the
     * kill) ends the waits between tries through {@code cancel} but lets a try under way finish,
     * and makes the first try when it came before (while the result was written), so that a shot
     * computed for up to an hour is stored and counted rather than computed again; the stored
     * result's tagging is likewise tried once. A cancelled job stops both. {@code cancel} is then a {@link CancellationToken#child()} of
     * {@code sending}.
     */
    boolean store(JobId id, int shot, Path result, CancellationToken cancel, CancellationToken sending) {
        String key = ObjectKeys.shotResult(id, shot);
        String stored = "shot " + shot + "'s result s3://" + store.bucket() + "/" + key;
        storeFile(key, "storing " + stored, result, TransferProgress.NONE, cancel, sending);
        String tagging = "tagging " + stored;
        Duration tagRetry = retryFor.compareTo(TAG_RETRY) < 0 ? retryFor : TAG_RETRY;
        try {
            if (tried(tagging, tagRetry, cancel, sending, () -> store.tag(key, ObjectKeys.SHOT_RESULT_TAGGING))) {
                return true;
            }
            untagged(stored, "the S3 endpoint does not implement object tags");
        } catch (Failed f) {
            untagged(stored, "tagging it failed: " + ResultNotStoredException.oneLine(f.getCause()) + f.tries);
        } catch (CancelledException c) {
            // The bytes are stored: a cancel now must not make the caller hand the shot back to be
            // computed again. The result stays stored, untagged.
            untagged(stored, "its tagging was cancelled");
        }
        return false;
    }

    /**
     * Stores {@code file} under {@code key}, tried again while its failures can heal for up to the
     * retry time, each try sending only the parts S3 has not confirmed ({@link ResumableUpload}):
     * a shot's result, or a stack's output of up to 100 GB, whose loss would cost the stack again
     * (every shot's result downloaded again). {@code cancel} ends the waits between tries;
     * {@code sending}, of which it is a child, alone stops the first try and the parts in flight
     * (within a block of their bytes), as in {@link #store(JobId, int, Path, CancellationToken,
     * CancellationToken)}. Nothing is tagged.
     *
     * @param what the storing in words, for messages ("storing job J's output image.sgy s3://b/k")
     * @param progress bytes stored of the file, the parts kept from an earlier try counted first
     * @throws ResultNotStoredException saying {@code what}, when a try failed in a way that cannot
     *     heal or the retry time ran out; the multipart upload is aborted
     * @throws CancelledException saying {@code what} when cancelled; the multipart upload is aborted
     */
    void storeFile(String key, String what, Path file, TransferProgress progress, CancellationToken cancel,
            CancellationToken sending) {
        ResumableUpload upload;
        try {
            upload = store.startResumable(key, file);
        } catch (RuntimeException e) {
            throw new ResultNotStoredException(what, e, "");
        }
        try {
            tried(what, retryFor, cancel, sending, () -> {
                upload.send(progress, sending);
                return null;
            });
        } catch (Failed f) {
            abandon(upload, what);
            throw new ResultNotStoredException(what, f.getCause(), f.tries);
        } catch (CancelledException c) {
            abandon(upload, what);
            // Said as a cancel between tries is ("cancelled at storing shot N's result ..."), not as the parts
            // stored: they are aborted.
            cancel.throwIfCancelled(what);
            throw c;
        }
    }

    /**
     * Aborts the multipart upload of a result given up, so that none of its parts stays billed. An
     * abort that fails (S3 out of reach still, when the retry time ran out) is one WARN: the parts
     * then stay until the bucket's lifecycle rule aborts unfinished uploads, and the attempt's own
     * failure is what is reported. The abort ends within {@link ArtifactStore#ABORT_TIMEOUT}
     * (a network that drops packets silently), so that a worker stopping still hands its shot or
     * stack back before ECS's kill.
     */
    private static void abandon(ResumableUpload upload, String what) {
        try {
            upload.abort();
        } catch (RuntimeException e) {
            LOG.warn("{}: could not abort its multipart upload ({}); its parts stay until the bucket's lifecycle rule "
                    + "aborts unfinished uploads (7 days)", what, ResultNotStoredException.oneLine(e));
        }
    }

    /** Logs that a result is stored untagged: the first time as a WARN, then at debug. */
    private void untagged(String result, String reason) {
        String line = result + " is stored untagged: " + reason + "; results stored without " + ObjectKeys.SHOT_RESULT_TAGGING
                + " are not reached by the bucket's one-year expiry of abandoned ones";
        if (warnedUntagged.compareAndSet(false, true)) {
            LOG.warn("{} (said once per worker)", line);
        } else {
            LOG.debug(line);
        }
    }

    /**
     * Runs {@code step}, trying it again while its failures can heal, the waits doubling from
     * {@link #FIRST_WAIT} to {@link #LONGEST_WAIT}, for up to {@code retry} from the first try.
     * The first try is made unless {@code first} is cancelled; a later one, and the waits, end
     * when {@code cancel} is: a worker stopping (a {@code cancel} that is a child of
     * {@code first}) lets one try of a computed result's bytes, and of their tagging, be made.
     *
     * @throws Failed around the last failure (one that cannot heal, or the last before
     *     {@code retry} ran out), saying the tries when a retry ran out after more than one
     */
    private <T> T tried(String what, Duration retry, CancellationToken cancel, CancellationToken first,
            java.util.function.Supplier<T> step) {
        long start = System.nanoTime();
        Duration wait = FIRST_WAIT;
        for (int tries = 1; ; tries++) {
            (tries == 1 ? first : cancel).throwIfCancelled(what);
            try {
                return step.get();
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                Duration spent = Duration.ofNanos(System.nanoTime() - start);
                if (!canHeal(e)) {
                    throw new Failed(e, "");
                }
                if (spent.plus(wait).compareTo(retry) > 0) {
                    throw new Failed(e, tries == 1 ? "" : " (" + tries + " tries in " + spent.toSeconds() + " s)");
                }
                LOG.warn("{}: {} (try {}; trying again in {} s, for up to {} s in all)", what,
                        ResultNotStoredException.oneLine(e), tries, wait.toSeconds(), retry.toSeconds());
                LOG.debug("{}: try {} failed", what, tries, e);
                pause(wait, cancel, what);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** The last failure of a step tried more than once, or one whose retry time ran out. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String tries;

        Failed(RuntimeException last, String tries) {
            super(last.getMessage(), last, false, false);
            this.tries = tries;
        }
    }

    /**
     * Whether another try may succeed: a connection that failed (an SDK client error caused by an
     * I/O error: refused, reset, broken pipe, timed out), a 5xx answer, or throttling; never a
     * local file that cannot be read ({@link FileReadException}: missing, unreadable, a disk's
     * read error), which every try would find so. Told by type and status, never by an error's
     * words.
     */
    static boolean canHeal(Throwable e) {
        if (FileReadException.in(e)) {
            return false;
        }
        if (e instanceof SdkServiceException s) {
            return s.statusCode() >= 500 || s.statusCode() == 429 || s.isThrottlingException();
        }
        if (e instanceof SdkClientException) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause(Duration wait, CancellationToken cancel, String what) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                cancel.throwIfCancelled(what);
                Thread.sleep(Math.min(left, CANCEL_LOOK_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
        cancel.throwIfCancelled(what);
    }
}
