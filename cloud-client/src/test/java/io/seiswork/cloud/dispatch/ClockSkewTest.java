package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.testing.DateShiftRelay;
import io.seiswork.cloud.testing.LocalCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reader whose clock is 3 minutes fast measures shots' silences on the service's clock: the
 * job table's responses come through a relay that sets their {@code Date} 3 minutes back (what
 * this machine's clock 3 minutes ahead of dynalite's looks like), and the beats are written as
 * workers on the service's clock would have written them.
 */
class ClockSkewTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final Duration FAST_BY = Duration.ofMinutes(3);

    @Test
    void silencesAndLostShotsAreMeasuredOnTheServicesClock() throws Exception {
        String name = LocalCloud.uniqueName("skew");
        try (DateShiftRelay relay = new DateShiftRelay(CLOUD.dynamoDbEndpoint(), FAST_BY.negated());
                CloudClients clients = new CloudClients(new CloudSettings("local", LocalCloud.REGION, CLOUD.s3Endpoint(),
                        CLOUD.sqsEndpoint(), relay.endpoint(), name, name, name, LocalCloud.credentials()))) {
            Dispatcher d = Dispatcher.of(clients);
            JobId id = new JobId(name + "-job");
            d.table().createJob(id, "skew", "rtm", "jobs/" + id + "/spec.json", 3);
            d.table().startShot(id, 1, "w1", 1);
            d.table().startShot(id, 2, "w2", 1);
            d.table().startShot(id, 3, "w3", 3);
            // The service's time is this machine's less 3 minutes; workers stamp beats on it.
            Instant serviceNow = Instant.now().minus(FAST_BY);
            setBeat(name, id, 1, serviceNow.minusSeconds(30));
            setBeat(name, id, 2, serviceNow.minusSeconds(120));
            setBeat(name, id, 3, serviceNow.minus(Duration.ofMinutes(14)));  // last delivery, not yet lost

            JobView view = d.status(id);
            Instant now = d.clock().now();
            assertTrue(relay.shifted() > 0, "dynalite's responses carry a Date header, moved by the relay");
            ShotRecord one = view.shots().get(0);
            ShotRecord two = view.shots().get(1);
            // The premise: on this machine's own clock shot 1 reads 3 min 30 s silent, shot 3 lost.
            assertNotNull(ShotNotes.silence(one, Instant.now()));
            assertEquals(List.of(3), view.lostShots(Instant.now()));

            assertNull(ShotNotes.silence(one, now), "a beat 30 s old on the service's clock is no silence");
            Duration silent = ShotNotes.silence(two, now);
            assertNotNull(silent, "a beat 120 s old on the service's clock is a silence");
            assertTrue(silent.compareTo(Duration.ofSeconds(118)) >= 0 && silent.compareTo(Duration.ofSeconds(125)) <= 0,
                    "silent for about 120 s, not 300 s: " + silent);
            // The service's clock is read to its Date headers' second: 120 s reads 1 min 58 s to 2 min 5 s.
            assertTrue(ShotNotes.silenceBrief(two, now).matches("no word from its worker for (1 min 5[89]|2 min [0-5]) s"),
                    ShotNotes.silenceBrief(two, now));
            assertEquals(List.of(), view.lostShots(now), "14 minutes on the service's clock is not lost");
            Duration offset = d.clock().offset();
            assertTrue(offset.plus(FAST_BY).abs().compareTo(Duration.ofMillis(1500)) <= 0, "offset " + offset);
            String note = ShotNotes.skewNote(d.clock().offset());
            assertTrue(note != null && note.matches("this machine's clock is (2 min 59|3 min [01]) s ahead of the job table's .*"),
                    note);
            d.table().cancel(id);
        }
    }

    /** Sets shot {@code shot}'s beat as its worker would have, straight on dynalite. */
    private static void setBeat(String table, JobId id, int shot, Instant beat) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + id), "sk", AttributeValue.fromS("SHOT#" + shot)))
                .updateExpression("SET beat = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS(beat.toString()))));
    }
}
