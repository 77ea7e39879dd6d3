package io.seiswork.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack for the tests. A synthesis costs seconds (jsii runs the CDK in Node.js),
 * so each of the two stacks below is made once per test JVM and shared by every test class.
 */
final class Synth {

    /** An ECR image, so that the pull grant on its repository is in the template too. */
    static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/seiswork-worker:0.1.0";
    /** The context of {@link #variant()}: every optional choice away from its default. */
    static final Map<String, Object> VARIANT = Map.of(
            "workerInstanceType", "g6.xlarge, g5.xlarge",
            "spot", "false",
            "maxWorkers", "4",
            "workerMemoryMiB", 30000,
            "workerDiskGiB", 60,
            "scratchDiskGiB", "2000",
            "alarmEmail", "ops@example.com",
            "maxShotMinutes", "120");

    private static SeisworkStack defaultStack;
    private static Template defaults;
    private static Template variant;

    private Synth() {
    }

    /** The stack with nothing but the required {@code workerImage} given. */
    static synchronized Template defaults() {
        if (defaults == null) {
            defaultStack = stack(Map.of());
            defaults = Template.fromStack(defaultStack);
        }
        return defaults;
    }

    /** The stack behind {@link #defaults()}, synthesized. */
    static synchronized SeisworkStack defaultStack() {
        defaults();
        return defaultStack;
    }

    /** The stack with {@link #VARIANT}'s context. */
    static synchronized Template variant() {
        if (variant == null) {
            variant = Template.fromStack(stack(VARIANT));
        }
        return variant;
    }

    private static SeisworkStack stack(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.putIfAbsent("workerImage", IMAGE);
        App app = new App(AppProps.builder().context(all).build());
        StackSettings settings = StackSettings.fromContext(app.getNode()::tryGetContext);
        return new SeisworkStack(app, InfraApp.STACK_NAME, StackProps.builder().build(), settings);
    }

    /** The template's resources of one type, logical id to resource. */
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return template.findResources(type);
    }

    /** The logical id of the only resource of this type. */
    static String onlyId(Template template, String type) {
        Map<String, Map<String, Object>> all = resources(template, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + all.keySet());
        }
        return all.keySet().iterator().next();
    }

    /**
     * The logical id of the job bucket ({@link JobStore#bucket()}), told from the bucket of its
     * access logs by its construct path.
     */
    static String jobBucketId(Template template) {
        return bucketId(template, "JobStoreBucket");
    }

    /** The logical id of the job bucket's access-log bucket ({@link JobStore#accessLogs()}). */
    static String accessLogBucketId(Template template) {
        return bucketId(template, "JobStoreAccessLogs");
    }

    private static String bucketId(Template template, String prefix) {
        List<String> ids = resources(template, "AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one bucket " + prefix + "…, found " + ids);
        }
        return ids.get(0);
    }

    /** The {@code Properties} of the bucket policy of the bucket with this logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> bucketPolicyOf(Template template, String bucketId) {
        List<Map<String, Object>> policies = resources(template, "AWS::S3::BucketPolicy").values().stream()
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> Map.of("Ref", bucketId).equals(p.get("Bucket"))).toList();
        if (policies.size() != 1) {
            throw new AssertionError("expected one policy on " + bucketId + ", found " + policies.size());
        }
        return policies.get(0);
    }

    /** The logical id of the queue named {@code name}. */
    static String queueId(Template template, String name) {
        return resources(template, "AWS::SQS::Queue").entrySet().stream()
                .filter(e -> name.equals(((Map<?, ?>) e.getValue().get("Properties")).get("QueueName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no queue " + name));
    }

    /** The {@code Properties} of the only resource of this type. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> only(Template template, String type) {
        return (Map<String, Object>) resources(template, type).get(onlyId(template, type)).get("Properties");
    }

    /** A value that may be one item or a list of them, as a list (IAM's Action and Resource). */
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : List.of(value);
    }

    /**
     * A CloudFormation value as text, intrinsic functions written out: {@code Ref X} as
     * {@code ${X}}, {@code Fn::GetAtt [X, Arn]} as {@code ${X.Arn}}, {@code Fn::Join} joined. So an
     * object ARN reads {@code ${JobStoreBucket….Arn}/inputs/*}.
     */
    @SuppressWarnings("unchecked")
    static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object ref = m.get("Ref");
            if (ref != null) {
                return "${" + ref + "}";
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att) {
                return "${" + att.get(0) + "." + att.get(1) + "}";
            }
            if (m.get("Fn::Join") instanceof List<?> join) {
                return ((List<Object>) join.get(1)).stream().map(Synth::render)
                        .collect(Collectors.joining((String) join.get(0)));
            }
        }
        throw new AssertionError("cannot render " + value);
    }
}
