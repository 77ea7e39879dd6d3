package io.seiswork.infra;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

/**
 * The fleet's metrics, defined once for the scaling policies, the alarms and the dashboard, so
 * that the number an alarm fires on is the number the dashboard plots.
 *
 * <p>Queue figures are SQS's own; task counts come from Container Insights (enabled on the
 * cluster), the only source of a service's running-task count; the shot figures are the worker's
 * Embedded Metric Format lines ({@link Protocol#METRIC_NAMESPACE}, no dimensions).
 */
public final class FleetMetrics {

    /** Container Insights' namespace for ECS clusters and services. */
    public static final String CONTAINER_INSIGHTS = "ECS/ContainerInsights";

    /** The wake policy's expression, over the queries {@code waiting} and {@code letters}. */
    public static final String WORK_TO_WAKE_FOR = "FILL(waiting, 0) + FILL(letters, 0)";

    private final ShotQueues queues;

    public FleetMetrics(ShotQueues queues) {
        this.queues = queues;
    }

    /** Shots waiting for a worker: messages visible in the shot queue (maximum over the period). */
    public Metric waiting(Duration period) {
        return queues.queue().metricApproximateNumberOfMessagesVisible(maximum(period, "Shots waiting"));
    }

    /** Shots held by a worker: messages received and not yet deleted. */
    public Metric inFlight(Duration period) {
        return queues.queue().metricApproximateNumberOfMessagesNotVisible(maximum(period, "Shots running"));
    }

    /** Age in seconds of the oldest shot in the queue: how long the longest waiter has waited. */
    public Metric oldestShotAge(Duration period) {
        return queues.queue().metricApproximateAgeOfOldestMessage(maximum(period, "Oldest shot (s)"));
    }

    /**
     * Work that needs a worker: shots waiting plus letters in the dead-letter queue, which only a
     * worker's sweep settles (a job waits RUNNING on a lost shot until one does).
     */
    public IMetric workToWakeFor(Duration period) {
        // FILL: an idle queue publishes no data points, and a sum with a missing term has no value.
        return MathExpression.Builder.create().expression(WORK_TO_WAKE_FOR)
                // Ordered: Map.of's order changes from one JVM to the next, and so would the template.
                .usingMetrics(new TreeMap<>(Map.of("waiting", waiting(period), "letters", deadLetters(period))))
                .label("Shots waiting and dead letters").period(period).build();
    }

    /** Shot messages delivered {@value Protocol#MAX_RECEIVES} times, in the dead-letter queue until a worker's sweep settles them. */
    public Metric deadLetters(Duration period) {
        return queues.deadLetters().metricApproximateNumberOfMessagesVisible(maximum(period, "Dead-lettered shots"));
    }

    /** Worker tasks running (Container Insights). */
    public Metric runningTasks(Duration period) {
        return serviceMetric("RunningTaskCount", "Workers running", period);
    }

    /** Worker tasks the service wants (what scaling asked for; instances may still be starting). */
    public Metric desiredTasks(Duration period) {
        return serviceMetric("DesiredTaskCount", "Workers wanted", period);
    }

    /**
     * One of the worker's own metrics.
     *
     * @param name one of {@link Protocol#WORKER_METRICS}
     * @param statistic {@code Sum}, {@code Average}, {@code p90}, ...
     */
    public static Metric worker(String name, String statistic, Duration period) {
        if (!Protocol.WORKER_METRICS.contains(name)) {
            throw new IllegalArgumentException("not a worker metric: " + name + "; the worker publishes " + Protocol.WORKER_METRICS);
        }
        return Metric.Builder.create().namespace(Protocol.METRIC_NAMESPACE).metricName(name)
                .statistic(statistic).period(period).label(name + " (" + statistic + ")").build();
    }

    private Metric serviceMetric(String name, String label, Duration period) {
        return Metric.Builder.create().namespace(CONTAINER_INSIGHTS).metricName(name)
                .dimensionsMap(Map.of("ClusterName", Protocol.CLUSTER, "ServiceName", Protocol.SERVICE))
                .statistic("Average").period(period).label(label).build();
    }

    private static MetricOptions maximum(Duration period, String label) {
        return MetricOptions.builder().statistic("Maximum").period(period).label(label).build();
    }
}
