package io.seiswork.cloud.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local AWS emulators for tests, reached over HTTP on 127.0.0.1: ElasticMQ (SQS) and S3Proxy (S3,
 * in memory) in this JVM, dynalite (DynamoDB, in memory) as a node child process. Register it with
 * {@code @ExtendWith(LocalCloud.class)} (then take it as a {@code LocalCloud} parameter of a test
 * or of a static {@code @BeforeAll} method) or with {@code @RegisterExtension static LocalCloud
 * cloud = new LocalCloud();}. {@link #of} asks for some emulators only, e.g. S3 alone, so that a
 * test that needs no DynamoDB runs without node.
 *
 * <p>The emulators start before the test class (BeforeAll) and are shared by every test class of
 * the JVM that uses them; a shutdown hook stops them, dynalite with its children. So each class
 * must name its own buckets, queues and tables: {@link #uniqueName}. The clients of this instance
 * are closed after the class (AfterAll).
 *
 * <p>dynalite is the copy {@code scripts/cloud-local.sh install} puts under
 * {@code .cloud-local/tools} at the repository root (found by walking up from the working
 * directory), or the {@code cli.js} named by the system property {@code seiswork.dynalite}; node
 * is found on the PATH. If either is missing, the tests of a class that asks for DynamoDB are
 * skipped, not passed, each with the reason "dynalite not installed: run scripts/cloud-local.sh
 * install" (a test that reaches for DynamoDB some other way aborts with the same message).
 *
 * <p>The emulators' threads keep a JVM alive: test runners (Surefire, IDEs) end theirs with
 * {@code System.exit}, which runs the shutdown hook.
 */
public final class LocalCloud
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    /** The emulated services. */
    public enum Service { SQS, S3, DYNAMODB }

    /** The region every client uses. */
    public static final Region REGION = Region.US_EAST_1;
    /** Emulator placeholders, not real credentials: the emulators accept these (S3Proxy checks them). */
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Set<Service> services;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private S3Client s3;
    private SqsClient sqs;
    private DynamoDbClient dynamoDb;

    /** All three emulators. */
    public LocalCloud() {
        this(EnumSet.allOf(Service.class));
    }

    private LocalCloud(Set<Service> services) {
        this.services = services;
    }

    /** Only the emulators named (the others are not started for this class and cannot be asked for). */
    public static LocalCloud of(Service first, Service... more) {
        return new LocalCloud(EnumSet.of(first, more));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // A condition, not an abort in beforeAll: Surefire reports a class aborted there as
        // "Tests run: 0" with no reason, while a disabled class shows each test skipped with it.
        if (services.contains(Service.DYNAMODB) && !Emulators.dynaliteInstalled()) {
            if (context.getTestMethod().isEmpty()) {
                System.err.println("LocalCloud: " + Emulators.NOT_INSTALLED + " (" + context.getDisplayName() + " skipped)");
            }
            return ConditionEvaluationResult.disabled(Emulators.NOT_INSTALLED);
        }
        return ConditionEvaluationResult.enabled("the emulators are installed");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Emulators.start(services);
    }

    /**
     * Fails a test at once, naming the cause, when an emulator it needs has stopped on its own:
     * otherwise it would fail later as "connection refused" with no word of why.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        for (Service s : services) {
            String death = Emulators.death(s);
            if (death != null) {
                throw new IllegalStateException("the local cloud lost its " + s + " emulator: " + death);
            }
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        clients.clear();
        s3 = null;
        sqs = null;
        dynamoDb = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    public URI sqsEndpoint() {
        return endpoint(Service.SQS);
    }

    public URI s3Endpoint() {
        return endpoint(Service.S3);
    }

    public URI dynamoDbEndpoint() {
        return endpoint(Service.DYNAMODB);
    }

    /** An S3 client on the emulator (path-style addressing). Closed after the test class. */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = track(configure(S3Client.builder(), s3Endpoint()).forcePathStyle(true).build());
        }
        return s3;
    }

    /** An SQS client on the emulator. Closed after the test class. */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = track(configure(SqsClient.builder(), sqsEndpoint()).build());
        }
        return sqs;
    }

    /** A DynamoDB client on the emulator. Closed after the test class. */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = track(configure(DynamoDbClient.builder(), dynamoDbEndpoint()).build());
        }
        return dynamoDb;
    }

    /**
     * An SQS client on the emulator whose requests and responses {@code seenBy} sees first (to
     * fail, delay or count them: a worker lost between two calls, a service out of reach). Not
     * tracked: the caller closes it.
     */
    public SqsClient sqsSeenBy(ExecutionInterceptor seenBy) {
        return configure(SqsClient.builder(), sqsEndpoint()).overrideConfiguration(c -> c.addExecutionInterceptor(seenBy))
                .build();
    }

    /** As {@link #sqsSeenBy}, an S3 client (path-style addressing). Not tracked: the caller closes it. */
    public S3Client s3SeenBy(ExecutionInterceptor seenBy) {
        return s3At(s3Endpoint(), credentials(), seenBy);
    }

    /**
     * An S3 client (path-style addressing) of {@code endpoint}: the emulator's, or a relay's in
     * front of it ({@link OutageLink}), with {@code credentials} (the emulators' or a stranger's),
     * each of {@code seen} watching its requests. Not tracked: the caller closes it.
     */
    public static S3Client s3At(URI endpoint, AwsCredentialsProvider credentials, ExecutionInterceptor... seen) {
        return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials)
                .forcePathStyle(true).overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : seen) {
                        c.addExecutionInterceptor(i);
                    }
                }).build();
    }

    /** As {@link #sqsSeenBy}, a DynamoDB client. Not tracked: the caller closes it. */
    public DynamoDbClient dynamoDbSeenBy(ExecutionInterceptor seenBy) {
        return configure(DynamoDbClient.builder(), dynamoDbEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(seenBy)).build();
    }

    /** The static credentials the emulators accept, for clients built by the code under test. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /**
     * A name no other caller in this JVM gets, valid as a bucket, queue or table name: {@code prefix}
     * (lower case letters, digits and hyphens) followed by "-" and a number.
     */
    public static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** The variables {@code --cloud local} reads its emulator ports from (see {@code CloudSettings.local}). */
    private static final String[] SEISWORK_PORTS = {"SEISWORK_S3_PORT", "SEISWORK_SQS_PORT", "SEISWORK_DYNAMODB_PORT"};

    /**
     * Points Seiswork's {@code --cloud local} in this JVM (commands, desktop) at these emulators, by
     * the system properties that override the port variables; undo with {@link #forgetSeiswork()}.
     */
    public void pointSeiswork() {
        System.setProperty(SEISWORK_PORTS[0], Integer.toString(s3Endpoint().getPort()));
        System.setProperty(SEISWORK_PORTS[1], Integer.toString(sqsEndpoint().getPort()));
        System.setProperty(SEISWORK_PORTS[2], Integer.toString(dynamoDbEndpoint().getPort()));
    }

    /** Undoes {@link #pointSeiswork()}. */
    public static void forgetSeiswork() {
        for (String p : SEISWORK_PORTS) {
            System.clearProperty(p);
        }
    }

    /** How long the emulator took to start in this JVM (ms), or -1 if it has not started. */
    public static long startMillis(Service service) {
        return Emulators.startMillis(service);
    }

    private URI endpoint(Service service) {
        if (!services.contains(service)) {
            throw new IllegalStateException("this LocalCloud was made without " + service + ": use LocalCloud.of(..., "
                    + service + ") or new LocalCloud()");
        }
        return Emulators.endpoint(service);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(REGION).credentialsProvider(credentials());
    }

    private <C extends AutoCloseable> C track(C client) {
        clients.add(client);
        return client;
    }
}
