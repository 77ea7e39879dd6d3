package io.seiswork.cloud.config;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The three AWS clients of one {@link CloudSettings}, built once and shared by the dispatcher or a
 * worker. Every SQS and DynamoDB call is bounded, so that a hung connection or a throttled table
 * cannot stall a worker's heartbeat (SDK retries included): SQS calls {@value #SQS_CALL_S} s in
 * all and {@value #SQS_ATTEMPT_S} s an attempt (a long poll waits up to 20 s), DynamoDB calls
 * {@value #DYNAMODB_CALL_S} s in all and {@value #DYNAMODB_ATTEMPT_S} s an attempt (its calls
 * take milliseconds; a batch write of 25 items well under a second). S3 is not bounded here: a
 * part of a large transfer may take minutes, and its transfers have their own stops.
 *
 * <p>The DynamoDB client's responses set the {@link #serviceClock()}, the service's time as this
 * machine estimates it, on which a reader measures how long a shot's worker has been silent.
 */
public final class CloudClients implements AutoCloseable {

    static final int SQS_CALL_S = 60;
    static final int SQS_ATTEMPT_S = 30;
    static final int DYNAMODB_CALL_S = 30;
    static final int DYNAMODB_ATTEMPT_S = 10;

    private final CloudSettings settings;
    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final ServiceClock serviceClock = new ServiceClock();

    public CloudClients(CloudSettings settings) {
        this.settings = settings;
        // No attempt timeout for S3: it interrupts the thread, and an upload's parts read one
        // shared FileChannel (PartBody), which an interrupt closes for all of them.
        S3ClientBuilder s3b = S3Client.builder().region(settings.region()).credentialsProvider(settings.credentials())
                // Emulators on 127.0.0.1 have no per-bucket host names.
                .forcePathStyle(settings.s3Endpoint() != null);
        endpoint(settings.s3Endpoint(), s3b::endpointOverride);
        SqsClientBuilder sqsb = SqsClient.builder().region(settings.region()).credentialsProvider(settings.credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(SQS_CALL_S))
                        .apiCallAttemptTimeout(Duration.ofSeconds(SQS_ATTEMPT_S)).build());
        endpoint(settings.sqsEndpoint(), sqsb::endpointOverride);
        DynamoDbClientBuilder dbb = DynamoDbClient.builder().region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(DYNAMODB_CALL_S))
                        .apiCallAttemptTimeout(Duration.ofSeconds(DYNAMODB_ATTEMPT_S))
                        .addExecutionInterceptor(serviceClock).build());
        endpoint(settings.dynamoDbEndpoint(), dbb::endpointOverride);
        this.s3 = s3b.build();
        this.sqs = sqsb.build();
        this.dynamoDb = dbb.build();
    }

    /**
     * The clients of {@code settings} for a user who waits on their answer (a command, a window):
     * a local stack's emulators not running are named at once ({@link LocalCloudProbe#requireUp}),
     * not after the SDK's retries. A worker builds its clients directly and keeps the retries'
     * patience. The calls keep the SDK's retries either way: an emulator that hiccups later is
     * waited for.
     *
     * @throws LocalCloudDown naming each emulator that is down and how to start them
     */
    public static CloudClients forUser(CloudSettings settings) {
        LocalCloudProbe.requireUp(settings);
        return new CloudClients(settings);
    }

    private static void endpoint(URI uri, java.util.function.Consumer<URI> set) {
        if (uri != null) {
            set.accept(uri);
        }
    }

    public CloudSettings settings() {
        return settings;
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** The service's clock, as the job table's responses so far set it. */
    public ServiceClock serviceClock() {
        return serviceClock;
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamoDb.close();
    }
}
