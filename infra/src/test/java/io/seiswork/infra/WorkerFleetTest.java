package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The GPU fleet: the worker task, the instances, the service and its scaling. */
class WorkerFleetTest {

    private static final Template TEMPLATE = Synth.defaults();
    private static final Template VARIANT = Synth.variant();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Template template) {
        List<Object> containers = (List<Object>) Synth.only(template, "AWS::ECS::TaskDefinition").get("ContainerDefinitions");
        assertEquals(1, containers.size());
        return (Map<String, Object>) containers.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void workerTaskRunsTheWorkerOnOneGpuWithTheProtocolsEnvironment() {
        Map<String, Object> c = container(TEMPLATE);
        assertEquals(Synth.IMAGE, c.get("Image"));
        assertEquals(List.of("worker", "--cloud", "aws"), c.get("Command"));
        assertEquals(List.of(Map.of("Type", "GPU", "Value", "1")), c.get("ResourceRequirements"));
        assertEquals(120, c.get("StopTimeout"));
        assertEquals(14_336, c.get("Memory"));
        Map<String, String> env = new TreeMap<>();
        for (Object e : (List<Object>) c.get("Environment")) {
            Map<String, Object> pair = (Map<String, Object>) e;
            env.put((String) pair.get("Name"), Synth.render(pair.get("Value")));
        }
        assertEquals(Map.of("SEISWORK_CLOUD", "aws",
                "SEISWORK_BUCKET", "${" + Synth.jobBucketId(TEMPLATE) + "}",
                "SEISWORK_TABLE", "seiswork-jobs",
                "SEISWORK_QUEUE", "seiswork-shots",
                "SEISWORK_WORK_DIR", "/scratch",
                "AWS_REGION", "${AWS::Region}"), env);
        TEMPLATE.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "seiswork-worker", "NetworkMode", "bridge", "RequiresCompatibilities", List.of("EC2")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void workerLogsGoToTheirLogGroupForAMonth() {
        String group = Synth.onlyId(TEMPLATE, "AWS::Logs::LogGroup");
        TEMPLATE.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/seiswork/worker", "RetentionInDays", 30));
        Map<String, Object> logs = (Map<String, Object>) container(TEMPLATE).get("LogConfiguration");
        assertEquals("awslogs", logs.get("LogDriver"));
        Map<String, Object> options = (Map<String, Object>) logs.get("Options");
        assertEquals("${" + group + "}", Synth.render(options.get("awslogs-group")));
        assertEquals("non-blocking", options.get("mode"));
    }

    @Test
    void instancesAreGpuOptimizedEcsHostsThatKeepContainersOffTheirRole() {
        Map<String, Map<String, Object>> parameters = TEMPLATE.findParameters("*", Map.of(
                "Default", "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"));
        assertEquals(1, parameters.size(), "the GPU AMI comes from its SSM parameter");
        String ami = parameters.keySet().iterator().next();
        TEMPLATE.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
                "ImageId", Map.of("Ref", ami),
                "MetadataOptions", Map.of("HttpTokens", "required", "HttpPutResponseHopLimit", 1),
                "NetworkInterfaces", List.of(Match.objectLike(Map.of("AssociatePublicIpAddress", true))),
                "BlockDeviceMappings", List.of(
                        Map.of("DeviceName", "/dev/xvda",
                                "Ebs", Map.of("VolumeSize", 100, "VolumeType", "gp3", "Encrypted", true, "DeleteOnTermination", true)),
                        Map.of("DeviceName", "/dev/xvdb",
                                "Ebs", Map.of("VolumeSize", 500, "VolumeType", "gp3", "Throughput", 1000, "Iops", 16000, "Encrypted", true,
                                        "DeleteOnTermination", true)))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void workerWritesOnlyToTheScratchDiskAndTmpAsANonRootUser() {
        Map<String, Object> c = container(TEMPLATE);
        assertEquals("10001:10001", c.get("User"));
        assertEquals(true, c.get("ReadonlyRootFilesystem"));
        assertEquals(List.of(Map.of("SourceVolume", "scratch", "ContainerPath", "/scratch", "ReadOnly", false)), c.get("MountPoints"));
        assertEquals(Map.of("Tmpfs", List.of(Map.of("ContainerPath", "/tmp", "Size", 2048,
                "MountOptions", List.of("rw", "nosuid", "nodev"))), "Capabilities", Map.of()), c.get("LinuxParameters"));
        TEMPLATE.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Volumes", List.of(Map.of("Name", "scratch", "Host", Map.of("SourcePath", "/seiswork-scratch")))));
    }

    @Test
    void spotByDefaultWithAnOnDemandBaseOfZero() {
        TEMPLATE.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of(
                "MinSize", "0", "MaxSize", "16", "NewInstancesProtectedFromScaleIn", true,
                "MixedInstancesPolicy", Map.of(
                        "InstancesDistribution", Map.of("OnDemandBaseCapacity", 0, "OnDemandPercentageAboveBaseCapacity", 0,
                                "SpotAllocationStrategy", "price-capacity-optimized"),
                        "LaunchTemplate", Match.objectLike(Map.of("Overrides", List.of(Map.of("InstanceType", "g6.xlarge")))))));
        assertTrue(userData(TEMPLATE).contains("echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config"));
        assertTrue(userData(TEMPLATE).contains("echo ECS_ENABLE_GPU_SUPPORT=true >> /etc/ecs/ecs.config"));
        assertTrue(userData(TEMPLATE).contains("echo ECS_CLUSTER=${" + Synth.onlyId(TEMPLATE, "AWS::ECS::Cluster") + "} >> /etc/ecs/ecs.config"));
    }

    @Test
    void contextChoosesInstanceTypesOnDemandAndLimits() {
        VARIANT.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of(
                "MaxSize", "4",
                "MixedInstancesPolicy", Map.of(
                        "InstancesDistribution", Match.objectLike(Map.of("OnDemandBaseCapacity", 0, "OnDemandPercentageAboveBaseCapacity", 100)),
                        "LaunchTemplate", Match.objectLike(Map.of("Overrides", List.of(
                                Map.of("InstanceType", "g6.xlarge"), Map.of("InstanceType", "g5.xlarge")))))));
        assertFalse(userData(VARIANT).contains("SPOT_INSTANCE_DRAINING"));
        assertEquals(30_000, container(VARIANT).get("Memory"));
        VARIANT.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
                "BlockDeviceMappings", List.of(
                        Map.of("DeviceName", "/dev/xvda",
                                "Ebs", Map.of("VolumeSize", 60, "VolumeType", "gp3", "Encrypted", true, "DeleteOnTermination", true)),
                        Map.of("DeviceName", "/dev/xvdb",
                                "Ebs", Map.of("VolumeSize", 2000, "VolumeType", "gp3", "Throughput", 1000, "Iops", 16000, "Encrypted", true,
                                        "DeleteOnTermination", true)))))));
        VARIANT.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 0, "MaxCapacity", 4));
    }

    @SuppressWarnings("unchecked")
    static String userData(Template template) {
        Map<String, Object> data = (Map<String, Object>) Synth.only(template, "AWS::EC2::LaunchTemplate").get("LaunchTemplateData");
        return Synth.render(((Map<String, Object>) data.get("UserData")).get("Fn::Base64"));
    }

    @Test
    void capacityProviderScalesInstancesAndProtectsBusyOnes() {
        TEMPLATE.hasResourceProperties("AWS::ECS::CapacityProvider", Map.of(
                "Name", GpuCapacity.CAPACITY_PROVIDER,
                "AutoScalingGroupProvider", Match.objectLike(Map.of(
                        "AutoScalingGroupArn", Map.of("Ref", Synth.onlyId(TEMPLATE, "AWS::AutoScaling::AutoScalingGroup")),
                        "ManagedScaling", Map.of("Status", "ENABLED", "TargetCapacity", 100),
                        "ManagedTerminationProtection", "ENABLED"))));
        TEMPLATE.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", "seiswork",
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
    }

    @Test
    void serviceStartsAtZeroOnTheGpuCapacityAfterItIsAssociated() {
        String provider = Synth.onlyId(TEMPLATE, "AWS::ECS::CapacityProvider");
        String association = Synth.onlyId(TEMPLATE, "AWS::ECS::ClusterCapacityProviderAssociations");
        TEMPLATE.hasResource("AWS::ECS::Service", Map.of(
                "DependsOn", Match.arrayWith(List.of(association)),
                "Properties", Match.objectLike(Map.of(
                        "ServiceName", "seiswork-worker",
                        "DesiredCount", 0,
                        "DeploymentConfiguration", Match.objectLike(Map.of(
                                "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))),
                        "CapacityProviderStrategy", List.of(Map.of("CapacityProvider", Map.of("Ref", provider), "Weight", 1, "Base", 0))))));
    }

    @Test
    void synthesizesWithoutWarnings() {
        Annotations annotations = Annotations.fromStack(Synth.defaultStack());
        annotations.hasNoError("*", Match.anyValue());
        annotations.hasNoWarning("*", Match.anyValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void taskCountTracksBacklogPerRunningTask() {
        TEMPLATE.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "MinCapacity", 0, "MaxCapacity", 16, "ScalableDimension", "ecs:service:DesiredCount", "ServiceNamespace", "ecs"));
        Map<String, Object> policy = Synth.resources(TEMPLATE, "AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> "TargetTrackingScaling".equals(p.get("PolicyType")))
                .findFirst().orElseThrow();
        Map<String, Object> config = (Map<String, Object>) policy.get("TargetTrackingScalingPolicyConfiguration");
        assertEquals(1, ((Number) config.get("TargetValue")).intValue());
        List<Map<String, Object>> queries = (List<Map<String, Object>>)
                ((Map<String, Object>) config.get("CustomizedMetricSpecification")).get("Metrics");
        Map<String, String> metricById = new TreeMap<>();
        for (Map<String, Object> q : queries) {
            if (q.containsKey("Expression")) {
                metricById.put(q.get("Id") + "=", (String) q.get("Expression"));
                assertEquals(true, q.get("ReturnData"));
            } else {
                Map<String, Object> stat = (Map<String, Object>) q.get("MetricStat");
                Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
                metricById.put((String) q.get("Id"), metric.get("Namespace") + "/" + metric.get("MetricName"));
                assertEquals(false, q.get("ReturnData"));
            }
        }
        assertEquals(Map.of(
                "waiting", "AWS/SQS/ApproximateNumberOfMessagesVisible",
                "inflight", "AWS/SQS/ApproximateNumberOfMessagesNotVisible",
                "running", "ECS/ContainerInsights/RunningTaskCount",
                "backlogPerTask=", "(waiting + inflight) / running"), metricById);
    }

    @Test
    void aWakePolicyStartsTheFirstTaskWhenShotsOrDeadLettersWait() {
        String policy = Synth.resources(TEMPLATE, "AWS::ApplicationAutoScaling::ScalingPolicy").entrySet().stream()
                .filter(e -> "StepScaling".equals(((Map<?, ?>) e.getValue().get("Properties")).get("PolicyType")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        TEMPLATE.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
                "PolicyType", "StepScaling",
                "StepScalingPolicyConfiguration", Match.objectLike(Map.of("AdjustmentType", "ChangeInCapacity",
                        "StepAdjustments", List.of(Map.of("MetricIntervalLowerBound", 0, "ScalingAdjustment", 1))))));
        TEMPLATE.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", policy)),
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1,
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "FILL(waiting, 0) + FILL(letters, 0)"))))));
        // Both terms: the shot queue's waiting shots and the dead-letter queue's letters.
        var alarm = Synth.resources(TEMPLATE, "AWS::CloudWatch::Alarm").values().stream()
                .map(r -> (Map<?, ?>) r.get("Properties"))
                .filter(p -> List.of(Map.of("Ref", policy)).equals(p.get("AlarmActions"))).findFirst().orElseThrow();
        Map<Object, Object> queueOf = new java.util.HashMap<>();
        for (Object q : (List<?>) alarm.get("Metrics")) {
            Map<?, ?> query = (Map<?, ?>) q;
            if (query.containsKey("MetricStat")) {
                Map<?, ?> metric = (Map<?, ?>) ((Map<?, ?>) query.get("MetricStat")).get("Metric");
                assertEquals("ApproximateNumberOfMessagesVisible", metric.get("MetricName"));
                queueOf.put(query.get("Id"), ((Map<?, ?>) ((List<?>) metric.get("Dimensions")).get(0)).get("Value"));
            }
        }
        assertEquals(Map.of("waiting", Map.of("Fn::GetAtt", List.of(Synth.queueId(TEMPLATE, Protocol.QUEUE), "QueueName")),
                "letters", Map.of("Fn::GetAtt", List.of(Synth.queueId(TEMPLATE, Protocol.DEAD_LETTER_QUEUE), "QueueName"))),
                queueOf);
    }
}
