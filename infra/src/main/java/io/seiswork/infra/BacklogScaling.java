package io.seiswork.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.CustomizedMetricSpecificationProperty;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.TargetTrackingMetricDataQueryProperty;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.TargetTrackingMetricDimensionProperty;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.TargetTrackingMetricProperty;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.TargetTrackingMetricStatProperty;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.applicationautoscaling.ServiceNamespace;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ecs.Ec2Service;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * Scales the worker service's task count on the shot queue's backlog per running task, between
 * zero and {@link StackSettings#maxWorkers()}.
 *
 * <p>The formula, with SQS's and Container Insights' one-minute figures:
 * <pre>
 *   backlogPerTask = (ApproximateNumberOfMessagesVisible + ApproximateNumberOfMessagesNotVisible)
 *                    / RunningTaskCount
 * </pre>
 * A target-tracking policy holds it at {@value #SHOTS_PER_TASK} (a worker runs one shot at a time,
 * so the fleet aims at one task per queued or running shot): with {@code n} tasks running and
 * {@code b} shots queued or running it asks for {@code n * b / n = b} tasks, up to the maximum, and
 * scales in when shots run out (after its usual fifteen minutes below target, then down to zero).
 *
 * <p>Target tracking multiplies the current task count, so from zero tasks (where the quotient has
 * no value) it can never start a fleet. A second, step policy does that: while shots are visible
 * in the queue, or letters in the dead-letter queue (a worker's sweep must settle them, or a job
 * waits on a lost shot), add one task per {@value #WAKE_COOLDOWN_MINUTES} minutes (the time a GPU
 * instance takes to boot and pull the image). Once one task runs, target tracking takes over and jumps to
 * the backlog; when both want to scale out, Application Auto Scaling takes the larger.
 */
public final class BacklogScaling extends Construct {

    /** Target backlog per task: one shot queued or running per worker. */
    public static final double SHOTS_PER_TASK = 1.0;
    /** Minutes between the wake policy's one-task steps. */
    public static final int WAKE_COOLDOWN_MINUTES = 5;
    /** The target-tracking expression, over the queries {@code waiting}, {@code inflight} and {@code running}. */
    public static final String BACKLOG_PER_TASK = "(waiting + inflight) / running";

    private final ScalableTarget taskCount;

    public BacklogScaling(Construct scope, String id, Ec2Service service, FleetMetrics metrics, int maxWorkers) {
        super(scope, id);
        Duration minute = Duration.minutes(1);
        taskCount = ScalableTarget.Builder.create(this, "TaskCount")
                .serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension("ecs:service:DesiredCount")
                .resourceId("service/" + service.getCluster().getClusterName() + "/" + service.getServiceName())
                .minCapacity(0)
                .maxCapacity(maxWorkers)
                // ECS's service-linked role, as Ec2Service.autoScaleTaskCount uses: no role of ours to grant.
                .role(Role.fromRoleArn(this, "ServiceLinkedRole", Stack.of(this).formatArn(ArnComponents.builder()
                        .region("").service("iam").resource("role")
                        .resourceName("aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                                + "AWSServiceRoleForApplicationAutoScaling_ECSService")
                        .build())))
                .build();

        List<TargetTrackingMetricDataQueryProperty> queries = new ArrayList<>();
        queries.add(query("waiting", metrics.waiting(minute)));
        queries.add(query("inflight", metrics.inFlight(minute)));
        queries.add(query("running", metrics.runningTasks(minute)));
        queries.add(TargetTrackingMetricDataQueryProperty.builder()
                .id("backlogPerTask").expression(BACKLOG_PER_TASK).label("Shots per running worker").returnData(true).build());
        CfnScalingPolicy.Builder.create(this, "BacklogPerTask")
                .policyName("seiswork-backlog-per-task")
                .policyType("TargetTrackingScaling")
                .scalingTargetId(taskCount.getScalableTargetId())
                .targetTrackingScalingPolicyConfiguration(TargetTrackingScalingPolicyConfigurationProperty.builder()
                        .targetValue(SHOTS_PER_TASK)
                        .scaleOutCooldown(60)
                        .scaleInCooldown(300)
                        .customizedMetricSpecification(CustomizedMetricSpecificationProperty.builder().metrics(queries).build())
                        .build())
                .build();

        taskCount.scaleOnMetric("WakeFromZero", BasicStepScalingPolicyProps.builder()
                .metric(metrics.workToWakeFor(minute))
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                .scalingSteps(List.of(
                        ScalingInterval.builder().upper(0).change(0).build(),
                        ScalingInterval.builder().lower(1).change(1).build()))
                .cooldown(Duration.minutes(WAKE_COOLDOWN_MINUTES))
                .evaluationPeriods(1)
                .build());
    }

    public ScalableTarget taskCount() {
        return taskCount;
    }

    /** A metric as one query of a target-tracking metric-math specification (not returned itself). */
    private static TargetTrackingMetricDataQueryProperty query(String id, Metric metric) {
        List<TargetTrackingMetricDimensionProperty> dimensions = new ArrayList<>();
        Map<String, Object> dims = metric.getDimensions() == null ? Map.of() : metric.getDimensions();
        dims.forEach((name, value) -> dimensions.add(TargetTrackingMetricDimensionProperty.builder()
                .name(name).value(value.toString()).build()));
        return TargetTrackingMetricDataQueryProperty.builder()
                .id(id)
                .metricStat(TargetTrackingMetricStatProperty.builder()
                        .metric(TargetTrackingMetricProperty.builder()
                                .namespace(metric.getNamespace()).metricName(metric.getMetricName()).dimensions(dimensions).build())
                        .stat(metric.getStatistic())
                        .build())
                .returnData(false)
                .build();
    }
}
