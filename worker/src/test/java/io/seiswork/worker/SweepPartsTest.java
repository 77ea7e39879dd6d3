package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.testing.EarlierJobTable;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.worker.DeadLetterSweep.Outcome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The sweep's two parts, settling dead letters and re-sending stale shots, against the emulators
 * over HTTP: one that fails leaves the other to run. Before, a job table without the re-send's
 * index ended every sweep in a warning, and a dead-letter queue out of reach kept stale shots from
 * being sent again.
 */
class SweepPartsTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private final String name = LocalCloud.uniqueName("parts");
    private final ShotMetrics metrics = new ShotMetrics(new PrintStream(OutputStream.nullOutputStream()),
            Clock.systemUTC(), "sweeper");

    /** A job of two shots, submitted, whose shot 1 is done. */
    private static JobId oneShotDone(JobTable table, ShotQueue queue) {
        JobId id = new JobId(LocalCloud.uniqueName("job"));
        table.createJob(id, "parts", "rtm", ObjectKeys.spec(id), 2, 0);
        queue.send(id, List.of(1, 2));
        table.startShot(id, 1, "w1", 1, "m1");
        table.completeShot(id, 1, 1.0, 1.0);
        return id;
    }

    /** A re-send that looks at every sweep, and takes as stale every shot sent before its clock, a minute ahead. */
    private static StaleShotResend everyShotStale(ShotQueue queue, JobTable table) {
        return new StaleShotResend(queue, table, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)), Duration.ZERO,
                Duration.ZERO, "sweeper");
    }

    @Test
    void aSweepWhoseResendQueryFailsStillSettlesADeadLetter() {
        EarlierJobTable.create(CLOUD.dynamoDb(), name);
        JobTable table = new JobTable(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        ShotQueue deadLetters = queue.deadLetters().orElseThrow();
        JobId job = oneShotDone(table, queue);
        deadLetters.send(job, List.of(1), 0);
        StaleShotResend stale = everyShotStale(queue, table);
        assertThrows(DynamoDbException.class, stale::resend, "the table lacks the re-send's index");

        DeadLetterSweep sweep = new DeadLetterSweep(deadLetters, queue, table, metrics, Clock.systemUTC(),
                Duration.ofMinutes(15), stale);
        Map<Outcome, Integer> first = sweep.sweep();
        assertEquals(Map.of(Outcome.SETTLED, 1), first, "the done shot's letter settled despite the failing re-send");
        assertEquals(0, deadLetters.backlog().waiting() + deadLetters.backlog().running());
        // The next sweep fails the same way, and still does what it can.
        deadLetters.send(job, List.of(1), 0);
        assertEquals(Map.of(Outcome.SETTLED, 1), sweep.sweep());
    }

    @Test
    void aSweepWhoseDeadLetterQueueFailsStillResendsStaleShots() {
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        ShotQueue queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        JobId job = oneShotDone(table, queue);
        drain(queue);
        // A dead-letter queue deleted under the worker: every receive from it fails.
        ShotQueue gone = ShotQueue.createIfMissing(CLOUD.sqs(), name + "-gone").deadLetters().orElseThrow();
        CLOUD.sqs().deleteQueue(r -> r.queueUrl(CLOUD.sqs().getQueueUrl(q -> q.queueName(name + "-gone-dlq")).queueUrl()));
        assertThrows(SqsException.class, () -> gone.receive(1, 60));

        DeadLetterSweep sweep = new DeadLetterSweep(gone, queue, table, metrics, Clock.systemUTC(), Duration.ofMinutes(15),
                everyShotStale(queue, table));
        assertEquals(Map.of(), sweep.sweep(), "no letter settled");
        Optional<ReceivedShot> fresh = queue.receive(1, 60);
        assertEquals(job + ":2", fresh.map(m -> m.task().jobId() + ":" + m.task().shot()).orElse("none"),
                "the queued shot sent again despite the failing dead-letter queue");
    }

    private static void drain(ShotQueue queue) {
        for (Optional<ReceivedShot> m = queue.receive(1, 60); m.isPresent(); m = queue.receive(1, 60)) {
            queue.delete(m.get());
        }
    }
}
