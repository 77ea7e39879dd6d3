package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.worker.DeadLetterSweep.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The dead-letter sweep against the emulators over HTTP: what each kind of letter means, read
 * from the job table, and the fleet case it exists for, a shot whose workers all died, which
 * without it kept its job RUNNING for ever.
 */
class DeadLetterSweepTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private ArtifactStore store;
    private JobTable table;
    private ShotQueue queue;
    private ShotQueue deadLetters;
    private Dispatcher dispatcher;
    private String name;
    private S3Client dyingS3;
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final ShotMetrics metrics = new ShotMetrics(new PrintStream(metricLines, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), "sweeper");

    @BeforeEach
    void stack() {
        name = LocalCloud.uniqueName("letters");
        store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        deadLetters = queue.deadLetters().orElseThrow(() -> new AssertionError("no dead-letter queue"));
        dispatcher = new Dispatcher(store, table, queue);
    }

    /** A sweep whose clock reads {@code ahead} past now: workers last heard now are silent that long. */
    private DeadLetterSweep sweepAhead(Duration ahead) {
        return new DeadLetterSweep(deadLetters, queue, table, metrics,
                Clock.fixed(Instant.now().plus(ahead), ZoneOffset.UTC), JobView.LOST_AFTER);
    }

    private ReceivedShot letter(JobId job, int shot, int run) {
        deadLetters.send(job, List.of(shot), run);
        return deadLetters.receive(2, 60).orElseThrow(() -> new AssertionError("no letter"));
    }

    private JobId job(int shots, int maxFailed) {
        JobId id = new JobId(LocalCloud.uniqueName("job"));
        table.createJob(id, "letters", "rtm", ObjectKeys.spec(id), shots, maxFailed);
        return id;
    }

    private long metric(String metric) {
        return metricLines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"" + metric + "\":1")).count();
    }

    private int lettersLeft() {
        return deadLetters.backlog().waiting() + deadLetters.backlog().running();
    }

    @Test
    void aShotSilentOnItsLastDeliveryIsCountedFailedAndTheJobRunsOnWithinItsLimit() {
        JobId job = job(3, 1);
        ReceivedShot letter = letter(job, 2, 0);
        table.startShot(job, 2, "dead", 3, letter.messageId());

        // Its worker was heard just now: the letter waits.
        assertEquals(Outcome.POSTPONED, sweepAhead(Duration.ZERO).handle(letter));
        assertEquals(ShotState.RUNNING, table.shot(job, 2).orElseThrow().state());
        assertEquals(1, deadLetters.backlog().running(), "postponed: hidden, not removed");

        // Fifteen minutes of silence later it is lost, counted failed, and the job goes on.
        assertEquals(Outcome.LOST, sweepAhead(JobView.LOST_AFTER.plusMinutes(1)).handle(letter));
        var shot = table.shot(job, 2).orElseThrow();
        assertEquals(ShotState.FAILED, shot.state());
        assertTrue(shot.error().startsWith("no result after 3 deliveries: the last worker, dead, fell silent at "),
                shot.error());
        JobRecord after = table.job(job).orElseThrow();
        assertEquals(JobStatus.RUNNING, after.status(), "one failed shot is within the job's limit of 1");
        assertEquals(List.of(2), after.failedShots());
        assertEquals(0, lettersLeft());
        assertEquals(1, metric(ShotMetrics.LOST));
    }

    @Test
    void aWorkerThatSpeaksAgainKeepsItsShot() {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        table.startShot(job, 1, "slow", 3, letter.messageId());
        backdate(job, "SHOT#1", "beat", JobView.LOST_AFTER.plusMinutes(1));
        Instant silentSince = table.shot(job, 1).orElseThrow().beat();
        // Silent for sixteen minutes, then it reports: the sweep reads it alive and waits.
        table.reportProgress(job, 1, 0.5);
        assertEquals(Outcome.POSTPONED, sweepAhead(Duration.ZERO).handle(letter));
        // A sweep that read it silent before the report cannot write it lost after.
        assertTrue(!table.failLostShot(job, 1, "slow", silentSince, "lost", 0));
        assertEquals(ShotState.RUNNING, table.shot(job, 1).orElseThrow().state());
        assertEquals(JobStatus.RUNNING, table.job(job).orElseThrow().status());
        assertEquals(1, deadLetters.backlog().running(), "hidden until it could be silent for 15 minutes");
    }

    @Test
    void lettersOfSettledShotsAndEndedJobsAndEarlierRunsAreRemoved() {
        JobId failed = job(2, 1);
        table.startShot(failed, 1, "w", 3);
        table.failShot(failed, 1, "w", "boom", true);
        assertEquals(Outcome.SETTLED, sweepAhead(Duration.ZERO).handle(letter(failed, 1, 0)));
        assertEquals(ShotState.FAILED, table.shot(failed, 1).orElseThrow().state());
        assertEquals(1, table.job(failed).orElseThrow().failed(), "counted once, not again");

        JobId cancelled = job(1, 0);
        table.cancel(cancelled);
        assertEquals(Outcome.DROPPED, sweepAhead(Duration.ZERO).handle(letter(cancelled, 1, 0)));
        assertEquals(Outcome.DROPPED, sweepAhead(Duration.ZERO).handle(letter(new JobId("no-such-job"), 1, 0)));

        // A letter from before a resume: the resume sent the shot a message of its own.
        JobId resumed = job(1, 0);
        table.cancel(resumed);
        table.reopen(resumed, false);
        ReceivedShot stale = letter(resumed, 1, 0);
        table.startShot(resumed, 1, "gone", 3, stale.messageId());
        assertEquals(Outcome.DROPPED, sweepAhead(JobView.LOST_AFTER.plusMinutes(1)).handle(stale));
        assertEquals(ShotState.RUNNING, table.shot(resumed, 1).orElseThrow().state(), "the run-1 attempt is not touched");
        assertEquals(0, lettersLeft());
        assertEquals(0, metric(ShotMetrics.LOST));
    }

    /**
     * A shot FAILED whose worker died before counting it: without a count the job would wait for
     * ever, so the sweep counts it (and only once).
     */
    @Test
    void aFailedShotThatWasNeverCountedIsCountedByTheSweep() {
        JobId job = job(2, 0);
        table.startShot(job, 1, "w", 3);
        CLOUD.dynamoDb().updateItem(r -> r.tableName(name)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + job.value()), "sk", AttributeValue.fromS("SHOT#1")))
                .updateExpression("SET #st = :failed, #e = :e").expressionAttributeNames(Map.of("#st", "state", "#e", "error"))
                .expressionAttributeValues(Map.of(":failed", AttributeValue.fromS("FAILED"), ":e", AttributeValue.fromS("boom"))));
        assertEquals(0, table.job(job).orElseThrow().failed());
        assertEquals(Outcome.SETTLED, sweepAhead(Duration.ZERO).handle(letter(job, 1, 0)));
        JobRecord after = table.job(job).orElseThrow();
        assertEquals(1, after.failed());
        assertEquals(JobStatus.FAILED, after.status(), "limit 0: the job stops");
        assertEquals("shot 1 failed 3 times: boom", after.error());
        // A failure of an earlier run is not counted in this one.
        JobId resumed = job(2, 1);
        table.cancel(resumed);
        table.reopen(resumed, false);
        table.countFailedShot(resumed, 1, 0, "stale");
        assertEquals(0, table.job(resumed).orElseThrow().failed());
        table.countFailedShot(resumed, 1, 1, "current");
        assertEquals(List.of(1), table.job(resumed).orElseThrow().failedShots());
    }

    @Test
    void shotsStillToRunOrStackGetAFreshMessageOfTheSameRun() {
        // QUEUED: its hand-back failed and the released message ran out of deliveries.
        JobId queued = job(2, 0);
        table.cancel(queued);
        table.reopen(queued, false);
        assertEquals(Outcome.REQUEUED, sweepAhead(Duration.ZERO).handle(letter(queued, 2, 1)));
        ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("no fresh message"));
        assertEquals(2, fresh.task().shot());
        assertEquals(1, fresh.run(), "the same run, so workers do not drop it as stale");
        assertEquals(1, fresh.receiveCount(), "three deliveries again");
        queue.delete(fresh);

        // Every shot counted, and the worker that counted the last died before stacking began.
        JobId counted = job(1, 0);
        table.startShot(counted, 1, "w", 3);
        table.completeShot(counted, 1, 1.0, 1.0);
        assertEquals(Outcome.REQUEUED, sweepAhead(Duration.ZERO).handle(letter(counted, 1, 0)));
        queue.delete(queue.receive(2, 60).orElseThrow());

        // Silent on a delivery of another message (a hand-back's duplicate, or its second
        // delivery failing before the shot item was written): that message may never come back.
        JobId other = job(1, 0);
        table.startShot(other, 1, "first", 1, "another-message");
        assertEquals(Outcome.REQUEUED, sweepAhead(JobView.LOST_AFTER.plusMinutes(1)).handle(letter(other, 1, 0)));
        assertEquals(ShotState.RUNNING, table.shot(other, 1).orElseThrow().state(), "not counted failed");
        assertEquals(1, queue.receive(2, 60).orElseThrow().task().shot());
        assertEquals(0, lettersLeft());
        assertEquals(0, metric(ShotMetrics.LOST));
    }

    /**
     * The fleet case: a shot whose three workers all died (here: three deliveries started and
     * abandoned, their last report 16 minutes old). A real worker's poll moves the message to the
     * dead-letter queue, its sweep counts the shot failed and the job ends; a resume then stacks,
     * byte for byte, the image of the same job run without a death.
     */
    @Test
    void aShotWhoseWorkersAllDiedEndsItsJobAndAResumeGivesTheUninterruptedImage() throws Exception {
        byte[] uninterrupted = uninterruptedImage();
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        for (int delivery = 1; delivery <= 3; delivery++) {
            ReceivedShot m = queue.receive(5, 1).orElseThrow(() -> new AssertionError("the message did not come back"));
            assertEquals(delivery, m.receiveCount());
            assertTrue(table.startShot(job, 1, "dead-" + delivery, m.receiveCount(), m.messageId()));
        }
        backdate(job, "SHOT#1", "beat", JobView.LOST_AFTER.plusMinutes(1));
        awaitVisibleAgain(queue);  // the third delivery's visibility runs out

        ShotWorker w = new ShotWorker(store, table, queue, settings("w"), metrics).stopWhenEnded(job);
        w.run();
        assertEquals(0, w.shotsRun(), "the message went to the dead-letter queue instead of a fourth delivery");
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status(), "no longer RUNNING for ever");
        assertTrue(failed.error().startsWith("shot 1 failed 3 times: no result after 3 deliveries: the last worker, "
                + "dead-3, fell silent at "), failed.error());
        assertEquals(1, metric(ShotMetrics.LOST));
        assertEquals(0, lettersLeft());

        assertEquals(List.of(1), dispatcher.resume(job).queued());
        new ShotWorker(store, table, queue, settings("w2"), metrics).stopWhenEnded(job).run();
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        assertArrayEquals(uninterrupted, store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20));
    }

    /**
     * A job whose stacking workers all died: stacking begun, its last report 16 minutes old, the
     * message dead-lettered. The first time in the job's run the sweep sends the stack again,
     * recorded by a conditional write that a second sweep of the same state cannot repeat; the
     * second time it fails the job, naming the stack; a resume gives the run its resend back.
     */
    @Test
    void aLostStackIsSentAgainOnceAndFailsTheJobTheSecondTime() {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        table.startShot(job, 1, "dead", 3, letter.messageId());
        table.completeShot(job, 1, 1.0, 1.0);
        assertTrue(table.stacking().startStacking(job, letter.messageId()));
        assertEquals(Outcome.POSTPONED, sweepAhead(Duration.ZERO).handle(letter), "stacking, and heard just now");
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));

        // A letter of another message of the job (a duplicate) does not count as the stack's loss: it is sent again.
        ReceivedShot duplicate = letter(job, 1, 0);
        assertEquals(Outcome.REQUEUED, sweepAhead(Duration.ZERO).handle(duplicate));
        assertEquals(JobStatus.STACKING, table.job(job).orElseThrow().status());
        queue.delete(queue.receive(2, 60).orElseThrow());

        JobRecord silent = table.job(job).orElseThrow();
        assertEquals(Outcome.STACK_RESENT, sweepAhead(Duration.ZERO).handle(letter));
        ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("no fresh message"));
        assertEquals(1, fresh.task().shot());
        assertEquals(1, fresh.receiveCount(), "three deliveries again");
        JobRecord resent = table.job(job).orElseThrow();
        assertEquals(JobStatus.STACKING, resent.status());
        assertEquals(1, resent.stackResends());
        assertEquals(fresh.messageId(), resent.stackMessage(), "the fresh message is the stack's now");
        assertTrue(resent.stackBeat().isAfter(silent.stackBeat()), "heard of now: a duplicate finds it alive");
        assertTrue(table.stacking().claimStackResend(job, silent.stackBeat(), silent.stackMessage()).isEmpty(),
                "a second sweep of the state the first read changes nothing");
        assertEquals(fresh.messageId(), table.job(job).orElseThrow().stackMessage());
        assertEquals(0, metric(ShotMetrics.LOST), "not lost: sent again");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT), "the first loss counted as a resend");

        // The fresh message's workers die too (each took the stack over): the second loss fails the job.
        // (each taking it over once its holder had been silent: a live stack is never taken, StackingRecords.takeStack)
        backdate(job, "META", "stackBeat", Duration.ofMinutes(3));
        assertTrue(table.stacking().takeStack(job, fresh.messageId(), java.time.Instant.now().minusSeconds(120)));
        queue.delete(fresh);
        ReceivedShot second = letter(job, 1, 0);
        backdate(job, "META", "stackBeat", Duration.ofMinutes(3));
        assertTrue(table.stacking().takeStack(job, second.messageId(), java.time.Instant.now().minusSeconds(120)));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        assertEquals(Outcome.STACK_LOST, sweepAhead(Duration.ZERO).handle(second));
        assertEquals(0, lettersLeft());
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("stacking stopped: its worker fell silent on the last delivery of its message "
                + "twice, the stack sent again once in between (last heard at "), failed.error());
        assertTrue(failed.error().endsWith("0 of 1 shots stacked); 'seiswork resume " + job + "' stacks it again"),
                failed.error());
        assertEquals(1, metric(ShotMetrics.LOST));
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT), "the second loss is not a resend");
        assertTrue(table.reopen(job, true).isPresent());
        assertEquals(0, table.job(job).orElseThrow().stackResends(), "a resumed run may send its stack again once");
    }

    /** A job of one shot, counted, stacking from {@code letter}'s message, its stacker silent for over {@code lostAfter}. */
    private JobId silentStack(ReceivedShot letter, JobId job) {
        table.startShot(job, 1, "dead", 3, letter.messageId());
        table.completeShot(job, 1, 1.0, 1.0);
        assertTrue(table.stacking().startStacking(job, letter.messageId()));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        return job;
    }

    /** Handles {@code letter} in a sweep whose SQS calls {@code dies} sees, its instance lost there ({@link SweepDied}). */
    private void sweepLostIn(ReceivedShot letter, ExecutionInterceptor dies) {
        try (SqsClient dying = CLOUD.sqsSeenBy(dies)) {
            DeadLetterSweep sweep = new DeadLetterSweep(deadLetters, ShotQueue.open(dying, name), table, metrics,
                    Clock.systemUTC(), JobView.LOST_AFTER);
            assertThrows(SweepDied.class, () -> sweep.handle(letter));
        }
    }

    /**
     * Whether a worker receiving {@code message} now would take the job's stack over, as
     * {@code ShotWorker.stackIfOrphaned} decides ({@link StackingRecords#takeStack}): unless a stacker
     * with a message, this one or another, spoke within two minutes.
     */
    private boolean wouldTake(JobId job, ReceivedShot message) {
        JobRecord j = table.job(job).orElseThrow();
        return j.status() == JobStatus.STACKING && !(j.stackMessage() != null
                && j.stackBeat() != null && j.stackBeat().isAfter(Instant.now().minus(Duration.ofMinutes(2))));
    }

    /**
     * Three deliveries of {@code fresh} (the first held already), each taken by a worker that
     * takes the stack over and dies; the fourth receive dead-letters it, its id kept. Returns the
     * letter.
     */
    private ReceivedShot dieOnEveryDelivery(JobId job, ReceivedShot fresh) throws Exception {
        ReceivedShot m = fresh;
        for (int n = 1; ; n++) {
            assertEquals(n, m.receiveCount());
            backdate(job, "META", "stackBeat", Duration.ofMinutes(3));  // the previous holder died: its beat went stale
            assertTrue(wouldTake(job, m), "delivery " + n + " takes the stack over");
            assertTrue(table.stacking().takeStack(job, m.messageId(), java.time.Instant.now().minusSeconds(120)));
            queue.release(m);  // its worker died: the message comes back
            if (n == 3) {
                break;
            }
            m = queue.receive(2, 60).orElseThrow(() -> new AssertionError("the fresh message did not come back"));
        }
        assertTrue(queue.receive(1, 60).isEmpty(), "a fourth receive dead-letters it");
        ReceivedShot letter = deadLetters.receive(5, 60).orElseThrow(() -> new AssertionError("no letter"));
        assertEquals(fresh.messageId(), letter.messageId(), "SQS keeps a message's id when it dead-letters it");
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        return letter;
    }

    /**
     * The race the resend's order must survive: the fresh message reaches a worker, which takes
     * the stack over, before the sweep has recorded it as the stack's. The run's one resend is
     * spent all the same, so when that stack's workers die on every delivery too, its letter
     * fails the job instead of sending the stack a second time (before the claim came first,
     * the record was refused, {@code stackResends} stayed 0, and every further loss was sent
     * again).
     */
    @Test
    void aFreshStackMessageTakenBeforeTheSweepRecordsItStillSpendsTheRunsOneResend() throws Exception {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        silentStack(letter, job);
        List<ReceivedShot> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SqsClient racing = CLOUD.sqsSeenBy(new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof SendMessageResponse sent) {
                    // A worker polling the queue gets the fresh message at once and takes the stack.
                    ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("not queued"));
                    assertEquals(sent.messageId(), fresh.messageId());
                    assertTrue(wouldTake(job, fresh), "the stack's lost stacker is silent: the fresh message takes it");
                    assertTrue(table.stacking().takeStack(job, fresh.messageId(), java.time.Instant.now().minusSeconds(120)));
                    taken.add(fresh);
                }
            }
        })) {
            DeadLetterSweep sweep = new DeadLetterSweep(deadLetters, ShotQueue.open(racing, name), table, metrics,
                    Clock.systemUTC(), JobView.LOST_AFTER);
            assertEquals(Outcome.STACK_RESENT, sweep.handle(letter));
        }
        assertEquals(1, taken.size(), "one fresh message");
        ReceivedShot fresh = taken.get(0);
        JobRecord resent = table.job(job).orElseThrow();
        assertEquals(JobStatus.STACKING, resent.status());
        assertEquals(1, resent.stackResends(), "the resend is spent though its worker took the stack first");
        assertEquals(fresh.messageId(), resent.stackMessage(), "the stack is the fresh message's");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT), "counted by the sweep that sent it, though a worker took it first");
        assertEquals(0, lettersLeft(), "the lost letter is removed");

        // That stack's workers die on all three deliveries: the second loss fails the job, nothing sent again.
        ReceivedShot second = dieOnEveryDelivery(job, fresh);
        assertEquals(Outcome.STACK_LOST, sweepAhead(Duration.ZERO).handle(second));
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("stacking stopped: its worker fell silent on the last delivery of its message "
                + "twice, the stack sent again once in between (last heard at "), failed.error());
        assertEquals(1, metric(ShotMetrics.LOST));
        assertEquals(0, lettersLeft());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "no stack sent a second time");
    }

    /**
     * A sweep whose instance is lost between sending the fresh message and recording it, the
     * lost letter left in the dead-letter queue: the fresh message's worker takes the stack, and
     * the letter, back to a sweep, is removed rather than queued again, since the run's resend is
     * spent; the fresh stack's loss then fails the job. Before, the letter found nothing recorded
     * and sent the stack again, and so did the fresh message's letter.
     */
    @Test
    void aSweepLostBetweenSendingAndRecordingTheResendCannotSendItAgain() throws Exception {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        silentStack(letter, job);
        sweepLostIn(letter, new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof SendMessageResponse) {
                    throw new SweepDied();
                }
            }
        });
        JobRecord claimed = table.job(job).orElseThrow();
        assertEquals(1, claimed.stackResends(), "claimed before the send");
        assertEquals(null, claimed.stackMessage(), "whichever message comes takes the stack");
        ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("the fresh message was sent"));
        assertTrue(wouldTake(job, fresh));
        assertTrue(table.stacking().takeStack(job, fresh.messageId(), java.time.Instant.now().minusSeconds(120)));

        // The lost letter comes back while the fresh stack runs: left for later; once that stacker is silent, removed.
        assertEquals(Outcome.POSTPONED, sweepAhead(Duration.ZERO).handle(letter));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        assertEquals(Outcome.SETTLED, sweepAhead(Duration.ZERO).handle(letter), "not queued again: the resend is spent");
        assertEquals(0, lettersLeft());
        assertEquals(1, queue.backlog().running(), "the fresh message alone");

        ReceivedShot second = dieOnEveryDelivery(job, fresh);
        assertEquals(Outcome.STACK_LOST, sweepAhead(Duration.ZERO).handle(second));
        assertEquals(JobStatus.FAILED, table.job(job).orElseThrow().status());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "no stack sent a second time");
    }

    /**
     * A sweep lost after its claim and before its send: no message exists, and the letter, back
     * after its handling time, finds the resend claimed with no message. Within the claim's grace
     * (the claiming sweep may still be sending) it waits; after it, the stack is sent under the
     * same claim, still the run's one resend, so the fresh stack's loss fails the job. Before,
     * nothing was sent and the job failed 15 minutes after the claim.
     */
    @Test
    void aSweepLostBeforeItsSendIsSentByALaterSweepUnderTheSameClaim() throws Exception {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        silentStack(letter, job);
        sweepLostIn(letter, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageRequest) {
                    throw new SweepDied();
                }
            }
        });
        JobRecord claimed = table.job(job).orElseThrow();
        assertEquals(1, claimed.stackResends());
        assertEquals(null, claimed.stackMessage());
        assertEquals(0, queue.backlog().waiting(), "nothing sent");
        assertEquals(0, metric(ShotMetrics.STACKS_RESENT), "no resend made yet");

        assertEquals(Outcome.POSTPONED, sweepAhead(Duration.ZERO).handle(letter), "within the claim's grace");
        assertEquals(0, queue.backlog().waiting());
        assertEquals(Outcome.STACK_RESENT, sweepAhead(DeadLetterSweep.CLAIM_GRACE.plusSeconds(10)).handle(letter));
        ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("the stack was not sent"));
        JobRecord resent = table.job(job).orElseThrow();
        assertEquals(JobStatus.STACKING, resent.status(), "not failed");
        assertEquals(fresh.messageId(), resent.stackMessage(), "recorded as the stack's message");
        assertEquals(1, resent.stackResends(), "still the run's one resend");
        assertTrue(resent.stackBeat().isAfter(claimed.stackBeat()), "the claim renewed");
        assertTrue(table.stacking().renewStackResendClaim(job, claimed.stackBeat()).isEmpty(), "a second sweep cannot renew it again");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT));
        assertEquals(0, lettersLeft());

        // That stack's workers die on all three deliveries: the resend is spent, the job fails, nothing sent again.
        ReceivedShot second = dieOnEveryDelivery(job, fresh);
        assertEquals(Outcome.STACK_LOST, sweepAhead(Duration.ZERO).handle(second));
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("stacking stopped: its worker fell silent on the last delivery of its message "
                + "twice, the stack sent again once in between (last heard at "), failed.error());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "no stack sent a second time");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT));
    }

    /**
     * The fleet case of a sweep lost before its send: a real worker, whose own sweep finds the
     * lost claim past its grace, sends the stack under it and stacks the job to the image of an
     * uninterrupted run, byte for byte.
     */
    @Test
    void aStackWhoseResendWasLostBeforeItsSendIsStackedByALaterWorker() throws Exception {
        byte[] uninterrupted = uninterruptedImage();
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        ReceivedShot letter = deadLetteredStack(job, 1);
        JobRecord silent = table.job(job).orElseThrow();
        assertTrue(table.stacking().claimStackResend(job, silent.stackBeat(), silent.stackMessage()).isPresent(),
                "the claim of a sweep whose instance is lost at once");
        backdate(job, "META", "stackBeat", DeadLetterSweep.CLAIM_GRACE.plusSeconds(10));
        awaitVisibleAgain(deadLetters);  // the letter's handling time runs out

        ShotWorker w = new ShotWorker(store, table, queue, settings("w"), metrics).stopWhenEnded(job);
        w.run();
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), String.valueOf(done.error()));
        assertEquals(1, done.stackResends());
        assertTrue(!letter.messageId().equals(done.stackMessage()), "stacked from the message sent under the claim");
        assertArrayEquals(uninterrupted, store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20));
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT));
        assertEquals(0, metric(ShotMetrics.LOST));
        assertEquals(0, lettersLeft());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running());
    }

    /**
     * A sweep stalled between its send and its record for longer than the claim's grace (a
     * DynamoDB call retried for minutes, a paused JVM), its message waiting in the queue's
     * backlog: the letter, back to another sweep, finds the claim with no message, renews it and
     * sends the stack a second time, and records first. No sweep can know that the first
     * message exists; what matters is that the second one is harmless and the resend counted
     * once. The stalled sweep's record, late, is refused and counts nothing ({@code StacksResent}
     * 1; before, each of the two sweeps counted it). Both messages reach a real worker, which
     * stacks the job once, to the uninterrupted run's image, and drops the other.
     */
    @Test
    void aResendSentTwiceUnderOneClaimIsCountedOnceAndStackedOnce() throws Exception {
        byte[] uninterrupted = uninterruptedImage();
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        ReceivedShot letter = deadLetteredStack(job, 60);

        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        String[] renewing = new String[1];
        try (SqsClient stalling = CLOUD.sqsSeenBy(new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof SendMessageResponse first) {
                    sent.add(first.messageId());
                    // Stalled here past the claim's grace: the letter's handling time runs out, and another
                    // sweep, finding the claim with no message, sends the stack again and records it.
                    deadLetters.release(letter);
                    ReceivedShot back = deadLetters.receive(5, 60).orElseThrow(() -> new AssertionError("no letter back"));
                    assertEquals(Outcome.STACK_RESENT, sweepAhead(DeadLetterSweep.CLAIM_GRACE.plusSeconds(10)).handle(back));
                    renewing[0] = table.job(job).orElseThrow().stackMessage();
                }
            }
        })) {
            DeadLetterSweep stalled = new DeadLetterSweep(deadLetters, ShotQueue.open(stalling, name), table, metrics,
                    Clock.systemUTC(), JobView.LOST_AFTER);
            assertEquals(Outcome.STACK_RESENT, stalled.handle(letter));
        }
        assertEquals(1, sent.size(), "the stalled sweep sent one message");
        assertTrue(renewing[0] != null && !renewing[0].equals(sent.get(0)), "the renewing sweep sent and recorded another");
        JobRecord resent = table.job(job).orElseThrow();
        assertEquals(renewing[0], resent.stackMessage(), "the first record's message is the stack's");
        assertEquals(1, resent.stackResends(), "still the run's one resend");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT), "one resend, counted once");
        assertEquals(2, queue.backlog().waiting(), "two messages of the stack wait");
        assertEquals(0, lettersLeft());

        // Runs until the job has ended and the queue is empty: the duplicate must be dropped too.
        ShotWorker w = new ShotWorker(store, table, queue, settings("w"), metrics).stopWhen(() ->
                table.jobStatus(job).map(JobStatus::isFinal).orElse(false)
                        && queue.backlog().waiting() + queue.backlog().running() == 0);
        w.run();
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), String.valueOf(done.error()));
        assertEquals(0, w.shotsRun(), "the shot was not run again: only stacked");
        assertArrayEquals(uninterrupted, store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20));
        assertEquals(1, metricLines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"jobId\":\"" + job + "\"")
                && l.contains("\"" + ShotMetrics.JOBS_STACKED + "\":1")).count(), "stacked once");
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT));
        assertEquals(0, metric(ShotMetrics.LOST));
        assertEquals(0, lettersLeft());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "the duplicate dropped, not left");
    }

    /**
     * A resend whose message cannot be sent (SQS refuses it) undoes its claim: the stack's beat,
     * message and unspent resend are as read, and the letter, handled again, sends it.
     */
    @Test
    void aResendThatCannotBeSentIsUndoneAndMadeWhenTheLetterComesBack() {
        JobId job = job(1, 0);
        ReceivedShot letter = letter(job, 1, 0);
        silentStack(letter, job);
        JobRecord silent = table.job(job).orElseThrow();
        try (SqsClient refusing = CLOUD.sqsSeenBy(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageRequest) {
                    throw SdkClientException.create("the queue is out of reach");
                }
            }
        })) {
            DeadLetterSweep sweep = new DeadLetterSweep(deadLetters, ShotQueue.open(refusing, name), table, metrics,
                    Clock.systemUTC(), JobView.LOST_AFTER);
            assertThrows(SdkClientException.class, () -> sweep.handle(letter));
        }
        JobRecord undone = table.job(job).orElseThrow();
        assertEquals(0, undone.stackResends(), "the run keeps its resend");
        assertEquals(silent.stackBeat(), undone.stackBeat());
        assertEquals(letter.messageId(), undone.stackMessage());
        assertEquals(Outcome.STACK_RESENT, sweepAhead(Duration.ZERO).handle(letter));
        ReceivedShot fresh = queue.receive(2, 60).orElseThrow(() -> new AssertionError("no fresh message"));
        assertEquals(fresh.messageId(), table.job(job).orElseThrow().stackMessage());
        assertEquals(1, table.job(job).orElseThrow().stackResends());
    }

    /** What ends a sweeping worker whose instance is lost: no catch takes it. */
    private static final class SweepDied extends Error {
        private static final long serialVersionUID = 1L;

        SweepDied() {
            super("the instance was lost", null, false, false);
        }
    }

    /**
     * The fleet case of a stack lost once: three real workers each run the job's last delivery up
     * to storing its outputs, where each dies (its instance lost: nothing more is written). A real
     * worker's poll dead-letters the message, its sweep sends the stack again, and it stacks the
     * job to the image of an uninterrupted run, byte for byte.
     */
    @Test
    void aStackLostOnceIsSentAgainAndGivesTheUninterruptedImage() throws Exception {
        byte[] uninterrupted = uninterruptedImage();
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        String lost = loseStack(job, () -> queue.receive(5, 1));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        awaitVisibleAgain(queue);  // the third delivery's visibility runs out

        ShotWorker w = new ShotWorker(store, table, queue, settings("w"), metrics).stopWhenEnded(job);
        w.run();
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), String.valueOf(done.error()));
        assertEquals(1, done.stackResends());
        assertTrue(!lost.equals(done.stackMessage()), "stacked from the fresh message");
        assertEquals(0, w.shotsRun(), "the shot was not run again: only stacked");
        assertArrayEquals(uninterrupted, store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20));
        assertEquals(0, metric(ShotMetrics.LOST));
        assertEquals(1, metric(ShotMetrics.STACKS_RESENT));
        assertEquals(0, lettersLeft());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running());
    }

    /**
     * The fleet case of a stack lost twice: after the first loss is sent again, the fresh
     * message's three workers die the same way; a real worker's sweep fails the job with the
     * stack named, no output stored; a resume then stacks the uninterrupted image.
     */
    @Test
    void aStackLostTwiceFailsTheJobAndAResumeStacksIt() throws Exception {
        byte[] uninterrupted = uninterruptedImage();
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        ReceivedShot letter = deadLetteredStack(job, 60);
        assertEquals(Outcome.STACK_RESENT, sweepAhead(Duration.ZERO).handle(letter));

        loseStack(job, () -> queue.receive(5, 1));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        awaitVisibleAgain(queue);
        new ShotWorker(store, table, queue, settings("w"), metrics).stopWhenEnded(job).run();
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("stacking stopped: its worker fell silent on the last delivery of its message "
                + "twice, the stack sent again once in between (last heard at "), failed.error());
        assertTrue(failed.error().endsWith("1 of 1 shots stacked); 'seiswork resume " + job + "' stacks it again"),
                failed.error());
        assertEquals(List.of(), store.objectsUnder("jobs/" + job + "/image/"), "no output stored");
        assertEquals(1, metric(ShotMetrics.LOST));
        assertEquals(0, lettersLeft());

        assertEquals(List.of(), dispatcher.resume(job).queued(), "its shot is done: only the stack runs again");
        new ShotWorker(store, table, queue, settings("w2"), metrics).stopWhenEnded(job).run();
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        assertArrayEquals(uninterrupted, store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20));
    }

    /**
     * The job's stack lost on all three deliveries ({@link #loseStack}), its stacker silent past
     * {@code lostAfter}, and its message moved to the dead-letter queue by a fourth receive:
     * returns the letter, received for the test and hidden {@code hiddenS} seconds.
     */
    private ReceivedShot deadLetteredStack(JobId job, int hiddenS) throws Exception {
        loseStack(job, () -> queue.receive(5, 1));
        backdate(job, "META", "stackBeat", JobView.LOST_AFTER.plusMinutes(1));
        awaitVisibleAgain(queue);  // the third delivery's visibility runs out
        assertTrue(queue.receive(0, 1).isEmpty(), "a fourth receive moves the message to the dead-letter queue");
        return deadLetters.receive(5, hiddenS).orElseThrow(() -> new AssertionError("no letter"));
    }

    /** A message the test receives for a worker, as SQS would deliver it. */
    @FunctionalInterface
    private interface Delivery {
        java.util.Optional<ReceivedShot> next();
    }

    /**
     * Three deliveries of the job's one message, each handled by a real worker whose instance is
     * lost as it stores the job's outputs ({@link WorkerDied}): the first runs and counts the
     * shot and begins the stack, the other two take the stack over; each dies with the message
     * held. Returns the message's id.
     */
    private String loseStack(JobId job, Delivery delivery) throws Exception {
        String id = null;
        for (int n = 1; n <= 3; n++) {
            ReceivedShot m = delivery.next().orElseThrow(() -> new AssertionError("the message did not come back"));
            assertEquals(n, m.receiveCount());
            if (n > 1) {
                backdate(job, "META", "stackBeat", Duration.ofMinutes(3));  // its dead stacker's beat went stale meanwhile
            }
            id = m.messageId();
            ShotWorker dying = new ShotWorker(dyingStore(), table, queue, settings("dies-" + n)
                    .withSweepEvery(Duration.ZERO), metrics);
            assertThrows(WorkerDied.class, () -> dying.handle(m));
            dying.stop();
            dying.run();  // stopped: lets go of its job's engine and folder, and returns
            JobRecord stacking = table.job(job).orElseThrow();
            assertEquals(JobStatus.STACKING, stacking.status(), "it died stacking");
            assertEquals(id, stacking.stackMessage());
        }
        return id;
    }

    /** What ends a worker whose instance is lost: nothing after it runs, no catch takes it. */
    private static final class WorkerDied extends Error {
        private static final long serialVersionUID = 1L;

        WorkerDied() {
            super("the instance was lost", null, false, false);
        }
    }

    /** The job bucket through a client that loses its worker's instance when it stores a job's outputs. */
    private ArtifactStore dyingStore() {
        if (dyingS3 == null) {
            dyingS3 = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                    .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                            if (context.request() instanceof PutObjectRequest put && put.key().contains("/image/")) {
                                throw new WorkerDied();
                            }
                        }
                    })).build();
        }
        return new ArtifactStore(dyingS3, name);
    }

    @AfterEach
    void closeDyingClient() {
        if (dyingS3 != null) {
            dyingS3.close();
        }
    }

    /** The image of the spec's job run by one worker without a stop. */
    private byte[] uninterruptedImage() throws Exception {
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "letters"), 1, TransferProgress.NONE).id();
        new ShotWorker(store, table, queue, settings("reference"), metrics).stopWhenEnded(job).run();
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        return store.getBytes(ObjectKeys.output(job, "image.sgy"), 64L << 20);
    }

    /**
     * A worker of polls of a second that sweeps every second. The test's workers stop when their
     * job ends ({@link ShotWorker#stopWhenEnded}); {@code maxIdle} only ends one whose job never
     * does, so that a broken sweep fails its assertions rather than hanging the build.
     */
    private WorkerSettings settings(String id) throws Exception {
        return WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                .withMaxIdle(Duration.ofSeconds(20)).withPollWait(Duration.ofSeconds(1))
                .withStatusPoll(Duration.ofMillis(200)).withSweepEvery(Duration.ofSeconds(1));
    }

    /**
     * Waits until {@code q}'s one held message is visible again. Its visibility (1 s here) runs
     * on the emulator's own clock, so this is the shortest real wait there is, read from the
     * queue's backlog rather than slept; receiving the message would count a delivery, so the
     * test only looks.
     */
    private static void awaitVisibleAgain(ShotQueue q) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (q.backlog().waiting() == 0) {
            assertTrue(System.nanoTime() < deadline, "the held message did not become visible again within 10 s");
            Thread.sleep(50);
        }
    }

    /**
     * Moves an item's time attribute into the past, as if its worker had been silent since: to
     * {@code ago} before now, to the millisecond as the table writes its times (an item of the older, finer form is rewritten to the millisecond when a claim is undone).
     */
    private void backdate(JobId job, String sk, String attribute, Duration ago) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(name)
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + job.value()), "sk", AttributeValue.fromS(sk)))
                .updateExpression("SET #a = :then").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":then", AttributeValue.fromS(
                        Instant.now().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()))));
    }
}
