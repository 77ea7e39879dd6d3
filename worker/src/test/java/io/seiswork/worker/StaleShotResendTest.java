package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.testing.LocalCloud;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * Shots whose messages SQS would drop (14 days after they were sent, with no dead letter) are
 * sent again by the workers' sweep, against the emulators, the 12 days shortened to 5 s: the
 * messages are taken out of the queue as SQS's expiry takes them.
 *
 * <p>The age is passed on the re-send's clock, not waited out: the table records its times on
 * the real clock, so the test marks real instants between its writes ({@link #mark}) and sets the
 * re-send's clock to one age past a mark, which makes what was written before the mark stale and
 * what was written after it young, whatever a stall did to the real time in between.
 */
class StaleShotResendTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final Duration AGE = Duration.ofSeconds(5);

    private final String name = LocalCloud.uniqueName("stale");
    private JobTable table;
    private ShotQueue queue;

    @BeforeEach
    void tableAndQueueOfTheirOwn() {
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
    }

    private JobId submitted(int shots) {
        JobId id = new JobId(LocalCloud.uniqueName("job"));
        table.createJob(id, "stale", "rtm", ObjectKeys.spec(id), shots, 0);
        queue.send(id, java.util.stream.IntStream.rangeClosed(1, shots).boxed().toList());
        return id;
    }

    /** Takes every message out of the shot queue, as SQS's retention does, and returns them as "job:shot:run". */
    private List<String> drained() {
        List<String> taken = new ArrayList<>();
        // No long poll: ElasticMQ answers a receive with what is visible, and these were sent before it.
        for (Optional<ReceivedShot> m = queue.receive(0, 60); m.isPresent(); m = queue.receive(0, 60)) {
            taken.add(m.get().task().jobId() + ":" + m.get().task().shot() + ":" + m.get().run());
            queue.delete(m.get());
        }
        taken.sort(null);
        return taken;
    }

    /** A worker's re-send whose clock stands at {@code clock}, claiming as {@code worker}, looking at most hourly. */
    private StaleShotResend stale(String worker, Clock clock) {
        return new StaleShotResend(queue, table, clock, AGE, Duration.ofHours(1), worker);
    }

    /**
     * The real time now, to the millisecond the table records, once what came before it is
     * written; returns a little later, so that what is written after the mark is recorded at least
     * 2 ms after it: a clock at {@link #oneAgeAfter} the mark then finds the one stale and the
     * other not, to the table's millisecond.
     */
    private static Instant mark() throws InterruptedException {
        Instant m = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        while (!Instant.now().isAfter(m.plusMillis(2))) {
            Thread.sleep(1);
        }
        return m;
    }

    /** Just past the age after {@code mark}: what was recorded at or before it is stale, what after it is not. */
    private static Instant oneAgeAfter(Instant mark) {
        return mark.plus(AGE).plusMillis(1);
    }

    private DeadLetterSweep sweep(StaleShotResend stale) {
        return new DeadLetterSweep(queue.deadLetters().orElseThrow(), queue, table, new ShotMetrics(new PrintStream(OutputStream.nullOutputStream()),
                Clock.systemUTC(), "sweeper"), Clock.systemUTC(), Duration.ofMinutes(15), stale);
    }

    @Test
    void aShotQueuedPastTheAgeGetsAFreshMessageOnceAndOthersNone() throws Exception {
        JobId old = submitted(3);
        // Shot 1 runs, shot 2 is done: only shot 3 still waits on its message.
        table.startShot(old, 1, "w1", 1, "m1");
        table.startShot(old, 2, "w2", 1, "m2");
        table.completeShot(old, 2, 1.0, 1.0);
        JobId cancelled = submitted(2);
        table.cancel(cancelled);
        assertEquals(5, drained().size(), "the messages SQS would drop");
        Instant submittedBy = mark();
        // Submitted after the mark (its messages not sent: the sweep reads only the table): younger than the age.
        JobId young = new JobId(LocalCloud.uniqueName("job"));
        table.createJob(young, "stale", "rtm", ObjectKeys.spec(young), 2, 0);

        MovableClock clock = new MovableClock(oneAgeAfter(submittedBy));
        StaleShotResend stale = stale("sweeper", clock);
        sweep(stale).sweep();
        // Its fresh message's time is recorded: looked at again at once, nothing is old enough.
        assertEquals(0, stale("w", clock).resend());
        assertEquals(List.of(old + ":3:0"), drained(), "the queued shot of the running job, of its run, alone");
        assertEquals(ShotState.QUEUED, table.shot(old, 3).orElseThrow().state());
        // Past the age again: the sweep looked less than an hour ago and does not look yet; a look does.
        clock.set(oneAgeAfter(clock.instant()));
        sweep(stale).sweep();
        assertTrue(drained().isEmpty(), "at most one look an hour");
        assertEquals(2 + 1, stale("w", clock).resend());
        assertEquals(List.of(old + ":3:0", young + ":1:0", young + ":2:0"), drained());
    }

    @Test
    void aResumedJobsShotsAreSentAgainWithItsRunAndAHandedBackShotCountsFromItsHandBack() throws Exception {
        JobId id = submitted(2);
        table.cancel(id);
        drained();
        Instant submittedBy = mark();
        // Resume: the shots queued again (their send time now), the job reopened, run 1.
        table.requeueShot(id, 1, false);
        table.requeueShot(id, 2, false);
        int run = table.reopen(id, false).orElseThrow();
        assertEquals(0, at(oneAgeAfter(submittedBy)).resend(),
                "sent at the resume, not at the submission");
        Instant resumedBy = mark();
        // Shot 1 taken and handed back (a spot interruption): its fresh message, sent and
        // recorded as the worker's hand-back does, is younger than the resume's. Shot 2's
        // hand-back could not be sent: the held message, released, is still its only one, as old.
        table.startShot(id, 1, "w", 1, "m");
        table.releaseShot(id, 1);
        assertTrue(table.shotResends().recordSent(id, 1, Instant.now()));
        table.startShot(id, 2, "w", 1, "m2");
        table.releaseShot(id, 2);
        assertEquals(1, at(oneAgeAfter(resumedBy)).resend());
        assertEquals(List.of(id + ":2:" + run), drained());
    }

    /**
     * Two workers whose sweeps look at the same moment: one claims the job and sends its stale
     * shots, the other sends none of them, so each shot gets one fresh message (counted on the
     * queue). Without the claim both read the same stale shots before either records, and send
     * them all twice.
     */
    @Test
    void twoWorkersLookingAtOnceSendEachStaleShotOnce() throws Exception {
        int shots = 120;
        JobId id = submitted(shots);
        assertEquals(shots, drained().size(), "the messages SQS would drop");
        Clock later = Clock.fixed(oneAgeAfter(mark()), java.time.ZoneOffset.UTC);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> looks = new ArrayList<>();
            for (String worker : List.of("w1", "w2")) {
                StaleShotResend resend = stale(worker, later);
                looks.add(() -> {
                    together.await();
                    return resend.resend();
                });
            }
            int sent = 0;
            for (Future<Integer> look : workers.invokeAll(looks)) {
                sent += look.get();
            }
            assertEquals(shots, sent, "the two looks together");
        } finally {
            workers.shutdownNow();
        }
        List<String> messages = drained();
        assertEquals(shots, messages.size(), "one fresh message a shot: " + messages.size());
        assertEquals(shots, new HashSet<>(messages).size());
        assertTrue(table.shotResends().claimShotResend(id, "w3", Instant.now(), Duration.ofHours(1)),
                "the claimant let go of its claim");
    }

    /**
     * The age is cut to the millisecond, as the table's times are: a shot sent in the cut's own
     * millisecond is not stale yet (before, it was listed and sent, its record then refused, and
     * the next look sent it again); a millisecond later it is, sent once and recorded.
     */
    @Test
    void aShotSentInTheCutsMillisecondIsNotSentUntilItIsStale() {
        JobId id = submitted(1);
        drained();
        Instant sent = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertTrue(table.shotResends().recordSent(id, 1, sent));
        Instant halfAMillisecondOn = sent.plus(AGE).plusNanos(500_000);
        assertEquals(0, at(halfAMillisecondOn).resend(), "sent in the cut's millisecond: not stale");
        assertTrue(drained().isEmpty());
        StaleShotResend later = at(sent.plus(AGE).plusMillis(1));
        assertEquals(1, later.resend());
        assertEquals(0, later.resend(), "recorded: not sent again");
        assertEquals(List.of(id + ":1:0"), drained());
    }

    /** A worker's re-send whose clock stands at {@code now}. */
    private StaleShotResend at(Instant now) {
        return new StaleShotResend(queue, table, Clock.fixed(now, java.time.ZoneOffset.UTC), AGE, Duration.ofHours(1), "w");
    }

    /** A worker lost under its claim holds the job until the claim expires; then the next look sends. */
    @Test
    void aJobClaimedByALostWorkerWaitsForTheClaimToExpire() throws Exception {
        JobId id = submitted(2);
        drained();
        // The claims are made at the re-send's time: the claim's expiry is a time the table compares, not a wait.
        Instant stale = oneAgeAfter(mark());
        Duration hold = Duration.ofSeconds(3);
        assertTrue(table.shotResends().claimShotResend(id, "lost", stale, hold));
        assertFalse(table.shotResends().claimShotResend(id, "other", stale, Duration.ofHours(1)), "a live claim is refused");
        assertEquals(0, at(stale.plus(hold).minusMillis(1)).resend());
        assertTrue(drained().isEmpty(), "nothing sent under another's claim");
        Instant expired = stale.plus(hold).plusMillis(1);
        assertEquals(2, at(expired).resend());
        assertEquals(List.of(id + ":1:0", id + ":2:0"), drained());
        assertFalse(table.shotResends().releaseShotResendClaim(id, "lost"), "the lost worker's claim was taken over");
        assertTrue(table.shotResends().claimShotResend(id, "next", expired, Duration.ofHours(1)), "w let go of its claim");
    }

    /**
     * The look reads the thin index: each job's keys, created, status (and resumes, the claim's
     * expiry when set), never the job item's counts or {@code doneShots}.
     */
    @Test
    void theLookReadsOnlyTheThinIndexOfJobs() {
        JobId id = submitted(2);
        table.startShot(id, 1, "w1", 1, "m1");
        table.completeShot(id, 1, 1.0, 1.0);
        var index = CLOUD.dynamoDb().describeTable(r -> r.tableName(name)).table().globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(JobTable.RESEND_INDEX)).findFirst().orElseThrow();
        assertEquals(ProjectionType.INCLUDE, index.projection().projectionType());
        assertEquals(Set.of("status", "resumes", "resendClaimUntil"), Set.copyOf(index.projection().nonKeyAttributes()));
        var items = CLOUD.dynamoDb().query(r -> r.tableName(name).indexName(JobTable.RESEND_INDEX)
                .keyConditionExpression("jobs = :jobs").expressionAttributeValues(Map.of(":jobs", AttributeValue.fromS("JOB"))))
                .items();
        assertEquals(1, items.size());
        assertEquals(Set.of("pk", "sk", "jobs", "created", "status"), items.get(0).keySet());
        // DynamoDB bills an item by its names' and values' bytes: what docs/cloud.md gives a look per job.
        int bytes = items.get(0).entrySet().stream()
                .mapToInt(e -> e.getKey().length() + (e.getValue().s() != null ? e.getValue().s() : e.getValue().n()).length()).sum();
        assertTrue(bytes <= 165, "an index item of " + bytes + " bytes");
        assertTrue(table.job(id).orElseThrow().done() == 1, "the job item holds the count the index leaves out");
    }
}
