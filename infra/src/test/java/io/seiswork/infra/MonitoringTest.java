package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alarms, the alarm topic and the CloudWatch dashboard. */
class MonitoringTest {

    private static final Template TEMPLATE = Synth.defaults();
    private static final Template VARIANT = Synth.variant();

    private static Object queueMetric(String metricName, Template template, String queueName) {
        String queue = Synth.queueId(template, queueName);
        return List.of(Map.of("Id", "m1", "Label", Match.anyValue(), "ReturnData", true, "MetricStat", Map.of(
                "Metric", Map.of("Namespace", "AWS/SQS", "MetricName", metricName,
                        "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))))),
                "Period", 300, "Stat", "Maximum")));
    }

    @Test
    void deadLetterAlarmFiresWhenLettersStayUnsweptForFifteenMinutes() {
        TEMPLATE.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", Monitoring.DEAD_LETTER_ALARM,
                "Metrics", queueMetric("ApproximateNumberOfMessagesVisible", TEMPLATE, "seiswork-shots-dlq"),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "EvaluationPeriods", 3,
                "DatapointsToAlarm", 3,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void failedShotAlarmFiresOnTheFirstShotFailedForGoodOrLost() {
        TEMPLATE.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", Monitoring.FAILED_SHOTS_ALARM,
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Expression", "FILL(failed, 0) + FILL(lost, 0)", "ReturnData", true)),
                        Match.objectLike(Map.of("Id", "failed", "MetricStat", Map.of("Metric", Map.of("Namespace",
                                "Seiswork", "MetricName", "ShotsFailedForGood"), "Period", 300, "Stat", "Sum"))),
                        Match.objectLike(Map.of("Id", "lost", "MetricStat", Map.of("Metric", Map.of("Namespace",
                                "Seiswork", "MetricName", "ShotsLost"), "Period", 300, "Stat", "Sum"))))),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    /**
     * Shots waiting and none completed, every five-minute period of twice the longest shot: 24
     * periods (2 hours) by default, 48 for the variant's maxShotMinutes of 120. A survey's backlog
     * alone cannot fire it, completions keep it quiet.
     */
    @Test
    void noProgressAlarmFiresWhenShotsWaitAndNoneIsCompletedForTwiceTheLongestShot() {
        for (var t : Map.of(TEMPLATE, 24, VARIANT, 48).entrySet()) {
            Template template = t.getKey();
            String queue = Synth.queueId(template, "seiswork-shots");
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", Monitoring.NO_PROGRESS_ALARM,
                    "Metrics", List.of(
                            Map.of("Id", "expr_1", "Expression", "IF(FILL(waiting, 0) > 0 AND FILL(completed, 0) == 0, 1, 0)",
                                    "Label", Match.anyValue(), "ReturnData", true),
                            Map.of("Id", "completed", "ReturnData", false, "MetricStat", Map.of("Metric", Map.of(
                                    "Namespace", "Seiswork", "MetricName", "ShotsCompleted"), "Period", 300, "Stat", "Sum")),
                            Map.of("Id", "waiting", "ReturnData", false, "MetricStat", Map.of("Metric", Map.of(
                                    "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                                    "Dimensions", List.of(Map.of("Name", "QueueName",
                                            "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))))),
                                    "Period", 300, "Stat", "Maximum"))),
                    "ComparisonOperator", "GreaterThanThreshold",
                    "Threshold", 0,
                    "EvaluationPeriods", t.getValue(),
                    "DatapointsToAlarm", t.getValue(),
                    "TreatMissingData", "notBreaching"));
        }
    }

    /**
     * The window is twice the longest shot rounded up to whole five-minute periods, never down:
     * with 7-minute shots a healthy fleet may complete none in 10 minutes, so the alarm waits 15.
     */
    @Test
    void noProgressWindowRoundsUpToWholePeriods() {
        assertEquals(3, Monitoring.stalledPeriods(7), "14 minutes: 15, not 10");
        assertEquals(3, Monitoring.stalledPeriods(6), "12 minutes: 15, not 10");
        assertEquals(2, Monitoring.stalledPeriods(5), "10 minutes: exactly 2 periods");
        assertEquals(24, Monitoring.stalledPeriods(60));
        assertEquals(288, Monitoring.stalledPeriods(720));
        for (int minutes = 5; minutes <= 720; minutes++) {
            int window = 5 * Monitoring.stalledPeriods(minutes);
            assertTrue(window >= 2 * minutes && window < 2 * minutes + 5, minutes + " minutes' shots: a window of " + window);
        }
    }

    @Test
    void noAlarmWatchesTheOldestShotsAge() {
        assertEquals(3, Synth.resources(TEMPLATE, "AWS::CloudWatch::Alarm").size() - scalingAlarms());
        assertTrue(Synth.resources(TEMPLATE, "AWS::CloudWatch::Alarm").values().stream()
                .noneMatch(a -> a.toString().contains("ApproximateAgeOfOldestMessage")));
    }

    /** Alarms the scaling policies make for themselves (target tracking's two, the wake step policy's one). */
    private static int scalingAlarms() {
        return (int) Synth.resources(TEMPLATE, "AWS::CloudWatch::Alarm").values().stream()
                .filter(a -> !a.toString().contains("AlarmName=seiswork-")).count();
    }

    @Test
    void alarmsAreMailedOnlyWhenAnAddressIsGiven() {
        TEMPLATE.resourceCountIs("AWS::SNS::Topic", 0);
        TEMPLATE.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", Monitoring.DEAD_LETTER_ALARM,
                "AlarmActions", Match.absent()));
        String topic = Synth.onlyId(VARIANT, "AWS::SNS::Topic");
        VARIANT.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic)));
        for (String alarm : List.of(Monitoring.FAILED_SHOTS_ALARM, Monitoring.DEAD_LETTER_ALARM, Monitoring.NO_PROGRESS_ALARM)) {
            VARIANT.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", alarm,
                    "AlarmActions", List.of(Map.of("Ref", topic)), "OKActions", List.of(Map.of("Ref", topic))));
        }
        VARIANT.hasOutput("AlarmTopicArn", Map.of("Value", Map.of("Ref", topic)));
    }

    /**
     * The topic's policy lets CloudWatch publish for the stack's alarms: a topic policy replaces
     * SNS's default one, and one that only denies plain HTTP leaves CloudWatch no allow, so every
     * alarm action fails and no mail comes. Scoped to this account's alarms named seiswork-*.
     */
    @Test
    @SuppressWarnings("unchecked")
    void topicPolicyLetsTheStacksAlarmsPublishOverTlsOnly() {
        String topic = Synth.onlyId(VARIANT, "AWS::SNS::Topic");
        Map<String, Object> policy = Synth.only(VARIANT, "AWS::SNS::TopicPolicy");
        assertEquals(List.of(Map.of("Ref", topic)), policy.get("Topics"));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument"))
                .get("Statement");
        List<Map<String, Object>> allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertEquals(1, allows.size(), "allows in " + statements);
        Map<String, Object> publish = allows.get(0);
        assertEquals(Map.of("Service", "cloudwatch.amazonaws.com"), publish.get("Principal"));
        assertEquals("sns:Publish", publish.get("Action"));
        assertEquals("${" + topic + "}", Synth.render(publish.get("Resource")));
        Map<String, Object> condition = (Map<String, Object>) publish.get("Condition");
        assertEquals("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:seiswork-*",
                Synth.render(((Map<String, Object>) condition.get("ArnLike")).get("aws:SourceArn")));
        assertEquals("${AWS::AccountId}", Synth.render(((Map<String, Object>) condition.get("StringEquals")).get("aws:SourceAccount")));
        for (String alarm : List.of(Monitoring.FAILED_SHOTS_ALARM, Monitoring.DEAD_LETTER_ALARM, Monitoring.NO_PROGRESS_ALARM)) {
            assertTrue(alarm.startsWith(Monitoring.ALARM_PREFIX), alarm);
        }
        assertTrue(statements.stream().anyMatch(s -> "Deny".equals(s.get("Effect"))
                && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition"))), "no TLS-only deny in " + statements);
    }

    @Test
    void dashboardPlotsTheQueueTheTasksAndEveryWorkerMetric() {
        TEMPLATE.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "Seiswork"));
        Set<DashboardMetrics.Plotted> plotted = DashboardMetrics.plotted(TEMPLATE);
        assertEquals(Set.of(
                        new DashboardMetrics.Plotted("Seiswork", "ShotsCompleted", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotsFailed", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotsInterrupted", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotsLost", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotsFailedForGood", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotSeconds", "Average"),
                        new DashboardMetrics.Plotted("Seiswork", "JobsStacked", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "StacksResent", "Sum"),
                        new DashboardMetrics.Plotted("Seiswork", "StackSeconds", "Average"),
                        new DashboardMetrics.Plotted("Seiswork", "StackSeconds", "Maximum"),
                        new DashboardMetrics.Plotted("Seiswork", "ShotSeconds", "p90"),
                        new DashboardMetrics.Plotted("Seiswork", "GptsPerSecond", "Average")),
                plotted.stream().filter(p -> p.namespace().equals("Seiswork")).collect(Collectors.toSet()));
        Set<String> others = plotted.stream().filter(p -> !p.namespace().equals("Seiswork"))
                .map(p -> p.namespace() + "/" + p.name()).collect(Collectors.toSet());
        assertEquals(Set.of("AWS/SQS/ApproximateNumberOfMessagesVisible", "AWS/SQS/ApproximateNumberOfMessagesNotVisible",
                "AWS/SQS/ApproximateAgeOfOldestMessage", "ECS/ContainerInsights/RunningTaskCount",
                "ECS/ContainerInsights/DesiredTaskCount"), others);
        assertTrue(DashboardMetrics.body(TEMPLATE).toString().contains("\"type\":\"alarm\""), "an alarm status widget");
    }
}
