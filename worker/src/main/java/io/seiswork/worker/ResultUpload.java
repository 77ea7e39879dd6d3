package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.progress.CancellationToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Stores a computed shot's result, trying again for a while when S3 is out of reach. The SDK's
 * own four tries of a request are spent in about 6 s; a result lost then would be computed again
 * (0.1 to 1 h a shot on the fleet), and an outage of a few seconds would use up one of the shot's
 * three attempts. The result is on the worker's disk and its message stays hidden while the
 * shot's heartbeat runs, so the upload is tried again, the waits doubling from 1 s to 30 s, for
 * up to {@link WorkerSettings#resultRetry()} ({@link #DEFAULT_RETRY}).
 *
 * <p>Only failures that can heal are tried again: a connection that failed (refused, reset,
 * broken, timed out), a 5xx answer, throttling (429, SlowDown). A 403, 404 or 400 is the same
 * on every try and fails the attempt at once, as does a local file that cannot be read. A
 * cancel (the job cancelled, the worker stopping) ends the waits at once.
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
    /** How often a wait looks at the cancel. */
    private static final long CANCEL_LOOK_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ResultUpload.class);

    private final ArtifactStore store;
    private final Duration retryFor;

    ResultUpload(ArtifactStore store, Duration retryFor) {
        this.store = store;
        this.retryFor = retryFor;
    }

    /**
     * Stores {@code result} as shot {@code shot}'s of job {@code id}, tagged
     * {@link ObjectKeys#SHOT_RESULT_TAGGING}.
     *
     * @return whether it was tagged ({@link ArtifactStore#putFile(String, Path, TransferProgress, String)})
     * @throws ResultNotStoredException naming the shot and object, when a try failed in a way
     *     that cannot heal, or the last try before {@code retryFor} ran out failed
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     *     before a try or during a wait
     */
    boolean store(JobId id, int shot, Path result, CancellationToken cancel) {
        String key = ObjectKeys.shotResult(id, shot);
        String what = "storing shot " + shot + "'s result s3://" + store.bucket() + "/" + key;
        long start = System.nanoTime();
        Duration wait = FIRST_WAIT;
        for (int tries = 1; ; tries++) {
            cancel.throwIfCancelled(what);
            try {
                return store.putFile(key, result, TransferProgress.NONE, ObjectKeys.SHOT_RESULT_TAGGING);
            } catch (RuntimeException e) {
                Duration spent = Duration.ofNanos(System.nanoTime() - start);
                if (!canHeal(e)) {
                    throw new ResultNotStoredException(what, e, "");
                }
                if (spent.plus(wait).compareTo(retryFor) > 0) {
                    throw new ResultNotStoredException(what, e, tries == 1 ? ""
                            : " (" + tries + " tries in " + spent.toSeconds() + " s)");
                }
                LOG.warn("{}: {} (try {}; trying again in {} s, for up to {} s in all)", what,
                        ResultNotStoredException.oneLine(e), tries, wait.toSeconds(), retryFor.toSeconds());
                LOG.debug("{}: try {} failed", what, tries, e);
                pause(wait, cancel, what);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Whether another try may succeed: a connection that failed (an SDK client error caused by an
     * I/O error: refused, reset, broken pipe, timed out), a 5xx answer, or throttling. Told by
     * type and status, never by an error's words.
     */
    static boolean canHeal(Throwable e) {
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
