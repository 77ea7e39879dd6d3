package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
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
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
 *   <li>{@value #NO_PROGRESS_ALARM}: shots have waited in the queue and none was completed for
 *       twice the longest a shot runs ({@link StackSettings#maxShotMinutes()}), rounded up to
 *       five-minute periods: the fleet has no capacity left (no GPU instances: spot capacity, a
 *       service quota; tasks that do not start: image, memory) or its workers are stuck while
 *       shots still wait. It cannot fire while no message is visible (every one held by a worker,
 *       stuck or not: waiting is 0), and a fleet that only stacks jobs for longer than the window,
 *       shots waiting, does fire it (a stack in progress publishes nothing to tell it by). A
 *       survey's backlog alone does not fire it:
 *       shots waiting for days behind a busy fleet are completed all along. It replaces an
 *       alarm on the oldest shot's age (over 2 hours), which a multi-day survey kept in ALARM
 *       all week, and so said nothing when capacity went.</li>
 * </ul>
 * Alarms go to an SNS topic, mailed to {@link StackSettings#alarmEmail()}, only when that is given
 * (the address confirms the subscription once). The topic is not KMS-encrypted: CloudWatch cannot
 * publish to a topic under the AWS-managed SNS key, and an alarm carries no job data. Its policy
 * refuses publishing without TLS and lets CloudWatch publish ({@code cloudwatch.amazonaws.com},
 * for this account's alarms named {@value #ALARM_PREFIX}{@code *} alone): a topic policy replaces
 * SNS's default one, which let the account's alarms publish, and without that statement every
 * alarm action would fail ("not authorized to perform: SNS:Publish", in the alarm's history only)
 * and no mail would ever come.
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
    /** What every alarm's name starts with; the topic lets only these alarms publish. */
    public static final String ALARM_PREFIX = "seiswork-";
    public static final String DEAD_LETTER_ALARM = ALARM_PREFIX + "dead-lettered-shots";
    public static final String FAILED_SHOTS_ALARM = ALARM_PREFIX + "failed-shots";
    /** Five-minute periods a letter may stay unsettled before {@value #DEAD_LETTER_ALARM} fires. */
    public static final int UNSETTLED_PERIODS = 3;
    public static final String NO_PROGRESS_ALARM = ALARM_PREFIX + "no-progress";
    /** Per five-minute period, 1 when shots wait and none was completed, over {@code waiting} and {@code completed}. */
    public static final String STALLED = "IF(FILL(waiting, 0) > 0 AND FILL(completed, 0) == 0, 1, 0)";

    private final Alarm deadLetters;
    private final Alarm failedShots;
    private final Alarm noProgress;
    private final Dashboard dashboard;
    private final Topic topic;

    /**
     * Five-minute periods {@value #NO_PROGRESS_ALARM} needs stalled, every one: twice the longest
     * a shot runs, rounded up to whole periods (7 minutes' shots: 3 periods, 15 minutes, never
     * the 10 a rounding down would give, within which a fleet completing a shot every 7 minutes
     * may complete none). A fleet that completes a shot an hour (one worker, one-hour shots)
     * still completes one in that window.
     *
     * @param maxShotMinutes the longest a shot runs, in minutes
     */
    static int stalledPeriods(int maxShotMinutes) {
        return Math.ceilDiv(2 * maxShotMinutes, 5);
    }

    /**
     * @param maxShotMinutes the longest a shot runs ({@link StackSettings#maxShotMinutes()}):
     *     {@value #NO_PROGRESS_ALARM} fires after twice that of shots waiting and none completed
     */
    public Monitoring(Construct scope, String id, FleetMetrics metrics, String alarmEmail, int maxShotMinutes) {
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
        int stalledPeriods = stalledPeriods(maxShotMinutes);
        noProgress = Alarm.Builder.create(this, "NoProgress")
                .alarmName(NO_PROGRESS_ALARM)
                .alarmDescription("Shots have waited in " + Protocol.QUEUE + " and no shot was completed for "
                        + stalledPeriods * 5 + " minutes, at least twice the longest a shot runs (maxShotMinutes): the "
                        + "fleet gets no GPU instances (spot capacity, a quota), its tasks do not start (image, memory), "
                        + "or the workers are stuck while shots still wait, or only stack jobs all that time. "
                        + "Compare the dashboard's workers running and wanted.")
                .metric(MathExpression.Builder.create().expression(STALLED)
                        // Ordered: Map.of's order changes from one JVM to the next, and so would the template.
                        .usingMetrics(new TreeMap<>(Map.of("waiting", metrics.waiting(five),
                                "completed", FleetMetrics.worker(Protocol.SHOTS_COMPLETED, "Sum", five))))
                        .label("Shots waiting, none completed").period(five).build())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(stalledPeriods)
                .datapointsToAlarm(stalledPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (alarmEmail != null) {
            topic = Topic.Builder.create(this, "Alarms").displayName("Seiswork alarms").enforceSsl(true).build();
            Stack stack = Stack.of(this);
            String alarms = stack.formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
                    .resourceName(ALARM_PREFIX + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
            topic.addToResourcePolicy(PolicyStatement.Builder.create().sid("AlarmsPublish")
                    .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                    .actions(List.of("sns:Publish"))
                    .resources(List.of(topic.getTopicArn()))
                    // Ordered: Map.of's order changes from one JVM to the next, and so would the template.
                    .conditions(new TreeMap<>(Map.of("ArnLike", Map.of("aws:SourceArn", alarms),
                            "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                    .build());
            topic.addSubscription(new EmailSubscription(alarmEmail));
            for (Alarm alarm : List.of(failedShots, deadLetters, noProgress)) {
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
                // No alarm on it: a survey's shots wait days. Its messages are sent again at 12 days,
                // before SQS drops them at 14 (StaleShotResend).
                GraphWidget.Builder.create().title("Oldest shot waiting (s)").width(8)
                        .left(List.of(metrics.oldestShotAge(minute)))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(Duration.days(12).toSeconds()).label("sent again").build()))
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
                        .alarms(List.of(failedShots, deadLetters, noProgress)).build());
    }

    public Alarm deadLetters() {
        return deadLetters;
    }

    public Alarm failedShots() {
        return failedShots;
    }

    public Alarm noProgress() {
        return noProgress;
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
