package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What tells an operator the fleet needs them: three alarms and the dashboard {@value #DASHBOARD}.
 *
 * <ul>
 *   <li>{@value #FAILED_SHOTS_ALARM}: a shot was counted failed for good in its job (one
 *       five-minute period with any): it failed its last attempt
 *       ({@value Protocol#SHOTS_FAILED_FOR_GOOD}), or a worker's sweep of the dead-letter queue
 *       found it, or a job's stacking, with its workers all dead ({@value Protocol#SHOTS_LOST}:
 *       instances lost, or tasks killed for memory). {@code seiswork status JOB} names the shot
 *       and its error, {@code seiswork resume JOB} runs it again;</li>
 *   <li>{@value #DEAD_LETTER_ALARM}: messages have stayed in the dead-letter queue for
 *       {@value #UNSETTLED_PERIODS} five-minute periods. Workers settle every letter at their next
 *       sweep (at most a minute apart while one runs, and a letter wakes the fleet from zero), so
 *       letters that stay mean no worker starts or the workers may not read that queue;</li>
 *   <li>{@value #OLDEST_SHOT_ALARM}: a shot has waited more than {@value #OLDEST_SHOT_HOURS}
 *       hours: the fleet is at its maximum, or cannot get instances (spot capacity, a service
 *       quota on GPU instances), or its workers cannot start.</li>
 * </ul>
 * Alarms go to an SNS topic, mailed to {@link StackSettings#alarmEmail()}, only when that is given
 * (the address confirms the subscription once). The topic is not KMS-encrypted: CloudWatch cannot
 * publish to a topic under the AWS-managed SNS key, and an alarm carries no job data.
 *
 * <p>The dashboard plots the queue (waiting, running, dead letters, oldest shot), the worker tasks
 * (running, wanted) and the workers' own metrics: shots completed, failed, interrupted and lost (sums), shot seconds
 * (average and p90), Gpts/s (average), jobs stacked and stacks sent again once their workers all
 * died ({@value Protocol#STACKS_RESENT}: no alarm, since nothing failed, but a rising count is a
 * fleet losing its stackers, whose next loss in a job's run fails it), and stacking seconds. {@code infra/grafana/seiswork-dashboard.json} plots the
 * same metrics for Grafana.
 */
public final class Monitoring extends Construct {

    public static final String DASHBOARD = "Seiswork";
    public static final String DEAD_LETTER_ALARM = "seiswork-dead-lettered-shots";
    public static final String FAILED_SHOTS_ALARM = "seiswork-failed-shots";
    /** Five-minute periods a letter may stay unsettled before {@value #DEAD_LETTER_ALARM} fires. */
    public static final int UNSETTLED_PERIODS = 3;
    public static final String OLDEST_SHOT_ALARM = "seiswork-oldest-shot-age";
    public static final int OLDEST_SHOT_HOURS = 2;

    private final Alarm deadLetters;
    private final Alarm failedShots;
    private final Alarm oldestShot;
    private final Dashboard dashboard;
    private final Topic topic;

    public Monitoring(Construct scope, String id, FleetMetrics metrics, String alarmEmail) {
        super(scope, id);
        Duration five = Duration.minutes(5);
        deadLetters = Alarm.Builder.create(this, "DeadLetters")
                .alarmName(DEAD_LETTER_ALARM)
                .alarmDescription("Shot messages have stayed in " + Protocol.DEAD_LETTER_QUEUE + " for "
                        + UNSETTLED_PERIODS * 5 + " minutes: no worker swept them (none can start, or the task role "
                        + "may not read that queue). Until one does, their jobs wait RUNNING.")
                .metric(metrics.deadLetters(five))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(UNSETTLED_PERIODS)
                .datapointsToAlarm(UNSETTLED_PERIODS)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        failedShots = Alarm.Builder.create(this, "FailedShots")
                .alarmName(FAILED_SHOTS_ALARM)
                .alarmDescription("A shot was counted failed in its job: it failed " + Protocol.MAX_RECEIVES + " times, "
                        + "or its workers all died (instances lost, tasks killed for memory). `seiswork status JOB` "
                        + "names it and its error, `seiswork resume JOB` runs it again.")
                .metric(MathExpression.Builder.create().expression("FILL(failed, 0) + FILL(lost, 0)")
                        // Ordered: Map.of's order changes from one JVM to the next, and so would the template.
                        .usingMetrics(new TreeMap<>(Map.of("failed", FleetMetrics.worker(Protocol.SHOTS_FAILED_FOR_GOOD,
                                "Sum", five), "lost", FleetMetrics.worker(Protocol.SHOTS_LOST, "Sum", five))))
                        .label("Shots failed for good or lost").period(five).build())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        oldestShot = Alarm.Builder.create(this, "OldestShot")
                .alarmName(OLDEST_SHOT_ALARM)
                .alarmDescription("A shot has waited in " + Protocol.QUEUE + " more than " + OLDEST_SHOT_HOURS
                        + " hours: the fleet is at maxWorkers, cannot get GPU instances, or its workers do not start.")
                .metric(metrics.oldestShotAge(five))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(Duration.hours(OLDEST_SHOT_HOURS).toSeconds())
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (alarmEmail != null) {
            topic = Topic.Builder.create(this, "Alarms").displayName("Seiswork alarms").enforceSsl(true).build();
            topic.addSubscription(new EmailSubscription(alarmEmail));
            for (Alarm alarm : List.of(failedShots, deadLetters, oldestShot)) {
                alarm.addAlarmAction(new SnsAction(topic));
                alarm.addOkAction(new SnsAction(topic));
            }
        } else {
            topic = null;
        }

        Duration minute = Duration.minutes(1);
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(DASHBOARD).build();
        dashboard.addWidgets(
                graph("Shot queue", List.of(metrics.waiting(minute), metrics.inFlight(minute))),
                graph("Dead-letter queue", List.of(metrics.deadLetters(minute))),
                GraphWidget.Builder.create().title("Oldest shot waiting (s)").width(8)
                        .left(List.of(metrics.oldestShotAge(minute)))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(Duration.hours(OLDEST_SHOT_HOURS).toSeconds()).label("alarm").build()))
                        .build());
        dashboard.addWidgets(
                graph("Worker tasks", List.of(metrics.runningTasks(minute), metrics.desiredTasks(minute))),
                graph("Shots completed, failed, interrupted and lost", List.of(worker(Protocol.SHOTS_COMPLETED, "Sum"),
                        worker(Protocol.SHOTS_FAILED, "Sum"), worker(Protocol.SHOTS_FAILED_FOR_GOOD, "Sum"),
                        worker(Protocol.SHOTS_INTERRUPTED, "Sum"), worker(Protocol.SHOTS_LOST, "Sum"))),
                graph("Shot seconds", List.of(worker(Protocol.SHOT_SECONDS, "Average"), worker(Protocol.SHOT_SECONDS, "p90"))));
        dashboard.addWidgets(
                graph("Throughput (Gpts/s)", List.of(worker(Protocol.GPTS_PER_SECOND, "Average"))),
                graph("Jobs stacked, stacks sent again", List.of(worker(Protocol.JOBS_STACKED, "Sum"),
                        worker(Protocol.STACKS_RESENT, "Sum"))),
                graph("Stacking seconds", List.of(worker(Protocol.STACK_SECONDS, "Average"),
                        worker(Protocol.STACK_SECONDS, "Maximum"))));
        dashboard.addWidgets(
                AlarmStatusWidget.Builder.create().title("Alarms").width(16).height(6)
                        .alarms(List.of(failedShots, deadLetters, oldestShot)).build());
    }

    public Alarm deadLetters() {
        return deadLetters;
    }

    public Alarm failedShots() {
        return failedShots;
    }

    public Alarm oldestShot() {
        return oldestShot;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /** The alarm topic, or null when no {@code alarmEmail} was given. */
    public Topic topic() {
        return topic;
    }

    private static Metric worker(String name, String statistic) {
        return FleetMetrics.worker(name, statistic, Duration.minutes(5));
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(8).left(List.copyOf(metrics)).build();
    }
}
