package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.testing.DateShiftRelay;
import io.seiswork.cloud.testing.LocalCloud;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code seiswork status} on a machine whose clock is 3 minutes fast (the job table's answers
 * reach it through a relay that sets their {@code Date} 3 minutes back): it says so once, and
 * measures the shots' silences on the service's clock, so a worker that reported 30 s ago on it
 * is not called silent, one that reported 120 s ago is, and a shot 14 minutes silent on its last
 * delivery is not lost; {@code --wait}'s following says it once however many reports it reads.
 */
class StatusClockSkewTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @AfterAll
    static void forgetThem() {
        LocalCloud.forgetSeiswork();
    }

    @Test
    void statusMeasuresSilencesOnTheServicesClockAndSaysTheSkew() throws Exception {
        Duration fastBy = Duration.ofMinutes(3);
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), CloudSettings.DEFAULT_TABLE);
        JobId id = new JobId(LocalCloud.uniqueName("skewed-status"));
        table.createJob(id, "skewed", "rtm", "jobs/" + id + "/spec.json", 3);
        table.startShot(id, 1, "w1", 1);
        table.startShot(id, 2, "w2", 1);
        table.startShot(id, 3, "w3", 3);
        Instant serviceNow = Instant.now().minus(fastBy);
        setBeat(id, 1, serviceNow.minusSeconds(30));
        setBeat(id, 2, serviceNow.minusSeconds(120));
        setBeat(id, 3, serviceNow.minus(Duration.ofMinutes(14)));
        try (DateShiftRelay relay = new DateShiftRelay(CLOUD.dynamoDbEndpoint(), fastBy.negated())) {
            CLOUD.pointSeiswork();
            System.setProperty("SEISWORK_DYNAMODB_PORT", Integer.toString(relay.port()));
            CliRun status = CliRun.run("status", id.value(), "--cloud", "local");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.err().matches("(?s)seiswork: note: this machine's clock is (2 min 59|3 min [01]) s ahead of "
                    + "the job table's \\(from its replies\\); shots' silences are measured on the job table's clock\n"), status.err());
            List<String> lines = status.out().lines().toList();
            assertEquals(id + " (skewed, task rtm): RUNNING, 0 of 3 shots done, 3 running", lines.get(0));
            assertFalse(lines.get(1).contains("no word"), "30 s on the service's clock: " + lines.get(1));
            // Read to the Date headers' second: 120 s reads 1 min 58 s to 2 min 5 s.
            assertTrue(lines.get(2).matches(".*\\(no word from its worker for (1 min 5[89]|2 min [0-5]) s; .*"), lines.get(2));
            assertTrue(lines.get(3).matches(".*\\(no word from its worker for (13 min 5[89]|14 min [0-5]) s .*")
                    && lines.get(3).contains("the shot is lost after 15 minutes"), lines.get(3));
            var json = new ObjectMapper().readTree(CliRun.run("status", id.value(), "--cloud", "local", "--json").out());
            assertEquals("[]", json.get("lostShots").toString());
            assertTrue(relay.shifted() > 0);
        } finally {
            LocalCloud.forgetSeiswork();
            table.cancel(id);
        }
    }

    @Test
    void waitSaysTheSkewOnceWhileItFollows() throws Exception {
        Duration fastBy = Duration.ofMinutes(3);
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), CloudSettings.DEFAULT_TABLE);
        JobId id = new JobId(LocalCloud.uniqueName("skewed-wait"));
        table.createJob(id, "skewed", "rtm", "jobs/" + id + "/spec.json", 1);
        table.startShot(id, 1, "w1", 1);
        setBeat(id, 1, Instant.now().minus(fastBy).minusSeconds(30));
        try (DateShiftRelay relay = new DateShiftRelay(CLOUD.dynamoDbEndpoint(), fastBy.negated())) {
            CLOUD.pointSeiswork();
            System.setProperty("SEISWORK_DYNAMODB_PORT", Integer.toString(relay.port()));
            // Cancelled once the relay has carried 20 replies (a report reads one or two), each
            // report after the first able to say the note again.
            Thread canceller = Thread.ofVirtual().start(() -> {
                while (relay.shifted() < 20) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                table.cancel(id);
            });
            StringWriter err = new StringWriter();
            JobView end;
            try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
                end = StatusCommand.follow(Dispatcher.of(c), id, Duration.ofMillis(200), new PrintWriter(err, true));
            }
            assertEquals(JobStatus.CANCELLED, end.job().status());
            List<String> notes = err.toString().lines().filter(l -> l.contains("clock is")).toList();
            assertEquals(1, notes.size(), err.toString());
            assertTrue(notes.get(0).matches("seiswork: note: this machine's clock is (2 min 59|3 min [01]) s ahead of the job"
                    + " table's \\(from its replies\\); shots' silences are measured on the job table's clock"), notes.get(0));
            assertFalse(err.toString().contains("no word"), "30 s on the service's clock: " + err);
            canceller.join();
        } finally {
            LocalCloud.forgetSeiswork();
            table.cancel(id);
        }
    }

    private static void setBeat(JobId id, int shot, Instant beat) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(CloudSettings.DEFAULT_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + id), "sk", AttributeValue.fromS("SHOT#" + shot)))
                .updateExpression("SET beat = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS(beat.toString()))));
    }
}
