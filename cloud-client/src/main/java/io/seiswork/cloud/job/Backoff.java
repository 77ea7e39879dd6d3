package io.seiswork.cloud.job;

/**
 * The wait between tries of a job-table request DynamoDB did not complete (unprocessed batch
 * items, a table not yet ACTIVE): doubling from 100 ms, at most 2 s.
 */
final class Backoff {

    private Backoff() {
    }

    /** Waits before try {@code attempt} (none before the first, 0). */
    static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(2000, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the job table", e);
        }
    }
}
