package io.seiswork.cloud.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Each emulator answers the calls the cloud protocol makes (docs/design "Cloud protocol"), over HTTP. */
class LocalCloudTest {

    @RegisterExtension
    static final LocalCloud cloud = new LocalCloud();

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    void s3StoresObjectsAndServesRanges() {
        S3Client s3 = cloud.s3();
        String bucket = LocalCloud.uniqueName("bucket");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        s3.putObject(b -> b.bucket(bucket).key("jobs/j1/shots/3.bin"), RequestBody.fromBytes(data));

        assertEquals(data.length, s3.headObject(b -> b.bucket(bucket).key("jobs/j1/shots/3.bin")).contentLength());
        byte[] range = s3.getObjectAsBytes(b -> b.bucket(bucket).key("jobs/j1/shots/3.bin").range("bytes=4000-4099"))
                .asByteArray();
        byte[] expected = new byte[100];
        System.arraycopy(data, 4000, expected, 0, 100);
        assertArrayEquals(expected, range);
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("jobs/j1/shots/3.bin")).asByteArray());
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("jobs/j1/shots/4.bin")));
    }

    @Test
    void sqsRedrivesToTheDeadLetterQueueAfterMaxReceiveCount() {
        SqsClient sqs = cloud.sqs();
        String name = LocalCloud.uniqueName("shots");
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        assertTrue(dlqUrl.startsWith(cloud.sqsEndpoint().toString()), dlqUrl);
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "120",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}")))
                .queueUrl();

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"jobId\":\"j1\",\"shot\":1}"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"jobId\":\"j1\",\"shot\":2}"));
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(2, first.size());
        Message done = first.stream().filter(m -> m.body().endsWith("1}")).findFirst().orElseThrow();
        Message failing = first.stream().filter(m -> m.body().endsWith("2}")).findFirst().orElseThrow();
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(done.receiptHandle()));

        // Both are in flight for 120 s: nothing to receive until one is made visible again.
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages().isEmpty());
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(failing.receiptHandle()).visibilityTimeout(0));
        List<Message> second = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
        assertEquals(List.of(failing.body()), second.stream().map(Message::body).toList());
        assertNotEquals(failing.receiptHandle(), second.getFirst().receiptHandle());

        // Its second receive was the last allowed: made visible again, it moves to the dead-letter queue.
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(second.getFirst().receiptHandle()).visibilityTimeout(0));
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().isEmpty());
        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();
        assertEquals(List.of(failing.body()), dead.stream().map(Message::body).toList());
    }

    @Test
    void dynamoDbConditionalPutsAndCounters() {
        DynamoDbClient db = cloud.dynamoDb();
        String table = LocalCloud.uniqueName("jobs");
        db.createTable(b -> b.tableName(table)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        db.waiter().waitUntilTableExists(b -> b.tableName(table));

        PutItemRequest put = PutItemRequest.builder().tableName(table)
                .item(Map.of("pk", s("JOB#j1"), "sk", s("META"), "status", s("QUEUED")))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        db.putItem(put);
        assertThrows(ConditionalCheckFailedException.class, () -> db.putItem(put));

        Map<String, AttributeValue> key = Map.of("pk", s("JOB#j1"), "sk", s("META"));
        for (int expected = 1; expected <= 3; expected++) {
            assertEquals(Integer.toString(expected), addOneDone(db, table, key).get("done").n());
        }
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        assertEquals("3", item.get("done").n());
        assertEquals("QUEUED", item.get("status").s());
        // The condition keeps the counter to rows that exist.
        assertThrows(ConditionalCheckFailedException.class,
                () -> addOneDone(db, table, Map.of("pk", s("JOB#none"), "sk", s("META"))));
    }

    /**
     * A client that drops its connection in the middle of a request (a worker interrupted by a
     * cancel does) killed dynalite, and with it every later test of the JVM; its launcher keeps
     * it serving.
     */
    @Test
    void dynamoDbSurvivesAClientThatDropsItsConnectionMidRequest() throws Exception {
        java.net.URI endpoint = cloud.dynamoDbEndpoint();
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                        + "Content-Length: 100\r\n\r\n{\"Limit\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(50);
                socket.setSoLinger(true, 0);  // a reset, as an aborted client sends
            }
        }
        Thread.sleep(200);
        assertNull(Emulators.death(Service.DYNAMODB), () -> Emulators.death(Service.DYNAMODB));
        assertNotNull(cloud.dynamoDb().listTables().tableNames(), "dynalite still answers");
    }

    private static Map<String, AttributeValue> addOneDone(DynamoDbClient db, String table, Map<String, AttributeValue> key) {
        return db.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("ADD #done :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#done", "done"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
    }

    @Test
    void emulatorsAreSharedAndServicesNotAskedForAreRefused() {
        LocalCloud s3Only = LocalCloud.of(Service.S3);
        assertEquals(cloud.s3Endpoint(), s3Only.s3Endpoint());
        assertSame(cloud.s3(), cloud.s3());
        var refused = assertThrows(IllegalStateException.class, s3Only::sqs);
        assertTrue(refused.getMessage().startsWith("this LocalCloud was made without SQS"), refused.getMessage());
        for (Service s : Service.values()) {
            assertTrue(LocalCloud.startMillis(s) >= 0, s + " started");
        }
        assertNotEquals(LocalCloud.uniqueName("q"), LocalCloud.uniqueName("q"));
    }

    @Test
    void aDynalitePropertyNamingNoFileMeansNotInstalled() {
        String before = System.getProperty("seiswork.dynalite");
        System.setProperty("seiswork.dynalite", "/nonexistent/dynalite/cli.js");
        try {
            assertNull(Emulators.dynaliteCli());
        } finally {
            if (before == null) {
                System.clearProperty("seiswork.dynalite");
            } else {
                System.setProperty("seiswork.dynalite", before);
            }
        }
        assertEquals("dynalite not installed: run scripts/cloud-local.sh install", Emulators.NOT_INSTALLED);
    }
}
