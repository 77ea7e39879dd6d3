package io.seiswork.cloud.job;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
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
 * {@value JobTable#RESEND_INDEX}) where it is missing, and adds an index missing from a table made
 * by an earlier build: the local emulator stack; on AWS the CDK stack owns it, with point-in-time
 * recovery and encryption, and both indexes.
 */
final class JobTableSchema {

    private JobTableSchema() {
    }

    /**
     * Creates the table unless it is there, adds an index it lacks ({@link #addMissingIndexes}),
     * and waits until it and its indexes are ACTIVE.
     *
     * @throws IllegalStateException naming an index the table lacks and could not be given, and the remedy
     */
    static void createIfMissing(DynamoDbClient db, String table) {
        try {
            db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes())
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(indexes()));
        } catch (ResourceInUseException e) {
            addMissingIndexes(db, table);
        }
        awaitActive(db, table);
    }

    /**
     * Gives a table made by an earlier build the indexes this build queries: without
     * {@value JobTable#RESEND_INDEX} every worker's sweep failed each minute and jobs whose shots
     * were lost stayed RUNNING for ever. Each missing index is created by an UpdateTable (DynamoDB
     * takes one index creation at a time) and waited for; an endpoint that refuses, or accepts the
     * request and adds nothing (the local emulator, dynalite, does the latter), ends in one line
     * that names the index and the remedy, rather than a worker that runs without it.
     */
    private static void addMissingIndexes(DynamoDbClient db, String table) {
        for (GlobalSecondaryIndex index : indexes()) {
            if (hasIndex(db, table, index.indexName())) {
                continue;
            }
            awaitActive(db, table);  // a table still CREATING or UPDATING takes no index
            try {
                db.updateTable(r -> r.tableName(table).attributeDefinitions(attributes())
                        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                                .create(CreateGlobalSecondaryIndexAction.builder().indexName(index.indexName())
                                        .keySchema(index.keySchema()).projection(index.projection()).build())
                                .build()));
            } catch (DynamoDbException e) {
                throw missing(table, index.indexName(), e.awsErrorDetails() != null
                        ? e.awsErrorDetails().errorMessage() : e.getMessage());
            }
            if (!hasIndex(db, table, index.indexName())) {
                throw missing(table, index.indexName(), "the endpoint accepted the index but did not add it");
            }
        }
    }

    private static boolean hasIndex(DynamoDbClient db, String table, String index) {
        return db.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexName().equals(index));
    }

    private static IllegalStateException missing(String table, String index, String why) {
        return new IllegalStateException("job table " + table + " lacks the index " + index
                + " that this build queries, and it could not be added (" + why + "): on the local stack run "
                + "'scripts/cloud-local.sh reset' (it empties the local jobs), on AWS deploy the stack (cdk deploy), "
                + "which creates it");
    }

    private static AttributeDefinition[] attributes() {
        return new AttributeDefinition[] {string("pk"), string("sk"), string(JobItems.JOBS_KEY), string("created")};
    }

    /** The indexes this build queries, as created with the table. */
    private static List<GlobalSecondaryIndex> indexes() {
        return List.of(GlobalSecondaryIndex.builder().indexName(JobTable.JOBS_INDEX)
                        .keySchema(key(JobItems.JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                GlobalSecondaryIndex.builder().indexName(JobTable.RESEND_INDEX)
                        .keySchema(key(JobItems.JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(JobTable.RESEND_INDEX_ATTRIBUTES).build()).build());
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
