package io.seiswork.cloud.job;

import java.util.List;
import java.util.Locale;

/**
 * How many of a job's shots may fail (each after {@value ShotAttempts#MAX} attempts) before the
 * whole job stops, and what a job that ends with failed shots says.
 *
 * <p>A shot that fails three times on different workers usually fails for a reason of its own (its
 * window too large for the instance type, a bad patch of a recorded data file), and the other
 * shots of an overnight survey are still worth having: within the limit the job runs them to the
 * end and ends FAILED with its failed shots listed, and {@code seiswork resume} runs just those
 * again. Above the limit the failure looks systematic (a spec every worker refuses, a fleet out of
 * memory), and the job stops at once rather than pay three attempts of every shot.
 */
public final class FailedShots {

    /** One shot in 50 by default: none for jobs under 50 shots, which fail at their first failed shot. */
    public static final int DEFAULT_PER_SHOTS = 50;

    private FailedShots() {
    }

    /** The default limit for a job of {@code shots} shots: 2 % of them, rounded down. */
    public static int defaultLimit(int shots) {
        return shots / DEFAULT_PER_SHOTS;
    }

    /**
     * Checks a limit asked for on the command line.
     *
     * @throws IllegalArgumentException naming the option and its range
     */
    public static int checkLimit(int limit, int shots) {
        if (limit < 0 || limit >= shots && shots > 0) {
            throw new IllegalArgumentException("--max-failed-shots must be 0 to " + Math.max(0, shots - 1)
                    + " for a job of " + shots + " shot" + (shots == 1 ? "" : "s") + ", got " + limit);
        }
        return limit;
    }

    /** Whether the job has more failed shots than it allows, and must stop now. */
    public static boolean overLimit(JobRecord job) {
        return job.failed() > job.maxFailed();
    }

    /**
     * Whether every shot is either done or failed with some failed: the job ends FAILED. A job
     * with every shot done is never this, whatever its failed count says: it is stacked.
     */
    public static boolean allSettledWithFailures(JobRecord job) {
        return job.failed() > 0 && job.done() < job.total() && job.done() + job.failed() >= job.total();
    }

    /**
     * The job's error when it stops above its limit: the shot that tipped it, after its
     * {@value ShotAttempts#MAX} attempts, and why.
     *
     * @param error the shot's last error
     */
    public static String overLimitError(JobRecord job, int shot, String error) {
        return overLimitError(job, shot, error, true);
    }

    /**
     * The job's error when it stops above its limit: the shot that tipped it and why.
     *
     * @param error the shot's last error
     * @param retried whether the shot had its {@value ShotAttempts#MAX} attempts; false for a
     *     failure every attempt would repeat (data whose stored bytes are not those submitted, a
     *     shot index naming the wrong traces), failed at its first ({@link JobTable#failShotWithoutRetry})
     */
    public static String overLimitError(JobRecord job, int shot, String error, boolean retried) {
        String first = "shot " + shot + (retried ? " failed " + ShotAttempts.MAX + " times: "
                : " failed and was not retried, since every attempt would fail the same way: ") + error;
        if (job.maxFailed() == 0) {
            return first;
        }
        return String.format(Locale.ROOT, "%d shots failed, more than the job's limit of %d; the last: %s",
                job.failed(), job.maxFailed(), first);
    }

    /**
     * The job's error when its other shots are done: how many failed, which, and how to run them again.
     */
    public static String settledError(JobRecord job) {
        List<Integer> shots = job.failedShots();
        String listed = ShotNumbers.brief(shots, 10);
        return String.format(Locale.ROOT, "%d of %d shots failed (shot%s %s), the other %d are done: "
                + "'seiswork resume %s' runs the failed ones again", job.failed(), job.total(), shots.size() == 1 ? "" : "s",
                listed, job.done(), job.id());
    }
}
