package io.seiswork.cloud.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.RequestsSeen;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shot queue against ElasticMQ, over HTTP. */
class ShotQueueTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @Test
    void theMessagesOfALargeJobAreSentSeveralBatchesAtOnce() {
        ShotQueue.createIfMissing(CLOUD.sqs(), "queue-test-many");
        RequestsSeen seen = new RequestsSeen();
        try (var sqs = CLOUD.sqsSeenBy(seen)) {
            ShotQueue q = ShotQueue.open(sqs, "queue-test-many");
            seen.reset();
            q.send(new JobId("many-job"), IntStream.rangeClosed(1, 1000).boxed().toList());
            assertEquals(1000 / 10, seen.sent(), "ten messages a request");
            assertTrue(seen.mostInFlight() > 1, "one batch after the other, each a round trip: " + seen.mostInFlight()
                    + " in flight at most");
            assertEquals(new ShotQueue.Backlog(1000, 0), q.backlog());
        }
    }

    @Test
    void everyShotIsDeliveredAndAReleasedShotComesBackAtOnce() {
        ShotQueue q = ShotQueue.createIfMissing(CLOUD.sqs(), "queue-test-shots");
        JobId job = new JobId("queue-job");
        q.send(job, IntStream.rangeClosed(1, 23).boxed().toList());
        TreeSet<Integer> seen = new TreeSet<>();
        ReceivedShot held = null;
        for (int i = 0; i < 23; i++) {
            ReceivedShot r = q.receive(1, 60).orElseThrow();
            assertEquals(job, r.task().jobId());
            assertEquals(1, r.receiveCount());
            seen.add(r.task().shot());
            if (held == null) {
                held = r;
            } else {
                q.delete(r);
            }
        }
        assertEquals(IntStream.rangeClosed(1, 23).boxed().toList(), seen.stream().toList());
        assertTrue(q.receive(0, 60).isEmpty(), "the held shot stays invisible");
        q.release(held);
        ReceivedShot again = q.receive(2, 60).orElseThrow();
        assertEquals(held.task(), again.task());
        assertEquals(2, again.receiveCount());
        q.delete(again);
    }

    @Test
    void aShotThatKeepsFailingEndsInTheDeadLetterQueue() {
        ShotQueue q = ShotQueue.createIfMissing(CLOUD.sqs(), "queue-test-dlq");
        q.send(new JobId("dlq-job"), java.util.List.of(4));
        for (int delivery = 1; delivery <= ShotQueue.MAX_RECEIVES; delivery++) {
            ReceivedShot r = q.receive(2, 60).orElseThrow();
            assertEquals(delivery, r.receiveCount());
            q.release(r);
        }
        assertTrue(q.receive(1, 60).isEmpty(), "after " + ShotQueue.MAX_RECEIVES + " deliveries it left the queue");
        ShotQueue dlq = ShotQueue.open(CLOUD.sqs(), "queue-test-dlq-dlq");
        Optional<ReceivedShot> dead = dlq.receive(2, 60);
        assertEquals(4, dead.orElseThrow().task().shot());
    }

    @Test
    void aMalformedMessageIsReceivedWithoutATask() {
        ShotQueue q = ShotQueue.createIfMissing(CLOUD.sqs(), "queue-test-bad");
        String url = CLOUD.sqs().getQueueUrl(r -> r.queueName("queue-test-bad")).queueUrl();
        CLOUD.sqs().sendMessage(r -> r.queueUrl(url).messageBody("{\"jobId\":\"../../x\",\"shot\":1}"));
        ReceivedShot r = q.receive(2, 60).orElseThrow();
        assertNull(r.task());
        assertEquals("{\"jobId\":\"../../x\",\"shot\":1}", r.body());
        q.delete(r);
    }
}
