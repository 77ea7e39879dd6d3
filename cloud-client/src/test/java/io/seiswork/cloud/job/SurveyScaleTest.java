package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.RequestsSeen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a job of thousands of shots costs the job table in requests and bytes: its shot items
 * written several batches at once, and its job item read without the {@code doneShots} set that
 * no reader shows.
 */
class SurveyScaleTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final RequestsSeen SEEN = new RequestsSeen();
    private static DynamoDbClient db;
    private static JobTable table;

    @BeforeAll
    static void createTable() {
        db = CLOUD.dynamoDbSeenBy(SEEN);
        table = JobTable.createIfMissing(db, LocalCloud.uniqueName("scale"));
    }

    @Test
    void theShotItemsOfALargeJobAreWrittenAndDeletedSeveralBatchesAtOnce() {
        JobId id = new JobId("scale-2000");
        SEEN.reset();
        table.createJob(id, "survey", "model", ObjectKeys.spec(id), 2000);
        assertEquals(1 + 2000 / 25, SEEN.sent(), "the job item, then the shot items 25 a request");
        assertTrue(SEEN.mostInFlight() > 1, "one batch after the other, each a round trip: "
                + SEEN.mostInFlight() + " in flight at most");
        assertEquals(IntStream.rangeClosed(1, 2000).boxed().toList(), table.shots(id).stream().map(ShotRecord::shot).toList());
        table.cancel(id);
        SEEN.reset();
        assertTrue(table.deleteJob(id, 2000));
        assertTrue(SEEN.mostInFlight() > 1, SEEN.mostInFlight() + " delete batches in flight at most");
        assertTrue(table.shots(id).isEmpty());
        assertTrue(table.job(id).isEmpty());
    }

    @Test
    void aJobIsReadWithoutItsDoneShots() {
        JobId id = new JobId("scale-done");
        table.createJob(id, "survey-done", "model", ObjectKeys.spec(id), 1);
        // The set of a 20 000-shot job's done shots, written directly: counting them one by one takes minutes here.
        List<String> all = IntStream.rangeClosed(1, JobTable.MAX_SHOTS).mapToObj(Integer::toString).toList();
        db.updateItem(r -> r.tableName(table.table).key(JobItems.key(id, JobItems.META))
                .updateExpression("ADD doneShots :all").expressionAttributeValues(Map.of(":all", AttributeValue.fromNs(all))));
        SEEN.reset();
        JobRecord job = table.job(id).orElseThrow();
        assertEquals("survey-done", job.name());
        assertTrue(SEEN.responseBytes() < 2_000, "a status read of the job item took " + SEEN.responseBytes() + " bytes");
        SEEN.reset();
        List<JobRecord> recent = table.recentJobs(1);
        assertEquals(List.of(id), recent.stream().map(JobRecord::id).toList());
        assertTrue(SEEN.responseBytes() < 2_000, "a listing of one job took " + SEEN.responseBytes() + " bytes");
    }

    @Test
    void aJobReadAsksForEveryAttributeAJobRecordIsMadeOf() {
        Set<Object> asked = new HashSet<>();
        Map<String, AttributeValue> item = new HashMap<>() {
            @Override
            public AttributeValue get(Object key) {
                asked.add(key);
                return super.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                asked.add(key);
                return super.containsKey(key);
            }

            @Override
            public AttributeValue getOrDefault(Object key, AttributeValue otherwise) {
                asked.add(key);
                return super.getOrDefault(key, otherwise);
            }
        };
        item.put("status", AttributeValue.fromS(JobStatus.RUNNING.name()));
        item.put("pk", AttributeValue.fromS("JOB#any-job"));
        JobItems.toJob(JobItems.jobId(item), item);
        List<Object> missing = new ArrayList<>(asked);
        missing.removeAll(JobItems.JOB_ATTRIBUTES);
        assertEquals(List.of(), missing, "attributes toJob reads that a job read leaves out");
    }
}
