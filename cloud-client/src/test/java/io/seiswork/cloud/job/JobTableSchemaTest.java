package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.EarlierJobTable;
import io.seiswork.cloud.testing.LocalCloud;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

/** A job table made by an earlier build, without an index this build queries, against dynalite over HTTP. */
class JobTableSchemaTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @Test
    void aTableWithEveryIndexIsTakenAsItIs() {
        String name = LocalCloud.uniqueName("schema-full");
        JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        assertEquals(List.of(JobTable.JOBS_INDEX, JobTable.RESEND_INDEX).stream().sorted().toList(), indexes(name));
    }

    /**
     * The table of a build from before the stale-shot re-send: only {@value JobTable#JOBS_INDEX}.
     * It gets {@value JobTable#RESEND_INDEX} where the endpoint adds indexes (DynamoDB), and is
     * refused in one line naming the index and the remedy where it does not (dynalite accepts the
     * request and adds nothing): never taken as it is, for workers whose sweeps would fail.
     */
    @Test
    void aTableWithoutTheResendIndexGetsItOrIsRefusedByName() {
        String name = LocalCloud.uniqueName("schema-old");
        EarlierJobTable.create(CLOUD.dynamoDb(), name);
        try {
            JobTable.createIfMissing(CLOUD.dynamoDb(), name);
            assertTrue(indexes(name).contains(JobTable.RESEND_INDEX), "taken, so it must have the index now: " + indexes(name));
        } catch (IllegalStateException refused) {
            String line = refused.getMessage();
            assertTrue(line.contains(name) && line.contains(JobTable.RESEND_INDEX), line);
            assertTrue(line.contains("scripts/cloud-local.sh reset") && line.contains("cdk deploy"), line);
            assertTrue(!line.contains("\n") && !line.contains(JobTable.JOBS_INDEX), "one line, naming only the missing index: " + line);
        }
    }

    private static List<String> indexes(String table) {
        return CLOUD.dynamoDb().describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).sorted().toList();
    }
}
