package io.seiswork.infra;

import java.util.List;

/**
 * What the application code expects of the stack, in one place: the resource names the command
 * line and the worker default to, the bucket's key layout, and the worker's metric names.
 *
 * <p>The authorities are elsewhere and this class only repeats them, because {@code infra/} must
 * not pull the AWS SDK in through {@code cloud-client}: the key layout is
 * {@code io.seiswork.cloud.job.ObjectKeys}, the defaults of {@code SEISWORK_TABLE} and
 * {@code SEISWORK_QUEUE} are {@code io.seiswork.cloud.config.CloudSettings}, the dead-letter rule
 * is {@code io.seiswork.cloud.queue.ShotQueue}, and the metrics are
 * {@code io.seiswork.worker.ShotMetrics}. A change there must be made here too; the tests of this
 * module pin every value below into the template.
 */
public final class Protocol {

    /** The job table ({@code SEISWORK_TABLE}'s default): one item per job and one per shot. */
    public static final String TABLE = "seiswork-jobs";
    /** The shot queue ({@code SEISWORK_QUEUE}'s default): one message {@code {jobId, shot}} per shot. */
    public static final String QUEUE = "seiswork-shots";
    /** The shot queue's dead-letter queue: the name {@code ShotQueue.createIfMissing} gives it locally. */
    public static final String DEAD_LETTER_QUEUE = QUEUE + "-dlq";
    /** Receives before a shot's message moves to the dead-letter queue: the worker fails a shot on its third attempt. */
    public static final int MAX_RECEIVES = 3;
    /** The shot queue's visibility timeout in seconds; the worker extends it every 100 s while a shot runs. */
    public static final int VISIBILITY_SECONDS = 300;

    /** Content-addressed inputs, {@code inputs/sha256/<hash>}: written by submitters, read by workers. */
    public static final String INPUTS = "inputs/*";
    /** Everything a job owns: the worker reads its spec and, when stacking, every shot's result. */
    public static final String JOB_OBJECTS = "jobs/*";
    /** The spec as submitted, {@code jobs/<id>/spec.json}. */
    public static final String SPECS = "jobs/*/spec.json";
    /** One result per shot, {@code jobs/<id>/shots/<n>.bin}: needed only until the job is stacked. */
    public static final String SHOT_RESULTS = "jobs/*/shots/*";
    /** A job's outputs, {@code jobs/<id>/image/<file>}: written by the stacking worker, fetched by users. */
    public static final String OUTPUTS = "jobs/*/image/*";

    /** The job table's index of jobs by submission time ({@code JobTable.JOBS_INDEX}), and its partition key. */
    public static final String JOBS_INDEX = "jobs-by-created";
    public static final String JOBS_INDEX_KEY = "jobs";
    /**
     * The job table's thin index of jobs by submission time ({@code JobTable.RESEND_INDEX}): the
     * keys of {@link #JOBS_INDEX}, projecting only {@link #RESEND_INDEX_ATTRIBUTES}, which the
     * workers' stale-shot re-send reads hourly (~100 bytes a job, not the job item's up to 70 KB).
     */
    public static final String RESEND_INDEX = "jobs-status-by-created";
    /** What {@link #RESEND_INDEX} carries of a job item besides its keys ({@code JobTable.RESEND_INDEX_ATTRIBUTES}). */
    public static final List<String> RESEND_INDEX_ATTRIBUTES = List.of("status", "resumes", "resendClaimUntil");

    /** The worker's CloudWatch namespace (Embedded Metric Format lines on its standard output). */
    public static final String METRIC_NAMESPACE = "Seiswork";
    /** A finished shot, unit Count. */
    public static final String SHOTS_COMPLETED = "ShotsCompleted";
    /** A failed attempt, unit Count. */
    public static final String SHOTS_FAILED = "ShotsFailed";
    /** A shot stopped by its worker's SIGTERM (spot interruption, scale-in) and handed back, unit Count. */
    public static final String SHOTS_INTERRUPTED = "ShotsInterrupted";
    /**
     * A shot, or a job's stacking, whose workers all died, found in the dead-letter queue by a
     * worker's sweep and counted failed, unit Count.
     */
    public static final String SHOTS_LOST = "ShotsLost";
    /**
     * A job's stack whose workers all died, sent again once by a worker's sweep of the
     * dead-letter queue (the first time in the job's run; the second is {@link #SHOTS_LOST}), unit Count.
     */
    public static final String STACKS_RESENT = "StacksResent";
    /** A shot that failed its last attempt, counted failed in its job, unit Count. */
    public static final String SHOTS_FAILED_FOR_GOOD = "ShotsFailedForGood";
    /** A shot's wall time, unit Seconds. */
    public static final String SHOT_SECONDS = "ShotSeconds";
    /** A shot's propagation throughput in 10⁹ grid-point updates per second, unit None. */
    public static final String GPTS_PER_SECOND = "GptsPerSecond";
    /** A job stacked and its outputs stored, unit Count. */
    public static final String JOBS_STACKED = "JobsStacked";
    /** The stacking worker's time from a job's last shot to its stored outputs, unit Seconds. */
    public static final String STACK_SECONDS = "StackSeconds";
    /** Every worker metric, published with no dimensions. */
    public static final List<String> WORKER_METRICS = List.of(SHOTS_COMPLETED, SHOTS_FAILED, SHOTS_FAILED_FOR_GOOD, SHOTS_INTERRUPTED,
            SHOTS_LOST, STACKS_RESENT, SHOT_SECONDS,
            GPTS_PER_SECOND,
            JOBS_STACKED, STACK_SECONDS);

    /** The workers' log group; their metric lines travel through it. */
    public static final String LOG_GROUP = "/seiswork/worker";
    /** The ECS cluster, named so that dashboards outside the stack (Grafana) can find its metrics. */
    public static final String CLUSTER = "seiswork";
    /** The worker service, named for the same reason as {@link #CLUSTER}. */
    public static final String SERVICE = "seiswork-worker";

    private Protocol() {
    }
}
