package io.seiswork.cloud.config;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
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

    /**
     * Against the local emulators only: seconds to connect, and attempts a call makes. They run on
     * this machine, so a connection is made in milliseconds or refused at once; the SDK's 4
     * attempts with their back-off kept {@code --cloud local} without the emulators silent for
     * 10-12 s before its one-line error. AWS keeps the SDK's defaults (a remote endpoint's
     * connections and throttling need them).
     */
    static final int LOCAL_CONNECT_S = 2;
    static final int LOCAL_ATTEMPTS = 2;

    public CloudClients(CloudSettings settings) {
        this.settings = settings;
        S3ClientBuilder s3b = S3Client.builder().region(settings.region()).credentialsProvider(settings.credentials())
                // Emulators on 127.0.0.1 have no per-bucket host names.
                .forcePathStyle(settings.s3Endpoint() != null)
                .overrideConfiguration(forStack(ClientOverrideConfiguration.builder()));
        endpoint(settings.s3Endpoint(), s3b::endpointOverride);
        SqsClientBuilder sqsb = SqsClient.builder().region(settings.region()).credentialsProvider(settings.credentials())
                .overrideConfiguration(forStack(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(SQS_CALL_S)).apiCallAttemptTimeout(Duration.ofSeconds(SQS_ATTEMPT_S))));
        endpoint(settings.sqsEndpoint(), sqsb::endpointOverride);
        DynamoDbClientBuilder dbb = DynamoDbClient.builder().region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(forStack(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(DYNAMODB_CALL_S))
                        .apiCallAttemptTimeout(Duration.ofSeconds(DYNAMODB_ATTEMPT_S))));
        endpoint(settings.dynamoDbEndpoint(), dbb::endpointOverride);
        if (settings.isLocal()) {
            s3b.httpClientBuilder(localHttp());
            sqsb.httpClientBuilder(localHttp());
            dbb.httpClientBuilder(localHttp());
        }
        this.s3 = s3b.build();
        this.sqs = sqsb.build();
        this.dynamoDb = dbb.build();
    }

    /** {@code b} with, for the local emulators, at most {@value #LOCAL_ATTEMPTS} attempts a call. */
    private ClientOverrideConfiguration forStack(ClientOverrideConfiguration.Builder b) {
        return settings.isLocal() ? b.retryStrategy(r -> r.maxAttempts(LOCAL_ATTEMPTS)).build() : b.build();
    }

    /** The SDK's HTTP client with a connect timeout of {@value #LOCAL_CONNECT_S} s, for the local emulators. */
    private static Apache5HttpClient.Builder localHttp() {
        return Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(LOCAL_CONNECT_S));
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

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamoDb.close();
    }
}
