package io.seiswork.cloud.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where a Seiswork cloud stack lives: the bucket, job table and shot queue, and how to reach them.
 *
 * <p>Two kinds: {@link #local} talks to the emulators {@code scripts/cloud-local.sh} starts on
 * 127.0.0.1 (ElasticMQ, S3Proxy, dynalite), {@link #aws} to a deployed stack through the AWS
 * default credential chain (environment, {@code AWS_PROFILE}, SSO, instance or task role). No
 * credential is ever read from a Seiswork file or written to a log; the only literal keys here
 * are the emulators' fixed placeholders, which open nothing outside this machine.
 *
 * @param name "local" or "aws", for messages
 * @param region AWS region of the stack
 * @param s3Endpoint S3 endpoint, or null for the region's own
 * @param sqsEndpoint SQS endpoint, or null for the region's own
 * @param dynamoDbEndpoint DynamoDB endpoint, or null for the region's own
 * @param bucket bucket holding inputs, specs, shot results and images
 * @param table DynamoDB job table
 * @param queue name of the shot queue (its dead-letter queue is {@code <queue>-dlq})
 * @param credentials how requests are signed
 */
public record CloudSettings(String name, Region region, URI s3Endpoint, URI sqsEndpoint, URI dynamoDbEndpoint,
        String bucket, String table, String queue, AwsCredentialsProvider credentials) {

    /** The stacks a command line or a desktop setting may name: {@link #local} and {@link #aws}. */
    public static final List<String> NAMES = List.of("local", "aws");

    /** Default job table name, as the CDK stack creates it. */
    public static final String DEFAULT_TABLE = "seiswork-jobs";
    /**
     * Memory of an AWS worker task, GiB, as the stack deploys it by default ({@code workerMemoryMiB}
     * 14336): what a job sent to AWS is checked against unless told otherwise.
     */
    public static final double DEFAULT_WORKER_MEMORY_GIB = 14;
    /** Default shot queue name, as the CDK stack creates it. */
    public static final String DEFAULT_QUEUE = "seiswork-shots";
    /**
     * What the local stack's names start with unless {@code SEISWORK_LOCAL_PREFIX} says another:
     * its bucket {@value #LOCAL_BUCKET}, table {@value #DEFAULT_TABLE} and queue {@value #DEFAULT_QUEUE},
     * the queue {@code scripts/cloud-local.sh} makes.
     */
    public static final String DEFAULT_LOCAL_PREFIX = "seiswork";
    /** Bucket used against the local emulators, with the default prefix. */
    public static final String LOCAL_BUCKET = DEFAULT_LOCAL_PREFIX + "-local";
    /**
     * Longest {@code SEISWORK_LOCAL_PREFIX}, characters: its bucket, {@code PREFIX-local}, within
     * S3's 63 (the dead-letter queue, {@code PREFIX-shots-dlq}, is within SQS's 80, the table
     * within DynamoDB's 255).
     */
    static final int MAX_LOCAL_PREFIX = 63 - "-local".length();

    /** Emulator ports of {@code scripts/cloud-local.sh}, overridable the same way. */
    static final int LOCAL_S3_PORT = 9000;
    static final int LOCAL_SQS_PORT = 9324;
    static final int LOCAL_DYNAMODB_PORT = 4567;

    public CloudSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        for (String[] v : new String[][] {{"bucket", bucket}, {"table", table}, {"queue", queue}}) {
            if (v[1] == null || v[1].isBlank()) {
                throw new IllegalArgumentException("cloud " + v[0] + " name is missing");
            }
        }
    }

    /** Whether this is the local emulator stack (its bucket, table and queues are created on first use). */
    public boolean isLocal() {
        return "local".equals(name);
    }

    /**
     * The emulators of {@code scripts/cloud-local.sh} on 127.0.0.1, ports from
     * {@code SEISWORK_S3_PORT}, {@code SEISWORK_SQS_PORT}, {@code SEISWORK_DYNAMODB_PORT} when set;
     * bucket {@code PREFIX-local}, table {@code PREFIX-jobs} and queue {@code PREFIX-shots} with
     * {@code PREFIX} from {@code SEISWORK_LOCAL_PREFIX} ({@link #localPrefix}), else
     * {@value #DEFAULT_LOCAL_PREFIX}: a stack of one's own on shared emulators (a test's, another
     * user's), whose messages and jobs no other stack sees.
     *
     * @throws IllegalArgumentException naming the variable when a port or the prefix is not valid
     */
    public static CloudSettings local(Map<String, String> env) {
        return local(localUri(env, "SEISWORK_S3_PORT", LOCAL_S3_PORT), localUri(env, "SEISWORK_SQS_PORT", LOCAL_SQS_PORT),
                localUri(env, "SEISWORK_DYNAMODB_PORT", LOCAL_DYNAMODB_PORT), localPrefix(env));
    }

    /** Emulators at the given endpoints (tests start their own on free ports), with the default names. */
    public static CloudSettings local(URI s3, URI sqs, URI dynamoDb) {
        return local(s3, sqs, dynamoDb, DEFAULT_LOCAL_PREFIX);
    }

    private static CloudSettings local(URI s3, URI sqs, URI dynamoDb, String prefix) {
        // The emulators accept any key pair; these placeholders are what their docs use.
        var placeholders = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        return new CloudSettings("local", Region.US_EAST_1, s3, sqs, dynamoDb, prefix + "-local", prefix + "-jobs",
                prefix + "-shots", placeholders);
    }

    /**
     * {@code SEISWORK_LOCAL_PREFIX}, or {@value #DEFAULT_LOCAL_PREFIX} when unset or blank: lower
     * case letters, digits and hyphens, starting with a letter or digit, at most
     * {@value #MAX_LOCAL_PREFIX} characters, so that every name made of it is valid as an S3
     * bucket, an SQS queue and a DynamoDB table at once.
     *
     * @throws IllegalArgumentException naming the variable, what it may hold and its value
     */
    static String localPrefix(Map<String, String> env) {
        String set = env.get("SEISWORK_LOCAL_PREFIX");
        if (set == null || set.isBlank()) {
            return DEFAULT_LOCAL_PREFIX;
        }
        String prefix = set.trim();
        if (prefix.length() > MAX_LOCAL_PREFIX || !prefix.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("SEISWORK_LOCAL_PREFIX must be 1 to " + MAX_LOCAL_PREFIX + " lower case "
                    + "letters, digits and hyphens, starting with a letter or digit (it names the local bucket, table "
                    + "and queue), got \"" + set + "\"");
        }
        return prefix;
    }

    /**
     * A deployed stack: bucket from {@code SEISWORK_BUCKET} (required: the stack's output
     * {@code BucketName}), table and queue from {@code SEISWORK_TABLE} and {@code SEISWORK_QUEUE}
     * (defaults {@value #DEFAULT_TABLE}, {@value #DEFAULT_QUEUE}), region and credentials from
     * the AWS default chains ({@code AWS_REGION}, {@code AWS_PROFILE}, ...).
     *
     * @param localInstead how the caller's user runs on the local cloud instead, which ends the
     *     message of a missing bucket ({@link #requireBucket}): each program says it in its own words
     * @throws IllegalArgumentException naming the variable when the bucket or region is missing
     */
    public static CloudSettings aws(Map<String, String> env, String localInstead) {
        String bucket = requireBucket(env, localInstead);
        Region region;
        try {
            region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no AWS region configured: set AWS_REGION or a region in your AWS profile");
        }
        return new CloudSettings("aws", region, null, null, null, bucket.trim(),
                env.getOrDefault("SEISWORK_TABLE", DEFAULT_TABLE), env.getOrDefault("SEISWORK_QUEUE", DEFAULT_QUEUE),
                DefaultCredentialsProvider.builder().build());
    }

    /**
     * {@code SEISWORK_BUCKET}, or what to do about it missing: "SEISWORK_BUCKET is not set: export
     * the bucket name the Seiswork stack printed (output BucketName), or " and the caller's
     * {@code localInstead} ("use --cloud local" on the command line, "choose 'local cloud' in on"
     * in the desktop).
     */
    private static String requireBucket(Map<String, String> env, String localInstead) {
        String bucket = env.get("SEISWORK_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("SEISWORK_BUCKET is not set: export the bucket name the Seiswork stack "
                    + "printed (output BucketName), or " + localInstead);
        }
        return bucket;
    }

    /**
     * Checks that {@code cloud} ("local" or "aws") is configured in {@code env}, with the same
     * messages as {@link #named}, but without resolving the AWS region, which may ask the instance
     * metadata service and take seconds: a window checks this before it starts a run, and builds
     * the settings on the run's own thread.
     *
     * @param localInstead how the caller's user runs on the local cloud instead, for the message of
     *     a missing AWS setting ({@link #aws})
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static void check(String cloud, Map<String, String> env, String localInstead) {
        switch (cloud) {
            case "local" -> local(env);
            case "aws" -> requireBucket(env, localInstead);
            default -> throw new IllegalArgumentException("--cloud must be local or aws, got \"" + cloud + "\"");
        }
    }

    /**
     * What to do when this stack does not answer, for messages: start the emulators, or look at
     * the network and credentials.
     */
    public String whenUnreachable() {
        return isLocal() ? "start the local cloud with scripts/cloud-local.sh start"
                : "check your network, AWS_REGION and credentials (AWS_PROFILE)";
    }

    /**
     * The process environment, where a Java system property of the same name
     * ({@code -DSEISWORK_S3_PORT=9100}) overrides a variable: one JVM can then address emulators
     * on other ports (the tests do).
     */
    public static Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("SEISWORK_") || name.startsWith("AWS_")) {
                env.put(name, System.getProperty(name));
            }
        }
        return env;
    }

    /** Largest worker memory taken, GiB (1 PiB: a typing slip, not a machine). */
    static final double MAX_WORKER_MEMORY_GIB = 1 << 20;

    /**
     * Memory of an AWS worker task, GiB, that a job sent to AWS is checked against:
     * {@code SEISWORK_WORKER_MEMORY_GIB} when set (a stack deployed with another
     * {@code workerMemoryMiB}: that divided by 1024), else {@value #DEFAULT_WORKER_MEMORY_GIB}.
     *
     * @throws IllegalArgumentException naming the variable when it is not a positive number of GiB
     */
    public static double workerMemoryGiB(Map<String, String> env) {
        String set = env.get("SEISWORK_WORKER_MEMORY_GIB");
        if (set == null || set.isBlank()) {
            return DEFAULT_WORKER_MEMORY_GIB;
        }
        double gib;
        try {
            gib = Double.parseDouble(set.trim());
        } catch (NumberFormatException e) {
            gib = Double.NaN;
        }
        if (!(gib > 0) || gib > MAX_WORKER_MEMORY_GIB) {
            throw new IllegalArgumentException("SEISWORK_WORKER_MEMORY_GIB must be a positive number of GiB (at most "
                    + (long) MAX_WORKER_MEMORY_GIB + "), got \"" + set + "\"");
        }
        return gib;
    }

    /**
     * {@code local} or {@code aws}, from the command line's {@code --cloud} or the desktop's choice.
     *
     * @param localInstead how the caller's user runs on the local cloud instead, for the message of
     *     a missing AWS setting ({@link #aws})
     */
    public static CloudSettings named(String cloud, Map<String, String> env, String localInstead) {
        return switch (cloud) {
            case "local" -> local(env);
            case "aws" -> aws(env, localInstead);
            default -> throw new IllegalArgumentException("--cloud must be local or aws, got \"" + cloud + "\"");
        };
    }

    private static URI localUri(Map<String, String> env, String variable, int port) {
        String v = env.get(variable);
        int p = port;
        if (v != null && !v.isBlank()) {
            try {
                p = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a port number, got \"" + v + "\"");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException(variable + " must be a port in 1-65535, got " + p);
            }
        }
        return URI.create("http://127.0.0.1:" + p);
    }
}
