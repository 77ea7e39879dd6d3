package io.seiswork.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.job.JobId;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The worker's CloudWatch metrics, written as Embedded Metric Format (EMF) lines on standard
 * output: on ECS the awslogs driver ships them to the log group, and CloudWatch turns each line
 * into metric data. So a worker needs no {@code cloudwatch:PutMetricData} permission, makes no
 * extra call per shot, and every data point stays next to its log context (job, shot, worker),
 * searchable with Logs Insights.
 *
 * <p>Namespace {@value #NAMESPACE}, no dimensions (fleet-wide figures, which the dashboard and
 * alarms of {@code infra/} read): {@value #COMPLETED}, {@value #FAILED} and {@value #INTERRUPTED}
 * (Count: a shot stopped by its worker's SIGTERM, a spot interruption or a scale-in, and handed back),
 * {@value #FAILED_FOR_GOOD} (Count: a shot that failed its last attempt, counted failed in its
 * job), {@value #LOST} (Count: a shot, or a job's stacking, whose workers died on every delivery of
 * its message, found in the dead-letter queue and counted failed: {@code DeadLetterSweep}),
 * {@value #STACKS_RESENT} (Count: a job's stack whose workers all died, sent again once by the
 * sweep, the first time in the job's run; the second time is {@value #LOST}),
 * {@value #SECONDS} (Seconds, a shot's wall time) and {@value #GPTS} (10⁹ grid-point updates per
 * second of the shot's propagation); per job, once its outputs are stored, {@value #JOBS_STACKED}
 * (Count) and {@value #STACK_SECONDS} (Seconds, the stacking worker's time from the last shot to
 * the stored outputs), with, for a migration, where its stack was held ({@code "wholeGrid"}).
 */
public final class ShotMetrics {

    public static final String NAMESPACE = "Seiswork";
    public static final String COMPLETED = "ShotsCompleted";
    public static final String FAILED = "ShotsFailed";
    public static final String INTERRUPTED = "ShotsInterrupted";
    public static final String LOST = "ShotsLost";
    public static final String STACKS_RESENT = "StacksResent";
    public static final String FAILED_FOR_GOOD = "ShotsFailedForGood";
    public static final String SECONDS = "ShotSeconds";
    public static final String GPTS = "GptsPerSecond";
    public static final String JOBS_STACKED = "JobsStacked";
    public static final String STACK_SECONDS = "StackSeconds";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;
    private final String worker;

    /**
     * @param out where the lines go (standard output in a worker: one JSON object per line,
     *     nothing else may be written there)
     */
    public ShotMetrics(PrintStream out, Clock clock, String worker) {
        this.out = out;
        this.clock = clock;
        this.worker = worker;
    }

    /** A finished shot: one count, its wall seconds and its throughput. */
    void completed(JobId job, int shot, String task, double seconds, double gptsPerSecond) {
        ObjectNode line = line(job, task, new String[][] {{COMPLETED, "Count"}, {SECONDS, "Seconds"}, {GPTS, "None"}});
        line.put("shot", shot).put(COMPLETED, 1).put(SECONDS, seconds).put(GPTS, gptsPerSecond);
        emit(line);
    }

    /**
     * A failed attempt; with {@code last}, its shot's last, which counts the shot failed in its job
     * (also {@value #FAILED_FOR_GOOD}).
     */
    void failed(JobId job, int shot, String task, boolean last) {
        ObjectNode line = last ? line(job, task, new String[][] {{FAILED, "Count"}, {FAILED_FOR_GOOD, "Count"}})
                : line(job, task, new String[][] {{FAILED, "Count"}});
        line.put("shot", shot).put(FAILED, 1);
        if (last) {
            line.put(FAILED_FOR_GOOD, 1);
        }
        emit(line);
    }

    /** A shot stopped by its worker's SIGTERM (a spot interruption) and handed back to the queue. */
    void interrupted(JobId job, int shot, String task) {
        ObjectNode line = line(job, task, new String[][] {{INTERRUPTED, "Count"}});
        line.put("shot", shot).put(INTERRUPTED, 1);
        emit(line);
    }

    /**
     * A shot, or with {@code shot} 0 a job's stacking, whose workers all died: counted failed by
     * the dead-letter sweep.
     */
    void lost(JobId job, int shot, String task) {
        ObjectNode line = line(job, task, new String[][] {{LOST, "Count"}});
        line.put("shot", shot).put(LOST, 1);
        emit(line);
    }

    /**
     * A job's stacking whose workers all died on the deliveries of its message, for the first
     * time in its run: the dead-letter sweep sent the stack again, once ({@code DeadLetterSweep}).
     * Nothing failed, but a fleet that keeps losing its stackers (spot capacity reclaimed without
     * the two-minute notice, instances lost) is one whose next loss fails a job.
     */
    void stackResent(JobId job, String task) {
        ObjectNode line = line(job, task, new String[][] {{STACKS_RESENT, "Count"}});
        line.put(STACKS_RESENT, 1);
        emit(line);
    }

    /**
     * A job stacked and its outputs stored: one count and the stacking's wall seconds.
     *
     * @param wholeGrid for a migration, where its stack was held, {@code "heap"} or
     *     {@code "out-of-core"} (as {@code run.json}'s {@code "wholeGrid"}): a searchable property
     *     of the line, not a metric; null for modelling (no property)
     */
    void stacked(JobId job, String task, int shots, double seconds, String wholeGrid) {
        ObjectNode line = line(job, task, new String[][] {{JOBS_STACKED, "Count"}, {STACK_SECONDS, "Seconds"}});
        line.put("shots", shots).put(JOBS_STACKED, 1).put(STACK_SECONDS, seconds);
        if (wholeGrid != null) {
            line.put("wholeGrid", wholeGrid);
        }
        emit(line);
    }

    private ObjectNode line(JobId job, String task, String[][] metrics) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray();
        ArrayNode defs = directive.putArray("Metrics");
        for (String[] m : metrics) {
            defs.addObject().put("Name", m[0]).put("Unit", m[1]);
        }
        root.put("jobId", job.value()).put("task", task).put("worker", worker);
        return root;
    }

    private void emit(ObjectNode line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
