package io.seiswork.worker;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a worker runs.
 *
 * @param workDir this worker's own scratch: job specs, shot results, wavefield spill files
 * @param inputCache where downloaded inputs ({@code inputs/sha256/<hash>}) are kept, shared by
 *     the workers of one machine: content-addressed, so a file there is complete and never
 *     changes, and a model used by many jobs and workers is downloaded once per machine
 * @param engine the engine it runs shots on ({@code auto} uses the GPU when there is one), or null
 *     to take the spec's
 * @param workerId name recorded on the shots it runs (host and process)
 * @param visibility how long a held shot message stays invisible; it is extended every third of it
 *     while the shot runs, so a dead worker's shot returns to the queue within this time
 * @param statusPoll how often the job's status is read while a shot runs (a cancel stops the shot
 *     at its next time step after that)
 * @param maxIdle stop after this long without a message; zero runs until stopped
 * @param maxInputBytes largest spec input (velocity, recorded data) a worker downloads
 * @param pollWait longest wait of one queue poll (SQS long polling, at most 20 s); also how long
 *     {@link ShotWorker#stop()} may take to end an idle worker
 * @param taskMemoryBytes the worker task's memory that jobs are resolved for
 *     ({@link JobResolver#forWorkers}: 70 % of it as the JVM's heap, whose budget decides among
 *     other things whether a migration keeps its whole grid on the heap or out of core, for its
 *     shots and its stack alike), or 0 for this JVM's own heap ({@link JobResolver#withHeapBudget}),
 *     which is what a deployed worker uses: its heap is already 70 % of its task's memory
 *     ({@code -XX:MaxRAMPercentage=70}). Set, it makes a worker resolve jobs as one of a smaller
 *     task would: the tests force a small grid out of core with it
 * @param resultRetry how long a computed shot's result upload, or a stack's output's, is tried
 *     again when S3 is out of reach or answers 5xx ({@link ResultUpload}: 5 minutes by default), the message kept hidden
 *     meanwhile; 0 tries once
 */
public record WorkerSettings(Path workDir, Path inputCache, EngineChoice engine, String workerId, Duration visibility,
        Duration statusPoll, Duration maxIdle, long maxInputBytes, Duration pollWait, long taskMemoryBytes,
        Duration sweepEvery, Duration hangAfter, Duration resultRetry) {

    /** Default input limit: 200 GB, above the 100 GB volumes the product is designed for. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 200L << 30;

    public WorkerSettings {
        if (visibility.toSeconds() < 30 || visibility.toSeconds() > 43_200) {
            throw new IllegalArgumentException("visibility must be 30 s to 12 h (SQS's limit), got " + visibility.toSeconds() + " s");
        }
        if (statusPoll.isNegative() || statusPoll.isZero()) {
            throw new IllegalArgumentException("status poll interval must be > 0");
        }
        if (pollWait.toSeconds() < 1 || pollWait.toSeconds() > 20) {
            throw new IllegalArgumentException("queue poll wait must be 1-20 s (SQS's long poll), got " + pollWait.toSeconds() + " s");
        }
        if (hangAfter.isNegative()) {
            throw new IllegalArgumentException("hang limit must be >= 0, got " + hangAfter);
        }
        if (sweepEvery.isNegative()) {
            throw new IllegalArgumentException("dead-letter sweep interval must be >= 0, got " + sweepEvery);
        }
        if (resultRetry.isNegative()) {
            throw new IllegalArgumentException("result retry time must be >= 0 (0: one try), got " + resultRetry);
        }
        if (taskMemoryBytes < 0) {
            throw new IllegalArgumentException("task memory must be >= 0 bytes (0: this JVM's heap), got " + taskMemoryBytes);
        }
    }

    /**
     * Defaults for {@code workDir}: inputs kept in it too, spec's engine, 5-minute visibility,
     * status every 5 s, run until stopped, jobs resolved for this JVM's heap, the dead-letter queue
     * looked at once a minute at most, a result's upload tried again for 5 minutes.
     */
    public static WorkerSettings defaults(Path workDir) {
        return new WorkerSettings(workDir, workDir, null, defaultWorkerId(), Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ZERO, DEFAULT_MAX_INPUT_BYTES, Duration.ofSeconds(20), 0, Duration.ofMinutes(1), Duration.ofMinutes(20),
                ResultUpload.DEFAULT_RETRY);
    }

    public WorkerSettings withEngine(EngineChoice choice) {
        return new WorkerSettings(workDir, inputCache, choice, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, pollWait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    /** These settings with inputs kept in {@code cache} (the machine's shared scratch) instead of the work directory. */
    public WorkerSettings withInputCache(Path cache) {
        return new WorkerSettings(workDir, cache, engine, workerId, visibility, statusPoll, maxIdle, maxInputBytes,
                pollWait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    public WorkerSettings withMaxIdle(Duration idle) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, idle, maxInputBytes,
                pollWait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    public WorkerSettings withStatusPoll(Duration poll) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, poll, maxIdle, maxInputBytes,
                pollWait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    public WorkerSettings withWorkerId(String id) {
        return new WorkerSettings(workDir, inputCache, engine, id, visibility, statusPoll, maxIdle, maxInputBytes,
                pollWait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    public WorkerSettings withPollWait(Duration wait) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, wait, taskMemoryBytes, sweepEvery, hangAfter, resultRetry);
    }

    public WorkerSettings withHangAfter(Duration limit) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, pollWait, taskMemoryBytes, sweepEvery, limit, resultRetry);
    }

    public WorkerSettings withSweepEvery(Duration every) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, pollWait, taskMemoryBytes, every, hangAfter, resultRetry);
    }

    /** These settings with a shot's result upload tried again for up to {@code retry} ({@link ResultUpload}). */
    public WorkerSettings withResultRetry(Duration retry) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, pollWait, taskMemoryBytes, sweepEvery, hangAfter, retry);
    }

    /** These settings with jobs resolved for a worker task of {@code bytes} of memory (0: this JVM's heap). */
    public WorkerSettings withTaskMemory(long bytes) {
        return new WorkerSettings(workDir, inputCache, engine, workerId, visibility, statusPoll, maxIdle,
                maxInputBytes, pollWait, bytes, sweepEvery, hangAfter, resultRetry);
    }

    private static String defaultWorkerId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "worker";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
