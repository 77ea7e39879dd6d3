package io.seiswork.cloud.job;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the job table and its two indexes ({@value JobTable#JOBS_INDEX},
 * {@value JobTable#RESEND_INDEX}) where it is missing: the local emulator stack; on AWS the CDK
 * stack owns it, with point-in-time recovery and encryption.
 */
final class JobTableSchema {

    private JobTableSchema() {
    }

    /** Creates the table unless it is there, and waits until it and its indexes are ACTIVE. */
    static void createIfMissing(DynamoDbClient db, String table) {
        try {
            db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("pk"), string("sk"), string(JobItems.JOBS_KEY), string("created"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(JobTable.JOBS_INDEX)
                            .keySchema(key(JobItems.JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                            GlobalSecondaryIndex.builder().indexName(JobTable.RESEND_INDEX)
                            .keySchema(key(JobItems.JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                    .nonKeyAttributes(JobTable.RESEND_INDEX_ATTRIBUTES).build()).build()));
        } catch (ResourceInUseException e) {
            // already there
        }
        awaitActive(db, table);
    }

    /**
     * Waits until the table and its index are ACTIVE, looking every 200 ms (the SDK's waiter looks
     * every 20 s, which a fresh table of the emulator, ready in milliseconds, would wait for).
     */
    private static void awaitActive(DynamoDbClient db, String table) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            var t = db.describeTable(r -> r.tableName(table)).table();
            if (t.tableStatus() == TableStatus.ACTIVE
                    && t.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job table " + table + " is still " + t.tableStatus() + " after 2 minutes");
            }
            Backoff.pause(2);
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
