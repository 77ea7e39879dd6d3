package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Least privilege: every IAM statement of the stack, and the worker's and the submitter's exactly. */
class IamPolicyTest {

    private static final Template TEMPLATE = Synth.defaults();

    /**
     * Actions that may have resource {@code *}, because AWS defines no resource for them:
     * ECR's registry-wide token (the execution role's pull) and the ECS agent's endpoint lookup.
     */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCES = Set.of("ecr:GetAuthorizationToken", "ecs:DiscoverPollEndpoint");

    /** One statement: who holds it (logical id of the policy or role), its Sid, actions and resources as text. */
    record Statement(String holder, String sid, String effect, List<String> actions, List<String> resources) {
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statements(Template template) {
        List<Statement> all = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role")) {
            Synth.resources(template, type).forEach((id, resource) -> {
                Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
                List<Object> documents = new ArrayList<>();
                if (props.containsKey("PolicyDocument")) {
                    documents.add(props.get("PolicyDocument"));
                }
                for (Object inline : Synth.list(props.getOrDefault("Policies", List.of()))) {
                    documents.add(((Map<String, Object>) inline).get("PolicyDocument"));
                }
                for (Object document : documents) {
                    for (Object s : Synth.list(((Map<String, Object>) document).get("Statement"))) {
                        Map<String, Object> st = (Map<String, Object>) s;
                        assertFalse(st.containsKey("NotAction") || st.containsKey("NotResource"), id + ": " + st);
                        all.add(new Statement(id, (String) st.get("Sid"), (String) st.get("Effect"),
                                Synth.list(st.get("Action")).stream().map(Synth::render).toList(),
                                Synth.list(st.get("Resource")).stream().map(Synth::render).toList()));
                    }
                }
            });
        }
        return all;
    }

    @Test
    void noWildcardActionsAndNoWildcardResourcesBeyondTheDocumentedOnes() {
        for (Template template : List.of(TEMPLATE, Synth.variant())) {
            List<Statement> all = statements(template);
            assertTrue(all.size() >= 15, "statements found: " + all.size());
            for (Statement s : all) {
                assertEquals("Allow", s.effect(), s.toString());
                for (String action : s.actions()) {
                    assertFalse(action.contains("*"), "wildcard action in " + s);
                    assertFalse(action.equals("cloudwatch:PutMetricData"), "workers publish metrics through their logs: " + s);
                }
                if (s.resources().contains("*")) {
                    assertEquals(List.of("*"), s.resources(), s.toString());
                    assertTrue(ACTIONS_WITHOUT_RESOURCES.containsAll(s.actions()), "resource * for " + s);
                }
            }
        }
    }

    private static String roleOf(String attribute) {
        @SuppressWarnings("unchecked")
        Map<String, Object> arn = (Map<String, Object>) Synth.only(TEMPLATE, "AWS::ECS::TaskDefinition").get(attribute);
        return (String) ((List<?>) arn.get("Fn::GetAtt")).get(0);
    }

    /** The statements of the role's default policy, checked to be the only policy on it. */
    @SuppressWarnings("unchecked")
    private static List<Statement> statementsOfRole(String role) {
        List<String> policies = Synth.resources(TEMPLATE, "AWS::IAM::Policy").entrySet().stream()
                .filter(e -> Synth.list(((Map<String, Object>) e.getValue().get("Properties")).get("Roles"))
                        .contains(Map.of("Ref", role)))
                .map(Map.Entry::getKey).toList();
        assertEquals(1, policies.size(), "policies of " + role + ": " + policies);
        Map<String, Object> roleProps = (Map<String, Object>) Synth.resources(TEMPLATE, "AWS::IAM::Role").get(role).get("Properties");
        assertFalse(roleProps.containsKey("ManagedPolicyArns") || roleProps.containsKey("Policies"), role + " has more: " + roleProps);
        return statements(TEMPLATE).stream().filter(s -> s.holder().equals(policies.get(0))).toList();
    }

    private static String bucket(String pattern) {
        return "${" + Synth.jobBucketId(TEMPLATE) + ".Arn}" + (pattern.isEmpty() ? "" : "/" + pattern);
    }

    private static String table() {
        return "${" + Synth.onlyId(TEMPLATE, "AWS::DynamoDB::Table") + ".Arn}";
    }

    private static String queue() {
        return "${" + Synth.queueId(TEMPLATE, Protocol.QUEUE) + ".Arn}";
    }

    private static String deadLetterQueue() {
        return "${" + Synth.queueId(TEMPLATE, Protocol.DEAD_LETTER_QUEUE) + ".Arn}";
    }

    private static List<String> withoutHolder(List<Statement> statements) {
        return statements.stream().map(s -> s.sid() + " " + s.actions() + " " + s.resources()).toList();
    }

    @Test
    void workerTaskRoleHoldsExactlyTheWorkersCalls() {
        assertEquals(List.of(
                "ReadInputsAndJobs [s3:GetObject] " + List.of(bucket("inputs/*"), bucket("jobs/*")),
                "WriteShotResultsAndOutputs [s3:PutObject, s3:AbortMultipartUpload] " + List.of(bucket("jobs/*/shots/*"), bucket("jobs/*/image/*")),
                "TagShotResults [s3:PutObjectTagging] " + List.of(bucket("jobs/*/shots/*")),
                "RemoveStackedShotResultsAndAbandonedOutputs [s3:DeleteObject] "
                        + List.of(bucket("jobs/*/shots/*"), bucket("jobs/*/image/*")),
                "TellMissingFromForbidden [s3:ListBucket] " + List.of(bucket("")),
                "TrackJobsAndShots [dynamodb:GetItem, dynamodb:Query, dynamodb:UpdateItem] " + List.of(table()),
                "FindLongRunningJobs [dynamodb:Query] " + List.of(table() + "/index/jobs-status-by-created"),
                "ProtectOwnTaskWhileBusy [ecs:UpdateTaskProtection, ecs:GetTaskProtection] "
                        + List.of("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/seiswork/*"),
                "TakeShots [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:SendMessage, "
                        + "sqs:GetQueueUrl, sqs:GetQueueAttributes] " + List.of(queue()),
                "SweepDeadLetters [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:GetQueueUrl] "
                        + List.of(deadLetterQueue())),
                withoutHolder(statementsOfRole(roleOf("TaskRoleArn"))));
    }

    @Test
    void submitterPolicyHoldsExactlyTheDispatchersCalls() {
        TEMPLATE.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("ManagedPolicyName", "SeisworkSubmitter"));
        String policy = Synth.onlyId(TEMPLATE, "AWS::IAM::ManagedPolicy");
        assertEquals(List.of(
                "StoreInputs [s3:PutObject, s3:AbortMultipartUpload] " + List.of(bucket("inputs/*")),
                "StoreNewSpecs [s3:PutObject] " + List.of(bucket("jobs/*/spec.json")),
                "ReadInputsAndOutputs [s3:GetObject] " + List.of(bucket("inputs/*"), bucket("jobs/*/image/*")),
                "WatchImagesSoFar [s3:GetObject] " + List.of(bucket("jobs/*/spec.json"), bucket("jobs/*/shots/*")),
                "DeleteEndedJobs [s3:DeleteObject] " + List.of(bucket("jobs/*")),
                "TellMissingFromForbidden [s3:ListBucket, s3:ListBucketMultipartUploads] " + List.of(bucket("")),
                "ResumeInputUploads [s3:ListMultipartUploadParts] " + List.of(bucket("inputs/*")),
                "CreateAndFollowJobs [dynamodb:PutItem, dynamodb:BatchWriteItem, dynamodb:GetItem, dynamodb:Query, dynamodb:UpdateItem, "
                        + "dynamodb:DeleteItem] "
                        + List.of(table()),
                "ListRecentJobs [dynamodb:Query] " + List.of(table() + "/index/jobs-by-created"),
                "QueueShots [sqs:SendMessage, sqs:GetQueueUrl, sqs:GetQueueAttributes] " + List.of(queue())),
                withoutHolder(statements(TEMPLATE).stream().filter(s -> s.holder().equals(policy)).toList()));
        TEMPLATE.hasOutput(SeisworkStack.SUBMITTER_OUTPUT, Map.of("Value", Map.of("Ref", policy)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void submitterWritesASpecOnlyWhenNoneIsThere() {
        Map<String, Object> document = (Map<String, Object>) Synth.only(TEMPLATE, "AWS::IAM::ManagedPolicy").get("PolicyDocument");
        Map<String, Object> specs = Synth.list(document.get("Statement")).stream().map(s -> (Map<String, Object>) s)
                .filter(s -> "StoreNewSpecs".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Map.of("StringEquals", Map.of("s3:if-none-match", "*")), specs.get("Condition"));
    }

    @Test
    void executionRolePullsOnlyTheWorkerImageAndWritesOnlyItsLogs() {
        String logs = "${" + Synth.onlyId(TEMPLATE, "AWS::Logs::LogGroup") + ".Arn}";
        assertEquals(List.of(
                "null [logs:CreateLogStream, logs:PutLogEvents] " + List.of(logs),
                "null [ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage] "
                        + List.of("arn:aws:ecr:eu-west-1:123456789012:repository/seiswork-worker"),
                "null [ecr:GetAuthorizationToken] [*]"),
                withoutHolder(statementsOfRole(roleOf("ExecutionRoleArn"))));
    }

    @Test
    void instanceRoleHoldsTheEcsAgentsCallsOnThisCluster() {
        String cluster = "${" + Synth.onlyId(TEMPLATE, "AWS::ECS::Cluster") + ".Arn}";
        String role = Synth.resources(TEMPLATE, "AWS::IAM::Role").entrySet().stream()
                .filter(e -> e.getValue().toString().contains("ec2.amazonaws.com"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<String> statements = withoutHolder(statementsOfRole(role));
        assertEquals(List.of(
                "EcsAgentOnCluster [ecs:RegisterContainerInstance, ecs:DeregisterContainerInstance, ecs:SubmitAttachmentStateChanges, "
                        + "ecs:SubmitContainerStateChange, ecs:SubmitTaskStateChange] " + List.of(cluster),
                "EcsAgentOnContainerInstances [ecs:Poll, ecs:StartTelemetrySession, ecs:PutSystemLogEvents, "
                        + "ecs:UpdateContainerInstancesState] "
                        + List.of("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:container-instance/seiswork/*"),
                "EcsAgentDiscoversEndpoint [ecs:DiscoverPollEndpoint] [*]",
                "null [logs:CreateLogStream, logs:PutLogEvents] " + List.of("${" + Synth.onlyId(TEMPLATE, "AWS::Logs::LogGroup") + ".Arn}")),
                statements);
    }

    /**
     * The ECS agent's calls with the instance's credentials, from AWS's managed policy for the
     * agent, AmazonEC2ContainerServiceforEC2Role
     * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceforEC2Role.html),
     * not from GpuCapacity. Its {@code ecs:Submit*} is written out as the agent's three Submit
     * calls. Left out on purpose: {@code ecs:CreateCluster} (the stack makes the cluster),
     * {@code ec2:DescribeTags} (only for ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM, not set),
     * {@code ecs:TagResource} (the agent tags nothing), the ECR pulls (the task execution role
     * pulls the worker image) and CloudWatch Logs (granted on the worker log group, checked above).
     * {@code ecs:UpdateContainerInstancesState} is what the agent's spot-interruption poller calls
     * to set its instance DRAINING (ECS_ENABLE_SPOT_INSTANCE_DRAINING), which stops the tasks
     * with SIGTERM.
     */
    private static final List<String> ECS_AGENT_ACTIONS = List.of("ecs:DeregisterContainerInstance",
            "ecs:DiscoverPollEndpoint", "ecs:Poll", "ecs:RegisterContainerInstance", "ecs:StartTelemetrySession",
            "ecs:UpdateContainerInstancesState", "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange",
            "ecs:SubmitTaskStateChange");

    @Test
    void instanceRoleGrantsEveryCallOfTheEcsAgentIncludingSpotDraining() {
        for (Template template : List.of(TEMPLATE, Synth.variant())) {
            String role = Synth.resources(template, "AWS::IAM::Role").entrySet().stream()
                    .filter(e -> e.getValue().toString().contains("ec2.amazonaws.com"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Set<String> policies = Synth.resources(template, "AWS::IAM::Policy").entrySet().stream()
                    .filter(e -> Synth.list(((Map<String, Object>) e.getValue().get("Properties")).get("Roles"))
                            .contains(Map.of("Ref", role)))
                    .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
            List<Statement> granted = statements(template).stream().filter(s -> policies.contains(s.holder())).toList();
            for (String action : ECS_AGENT_ACTIONS) {
                assertTrue(granted.stream().anyMatch(s -> s.actions().contains(action)), action + " missing from " + granted);
            }
            Statement draining = granted.stream().filter(s -> s.actions().contains("ecs:UpdateContainerInstancesState"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:container-instance/"
                    + Protocol.CLUSTER + "/*"), draining.resources());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void workerListsOnlyUnderInputsAndJobs() {
        Map<String, Object> policy = (Map<String, Object>) Synth.resources(TEMPLATE, "AWS::IAM::Policy").values().stream()
                .filter(r -> r.toString().contains("TellMissingFromForbidden")).findFirst().orElseThrow()
                .get("Properties");
        Map<String, Object> list = Synth.list(((Map<String, Object>) policy.get("PolicyDocument")).get("Statement")).stream()
                .map(s -> (Map<String, Object>) s).filter(s -> "TellMissingFromForbidden".equals(s.get("Sid")))
                .findFirst().orElseThrow();
        assertEquals(Map.of("StringLike", Map.of("s3:prefix", List.of("inputs/*", "jobs/*"))), list.get("Condition"));
    }
}
