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
 * worker. SQS long polls wait up to 20 s, so its call timeout leaves room for that.
 */
public final class CloudClients implements AutoCloseable {

    private final CloudSettings settings;
    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;

    public CloudClients(CloudSettings settings) {
        this.settings = settings;
        S3ClientBuilder s3b = S3Client.builder().region(settings.region()).credentialsProvider(settings.credentials())
                // Emulators on 127.0.0.1 have no per-bucket host names.
                .forcePathStyle(settings.s3Endpoint() != null);
        endpoint(settings.s3Endpoint(), s3b::endpointOverride);
        SqsClientBuilder sqsb = SqsClient.builder().region(settings.region()).credentialsProvider(settings.credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build());
        endpoint(settings.sqsEndpoint(), sqsb::endpointOverride);
        DynamoDbClientBuilder dbb = DynamoDbClient.builder().region(settings.region())
                .credentialsProvider(settings.credentials());
        endpoint(settings.dynamoDbEndpoint(), dbb::endpointOverride);
        this.s3 = s3b.build();
        this.sqs = sqsb.build();
        this.dynamoDb = dbb.build();
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
